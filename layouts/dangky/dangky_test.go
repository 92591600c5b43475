package dangky_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
)

// The expected texts are typed from ../../../shared/spec (kh46.md: the template appended to KH 46;
// the-thuc.md: the sketch of the cell's report; input.md: keys and defaults), not copied from the
// code.

// subject is the common part of the title and of the sentences, as KH 46's template words it.
const subject = "xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"

// The default header line: cap_tren "Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh" in capitals.
const defaultParent = "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"

// The opening sentence with the default basis (46-KH/ĐUK of 02/4/2021, period 2021-2025).
func opening(org string) string {
	return "Thực hiện Kế hoạch số 46-KH/ĐUK, ngày 02/4/2021 của Đảng ủy Khối cơ quan và doanh nghiệp tỉnh về việc " +
		subject + " giai đoạn 2021-2025. " + org + " báo cáo kết quả triển khai thực hiện như sau:"
}

func closing(org string) string {
	return "Trên đây là báo cáo kết quả " + subject + " giai đoạn 2021-2025 của " + org + "."
}

const (
	heading1 = "1. Về xây dựng Kế hoạch thực hiện"
	heading2 = "2. Kết quả đăng ký mô hình tập thể điển hình"
	heading3 = "3. Gương cá nhân điển hình tiên tiến"
	noPlan   = "Chưa xây dựng Kế hoạch thực hiện."
	noModels = "- Số mô hình đăng ký thực hiện: 0."
	noPeople = "- Số gương điển hình: 0."
)

// chiBo is the smallest complete report of a chi bộ: everything else takes its default.
const chiBo = `mau: dang-ky
co_quan:
  ten: Chi bộ Sở Tài chính
  loai: chi-bo
  khoi: co-quan
so: 5
ngay: 2021-04-12
ky:
  ho_ten: Trần Văn Bình
`

// dangBo is the smallest complete report of a đảng bộ.
const dangBo = `mau: dang-ky
co_quan:
  ten: Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị Yên Bái
  loai: dang-bo
  khoi: doanh-nghiep
so: 5
ngay: 14/4/2021
ky:
  ho_ten: Nguyễn Thị Thanh Hương
`

const file = "t.yaml"

// edit replaces old by new in src, failing the test when old is not there.
func edit(t *testing.T, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("test setup: %q not in the source", old)
	}
	return strings.Replace(src, old, new, 1)
}

// lineOf is the 1-based line of the first occurrence of s in src.
func lineOf(t *testing.T, src, s string) int {
	t.Helper()
	i := strings.Index(src, s)
	if i < 0 {
		t.Fatalf("test setup: %q not in the source", s)
	}
	return strings.Count(src[:i], "\n") + 1
}

// load loads src and checks the contract of Load: a document exactly when there is no error,
// and every problem in this file.
func load(t *testing.T, src string) (*render.Document, input.Problems) {
	t.Helper()
	doc, ps := layouts.Load(file, []byte(src), input.Options{})
	if (doc == nil) != ps.HasErrors() {
		t.Fatalf("Load: document %v with problems %#v", doc != nil, ps)
	}
	for _, p := range ps {
		if p.File != file {
			t.Errorf("problem in file %q, want %q: %#v", p.File, file, p)
		}
	}
	return doc, ps
}

// mustLoad loads src and requires a document with no problem at all, not even a warning.
func mustLoad(t *testing.T, src string) *render.Document {
	t.Helper()
	doc, ps := load(t, src)
	if doc == nil || len(ps) != 0 {
		t.Fatalf("Load: document %v, problems:\n%s", doc != nil, problemsText(ps))
	}
	return doc
}

// loadWarnings loads src, requires a document, and returns its problems (all warnings).
func loadWarnings(t *testing.T, src string) (*render.Document, input.Problems) {
	t.Helper()
	doc, ps := load(t, src)
	if doc == nil {
		t.Fatalf("Load gave no document; problems:\n%s", problemsText(ps))
	}
	return doc, ps
}

func problemsText(ps input.Problems) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	return b.String()
}

// lines writes the body one block a line: "H " heading, "P " paragraph, "I " item.
func lines(doc *render.Document) []string {
	var out []string
	for _, b := range doc.Body {
		switch b := b.(type) {
		case render.Heading:
			out = append(out, "H "+b.Text)
		case render.Paragraph:
			out = append(out, "P "+b.Text)
		case render.Item:
			out = append(out, "I "+b.Label+" "+b.Text)
		default:
			out = append(out, "? "+reflect.TypeOf(b).String())
		}
	}
	return out
}

func items(doc *render.Document) []render.Item {
	var out []render.Item
	for _, b := range doc.Body {
		if it, ok := b.(render.Item); ok {
			out = append(out, it)
		}
	}
	return out
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	t.Errorf("body has %d blocks, want %d", len(got), len(want))
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("block %d:\n got %q\nwant %q", i, g, w)
		}
	}
}

// TestSampleChiBoSoTaiChinh checks the whole document of the first sample against the-thuc.md's
// sketch of the cell's report.
func TestSampleChiBoSoTaiChinh(t *testing.T) {
	data, err := os.ReadFile("../../samples/chi-bo-so-tai-chinh.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, ps := layouts.Load("chi-bo-so-tai-chinh.yaml", data, input.Options{})
	if doc == nil || len(ps) != 0 {
		t.Fatalf("Load: document %v, problems:\n%s", doc != nil, problemsText(ps))
	}
	org := "Chi bộ Sở Tài chính"
	want := &render.Document{
		Meta: render.Meta{
			Title:  "Báo cáo kết quả đăng ký " + subject + ", giai đoạn 2021-2023",
			Author: org,
			Lang:   "vi",
			Date:   "2021-04-12",
		},
		Header: render.Header{
			ParentOrg: defaultParent,
			Org:       "CHI BỘ SỞ TÀI CHÍNH",
			Number:    "Số 05-BC/CB",
			PlaceDate: "Yên Bái, ngày 12 tháng 4 năm 2021",
		},
		Title: render.Title{Kind: "BÁO CÁO", Subject: "kết quả đăng ký " + subject + ", giai đoạn 2021-2023"},
		Body: render.Blocks{
			render.Paragraph{Text: opening(org)},
			render.Heading{Text: heading1},
			render.Paragraph{Text: "Đã xây dựng Kế hoạch số 03-KH/CB, ngày 08 tháng 4 năm 2021 về " + subject + " giai đoạn 2021-2025."},
			render.Heading{Text: heading2},
			render.Paragraph{Text: "- Số mô hình đăng ký thực hiện: 02. Gồm:"},
			render.Item{Label: "(1):", Text: "Văn hóa công sở tại Văn phòng Sở — Văn phòng Sở Tài chính."},
			render.Item{Label: "(2):", Text: "Cải cách thủ tục hành chính trong thẩm định giá — Phòng Quản lý giá."},
			render.Heading{Text: heading3},
			render.Paragraph{Text: "- Số gương điển hình: 01. Gồm:"},
			render.Item{Label: "(1):", Text: "Nguyễn Thị Hoa, Phó Chánh Văn phòng, Văn phòng Sở Tài chính."},
			render.Paragraph{Text: closing(org)},
		},
		Recipients: []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."},
		Signer:     render.Signer{Authority: "T/M BAN CHI ỦY", Position: "BÍ THƯ", Name: "Trần Văn Bình"},
	}
	if !reflect.DeepEqual(doc.Meta, want.Meta) {
		t.Errorf("Meta = %#v\nwant %#v", doc.Meta, want.Meta)
	}
	if doc.Header != want.Header {
		t.Errorf("Header = %#v\nwant %#v", doc.Header, want.Header)
	}
	if doc.Title != want.Title {
		t.Errorf("Title = %#v\nwant %#v", doc.Title, want.Title)
	}
	sameLines(t, lines(doc), lines(want))
	if !reflect.DeepEqual(doc.Recipients, want.Recipients) {
		t.Errorf("Recipients = %q, want %q", doc.Recipients, want.Recipients)
	}
	if doc.Signer != want.Signer {
		t.Errorf("Signer = %#v, want %#v", doc.Signer, want.Signer)
	}
	if canonical := layouts.Read("chi-bo-so-tai-chinh.yaml", data, input.Options{}).Canonical(); len(doc.Data) == 0 || !bytes.Equal(doc.Data, canonical) {
		t.Errorf("Data is not the input's canonical YAML:\n%s", doc.Data)
	}
	want.Data = doc.Data
	if !reflect.DeepEqual(doc, want) {
		t.Error("document differs from the expected one (see above)")
	}
}

func TestSampleDangBo(t *testing.T) {
	data, err := os.ReadFile("../../samples/dang-bo-cong-ty-moi-truong.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := mustLoad(t, string(data))
	org := "Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị Yên Bái"
	wantHeader := render.Header{
		ParentOrg: defaultParent,
		Org:       "ĐẢNG BỘ CÔNG TY CỔ PHẦN MÔI TRƯỜNG VÀ DỊCH VỤ ĐÔ THỊ YÊN BÁI",
		Number:    "Số 12-BC/ĐB",
		PlaceDate: "Yên Bái, ngày 14 tháng 4 năm 2021",
	}
	if doc.Header != wantHeader {
		t.Errorf("Header = %#v\nwant %#v", doc.Header, wantHeader)
	}
	l := lines(doc)
	if len(l) < 3 || l[0] != "P "+opening(org) || l[1] != "H "+heading1 ||
		l[2] != "P Đã xây dựng Kế hoạch số 07-KH/ĐB, ngày 09 tháng 4 năm 2021 về "+subject+" giai đoạn 2021-2025." {
		t.Errorf("opening and section 1 = %q", l[:min(3, len(l))])
	}
	if !contains(l, "P - Số mô hình đăng ký thực hiện: 12. Gồm:") || !contains(l, "P - Số gương điển hình: 08. Gồm:") {
		t.Errorf("counts missing from %q", l)
	}
	its := items(doc)
	if len(its) != 12+8 {
		t.Fatalf("%d items, want 20", len(its))
	}
	if its[11].Label != "(12):" || its[11].Text != "Tổ tự quản vệ sinh môi trường tại các khu dân cư — Xí nghiệp Môi trường số 2." {
		t.Errorf("model 12 = %#v", its[11])
	}
	if its[18].Label != "(7):" || its[18].Text != "Hà Văn Sơn, Thợ sửa chữa bậc 5/7, Xưởng Sửa chữa." {
		t.Errorf("exemplar 7 = %#v", its[18])
	}
	if l[len(l)-1] != "P "+closing(org) {
		t.Errorf("last block = %q", l[len(l)-1])
	}
	wantRec := []string{"- Ban Thường vụ Đảng ủy Khối (b/c);", "- Ban Tuyên giáo ĐUK;", "- Các chi bộ trực thuộc;", "- Lưu Văn phòng Đảng ủy."}
	if !reflect.DeepEqual(doc.Recipients, wantRec) {
		t.Errorf("Recipients = %q, want %q", doc.Recipients, wantRec)
	}
	wantSigner := render.Signer{Authority: "T/M ĐẢNG ỦY", Position: "PHÓ BÍ THƯ", Name: "Nguyễn Thị Thanh Hương"}
	if doc.Signer != wantSigner {
		t.Errorf("Signer = %#v, want %#v", doc.Signer, wantSigner)
	}
}

func TestSampleNothingRegistered(t *testing.T) {
	data, err := os.ReadFile("../../samples/chi-bo-truong-cao-dang-chua-dang-ky.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := mustLoad(t, string(data))
	org := "Chi bộ Trường Cao đẳng Nghề Yên Bái"
	wantHeader := render.Header{
		ParentOrg: defaultParent,
		Org:       "CHI BỘ TRƯỜNG CAO ĐẲNG NGHỀ YÊN BÁI",
		Number:    "Số " + input.Gap + "-BC/CB",
		PlaceDate: "Yên Bái, ngày " + input.Gap + " tháng 4 năm 2021",
	}
	if doc.Header != wantHeader {
		t.Errorf("Header = %#v\nwant %#v", doc.Header, wantHeader)
	}
	if doc.Meta.Date != "2021-04-01" {
		t.Errorf("Meta.Date = %q, want 2021-04-01 (a blank day is the first of the month)", doc.Meta.Date)
	}
	sameLines(t, lines(doc), []string{
		"P " + opening(org),
		"H " + heading1,
		"P " + noPlan,
		"H " + heading2,
		"P " + noModels,
		"H " + heading3,
		"P " + noPeople,
		"P " + closing(org),
	})
	if want := []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."}; !reflect.DeepEqual(doc.Recipients, want) {
		t.Errorf("Recipients = %q, want %q", doc.Recipients, want)
	}
	if want := (render.Signer{Authority: "T/M BAN CHI ỦY", Position: "BÍ THƯ", Name: "Lê Minh Đức", Signed: true}); doc.Signer != want {
		t.Errorf("Signer = %#v, want %#v", doc.Signer, want)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestDefaultsChiBo(t *testing.T) {
	doc := mustLoad(t, chiBo)
	org := "Chi bộ Sở Tài chính"
	want := render.Header{
		ParentOrg: defaultParent,
		Org:       "CHI BỘ SỞ TÀI CHÍNH",
		Number:    "Số 05-BC/CB",
		PlaceDate: "Yên Bái, ngày 12 tháng 4 năm 2021",
	}
	if doc.Header != want {
		t.Errorf("Header = %#v\nwant %#v", doc.Header, want)
	}
	if want := "kết quả đăng ký " + subject + ", giai đoạn 2021-2023"; doc.Title.Subject != want || doc.Title.Kind != "BÁO CÁO" {
		t.Errorf("Title = %#v", doc.Title)
	}
	sameLines(t, lines(doc), []string{
		"P " + opening(org),
		"H " + heading1,
		"P " + noPlan,
		"H " + heading2,
		"P " + noModels,
		"H " + heading3,
		"P " + noPeople,
		"P " + closing(org),
	})
	if want := []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."}; !reflect.DeepEqual(doc.Recipients, want) {
		t.Errorf("Recipients = %q, want %q", doc.Recipients, want)
	}
	if want := (render.Signer{Authority: "T/M BAN CHI ỦY", Position: "BÍ THƯ", Name: "Trần Văn Bình"}); doc.Signer != want {
		t.Errorf("Signer = %#v, want %#v", doc.Signer, want)
	}
}

func TestDefaultsDangBo(t *testing.T) {
	src := edit(t, dangBo, "ky:", "ke_hoach:\n  so: 7\n  ngay: 2021-04-09\nky:")
	doc := mustLoad(t, src)
	org := "Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị Yên Bái"
	if got, want := doc.Header.Number, "Số 05-BC/ĐB"; got != want {
		t.Errorf("Number = %q, want %q", got, want)
	}
	if doc.Header.ParentOrg != defaultParent {
		t.Errorf("ParentOrg = %q, want %q", doc.Header.ParentOrg, defaultParent)
	}
	if got, want := doc.Header.PlaceDate, "Yên Bái, ngày 14 tháng 4 năm 2021"; got != want {
		t.Errorf("PlaceDate = %q, want %q", got, want)
	}
	l := lines(doc)
	if l[0] != "P "+opening(org) {
		t.Errorf("opening = %q\nwant %q", l[0], "P "+opening(org))
	}
	if want := "P Đã xây dựng Kế hoạch số 07-KH/ĐB, ngày 09 tháng 4 năm 2021 về " + subject + " giai đoạn 2021-2025."; l[2] != want {
		t.Errorf("section 1 = %q\nwant %q", l[2], want)
	}
	if want := []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Đảng bộ."}; !reflect.DeepEqual(doc.Recipients, want) {
		t.Errorf("Recipients = %q, want %q", doc.Recipients, want)
	}
	if want := (render.Signer{Authority: "T/M ĐẢNG ỦY", Position: "BÍ THƯ", Name: "Nguyễn Thị Thanh Hương"}); doc.Signer != want {
		t.Errorf("Signer = %#v, want %#v", doc.Signer, want)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		name, base, old, new, want string
	}{
		{"chi bộ", chiBo, "", "", "Số 05-BC/CB"},
		{"đảng bộ", dangBo, "", "", "Số 05-BC/ĐB"},
		{"two digits", chiBo, "so: 5", "so: 12", "Số 12-BC/CB"},
		// the-thuc.md: "Số" + space + number + "-" + code; a number not yet issued is a gap.
		{"not yet issued, chi bộ", chiBo, "so: 5\n", "", "Số " + input.Gap + "-BC/CB"},
		{"not yet issued, đảng bộ", dangBo, "so: 5\n", "", "Số " + input.Gap + "-BC/ĐB"},
		{"null", chiBo, "so: 5\n", "so:\n", "Số " + input.Gap + "-BC/CB"},
		{"ky_hieu", chiBo, "so: 5\n", "so: 5\nky_hieu: BC/ĐU\n", "Số 05-BC/ĐU"},
		{"ky_hieu, no number", dangBo, "so: 5\n", "ky_hieu: BC/BTV\n", "Số " + input.Gap + "-BC/BTV"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.base
			if tc.old != "" {
				src = edit(t, src, tc.old, tc.new)
			}
			doc := mustLoad(t, src)
			if doc.Header.Number != tc.want {
				t.Errorf("Number = %q, want %q", doc.Header.Number, tc.want)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	t.Run("cap_tren printed in capitals", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "  ten:", "  cap_tren: Đảng bộ tỉnh Yên Bái\n  ten:"))
		if got, want := doc.Header.ParentOrg, "ĐẢNG BỘ TỈNH YÊN BÁI"; got != want {
			t.Errorf("ParentOrg = %q, want %q", got, want)
		}
	})
	t.Run("cap_tren empty: no line", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "  ten:", "  cap_tren: \"\"\n  ten:"))
		if doc.Header.ParentOrg != "" {
			t.Errorf("ParentOrg = %q, want none", doc.Header.ParentOrg)
		}
	})
	t.Run("dia_danh", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "so: 5\n", "so: 5\ndia_danh: Nghĩa Lộ\n"))
		if got, want := doc.Header.PlaceDate, "Nghĩa Lộ, ngày 12 tháng 4 năm 2021"; got != want {
			t.Errorf("PlaceDate = %q, want %q", got, want)
		}
	})
	t.Run("giai_doan", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "so: 5\n", "so: 5\ngiai_doan: 2023-2025\n"))
		if want := "kết quả đăng ký " + subject + ", giai đoạn 2023-2025"; doc.Title.Subject != want {
			t.Errorf("Subject = %q, want %q", doc.Title.Subject, want)
		}
	})
	t.Run("can_cu", func(t *testing.T) {
		src := edit(t, chiBo, "ky:", "can_cu:\n  so: 12-KH/ĐUK\n  ngay: 15/3/2021\n  co_quan: Ban Thường vụ Đảng ủy Khối\n  giai_doan: 2021-2023\nky:")
		doc := mustLoad(t, src)
		l := lines(doc)
		want := "P Thực hiện Kế hoạch số 12-KH/ĐUK, ngày 15/3/2021 của Ban Thường vụ Đảng ủy Khối về việc " + subject +
			" giai đoạn 2021-2023. Chi bộ Sở Tài chính báo cáo kết quả triển khai thực hiện như sau:"
		if l[0] != want {
			t.Errorf("opening = %q\nwant %q", l[0], want)
		}
		if want := "P Trên đây là báo cáo kết quả " + subject + " giai đoạn 2021-2023 của Chi bộ Sở Tài chính."; l[len(l)-1] != want {
			t.Errorf("closing = %q\nwant %q", l[len(l)-1], want)
		}
	})
	t.Run("can_cu partial keeps the other defaults", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "ky:", "can_cu:\n  ngay: 2021-04-02\nky:"))
		if l := lines(doc); l[0] != "P "+opening("Chi bộ Sở Tài chính") {
			t.Errorf("opening = %q", l[0])
		}
	})
	t.Run("ke_hoach without number", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "ky:", "ke_hoach:\n  ngay: 2021-04-08\nky:"))
		want := "P Đã xây dựng Kế hoạch số " + input.Gap + "-KH/CB, ngày 08 tháng 4 năm 2021 về " + subject + " giai đoạn 2021-2025."
		if l := lines(doc); l[2] != want {
			t.Errorf("section 1 = %q\nwant %q", l[2], want)
		}
	})
	t.Run("ke_hoach ky_hieu", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "ky:", "ke_hoach:\n  so: 3\n  ky_hieu: KH/ĐU\n  ngay: 8/4/2021\nky:"))
		want := "P Đã xây dựng Kế hoạch số 03-KH/ĐU, ngày 08 tháng 4 năm 2021 về " + subject + " giai đoạn 2021-2025."
		if l := lines(doc); l[2] != want {
			t.Errorf("section 1 = %q\nwant %q", l[2], want)
		}
	})
	t.Run("quyen empty: no authority line", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "  ho_ten: Trần Văn Bình\n", "  ho_ten: Trần Văn Bình\n  quyen: \"\"\n"))
		if want := (render.Signer{Authority: "", Position: "BÍ THƯ", Name: "Trần Văn Bình"}); doc.Signer != want {
			t.Errorf("Signer = %#v, want %#v", doc.Signer, want)
		}
	})
	t.Run("da_ky", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "  ho_ten: Trần Văn Bình\n", "  ho_ten: Trần Văn Bình\n  da_ky: true\n"))
		if !doc.Signer.Signed {
			t.Error("da_ky: true did not set Signed")
		}
		doc = mustLoad(t, edit(t, chiBo, "  ho_ten: Trần Văn Bình\n", "  ho_ten: Trần Văn Bình\n  da_ky: false\n"))
		if doc.Signer.Signed {
			t.Error("da_ky: false set Signed")
		}
	})
	t.Run("chuc_vu in capitals", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "  ho_ten: Trần Văn Bình\n", "  ho_ten: Trần Văn Bình\n  chuc_vu: Phó Bí thư\n"))
		if doc.Signer.Position != "PHÓ BÍ THƯ" {
			t.Errorf("Position = %q", doc.Signer.Position)
		}
	})
	t.Run("noi_nhan", func(t *testing.T) {
		doc := mustLoad(t, edit(t, chiBo, "ky:", "noi_nhan:\n  - Ban Tuyên giáo ĐUK\n  - Lưu Chi bộ\nky:"))
		if want := []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."}; !reflect.DeepEqual(doc.Recipients, want) {
			t.Errorf("Recipients = %q, want %q", doc.Recipients, want)
		}
	})
}

func TestEmptyLists(t *testing.T) {
	for _, tc := range []struct{ name, add string }{
		{"explicit []", "mo_hinh: []\nguong: []\n"},
		{"null", "mo_hinh:\nguong:\n"},
		{"absent", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustLoad(t, chiBo+tc.add)
			l := lines(doc)
			if !contains(l, "P "+noModels) || !contains(l, "P "+noPeople) {
				t.Errorf("counts missing: %q", l)
			}
			if its := items(doc); len(its) != 0 {
				t.Errorf("items = %#v, want none", its)
			}
			for _, s := range l {
				if strings.TrimSpace(strings.TrimPrefix(s, "P ")) == "-" || strings.Contains(s, "Gồm") {
					t.Errorf("empty list prints %q", s)
				}
			}
		})
	}
}

func TestListsNumbered(t *testing.T) {
	src := chiBo + `mo_hinh:
  - ten: Văn hóa công sở tại Văn phòng Sở
    loai: van-hoa-cong-so
    don_vi: Văn phòng Sở Tài chính
guong:
  - ho_ten: Nguyễn Thị Hoa
    chuc_vu: Phó Chánh Văn phòng
    don_vi: Văn phòng Sở Tài chính.
  - ho_ten: Trần Văn Nam
    chuc_vu: Chuyên viên
    don_vi: Phòng Quản lý giá
`
	doc := mustLoad(t, src)
	sameLines(t, lines(doc)[3:], []string{
		"H " + heading2,
		"P - Số mô hình đăng ký thực hiện: 01. Gồm:",
		"I (1): Văn hóa công sở tại Văn phòng Sở — Văn phòng Sở Tài chính.",
		"H " + heading3,
		"P - Số gương điển hình: 02. Gồm:",
		"I (1): Nguyễn Thị Hoa, Phó Chánh Văn phòng, Văn phòng Sở Tài chính.",
		"I (2): Trần Văn Nam, Chuyên viên, Phòng Quản lý giá.",
		"P " + closing("Chi bộ Sở Tài chính"),
	})
}

// TestKindCodesAccepted: the twelve codes of kh46.md and khac, each in a cell it is meant for.
func TestKindCodesAccepted(t *testing.T) {
	codes := []struct{ code, khoi string }{
		{"to-chuc-co-so-dang", "co-quan"},
		{"san-xuat-kinh-doanh", "doanh-nghiep"},
		{"giao-duc-dao-tao", "giao-duc"},
		{"y-te", "y-te"},
		{"hoi-doan-the", "co-quan"},
		{"co-quan-don-vi", "co-quan"},
		{"cai-cach-hanh-chinh", "co-quan"},
		{"van-hoa-cong-so", "co-quan"},
		{"nam-khong", "co-quan"},
		{"an-toan-tiet-kiem", "doanh-nghiep"},
		{"trach-nhiem-xa-hoi", "doanh-nghiep"},
		{"5s", "doanh-nghiep"},
		{"khac", "co-quan"},
	}
	for _, c := range codes {
		t.Run(c.code, func(t *testing.T) {
			src := edit(t, chiBo, "khoi: co-quan", "khoi: "+c.khoi) +
				"mo_hinh:\n  - ten: Mô hình thử\n    loai: " + c.code + "\n    don_vi: Phòng Tổng hợp\n"
			doc := mustLoad(t, src)
			its := items(doc)
			if len(its) != 1 || its[0].Label != "(1):" || its[0].Text != "Mô hình thử — Phòng Tổng hợp." {
				t.Errorf("items = %#v", its)
			}
		})
	}
}

func TestUnknownKindCode(t *testing.T) {
	src := chiBo + "mo_hinh:\n  - ten: Mô hình thử\n    loai: van-hoa\n    don_vi: Phòng Tổng hợp\n"
	_, ps := load(t, src)
	if len(ps) != 1 || ps[0].Warning || ps[0].Key != "mo_hinh[1].loai" || ps[0].Line != lineOf(t, src, "loai: van-hoa") ||
		!strings.Contains(ps[0].Message, `"van-hoa"`) || !strings.Contains(ps[0].Message, "van-hoa-cong-so") {
		t.Errorf("problems = %#v, want one error on mo_hinh[1].loai that lists the codes", ps)
	}
}

// oneWarning loads src and requires a document with exactly the warning want.
func oneWarning(t *testing.T, src string, want input.Problem) {
	t.Helper()
	_, ps := loadWarnings(t, src)
	if len(ps) != 1 || ps[0] != want {
		t.Errorf("problems:\n%#v\nwant exactly:\n%#v", ps, want)
	}
}

func TestWarningKindNotForSector(t *testing.T) {
	model := func(code string) string {
		return "mo_hinh:\n  - ten: Văn hóa công sở\n    loai: khac\n    don_vi: Văn phòng\n  - ten: Mô hình thử\n    loai: " + code + "\n    don_vi: Phòng Tổng hợp\n"
	}
	t.Run("y-te on co-quan", func(t *testing.T) {
		src := chiBo + model("y-te")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "loai: y-te"), Key: "mo_hinh[2].loai", Warning: true,
			Message: `Mô hình tiên tiến trong lĩnh vực y tế, chăm sóc sức khỏe nhân dân: loại này không dành cho khối cơ quan theo Kế hoạch 46-KH/ĐUK`,
		})
	})
	t.Run("5s on giao-duc", func(t *testing.T) {
		src := edit(t, chiBo, "khoi: co-quan", "khoi: giao-duc") + model("5s")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "loai: 5s"), Key: "mo_hinh[2].loai", Warning: true,
			Message: `Mô hình thi đua thực hiện chương trình "5S" ("Sạch hơn - Đẹp hơn - Năng suất cao hơn"): loại này không dành cho khối giáo dục - đào tạo theo Kế hoạch 46-KH/ĐUK`,
		})
	})
	t.Run("san-xuat-kinh-doanh on y-te", func(t *testing.T) {
		src := edit(t, chiBo, "khoi: co-quan", "khoi: y-te") + model("san-xuat-kinh-doanh")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "loai: san-xuat-kinh-doanh"), Key: "mo_hinh[2].loai", Warning: true,
			Message: `Mô hình trong sản xuất - kinh doanh: loại này không dành cho khối y tế theo Kế hoạch 46-KH/ĐUK`,
		})
	})
	t.Run("van-hoa-cong-so on doanh-nghiep", func(t *testing.T) {
		src := edit(t, chiBo, "khoi: co-quan", "khoi: doanh-nghiep") + model("van-hoa-cong-so")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "loai: van-hoa-cong-so"), Key: "mo_hinh[2].loai", Warning: true,
			Message: `Mô hình thi đua thực hiện văn hóa công sở: loại này không dành cho khối doanh nghiệp theo Kế hoạch 46-KH/ĐUK`,
		})
	})
	// Meant for the sector: no warning.
	for _, ok := range []struct{ khoi, code string }{
		{"y-te", "5s"}, {"doanh-nghiep", "5s"}, {"y-te", "y-te"}, {"giao-duc", "giao-duc-dao-tao"},
		{"giao-duc", "to-chuc-co-so-dang"}, {"y-te", "hoi-doan-the"}, {"doanh-nghiep", "khac"},
		{"co-quan", "nam-khong"}, {"doanh-nghiep", "trach-nhiem-xa-hoi"},
	} {
		t.Run(ok.code+" on "+ok.khoi, func(t *testing.T) {
			mustLoad(t, edit(t, chiBo, "khoi: co-quan", "khoi: "+ok.khoi)+model(ok.code))
		})
	}
}

func TestWarningLateReport(t *testing.T) {
	late := func(src, date string) input.Problem {
		return input.Problem{
			File: file, Line: lineOf(t, src, "ngay:"), Key: "ngay", Warning: true,
			Message: "ngày báo cáo " + date + " sau hạn 15/4/2021 của giai đoạn 2021-2023",
		}
	}
	for _, tc := range []struct{ ngay, short string }{
		{"2021-04-16", "16/4/2021"},
		{"16/4/2021", "16/4/2021"},
		{"2021-05-02", "2/5/2021"},
		{"2022-01-10", "10/1/2022"},
	} {
		t.Run(tc.ngay, func(t *testing.T) {
			src := edit(t, chiBo, "ngay: 2021-04-12", "ngay: "+tc.ngay)
			oneWarning(t, src, late(src, tc.short))
		})
	}
	// On or before the deadline, or within its month when the day is blank: no warning.
	for _, ngay := range []string{"2021-04-15", "15/4/2021", "2021-04-02", "2021-04", "4/2021", "2021-03"} {
		t.Run(ngay, func(t *testing.T) {
			mustLoad(t, edit(t, chiBo, "ngay: 2021-04-12", "ngay: "+ngay))
		})
	}
	// A blank day in a later month is late; the message names the month, not the printed gap.
	for _, ngay := range []string{"2021-05", "5/2021"} {
		t.Run(ngay, func(t *testing.T) {
			src := edit(t, chiBo, "ngay: 2021-04-12", "ngay: "+ngay)
			oneWarning(t, src, late(src, "tháng 5/2021"))
		})
	}
	// Another phase has no such deadline.
	t.Run("phase 2023-2025", func(t *testing.T) {
		src := edit(t, chiBo, "ngay: 2021-04-12", "ngay: 2023-06-01\ngiai_doan: 2023-2025")
		mustLoad(t, src)
	})
	t.Run("phase 2021-2023 written out", func(t *testing.T) {
		src := edit(t, chiBo, "ngay: 2021-04-12", "ngay: 2021-04-20\ngiai_doan: 2021-2023")
		oneWarning(t, src, late(src, "20/4/2021"))
	})
}

func TestWarningAuthority(t *testing.T) {
	withQuyen := func(src, q string) string {
		return edit(t, src, "ky:\n", "ky:\n  quyen: "+q+"\n")
	}
	t.Run("K/T on a chi bộ", func(t *testing.T) {
		src := withQuyen(chiBo, "K/T BÍ THƯ")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "quyen:"), Key: "ky.quyen", Warning: true,
			Message: `"K/T BÍ THƯ": K/T dành cho cơ quan do một người đứng đầu (như một ban); cấp ủy ký tập thể, viết "T/M BAN CHI ỦY"`,
		})
	})
	t.Run("K/T on a đảng bộ", func(t *testing.T) {
		src := withQuyen(dangBo, "K/T BÍ THƯ")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "quyen:"), Key: "ky.quyen", Warning: true,
			Message: `"K/T BÍ THƯ": K/T dành cho cơ quan do một người đứng đầu (như một ban); cấp ủy ký tập thể, viết "T/M ĐẢNG ỦY"`,
		})
	})
	t.Run("T/M BAN CHI ỦY on a đảng bộ", func(t *testing.T) {
		src := withQuyen(dangBo, "T/M BAN CHI ỦY")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "quyen:"), Key: "ky.quyen", Warning: true,
			Message: `"T/M BAN CHI ỦY" không hợp với một đảng bộ; viết "T/M ĐẢNG ỦY" hoặc "T/M BAN THƯỜNG VỤ"`,
		})
	})
	t.Run("T/M CHI BỘ on a đảng bộ", func(t *testing.T) {
		src := withQuyen(dangBo, "T/M CHI BỘ")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "quyen:"), Key: "ky.quyen", Warning: true,
			Message: `"T/M CHI BỘ" không hợp với một đảng bộ; viết "T/M ĐẢNG ỦY" hoặc "T/M BAN THƯỜNG VỤ"`,
		})
	})
	t.Run("T/M ĐẢNG ỦY on a chi bộ", func(t *testing.T) {
		src := withQuyen(chiBo, "T/M ĐẢNG ỦY")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "quyen:"), Key: "ky.quyen", Warning: true,
			Message: `"T/M ĐẢNG ỦY" không hợp với một chi bộ; viết "T/M BAN CHI ỦY" hoặc "T/M CHI BỘ"`,
		})
	})
	// kh46.md: a đảng bộ signs T/M ĐẢNG ỦY or T/M BAN THƯỜNG VỤ; a chi bộ T/M BAN CHI ỦY, or
	// T/M CHI BỘ when it has no committee.
	for _, ok := range []struct{ name, src, q string }{
		{"chi bộ T/M BAN CHI ỦY", chiBo, "T/M BAN CHI ỦY"},
		{"chi bộ T/M CHI BỘ", chiBo, "T/M CHI BỘ"},
		{"chi bộ lower case", chiBo, "t/m ban chi ủy"},
		{"đảng bộ T/M ĐẢNG ỦY", dangBo, "T/M ĐẢNG ỦY"},
		{"đảng bộ T/M ĐẢNG UỶ", dangBo, "T/M ĐẢNG UỶ"},
		{"đảng bộ T/M BAN THƯỜNG VỤ", dangBo, "T/M BAN THƯỜNG VỤ"},
	} {
		t.Run(ok.name, func(t *testing.T) {
			mustLoad(t, withQuyen(ok.src, ok.q))
		})
	}
}

// TestWarningAuthoritySpelling: kh46.md says "UỶ" and "ỦY" are both correct; the check must not
// depend on which one the secretary typed.
func TestWarningAuthoritySpelling(t *testing.T) {
	for _, tc := range []struct{ src, q string }{
		{dangBo, "T/M BAN CHI UỶ"},
		{dangBo, "T/M  BAN CHI ỦY"},
		{chiBo, "T/M ĐẢNG UỶ"},
	} {
		_, ps := loadWarnings(t, edit(t, tc.src, "ky:\n", "ky:\n  quyen: "+tc.q+"\n"))
		if len(ps) != 1 || ps[0].Key != "ky.quyen" || !ps[0].Warning {
			t.Errorf("quyen %q: problems %#v, want one warning on ky.quyen", tc.q, ps)
		}
	}
}

func TestWarningNameNotCellType(t *testing.T) {
	t.Run("chi bộ named Sở", func(t *testing.T) {
		src := edit(t, chiBo, "ten: Chi bộ Sở Tài chính", "ten: Sở Tài chính")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "ten:"), Key: "co_quan.ten", Warning: true,
			Message: `là chi bộ nhưng tên không bắt đầu bằng "Chi bộ"`,
		})
	})
	t.Run("chi bộ named Đảng bộ", func(t *testing.T) {
		src := edit(t, chiBo, "ten: Chi bộ Sở Tài chính", "ten: Đảng bộ Sở Tài chính")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "ten:"), Key: "co_quan.ten", Warning: true,
			Message: `là chi bộ nhưng tên không bắt đầu bằng "Chi bộ"`,
		})
	})
	t.Run("đảng bộ named Chi bộ", func(t *testing.T) {
		src := edit(t, dangBo, "ten: Đảng bộ Công ty", "ten: Chi bộ Công ty")
		oneWarning(t, src, input.Problem{
			File: file, Line: lineOf(t, src, "ten:"), Key: "co_quan.ten", Warning: true,
			Message: `là đảng bộ nhưng tên không bắt đầu bằng "Đảng bộ"`,
		})
	})
	t.Run("decomposed name is fine", func(t *testing.T) {
		nfd := norm.NFD.String("Chi bộ Sở Tài chính")
		doc := mustLoad(t, edit(t, chiBo, "ten: Chi bộ Sở Tài chính", "ten: "+nfd))
		if doc.Header.Org != "CHI BỘ SỞ TÀI CHÍNH" {
			t.Errorf("Org = %q (% x), want NFC capitals", doc.Header.Org, doc.Header.Org)
		}
		if l := lines(doc); l[0] != "P "+opening("Chi bộ Sở Tài chính") {
			t.Errorf("opening from NFD input = %q", l[0])
		}
	})
	t.Run("whole file decomposed", func(t *testing.T) {
		doc := mustLoad(t, norm.NFD.String(chiBo))
		if doc.Header.Org != "CHI BỘ SỞ TÀI CHÍNH" || doc.Signer.Name != "Trần Văn Bình" || doc.Signer.Authority != "T/M BAN CHI ỦY" {
			t.Errorf("Header %#v, Signer %#v", doc.Header, doc.Signer)
		}
	})
}

func TestWarningsTogether(t *testing.T) {
	// Warnings do not stop the document, and all are reported, in file order once sorted.
	src := edit(t, edit(t, dangBo, "ngay: 14/4/2021", "ngay: 20/4/2021"), "ky:\n", "ky:\n  quyen: T/M BAN CHI ỦY\n") +
		"mo_hinh:\n  - ten: Văn hóa công sở\n    loai: van-hoa-cong-so\n    don_vi: Văn phòng\n"
	_, ps := loadWarnings(t, src)
	want := []struct {
		line int
		key  string
	}{
		{lineOf(t, src, "ngay:"), "ngay"},
		{lineOf(t, src, "quyen:"), "ky.quyen"},
		{lineOf(t, src, "loai: van-hoa"), "mo_hinh[1].loai"},
	}
	sorted := ps.Sorted()
	if len(sorted) != len(want) {
		t.Fatalf("problems:\n%s", problemsText(sorted))
	}
	for i, w := range want {
		if sorted[i].Line != w.line || sorted[i].Key != w.key || !sorted[i].Warning {
			t.Errorf("problem %d = %#v, want a warning at line %d on %s", i, sorted[i], w.line, w.key)
		}
	}
	if !strings.Contains(sorted[0].String(), ": ngay: cảnh báo: ") {
		t.Errorf("warning prints %q", sorted[0].String())
	}
}

func TestErrors(t *testing.T) {
	t.Run("invalid date, as input.md prints it", func(t *testing.T) {
		src := edit(t, chiBo, "ngay: 2021-04-12", "ngay: 31/02/2021")
		doc, ps := load(t, src)
		if doc != nil || len(ps) != 1 {
			t.Fatalf("problems = %#v", ps)
		}
		want := `t.yaml:7: ngay: "31/02/2021" không phải là ngày hợp lệ`
		if !strings.HasPrefix(ps[0].String(), want) {
			t.Errorf("error prints %q, want it to start with %q", ps[0].String(), want)
		}
	})
	t.Run("unknown key names the nearest", func(t *testing.T) {
		src := chiBo + "guong:\n  - hoten: Nguyễn Thị Hoa\n    chuc_vu: Chuyên viên\n    don_vi: Văn phòng\n"
		_, ps := load(t, src)
		line := lineOf(t, src, "hoten")
		wantUnknown := input.Problem{File: file, Line: line, Key: "guong[1].hoten", Message: `khóa không có trong mẫu; có phải là "ho_ten"?`}
		if len(ps) < 1 || ps[0] != wantUnknown {
			t.Errorf("problems = %#v\nwant first %#v", ps, wantUnknown)
		}
	})
	t.Run("State signing form", func(t *testing.T) {
		src := edit(t, chiBo, "ky:\n", "ky:\n  quyen: TM. BAN CHI ỦY\n")
		doc, ps := load(t, src)
		if doc != nil || len(ps) != 1 || ps[0].Key != "ky.quyen" || ps[0].Line != lineOf(t, src, "quyen:") ||
			!strings.Contains(ps[0].Message, `"T/M BAN CHI ỦY"`) {
			t.Errorf("problems = %#v, want one error that shows T/M BAN CHI ỦY", ps)
		}
	})
	t.Run("all problems at once", func(t *testing.T) {
		src := edit(t, edit(t, edit(t, chiBo, "ngay: 2021-04-12", "ngay: 31/4/2021"), "loai: chi-bo", "loai: chibo"), "so: 5", "so: năm\nngayy: 1")
		doc, ps := load(t, src)
		if doc != nil {
			t.Fatal("document despite errors")
		}
		keys := map[string]int{}
		for _, p := range ps {
			if !p.Warning {
				keys[p.Key] = p.Line
			}
		}
		for key, line := range map[string]int{
			"co_quan.loai": lineOf(t, src, "loai: chibo"),
			"so":           lineOf(t, src, "so: năm"),
			"ngayy":        lineOf(t, src, "ngayy"),
			"ngay":         lineOf(t, src, "ngay: 31/4"),
		} {
			if got, ok := keys[key]; !ok || got != line {
				t.Errorf("error on %s at line %d missing; errors: %v", key, line, keys)
			}
		}
	})
	t.Run("unknown mau", func(t *testing.T) {
		src := edit(t, chiBo, "mau: dang-ky", "mau: dangky")
		_, ps := load(t, src)
		if len(ps) != 1 || ps[0].Key != "mau" || ps[0].Line != 1 || !strings.Contains(ps[0].Message, "dang-ky") {
			t.Errorf("problems = %#v", ps)
		}
	})
	t.Run("missing mau", func(t *testing.T) {
		_, ps := load(t, edit(t, chiBo, "mau: dang-ky\n", ""))
		if len(ps) != 1 || ps[0].Key != "mau" || ps[0].Warning {
			t.Errorf("problems = %#v", ps)
		}
	})
	t.Run("so zero", func(t *testing.T) {
		_, ps := load(t, edit(t, chiBo, "so: 5", "so: 0"))
		if len(ps) != 1 || ps[0].Key != "so" || ps[0].Line != 6 {
			t.Errorf("problems = %#v", ps)
		}
	})
	t.Run("emoji in a name", func(t *testing.T) {
		src := edit(t, chiBo, "ho_ten: Trần Văn Bình", "ho_ten: Trần Văn Bình 😀")
		_, ps := load(t, src)
		if len(ps) != 1 || ps[0].Key != "ky.ho_ten" || ps[0].Line != lineOf(t, src, "ho_ten") || !strings.Contains(ps[0].Message, "U+1F600") {
			t.Errorf("problems = %#v", ps)
		}
	})
	t.Run("bad phase", func(t *testing.T) {
		src := edit(t, chiBo, "so: 5", "so: 5\ngiai_doan: 2023-2021")
		_, ps := load(t, src)
		if len(ps) != 1 || ps[0].Key != "giai_doan" || ps[0].Line != lineOf(t, src, "giai_doan") {
			t.Errorf("problems = %#v", ps)
		}
	})
	t.Run("empty co_quan", func(t *testing.T) {
		src := edit(t, chiBo, "co_quan:\n  ten: Chi bộ Sở Tài chính\n  loai: chi-bo\n  khoi: co-quan\n", "co_quan:\n")
		_, ps := load(t, src)
		if len(ps) != 1 || ps[0].Key != "co_quan" || ps[0].Line != 2 || ps[0].Warning {
			t.Errorf("problems = %#v, want one error on co_quan at line 2", ps)
		}
	})
	t.Run("missing keys inside co_quan", func(t *testing.T) {
		src := edit(t, chiBo, "  ten: Chi bộ Sở Tài chính\n  loai: chi-bo\n", "")
		_, ps := load(t, src)
		got := map[string]int{}
		for _, p := range ps {
			if !p.Warning {
				got[p.Key] = p.Line
			}
		}
		want := map[string]int{"co_quan.ten": 2, "co_quan.loai": 2}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("errors (key: line) = %v, want %v", got, want)
		}
	})
	t.Run("explicitly empty chuc_vu", func(t *testing.T) {
		_, ps := load(t, edit(t, chiBo, "ky:\n", "ky:\n  chuc_vu: \"\"\n"))
		if len(ps) != 1 || ps[0].Key != "ky.chuc_vu" || ps[0].Warning {
			t.Errorf("problems = %#v", ps)
		}
	})
}
