// Package xlsx writes a render.Workbook as an Excel workbook (XLSX) with excelize; it is the only
// package that imports excelize. Every sheet has a bold header row that stays in view, an
// autofilter over its rows, column widths from the longest value, Times New Roman throughout,
// counts and shares stored as numbers and dates as dates. The same workbook gives the same bytes.
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"baocao/render"
)

// ErrNoWorkbook is returned by Renderer for a document that has no workbook.
var ErrNoWorkbook = errors.New("xlsx: the document has no workbook")

// Renderer writes a Document's workbook; a document without one (a cell's report) gives
// ErrNoWorkbook.
type Renderer struct{}

// Render writes d.Workbook as XLSX.
func (Renderer) Render(w io.Writer, d *render.Document) error {
	if d.Workbook == nil {
		return ErrNoWorkbook
	}
	return Write(w, d.Workbook)
}

// Write writes the workbook as XLSX to w. It fails, writing nothing, on a workbook Excel would
// refuse: no sheet, a sheet name that is empty, too long, has a forbidden character or is used
// twice, a text longer than render.MaxCellText or with a character XML cannot hold, or more rows
// than a sheet holds.
func Write(w io.Writer, wb *render.Workbook) error {
	if err := check(wb); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetDefaultFont(render.SheetFont); err != nil {
		return fmt.Errorf("xlsx: default font: %w", err)
	}
	for i, s := range wb.Sheets {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", s.Name, err)
		}
		if err := writeSheet(f, styles, s); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := setProperties(f, wb.Meta); err != nil {
		return err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// check refuses a workbook that Excel would not open as written.
func check(wb *render.Workbook) error {
	if len(wb.Sheets) == 0 {
		return errors.New("xlsx: a workbook needs at least one sheet")
	}
	seen := map[string]bool{}
	for _, s := range wb.Sheets {
		switch key := strings.ToLower(s.Name); {
		case s.Name == "":
			return errors.New("xlsx: a sheet has no name")
		case len(utf16.Encode([]rune(s.Name))) > render.MaxSheetName:
			return fmt.Errorf("xlsx: sheet name %q is longer than %d characters", s.Name, render.MaxSheetName)
		case strings.ContainsAny(s.Name, render.SheetNameForbidden), strings.HasPrefix(s.Name, "'"), strings.HasSuffix(s.Name, "'"):
			return fmt.Errorf("xlsx: sheet name %q has a character Excel refuses", s.Name)
		case seen[key]:
			return fmt.Errorf("xlsx: two sheets are named %q", s.Name)
		default:
			seen[key] = true
		}
		if len(s.Header) == 0 {
			return fmt.Errorf("xlsx: sheet %q has no header row", s.Name)
		}
		if 2+len(s.Rows) > excelize.TotalRows {
			return fmt.Errorf("xlsx: sheet %q has %d rows, more than a sheet holds", s.Name, len(s.Rows))
		}
		if err := checkText(s.Name); err != nil {
			return fmt.Errorf("xlsx: sheet name %q: %w", s.Name, err)
		}
		for _, h := range s.Header {
			if err := checkText(h); err != nil {
				return fmt.Errorf("xlsx: sheet %q: a header %w", s.Name, err)
			}
		}
		for _, row := range s.AllRows() {
			if len(row) > len(s.Header) {
				return fmt.Errorf("xlsx: sheet %q: a row of %d cells under %d headers", s.Name, len(row), len(s.Header))
			}
			for _, c := range row {
				if c.Kind != render.CellText {
					continue
				}
				if err := checkText(c.Text); err != nil {
					return fmt.Errorf("xlsx: sheet %q: a text %w", s.Name, err)
				}
			}
		}
	}
	return nil
}

// checkText refuses a text that a cell cannot hold as it is: too long, not UTF-8, or with a
// character XML 1.0 has no place for (excelize would replace it without a word).
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("is not UTF-8")
	}
	if n := len(utf16.Encode([]rune(s))); n > render.MaxCellText {
		return fmt.Errorf("of %d characters, more than a cell holds", n)
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("has the character %U, which XLSX cannot hold", r)
		}
	}
	return nil
}

// styleKey is one cell style: what the cell holds and whether it is bold (the header and the
// total row).
type styleKey struct {
	kind render.CellKind
	bold bool
	// month marks a date whose day is blank.
	month bool
}

// styles are the workbook's cell styles, made once in a fixed order so that their numbers, and so
// the bytes, never change; header is the header row's.
type styles struct {
	ids    map[styleKey]int
	header int
}

// newStyles makes every style a sheet may use.
func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{ids: map[styleKey]int{}}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold bool) *excelize.Font {
		return &excelize.Font{Family: render.SheetFont, Size: render.SheetFontSize, Bold: bold}
	}
	id, err := f.NewStyle(&excelize.Style{
		Font:      font(true),
		Border:    border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return nil, fmt.Errorf("xlsx: header style: %w", err)
	}
	st.header = id
	for _, bold := range []bool{false, true} {
		for _, key := range []styleKey{
			{kind: render.CellEmpty}, {kind: render.CellText}, {kind: render.CellInt},
			{kind: render.CellDate}, {kind: render.CellDate, month: true}, {kind: render.CellPercent},
		} {
			key.bold = bold
			s := &excelize.Style{Font: font(bold), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}
			switch key.kind {
			case render.CellText, render.CellEmpty:
				s.Alignment.WrapText = true
			case render.CellInt:
				s.Alignment.Horizontal = "center"
				s.NumFmt = 1 // "0"
			case render.CellDate:
				s.Alignment.Horizontal = "center"
				format := render.SheetDateFormat
				if key.month {
					format = render.SheetMonthFormat
				}
				s.CustomNumFmt = &format
			case render.CellPercent:
				s.Alignment.Horizontal = "center"
				format := render.SheetPercentFormat
				s.CustomNumFmt = &format
			}
			if st.ids[key], err = f.NewStyle(s); err != nil {
				return nil, fmt.Errorf("xlsx: cell style: %w", err)
			}
		}
	}
	return st, nil
}

// of is the style of a cell.
func (st *styles) of(c render.Cell, bold bool) int {
	return st.ids[styleKey{kind: c.Kind, bold: bold, month: c.Kind == render.CellDate && c.Date.Day == 0}]
}

// writeSheet writes one sheet: its header, rows and total, the widths, the frozen header and the
// autofilter.
func writeSheet(f *excelize.File, st *styles, s render.Sheet) error {
	cols := len(s.Header)
	for i, h := range s.Header {
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(s.Name, ref, escapeText(h)); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(cols, 1)
	if err := f.SetCellStyle(s.Name, "A1", last, st.header); err != nil {
		return err
	}
	write := func(r int, row []render.Cell, bold bool) error {
		for i := range cols {
			var c render.Cell
			if i < len(row) {
				c = row[i]
			}
			ref, _ := excelize.CoordinatesToCellName(i+1, r)
			if err := setCell(f, s.Name, ref, c); err != nil {
				return err
			}
			if err := f.SetCellStyle(s.Name, ref, ref, st.of(c, bold)); err != nil {
				return err
			}
		}
		return nil
	}
	for i, row := range s.Rows {
		if err := write(i+2, row, false); err != nil {
			return err
		}
	}
	if s.Total != nil {
		if err := write(len(s.Rows)+2, s.Total, true); err != nil {
			return err
		}
	}
	widths := s.ColumnWidths()
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.Name, col, col, w); err != nil {
			return err
		}
	}
	for i, n := range s.RowLines(widths) {
		if n > 1 {
			if err := f.SetRowHeight(s.Name, i+1, min(float64(n)*render.SheetLineHeight, render.MaxRowHeight)); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(s.Name, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	// The filter covers the header and the rows, not the total, which stays last when sorting.
	end, _ := excelize.CoordinatesToCellName(cols, 1+max(len(s.Rows), 1))
	return f.AutoFilter(s.Name, "A1:"+end, nil)
}

// setCell stores one value: text as a shared string, a count and a share as numbers, a date as
// its day number (a month as its first day). An empty cell gets no value.
func setCell(f *excelize.File, sheet, ref string, c render.Cell) error {
	switch c.Kind {
	case render.CellText:
		return f.SetCellStr(sheet, ref, escapeText(c.Text))
	case render.CellInt:
		return f.SetCellInt(sheet, ref, int64(c.Int))
	case render.CellPercent:
		return f.SetCellFloat(sheet, ref, c.Ratio, -1, 64)
	case render.CellDate:
		d := c.Date
		return f.SetCellValue(sheet, ref, time.Date(d.Year, time.Month(d.Month), max(d.Day, 1), 0, 0, 0, 0, time.UTC))
	}
	return nil
}

// setProperties sets the core properties from the workbook's meta, its date as the time of
// creation and of change, so that the bytes do not depend on when the workbook was written.
// Without a date, the times are excelize's own fixed ones.
func setProperties(f *excelize.File, m render.Meta) error {
	props := &excelize.DocProperties{Title: m.Title, Creator: m.Author, LastModifiedBy: m.Author, Language: m.Lang}
	if m.Date != "" {
		when := m.Date + "T00:00:00Z"
		if _, err := time.Parse(time.RFC3339, when); err != nil {
			return fmt.Errorf("xlsx: the date %q is not YYYY-MM-DD", m.Date)
		}
		props.Created, props.Modified = when, when
	}
	if err := f.SetDocProps(props); err != nil {
		return fmt.Errorf("xlsx: properties: %w", err)
	}
	return nil
}

// escapeText keeps a text that looks like an escaped character ("_x0041_") as typed: Excel and
// excelize read _xHHHH_ in a cell's text as the character HHHH, so every underscore that begins
// such a sequence is written as _x005F_, the escaped underscore. excelize does this for inline
// strings but not for the shared strings it writes.
func escapeText(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && escapedAt(s[i:]) {
			b.WriteString("_x005F_")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapedAt reports whether s begins with _xHHHH_.
func escapedAt(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
