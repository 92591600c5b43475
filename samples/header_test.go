package samples_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"baocao/render"
)

// longHeaders are header names of every kind a long name comes in: the issue's own, one of 150
// characters (the longest a value may be), names with commas, with conjunctions, with a typed
// line break, and short ones that stay on one line.
var longHeaders = []render.Header{
	{ParentOrg: "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", Org: "ĐẢNG BỘ TRƯỜNG CAO ĐẲNG NGHỀ CÔNG NGHỆ, NÔNG LÂM VÀ DU LỊCH ĐÀO TẠO"},
	{ParentOrg: "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", Org: "ĐẢNG BỘ TRUNG TÂM KIỂM SOÁT BỆNH TẬT, TRUNG TÂM Y TẾ HUYỆN VĂN CHẤN, BỆNH VIỆN ĐA KHOA KHU VỰC NGHĨA LỘ VÀ PHÒNG KHÁM ĐA KHOA XÃ SƠN THỊNH, XÃ CÁT THỊ"},
	{ParentOrg: "ĐẢNG BỘ CÔNG TY CỔ PHẦN MÔI TRƯỜNG VÀ DỊCH VỤ ĐÔ THỊ YÊN BÁI", Org: "CHI BỘ PHÒNG TỔ CHỨC, HÀNH CHÍNH, QUẢN TRỊ"},
	{ParentOrg: "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", Org: "CHI BỘ KHOA NỘI, KHOA NGOẠI, KHOA SẢN, KHOA NHI"},
	{ParentOrg: "", Org: "CHI BỘ BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG CÁC CÔNG TRÌNH DÂN DỤNG VÀ CÔNG NGHIỆP"},
	{ParentOrg: "ĐẢNG UỶ KHỐI", Org: "CHI BỘ TRƯỜNG CAO ĐẲNG NGHỀ YÊN BÁI"},
	{ParentOrg: "ĐẢNG BỘ TỈNH YÊN BÁI", Org: "CHI BỘ SỞ TÀI CHÍNH\nVÀ CÁC ĐƠN VỊ TRỰC THUỘC"},
	{ParentOrg: "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", Org: "ĐẢNG BỘ CƠ SỞ TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG"},
}

// headerDocument is a sample document with its header's names replaced.
func headerDocument(t testing.TB, h render.Header) *render.Document {
	doc := loadSample(t, "chi-bo-so-tai-chinh.yaml")
	doc.Header.ParentOrg, doc.Header.Org = h.ParentOrg, h.Org
	return doc
}

// headerColumn reads the lines of the header's left column above the star line.
func headerColumn(t *testing.T, page bboxPage) []textLine {
	t.Helper()
	var out []textLine
	for _, l := range lines(page.Words, 0, mm(render.MarginLeft+render.HeaderLeftWidth)) {
		if l.text() == render.StarLine {
			return out
		}
		out = append(out, l)
	}
	t.Fatal("no star line under the header's names")
	return nil
}

// TestHeaderNamesBreakAsDecided checks, in our PDF and in LibreOffice's rendering of the DOCX, that
// the header's names are printed on exactly the lines render.HeaderLines decides: each centred
// in the left column, one 16 pt row after the other, the PDF's and the DOCX's rows at the same
// height.
func TestHeaderNamesBreakAsDecided(t *testing.T) {
	needTool(t, "soffice")
	docs := map[string][]byte{}
	for i, h := range longHeaders {
		docs[fmt.Sprint("header-", i)] = renderDOCX(t, headerDocument(t, h))
	}
	fromDOCX := libreOffice(t, docs)
	centre := mm(render.MarginLeft + render.HeaderLeftWidth/2)
	for i, h := range longHeaders {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			parent, org, err := render.HeaderLines(h)
			if err != nil {
				t.Fatal(err)
			}
			want := append(slices.Clone(parent), org...)
			ours := headerColumn(t, readBBox(t, renderPDF(t, headerDocument(t, h)))[0])
			theirs := headerColumn(t, readBBox(t, fromDOCX[fmt.Sprint("header-", i)])[0])
			for producer, got := range map[string][]textLine{"PDF": ours, "DOCX": theirs} {
				var texts []string
				for _, l := range got {
					texts = append(texts, normalizeSpace(l.text()))
				}
				if !slices.Equal(texts, want) {
					t.Errorf("%s prints the names as\n %q\nwant\n %q", producer, texts, want)
					continue
				}
				for j, l := range got {
					if c := l.centre(); math.Abs(c-centre) > 1 {
						t.Errorf("%s: line %q centred at %.2f pt, the column at %.2f", producer, l.text(), c, centre)
					}
					if j > 0 {
						if d := l.yMax() - got[j-1].yMax(); math.Abs(d-render.LineHeader) > 0.5 {
							t.Errorf("%s: line %q is %.2f pt under the one before, want %.0f", producer, l.text(), d, render.LineHeader)
						}
					}
				}
			}
			if len(ours) == len(theirs) {
				for j := range ours {
					if d := ours[j].yMax() - theirs[j].yMax(); math.Abs(d) > 2 {
						t.Errorf("line %q: PDF at %.2f pt, DOCX at %.2f pt", ours[j].text(), ours[j].yMax(), theirs[j].yMax())
					}
				}
			}
		})
	}
}
