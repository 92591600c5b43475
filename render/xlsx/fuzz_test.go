package xlsx_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"baocao/render"
	"baocao/render/xlsx"
	"baocao/render/xlsx/xlsxtest"
)

// workbookFrom builds a workbook from arbitrary bytes: fields cut at 0x00 bytes give the sheet's
// name, its header and one row per further field, of its text and its length.
func workbookFrom(data []byte) *render.Workbook {
	parts := strings.Split(string(data), "\x00")
	s := render.Sheet{Name: parts[0], Header: []string{"Tên", "Độ dài"}}
	if len(parts) > 1 {
		s.Header[0] = parts[1]
	}
	for i, p := range parts[min(2, len(parts)):] {
		s.Rows = append(s.Rows, []render.Cell{render.TextCell(p), render.IntCell(len(p) * (1 - 2*(i%2)))})
	}
	return &render.Workbook{Meta: render.Meta{Date: "2021-04-19"}, Sheets: []render.Sheet{s}}
}

// FuzzWriteXLSX: any workbook is refused with nothing written, or written so that excelize reads
// back every text and number as given.
func FuzzWriteXLSX(f *testing.F) {
	f.Add([]byte("Tổng hợp\x00Chi, đảng bộ\x00Chi bộ Sở Tài chính\x00Đảng bộ Bệnh viện"))
	f.Add([]byte("Phụ lục 1 - Mô hình\x00STT\x00dòng một\ndòng hai\x00\t tab \r\x00_x0041_\x00_x0041_x0042_\x00_x005F_\x00__x00e9__\x00=SUM(A1:A2)\x00'0123"))
	f.Add([]byte("[x]\x00a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wb := workbookFrom(data)
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, wb); err != nil {
			if buf.Len() > 0 {
				t.Fatalf("%v, and %d bytes written", err, buf.Len())
			}
			return
		}
		got, err := xlsxtest.Read(buf.Bytes())
		if err != nil {
			t.Fatalf("excelize cannot read what was written: %v", err)
		}
		s := wb.Sheets[0]
		if len(got.Sheets) != 1 || got.Sheets[0].Name != s.Name {
			t.Fatalf("sheets %+v, want one named %q", got.Sheets, s.Name)
		}
		rows := got.Sheets[0].Rows
		if len(rows) == 0 || rows[0][0].Raw != s.Header[0] {
			t.Fatalf("header %+v, want %q", rows, s.Header[0])
		}
		for i, want := range s.Rows {
			row := rows[i+1]
			if row[0].Raw != want[0].Text && !(want[0].Text == "" && row[0].Type == "s") {
				t.Errorf("row %d: text %q, want %q", i+1, row[0].Raw, want[0].Text)
			}
			if row[1].Type != "n" || row[1].Raw != strconv.Itoa(want[1].Int) {
				t.Errorf("row %d: number %q (%s), want %d", i+1, row[1].Raw, row[1].Type, want[1].Int)
			}
		}
	})
}
