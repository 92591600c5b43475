package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// rosterYAML is the roster the workbook below is filled with, as YAML.
const rosterYAML = `mau: dang-ky
danh_sach:
  - co_quan: {ten: Chi bộ Sở Tư pháp, loai: chi-bo, khoi: co-quan}
    so: 4
    ngay: 2021-04-13
    ke_hoach: {so: 2, ngay: 2021-04-07}
    ky: {ho_ten: Lương Văn Hải}
    mo_hinh:
      - {ten: "Cải cách thủ tục hành chính trong lĩnh vực hộ tịch, quốc tịch", loai: cai-cach-hanh-chinh, don_vi: Phòng Hành chính tư pháp}
      - {ten: Thực hiện "5 không" trong tiếp công dân, loai: nam-khong, don_vi: Văn phòng Sở Tư pháp}
    guong:
      - {ho_ten: Đỗ Thị Minh Nguyệt, chuc_vu: Trưởng phòng, don_vi: Phòng Hành chính tư pháp}
  - co_quan: {ten: Đảng bộ Công ty Cổ phần Xi măng Yên Bình, loai: dang-bo, khoi: doanh-nghiep}
    so: 11
    ngay: 2021-04-16
    ky: {quyen: T/M ĐẢNG ỦY, chuc_vu: BÍ THƯ, ho_ten: Hoàng Mạnh Cường}
    mo_hinh:
      - {ten: "Sản xuất an toàn, tiết kiệm năng lượng tại dây chuyền lò nung", loai: an-toan-tiet-kiem, don_vi: Phân xưởng Lò nung}
    guong: []
`

// TestRosterWorkbookRoundTrip: the template exported by the command, filled by code as a Board
// would fill it (the example row replaced), gives through batch the same PDFs as the same
// roster written in YAML.
func TestRosterWorkbookRoundTrip(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "danh-sach.xlsx")
	runMain("template", "export", "--xlsx", book).check(t, exitOK, "đã tạo "+book+"\n", "")
	runMain("template", "export", "--xlsx", book).check(t, exitFailure, "",
		"baocao: "+book+": tệp đã có; thêm --force để ghi đè\n")

	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2021, 4, d, 0, 0, 0, 0, time.UTC) }
	fill := func(sheet string, rows ...[]any) {
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
				if v == nil {
					v = ""
				}
				if err := f.SetCellValue(sheet, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	fill("Danh sách",
		[]any{"Chi bộ Sở Tư pháp", "Chi bộ", "cơ quan", 4, day(13), 2, day(7), nil, nil, "Lương Văn Hải"},
		[]any{"Đảng bộ Công ty Cổ phần Xi măng Yên Bình", "Đảng bộ", "doanh nghiệp", 11, day(16), nil, nil, "T/M ĐẢNG ỦY", "BÍ THƯ", "Hoàng Mạnh Cường"})
	fill("Mô hình",
		[]any{"Chi bộ Sở Tư pháp", "Cải cách thủ tục hành chính trong lĩnh vực hộ tịch, quốc tịch", "Mô hình thi đua thực hiện cải cách thủ tục hành chính", "Phòng Hành chính tư pháp"},
		[]any{"Chi bộ Sở Tư pháp", "Thực hiện \"5 không\" trong tiếp công dân", "Điển hình tiên tiến trong thực hiện nội dung \"5 không\" để nói không với tiêu cực", "Văn phòng Sở Tư pháp"},
		[]any{"Đảng bộ Công ty Cổ phần Xi măng Yên Bình", "Sản xuất an toàn, tiết kiệm năng lượng tại dây chuyền lò nung", "Mô hình thi đua an toàn - tiết kiệm trong sản xuất, kinh doanh", "Phân xưởng Lò nung"})
	fill("Gương", []any{"Chi bộ Sở Tư pháp", "Đỗ Thị Minh Nguyệt", "Trưởng phòng", "Phòng Hành chính tư pháp"})
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}

	fromBook, fromYAML := filepath.Join(dir, "tu-excel"), filepath.Join(dir, "tu-yaml")
	roster := writeInput(t, dir, "danh-sach.yaml", rosterYAML)
	for _, run := range [][]string{{"batch", book, "-o", fromBook, "-j", "1"}, {"batch", roster, "-o", fromYAML, "-j", "1"}} {
		if r := runMain(run...); r.code != exitOK {
			t.Fatalf("%s: exit %d\n%s", strings.Join(run, " "), r.code, r.stderr)
		}
	}
	made, _ := os.ReadDir(fromYAML)
	if len(made) != 2 {
		t.Fatalf("%d reports from the YAML roster", len(made))
	}
	for _, e := range made {
		a, _ := os.ReadFile(filepath.Join(fromBook, e.Name()))
		b, _ := os.ReadFile(filepath.Join(fromYAML, e.Name()))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the PDF from the workbook differs from the one from the YAML roster", e.Name())
		}
	}
}

// TestRosterWorkbookProblemsPointAtCells: batch names the sheet and cell of each problem.
func TestRosterWorkbookProblemsPointAtCells(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "ds.xlsx")
	runMain("template", "export", "--xlsx", book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Danh sách", "J2", "")                                                                                         // no signer
	f.SetCellValue("Mô hình", "C2", "Mô hình thi đua thực hiện chương trình \"5S\" (\"Sạch hơn - Đẹp hơn - Năng suất cao hơn\")") // not for agencies: a warning
	for c, v := range []any{"Chi bộ Sở Tư pháp", "Chi bộ", "nông nghiệp", 4, time.Date(2021, 4, 13, 0, 0, 0, 0, time.UTC), nil, nil, nil, nil, "Lương Văn Hải"} {
		if v != nil {
			ref, _ := excelize.CoordinatesToCellName(c+1, 3)
			f.SetCellValue("Danh sách", ref, v)
		}
	}
	f.SetCellValue("Danh sách", "J3", "Lương Văn Hải")
	f.SaveAs(book)
	r := runMain("batch", book, "-o", filepath.Join(dir, "ra"))
	for _, want := range []string{
		book + ":Danh sách!J2: thiếu khóa bắt buộc",
		book + ":Mô hình!C2: cảnh báo: ",
		book + `:Danh sách!C3: "nông nghiệp" không phải là khối đã biết; chọn trong danh sách của ô: cơ quan; doanh nghiệp; giáo dục - đào tạo; y tế` + "\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Count(r.stderr, "Danh sách!C3") != 1 {
		t.Errorf("the bad khối is told more than once (the loader's missing key too):\n%s", r.stderr)
	}
	if r.code != exitInvalid || !strings.Contains(r.stdout, "Tổng cộng: 2 chi, đảng bộ; 0 đã tạo, 2 có lỗi") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

// TestTemplateExportUsage: export wants a .docx, or --xlsx with a .xlsx.
func TestTemplateExportUsage(t *testing.T) {
	for _, args := range [][]string{{"template", "export"}, {"template", "export", "--xlsx", "ds.xls"}, {"template", "export", "a.docx", "b.docx"}} {
		if r := runMain(args...); r.code != exitUsage {
			t.Errorf("%q: exit %d\n%s", args, r.code, r.stderr)
		}
	}
}
