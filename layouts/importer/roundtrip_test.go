package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/importer"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

// registrationSamples returns the samples that are one registration report each, by name.
func registrationSamples(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("../../samples/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, top := input.Parse(f, data, input.Options{})
		if top == nil || top.IsRoster() || top.String("mau", false) != "dang-ky" {
			continue
		}
		out[filepath.Base(f)] = data
	}
	if len(out) < 3 {
		t.Fatalf("want at least 3 registration samples, found %d", len(out))
	}
	return out
}

// variants are registration reports that stress what the visible text must carry back: no
// superior, a head who signs in person, a custom code, a plan without a number, the superior's
// own plan changed, names with commas, dashes and quotes, the longest names the header allows,
// recipients up to the limit.
var variants = map[string]string{
	"no-parent-custom-code.yaml": `mau: dang-ky
co_quan: {cap_tren: "", ten: Chi bộ Ban Quản lý dự án, loai: chi-bo, khoi: co-quan}
so: 9
ky_hieu: BC/CB-QLDA
dia_danh: Nghĩa Lộ
ngay: 3/4/2021
ke_hoach: {ngay: 2021-04-01}
mo_hinh:
  - {ten: "Mô hình “Dân vận khéo” — làm theo lời Bác", loai: khac, don_vi: "Ban Quản lý, Tổ 1"}
guong:
  - {ho_ten: Hà Thị Én, chuc_vu: "Kế toán, thủ quỹ", don_vi: Ban Quản lý dự án}
noi_nhan: [Ban Tuyên giáo ĐUK, Như trên, Lưu]
ky: {quyen: "", chuc_vu: Trưởng ban, ho_ten: Hà Văn Đông, da_ky: true}
`,
	"other-basis.yaml": `mau: dang-ky
co_quan: {cap_tren: Đảng ủy Khối các cơ quan tỉnh, ten: Đảng bộ Bệnh viện Đa khoa tỉnh, loai: dang-bo, khoi: y-te}
so: 1
ngay: 2021-04-15
giai_doan: 2023-2025
can_cu: {so: 12-KH/ĐUK, ngay: 2023-03-20, co_quan: Ban Thường vụ Đảng ủy Khối, giai_doan: 2023-2025}
ke_hoach: {so: 15, ky_hieu: KH/ĐU, ngay: 2023-03-28}
mo_hinh:
  - {ten: Thực hiện 5S tại khoa Khám bệnh, loai: 5s, don_vi: Khoa Khám bệnh}
  - {ten: Bệnh viện xanh - sạch - đẹp, loai: y-te, don_vi: Phòng Hành chính quản trị}
guong: []
ky: {quyen: T/M BAN THƯỜNG VỤ, chuc_vu: BÍ THƯ, ho_ten: Lương Thị Thu}
`,
	"long-names.yaml": `mau: dang-ky
co_quan:
  cap_tren: ` + strings.Repeat("Đảng ủy Khối ", 11) + `
  ten: Chi bộ ` + strings.Repeat("Văn phòng Ủy ban ", 8) + `
  loai: chi-bo
  khoi: co-quan
ngay: 2021-04-09
mo_hinh:
  - {ten: ` + strings.Repeat("Học tập và làm theo ", 20) + `, loai: khac, don_vi: ` + strings.Repeat("Phòng Tổng hợp ", 10) + `}
guong:
  - {ho_ten: Nguyễn Văn A, chuc_vu: Chuyên viên, don_vi: Văn phòng}
noi_nhan: [Một, Hai, Ba, Bốn, Năm, Sáu, Bảy, Tám, Chín, Mười, Mười một, Mười hai]
ky: {chuc_vu: PHÓ BÍ THƯ, ho_ten: Nguyễn Thị Thanh Hương Giang}
`,
}

// load builds an input's document, failing on any error.
func load(t testing.TB, name string, data []byte) *render.Document {
	t.Helper()
	doc, problems := layouts.Load(name, data, input.Options{})
	if doc == nil {
		t.Fatalf("%s: %s", name, problems.Error())
	}
	return doc
}

// pdfOf renders an input as the command does, failing on any error.
func pdfOf(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	return renderPDF(t, load(t, name, data))
}

func renderPDF(t testing.TB, doc *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf renders an input's DOCX.
func docxOf(t testing.TB, name string, data []byte) []byte {
	t.Helper()
	return renderDOCX(t, load(t, name, data))
}

func renderDOCX(t testing.TB, doc *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (docx.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTripThroughDOCX: every sample's DOCX made by baocao imports to YAML that renders the
// same PDF bytes as the sample itself.
func TestRoundTripThroughDOCX(t *testing.T) {
	for name, data := range registrationSamples(t) {
		t.Run(name, func(t *testing.T) {
			want := pdfOf(t, name, data)
			res := importer.ReadDOCX("bao-cao.docx", docxOf(t, name, data))
			if res.Problems.HasErrors() || len(res.Reports) != 1 {
				t.Fatalf("import: %d reports, %s", len(res.Reports), res.Problems.Error())
			}
			if !bytes.Equal(pdfOf(t, "imported.yaml", res.Reports[0]), want) {
				t.Errorf("the imported YAML renders another PDF; imported:\n%s", res.Reports[0])
			}
		})
	}
}

// TestVisibleTextRoundTrip: from its visible text alone (the data part removed), every sample's
// DOCX and every stress variant imports to YAML whose document prints the same: the same PDF
// bytes but for the attached data, which holds the keys as written.
func TestVisibleTextRoundTrip(t *testing.T) {
	all := registrationSamples(t)
	for name, data := range variants {
		all[name] = []byte(data)
	}
	for name, data := range all {
		t.Run(name, func(t *testing.T) {
			doc := load(t, name, data)
			res := importer.ReadDOCX("bao-cao.docx", withoutData(t, renderDOCX(t, doc)))
			if res.Problems.HasErrors() || len(res.Reports) != 1 {
				t.Fatalf("import: %d reports, %s", len(res.Reports), res.Problems.Error())
			}
			imported := load(t, "imported.yaml", res.Reports[0])
			doc.Data, imported.Data = nil, nil
			if !bytes.Equal(renderPDF(t, imported), renderPDF(t, doc)) {
				t.Errorf("the imported YAML prints another PDF; imported:\n%s", res.Reports[0])
			}
		})
	}
}
