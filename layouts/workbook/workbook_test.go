package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"baocao/layouts/input"
)

// template is the empty roster workbook, opened for filling.
func template(t testing.TB) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Template(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// bytesOf saves a workbook.
func bytesOf(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lines prints problems one a line.
func lines(ps input.Problems) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, "\n")
}

// TestTemplateIsItsOwnExample: the template's example row reads into a roster of one cell with
// one model and one exemplar, every value in its place, and the template is the same bytes
// every time.
func TestTemplateIsItsOwnExample(t *testing.T) {
	data := bytesOf(t, template(t))
	r, problems := ReadRoster("danh-sach.xlsx", data)
	if r == nil || len(problems) != 0 {
		t.Fatalf("problems:\n%s", lines(problems))
	}
	want := `mau: dang-ky
danh_sach:
    - co_quan:
        ten: Chi bộ Sở Tài chính
        loai: chi-bo
        khoi: co-quan
      so: 5
      ngay: "2021-04-12"
      ke_hoach:
        so: 3
        ngay: "2021-04-08"
      ky:
        quyen: T/M BAN CHI ỦY
        chuc_vu: BÍ THƯ
        ho_ten: Trần Văn Bình
      mo_hinh: [{ten: Văn hóa công sở tại Văn phòng Sở, loai: van-hoa-cong-so, don_vi: Văn phòng Sở Tài chính}]
      guong: [{ho_ten: Nguyễn Thị Hoa, chuc_vu: Phó Chánh Văn phòng, don_vi: Văn phòng Sở Tài chính}]
`
	if string(r.YAML) != want {
		t.Errorf("YAML:\n%s\nwant:\n%s", r.YAML, want)
	}
	var again bytes.Buffer
	if err := Template(&again); err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	Template(&first)
	if !bytes.Equal(first.Bytes(), again.Bytes()) {
		t.Error("the template differs from one export to the next")
	}
}

// TestTemplateDropDowns: type, khối and model kind offer their names from kh46 as drop-down
// lists.
func TestTemplateDropDowns(t *testing.T) {
	f := template(t)
	for _, tc := range []struct {
		sheet, sqref string
		names        []choice
	}{{CellsSheet, "B2:B1000", cellTypes}, {CellsSheet, "C2:C1000", sectors}, {ModelsSheet, "C2:C1000", modelKinds}} {
		dvs, err := f.GetDataValidations(tc.sheet)
		if err != nil {
			t.Fatal(err)
		}
		var found *excelize.DataValidation
		for _, dv := range dvs {
			if dv.Sqref == tc.sqref {
				found = dv
			}
		}
		if found == nil || found.Type != "list" {
			t.Errorf("%s!%s: no drop-down list (%+v)", tc.sheet, tc.sqref, dvs)
			continue
		}
		ref := strings.TrimPrefix(found.Formula1, "'"+listsSheet+"'!")
		cells := strings.Split(strings.ReplaceAll(ref, "$", ""), ":")
		var got []string
		for r := 1; ; r++ {
			col := strings.TrimRight(cells[0], "0123456789")
			v, _ := f.GetCellValue(listsSheet, col+itoa(r))
			if v == "" {
				break
			}
			got = append(got, v)
		}
		var want []string
		for _, c := range tc.names {
			want = append(want, c.name)
		}
		if !reflect.DeepEqual(got, want) || cells[1] != strings.TrimRight(cells[0], "0123456789")+itoa(len(want)) {
			t.Errorf("%s!%s lists %q (%s), want %q", tc.sheet, tc.sqref, got, found.Formula1, want)
		}
	}
	if v, _ := f.GetSheetVisible(listsSheet); v {
		t.Error("the sheet of lists is visible")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// filled is the template with two cells, their models and exemplars, typed as a user would:
// names of choices in other case and spacing, a code where a name is expected.
func filled(t testing.TB) *excelize.File {
	t.Helper()
	f := template(t)
	rows := map[string][][]any{
		CellsSheet: {
			{"Chi bộ Sở Tư pháp", "chi bộ", "Cơ  quan", 4, date(2021, 4, 13), 2, date(2021, 4, 7), nil, nil, "Lương Văn Hải"},
			{"Đảng bộ Bệnh viện Đa khoa tỉnh", "Đảng bộ", "y-te", 9, date(2021, 4, 12), nil, nil, "T/M ĐẢNG ỦY", "BÍ THƯ", "Vương Đình Khôi"},
		},
		ModelsSheet: {
			{"Chi bộ Sở Tư pháp", "Cải cách thủ tục hành chính trong lĩnh vực hộ tịch", "Mô hình thi đua thực hiện cải cách thủ tục hành chính", "Phòng Hành chính tư pháp"},
			{"Đảng bộ Bệnh viện Đa khoa tỉnh", "Bệnh viện xanh - sạch - đẹp", "5s", "Khoa Nội"},
			{"chi bộ sở tư pháp", "Thực hiện \"5 không\"", "Mô hình khác do chi, đảng bộ lựa chọn", "Văn phòng Sở"},
		},
		ExemplarsSheet: {
			{"Đảng bộ Bệnh viện Đa khoa tỉnh", "Phan Thị Thu Trang", "Phó Trưởng khoa", "Khoa Hồi sức"},
		},
	}
	for sheet, rs := range rows {
		for r, row := range rs {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+2)
				if v == nil {
					f.SetCellValue(sheet, ref, "")
					continue
				}
				if err := f.SetCellValue(sheet, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return f
}

// TestRosterFromWorkbook: a filled roster workbook reads into the roster YAML, and each YAML
// position into its sheet and cell.
func TestRosterFromWorkbook(t *testing.T) {
	r, problems := ReadRoster("ds.xlsx", bytesOf(t, filled(t)))
	if r == nil || len(problems) != 0 {
		t.Fatalf("problems:\n%s", lines(problems))
	}
	want := `mau: dang-ky
danh_sach:
    - co_quan:
        ten: Chi bộ Sở Tư pháp
        loai: chi-bo
        khoi: co-quan
      so: 4
      ngay: "2021-04-13"
      ke_hoach:
        so: 2
        ngay: "2021-04-07"
      ky:
        ho_ten: Lương Văn Hải
      mo_hinh: [{ten: Cải cách thủ tục hành chính trong lĩnh vực hộ tịch, loai: cai-cach-hanh-chinh, don_vi: Phòng Hành chính tư pháp}, {ten: Thực hiện "5 không", loai: khac, don_vi: Văn phòng Sở}]
      guong: []
    - co_quan:
        ten: Đảng bộ Bệnh viện Đa khoa tỉnh
        loai: dang-bo
        khoi: y-te
      so: 9
      ngay: "2021-04-12"
      ky:
        quyen: T/M ĐẢNG ỦY
        chuc_vu: BÍ THƯ
        ho_ten: Vương Đình Khôi
      mo_hinh: [{ten: Bệnh viện xanh - sạch - đẹp, loai: 5s, don_vi: Khoa Nội}]
      guong: [{ho_ten: Phan Thị Thu Trang, chuc_vu: Phó Trưởng khoa, don_vi: Khoa Hồi sức}]
`
	if string(r.YAML) != want {
		t.Errorf("YAML:\n%s\nwant:\n%s", r.YAML, want)
	}
	got := r.Locate(input.Problems{
		{File: "ds.xlsx", Line: 7, Key: "danh_sach[1].mo_hinh[2].loai", Message: "a"},
		{File: "ds.xlsx", Line: 3, Key: "danh_sach[2].ky.ho_ten", Message: "b"},
		{File: "ds.xlsx", Line: 3, Key: "danh_sach[2].ke_hoach", Message: "c"},
		{File: "ds.xlsx", Line: 3, Key: "danh_sach[2].guong[1].don_vi.x", Message: "d"},
		{File: "ds.xlsx", Line: 3, Key: "danh_sach[1].guong", Message: "e"},
		{File: "ds.xlsx", Key: "danh_sach", Message: "f"},
		{File: "ds.xlsx", Message: "g"},
	})
	wantLines := "ds.xlsx:Mô hình!C4: a\nds.xlsx:Danh sách!J3: b\nds.xlsx:Danh sách!F3: c\nds.xlsx:Gương!D2: d\nds.xlsx:Gương!A2: e\nds.xlsx:Danh sách!A1: f\nds.xlsx: g"
	if lines(got) != wantLines {
		t.Errorf("located:\n%s\nwant:\n%s", lines(got), wantLines)
	}
}

func date(y, m, d int) any {
	return excelizeDate{y, m, d}.time()
}

// setXML rewrites one part of a saved workbook, for the shapes excelize does not write.
func setXML(t testing.TB, data []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == part {
			body = []byte(edit(string(body)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	return buf.Bytes()
}

// TestBadWorkbooks: each bad workbook is refused with a message that says what and where.
func TestBadWorkbooks(t *testing.T) {
	ole := func(stream string) []byte {
		data := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 1024-8)...)
		for i, c := range stream {
			data[512+2*i] = byte(c)
		}
		return data
	}
	withFormula := func(cached bool) []byte {
		f := filled(t)
		f.SetCellFormula(CellsSheet, "D2", "2+2")
		data := bytesOf(t, f)
		data = setXML(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
			i := strings.Index(s, "<f>2+2</f>")
			if i < 0 {
				t.Fatalf("no formula in the sheet: %s", s)
			}
			end := strings.Index(s[i:], "</c>") + i
			v := ""
			if cached {
				v = "<v>4</v>"
			}
			return s[:i] + "<f>2+2</f>" + v + s[end:]
		})
		return data
	}
	mergedHeader := filled(t)
	mergedHeader.MergeCell(ModelsSheet, "B1", "C1")
	mergedRows := filled(t)
	mergedRows.MergeCell(ExemplarsSheet, "A2", "A3")
	textDate := filled(t)
	textDate.SetCellStr(CellsSheet, "E3", "12/4/2021")
	noSheet := filled(t)
	noSheet.DeleteSheet(ExemplarsSheet)
	badChoice := filled(t)
	badChoice.SetCellStr(CellsSheet, "C2", "nông nghiệp")
	badChoice.SetCellStr(ModelsSheet, "A4", "Chi bộ Không Có")
	badChoice.SetCellStr(CellsSheet, "D3", "chín")
	missingColumn := filled(t)
	missingColumn.SetCellStr(ModelsSheet, "D1", "Ghi chú")
	for _, tc := range []struct {
		name  string
		data  []byte
		want  string
		reads bool // the workbook reads, its bad values left out of the cells' YAML
	}{
		{"text", []byte("Tên chi bộ\nChi bộ A\n"), "ds.xlsx: " + MsgNotXLSX, false},
		{"a Word document", setXML(t, bytesOf(t, filled(t)), "xl/workbook.xml", func(string) string { return "<w:document/>" }), "ds.xlsx: " + MsgCorrupt, false},
		{"password", ole("EncryptionInfo"), "ds.xlsx: " + MsgEncrypted, false},
		{"Excel 97", ole("Workbook"), "ds.xlsx: " + MsgXLS, false},
		{"merged header", bytesOf(t, mergedHeader), "ds.xlsx:Mô hình!B1:C1: ô tiêu đề bị gộp (Merge & Center); hãy bỏ gộp để mỗi cột có tiêu đề riêng trong một ô\n" +
			`ds.xlsx:Mô hình!A1: thiếu cột "Loại mô hình" ở dòng 1 (dòng tiêu đề)`, false},
		{"merged rows", bytesOf(t, mergedRows), "ds.xlsx:Gương!A2:A3: các ô bị gộp (Merge & Center); hãy bỏ gộp và điền giá trị vào từng ô", false},
		{"formula", withFormula(false), "ds.xlsx:Danh sách!D2: " + msgNoValue, true},
		{"date as text", bytesOf(t, textDate), `ds.xlsx:Danh sách!E3: ngày "12/4/2021" được gõ dạng chữ; hãy nhập lại thành ngày của Excel (định dạng ô: Date, như 12/04/2021)`, true},
		{"sheet missing", bytesOf(t, noSheet), `ds.xlsx: thiếu trang tính "Gương" (các gương cá nhân, mỗi dòng một người, cột đầu là tên chi, đảng bộ); hãy lấy lại từ tệp mẫu: baocao template export --xlsx`, false},
		{"bad values, all at once", bytesOf(t, badChoice), strings.Join([]string{
			`ds.xlsx:Mô hình!A4: "Chi bộ Không Có" không có trong trang "Danh sách"`,
			`ds.xlsx:Danh sách!C2: "nông nghiệp" không phải là khối đã biết; chọn trong danh sách của ô: cơ quan; doanh nghiệp; giáo dục - đào tạo; y tế`,
			`ds.xlsx:Danh sách!D3: "chín" không phải là một số nguyên (cột "Số báo cáo")`,
		}, "\n"), true},
		{"column missing", bytesOf(t, missingColumn), strings.Join([]string{
			`ds.xlsx:Mô hình!D1: cảnh báo: cột "Ghi chú" không có trong mẫu; bỏ qua cột này`,
			`ds.xlsx:Mô hình!A1: thiếu cột "Đơn vị thực hiện" ở dòng 1 (dòng tiêu đề)`,
		}, "\n"), false},
	} {
		r, problems := ReadRoster("ds.xlsx", tc.data)
		if r != nil { // a workbook that reads, with bad values: each cell's problems after the workbook's
			for item := 1; item <= len(r.items)+2; item++ {
				problems = append(problems, r.CellProblems(item, nil)...)
			}
		}
		if lines(problems) != tc.want || (r != nil) != tc.reads {
			t.Errorf("%s: roster %v\n%s\nwant:\n%s", tc.name, r != nil, lines(problems), tc.want)
		}
	}
	// A formula with the value Excel saved reads as that value, never computed.
	r, problems := ReadRoster("ds.xlsx", withFormula(true))
	if r == nil || !strings.Contains(string(r.YAML), "so: 4\n") || len(problems) != 0 {
		t.Errorf("a formula with its saved value: %v\n%s", problems, r.YAML)
	}
}

// vn1258 writes text as Windows-1258 does: letters with their circumflex, breve or horn whole,
// tone marks combining after them.
func vn1258(t testing.TB, s string) []byte {
	t.Helper()
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		d := []rune(norm.NFD.String(string(r)))
		var base, tones []rune
		for _, c := range d {
			if c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323 {
				tones = append(tones, c)
			} else {
				base = append(base, c)
			}
		}
		b.WriteString(norm.NFC.String(string(base)) + string(tones))
	}
	out, err := charmap.Windows1258.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNames: names from CSV in every encoding and separator Excel writes, and from workbooks,
// with and without a header row, blank rows passed over, NFC whatever was typed.
func TestNames(t *testing.T) {
	want := []string{"Chi bộ Sở Tài chính", "Đảng bộ Bệnh viện Đa khoa tỉnh", "Chi bộ Trường Cao đẳng Nghề Yên Bái"}
	csvText := "STT;Tên chi bộ, đảng bộ;Ghi chú\n1;Chi bộ Sở Tài chính;\n;;\n2;Đảng bộ Bệnh viện Đa khoa tỉnh;đã nhắc\n3;\"Chi bộ Trường Cao đẳng Nghề Yên Bái\";\n"
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "Chi bộ Sở Tài chính")
	f.SetCellStr("Sheet1", "A2", "Đảng bộ Bệnh viện Đa khoa tỉnh")
	f.SetCellStr("Sheet1", "A4", " Chi bộ Trường  Cao đẳng Nghề Yên Bái ")
	f.NewSheet("Khác")
	f.SetCellStr("Khác", "A1", "không đọc")
	headed := excelize.NewFile()
	for i, row := range [][]string{{"TT", "Tên đơn vị", "Khối"}, {"1", want[0], "cơ quan"}, {"2", want[1], "y tế"}, {"3", want[2], "giáo dục"}} {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
			headed.SetCellStr("Sheet1", ref, v)
		}
	}
	titled := excelize.NewFile()
	titled.SetCellStr("Sheet1", "A1", "DANH SÁCH CÁC CHI, ĐẢNG BỘ PHẢI BÁO CÁO")
	titled.MergeCell("Sheet1", "A1", "C1")
	for i, row := range [][]string{{"STT", "Tên chi bộ, đảng bộ", "Ghi chú"}, {"1", want[0]}, {"2", want[1]}, {"3", want[2], "mới"}} {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, i+3)
			titled.SetCellStr("Sheet1", ref, v)
		}
	}
	for _, tc := range []struct {
		name, file string
		data       []byte
	}{
		{"workbook, merged title, header in row 3", "ds.xlsx", bytesOf(t, titled)},
		{"UTF-8 with BOM, semicolons", "ds.csv", append([]byte("\xEF\xBB\xBF"), csvText...)},
		{"UTF-8, commas, decomposed", "ds.csv", []byte(norm.NFD.String(strings.ReplaceAll(csvText, ";", ",")))},
		{"Windows-1258, semicolons", "ds.csv", vn1258(t, csvText)},
		{"UTF-16, tabs", "ds.csv", utf16le(strings.ReplaceAll(csvText, ";", "\t"))},
		{"tabs, CRLF", "ds.csv", []byte(strings.ReplaceAll(strings.ReplaceAll(csvText, ";", "\t"), "\n", "\r\n"))},
		{"no header", "ds.csv", []byte(strings.Join(want, "\n"))},
		{"workbook, first column", "ds.xlsx", bytesOf(t, f)},
		{"workbook, headed column", "ds.xlsx", bytesOf(t, headed)},
	} {
		got, problems := Names(tc.file, tc.data)
		if !reflect.DeepEqual(got, want) || len(problems) != 0 {
			t.Errorf("%s: %q %v, want %q", tc.name, got, problems, want)
		}
		for _, n := range got {
			if !norm.NFC.IsNormalString(n) || strings.IndexFunc(n, unicode.IsControl) >= 0 {
				t.Errorf("%s: %q is not clean NFC", tc.name, n)
			}
		}
	}
	if _, problems := Names("ds.csv", []byte("STT;Tên chi bộ\n")); lines(problems) != "ds.csv: không có tên chi, đảng bộ nào trong tệp" {
		t.Errorf("an empty list: %v", problems)
	}
	formula := excelize.NewFile()
	formula.SetCellStr("Sheet1", "A1", want[0])
	formula.SetCellFormula("Sheet1", "A2", "UPPER(A1)")
	if _, problems := Names("ds.xlsx", bytesOf(t, formula)); lines(problems) != "ds.xlsx:Sheet1!A2: "+msgNoValue {
		t.Errorf("a formula without its value: %v", problems)
	}
	if _, problems := Names("ds.xlsx", []byte("not a workbook")); lines(problems) != "ds.xlsx: "+MsgNotXLSX {
		t.Errorf("not a workbook: %v", problems)
	}
}

// TestZipBomb: a workbook whose sheet inflates past the limit is refused without inflating it
// all, as too large.
func TestZipBomb(t *testing.T) {
	good := bytesOf(t, filled(t))
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == "xl/worksheets/sheet2.xml" {
			chunk := bytes.Repeat([]byte("<!-- bom -->"), 1<<16)
			for n := 0; n < (maxUnzipped*2)/len(chunk); n++ {
				w.Write(chunk)
			}
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	if buf.Len() > MaxFileSize {
		t.Fatalf("the bomb is %d bytes, over the file limit: it tests nothing", buf.Len())
	}
	for _, read := range []func() input.Problems{
		func() input.Problems { _, p := ReadRoster("bom.xlsx", buf.Bytes()); return p },
		func() input.Problems { _, p := Names("bom.xlsx", buf.Bytes()); return p },
	} {
		if got := lines(read()); got != "bom.xlsx: "+MsgTooLarge {
			t.Errorf("a zip bomb: %s", got)
		}
	}
}

// utf16le is text as Excel's "Unicode Text" saves it: UTF-16LE after its byte-order mark.
func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}
