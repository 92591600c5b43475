package importer_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"baocao/layouts/importer"
)

// withoutData removes the data part a DOCX made by baocao carries (its custom XML parts), as a
// file that lost it.
func withoutData(t testing.TB, docxData []byte) []byte {
	t.Helper()
	return editParts(t, docxData, func(name string, data []byte) []byte {
		if strings.HasPrefix(name, "customXml/") {
			return nil
		}
		return data
	}, nil)
}

// editParts rewrites a zip: edit sees every part (nil drops it), extra parts are added at the end.
func editParts(t testing.TB, data []byte, edit func(name string, data []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		part = edit(f.Name, part)
		if part == nil {
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(part)
	}
	for _, name := range sortedKeys(extra) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(extra[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUneditedDOCXGivesItsData: a DOCX made by baocao and not edited imports to exactly the YAML
// it was made from (the input's canonical YAML), with no problem.
func TestUneditedDOCXGivesItsData(t *testing.T) {
	for name, data := range registrationSamples(t) {
		t.Run(name, func(t *testing.T) {
			doc := load(t, name, data)
			res := importer.ReadDOCX("bao-cao.docx", renderDOCX(t, doc))
			if len(res.Problems) != 0 {
				t.Errorf("problems: %v", res.Problems)
			}
			if len(res.Reports) != 1 || !bytes.Equal(res.Reports[0], doc.Data) || len(doc.Data) == 0 {
				t.Errorf("imported YAML is not the data it was made from:\n%s", res.Reports)
			}
		})
	}
}

// TestEditedDOCX: a model renamed and an exemplar removed by editing the XML as Word would (the
// new name in new runs with revision ids, the paragraph gone) import with the visible text, the
// kinds still from the data, and a warning per changed field.
func TestEditedDOCX(t *testing.T) {
	data, err := os.ReadFile("../../samples/chi-bo-so-tai-chinh.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edited := editParts(t, docxOf(t, "chi-bo-so-tai-chinh.yaml", data), func(name string, part []byte) []byte {
		if name != "word/document.xml" {
			return part
		}
		s := string(part)
		old := `<w:r><w:t xml:space="preserve">(1): Văn hóa công sở tại Văn phòng Sở — Văn phòng Sở Tài chính.</w:t></w:r>`
		renamed := `<w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve">(1): Văn hóa </w:t></w:r><w:r w:rsidR="00D4E5F6" w:rsidRPr="00D4E5F6"><w:t xml:space="preserve">công vụ</w:t></w:r><w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve"> tại Văn phòng Sở — Văn phòng Sở Tài chính.</w:t></w:r>`
		if !strings.Contains(s, old) {
			t.Fatal("the model's paragraph is not where the test expects it")
		}
		s = strings.Replace(s, old, renamed, 1)
		// The exemplar's whole paragraph, whatever its properties, goes.
		at := strings.Index(s, `<w:t xml:space="preserve">(1): Nguyễn Thị Hoa, Phó Chánh Văn phòng, Văn phòng Sở Tài chính.</w:t>`)
		start, end := strings.LastIndex(s[:max(at, 0)], "<w:p>"), strings.Index(s[max(at, 0):], "</w:p>")
		if at < 0 || start < 0 || end < 0 {
			t.Fatal("the exemplar's paragraph is not where the test expects it")
		}
		s = s[:start] + s[at+end+len("</w:p>"):]
		s = strings.Replace(s, "Số gương điển hình: 01. Gồm:", "Số gương điển hình: 0.", 1)
		return []byte(s)
	}, nil)
	res := importer.ReadDOCX("bao-cao.docx", edited)
	wantProblems := []string{
		`bao-cao.docx: mo_hinh[1].ten: cảnh báo: văn bản đã được sửa sau khi tạo: dữ liệu đi kèm ghi "Văn hóa công sở tại Văn phòng Sở", văn bản ghi "Văn hóa công vụ tại Văn phòng Sở"; dùng chữ trong văn bản`,
		`bao-cao.docx: guong[1]: cảnh báo: văn bản đã được sửa sau khi tạo: đã xóa gương điển hình "Nguyễn Thị Hoa, Phó Chánh Văn phòng, Văn phòng Sở Tài chính" có trong dữ liệu đi kèm; dùng chữ trong văn bản`,
	}
	checkProblems(t, res.Problems, wantProblems)
	want := `mau: dang-ky
co_quan:
  ten: Chi bộ Sở Tài chính
  loai: chi-bo
  khoi: co-quan
so: 5
dia_danh: Yên Bái
ngay: 2021-04-12
giai_doan: 2021-2023
ke_hoach:
  so: 3
  ngay: 2021-04-08
mo_hinh:
  - ten: Văn hóa công vụ tại Văn phòng Sở
    loai: van-hoa-cong-so
    don_vi: Văn phòng Sở Tài chính
  - ten: Cải cách thủ tục hành chính trong thẩm định giá
    loai: cai-cach-hanh-chinh
    don_vi: Phòng Quản lý giá
guong: []
noi_nhan:
  - Ban Tuyên giáo ĐUK
  - Lưu Chi bộ
ky:
  quyen: T/M BAN CHI ỦY
  chuc_vu: BÍ THƯ
  ho_ten: Trần Văn Bình
  da_ky: false
`
	if len(res.Reports) != 1 || string(res.Reports[0]) != want {
		t.Errorf("imported:\n%s\nwant:\n%s", res.Reports, want)
	}
}

// TestEditedHeaderAndSigner: the number, the date and the signer changed in Word are warnings
// that name each field, and the YAML carries the new values; a signer deleted altogether is an
// error, and no report.
func TestEditedHeaderAndSigner(t *testing.T) {
	data, err := os.ReadFile("../../samples/chi-bo-so-tai-chinh.yaml")
	if err != nil {
		t.Fatal(err)
	}
	made := docxOf(t, "chi-bo-so-tai-chinh.yaml", data)
	replace := func(pairs ...string) []byte {
		return editParts(t, made, func(name string, part []byte) []byte {
			if name != "word/document.xml" {
				return part
			}
			s := string(part)
			for i := 0; i+1 < len(pairs); i += 2 {
				if !strings.Contains(s, pairs[i]) {
					t.Fatalf("%q is not in the document", pairs[i])
				}
				s = strings.Replace(s, pairs[i], pairs[i+1], 1)
			}
			return []byte(s)
		}, nil)
	}
	res := importer.ReadDOCX("bao-cao.docx", replace(
		`Số 05</w:t><w:noBreakHyphen/>`, `Số 06</w:t><w:noBreakHyphen/>`, // baocao writes hyphens unbreakable
		"ngày 12 tháng 4 năm 2021", "ngày 13 tháng 4 năm 2021",
		"<w:t>Trần Văn Bình</w:t>", "<w:t>Trần Văn </w:t></w:r><w:r><w:t>Bính</w:t>"))
	checkProblems(t, res.Problems, []string{
		`bao-cao.docx: so: cảnh báo: văn bản đã được sửa sau khi tạo: dữ liệu đi kèm ghi 5, văn bản ghi 6; dùng chữ trong văn bản`,
		`bao-cao.docx: ngay: cảnh báo: văn bản đã được sửa sau khi tạo: dữ liệu đi kèm ghi 12/4/2021, văn bản ghi 13/4/2021; dùng chữ trong văn bản`,
		`bao-cao.docx: ky.ho_ten: cảnh báo: văn bản đã được sửa sau khi tạo: dữ liệu đi kèm ghi "Trần Văn Bình", văn bản ghi "Trần Văn Bính"; dùng chữ trong văn bản`,
	})
	if len(res.Reports) != 1 || !strings.Contains(string(res.Reports[0]), "so: 6\n") || !strings.Contains(string(res.Reports[0]), "ngay: 2021-04-13\n") || !strings.Contains(string(res.Reports[0]), "ho_ten: Trần Văn Bính\n") {
		t.Errorf("imported:\n%s", res.Reports)
	}

	res = importer.ReadDOCX("bao-cao.docx", replace("<w:t>BÍ THƯ</w:t>", "<w:t></w:t>", "<w:t>Trần Văn Bình</w:t>", "<w:t></w:t>"))
	if !res.Problems.HasErrors() {
		t.Errorf("a deleted signer is no error: %v", res.Problems)
	}
}
