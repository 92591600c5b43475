// Package xlsxtest reads an XLSX back with excelize for tests, so that excelize stays inside
// render/xlsx: every sheet, its frozen pane, autofilter and column widths, and every cell's
// value, type and style.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbook is an XLSX as read back.
type Workbook struct {
	Properties Properties
	Sheets     []Sheet
}

// Properties are the workbook's core properties.
type Properties struct {
	Title, Creator, Language, Created, Modified string
}

// Sheet is one worksheet as read back.
type Sheet struct {
	Name string
	// Frozen is the top-left cell of the scrolling part when panes are frozen, else "".
	Frozen string
	// Filter is the autofilter's range, "" for none.
	Filter  string
	Widths  []float64 // of the columns in use, in characters
	Heights []float64 // of the rows, in points
	Rows    [][]Cell  // every row up to the last used one, each up to the sheet's last used column
}

// Cell is one cell as read back.
type Cell struct {
	Ref string
	// Type is "s" for a shared string, "n" for a number, "" for an empty cell, or the raw type
	// attribute of anything else (an inline string, a formula, a boolean).
	Type  string
	Raw   string // the stored value: the text, or the number as written
	Shown string // the value as excelize formats it with the cell's number format
	Bold  bool
	Font  string
	Size  float64
	// NumFmt is the number format code of a custom format, else the built-in format's number.
	NumFmt string
	Wrap   bool
}

// Read reads an XLSX.
func Read(data []byte) (*Workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil {
		return nil, err
	}
	wb := &Workbook{Properties: Properties{Title: props.Title, Creator: props.Creator, Language: props.Language, Created: props.Created, Modified: props.Modified}}
	filters, err := autoFilters(data)
	if err != nil {
		return nil, err
	}
	for i, name := range f.GetSheetList() {
		s := Sheet{Name: name, Filter: filters[i]}
		panes, err := f.GetPanes(name)
		if err != nil {
			return nil, err
		}
		if panes.Freeze {
			s.Frozen = panes.TopLeftCell
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		for c := 1; c <= cols; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(name, col)
			if err != nil {
				return nil, err
			}
			s.Widths = append(s.Widths, w)
		}
		for r := range rows {
			h, err := f.GetRowHeight(name, r+1)
			if err != nil {
				return nil, err
			}
			s.Heights = append(s.Heights, h)
			var row []Cell
			for c := 1; c <= cols; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r+1)
				cell, err := readCell(f, name, ref)
				if err != nil {
					return nil, err
				}
				row = append(row, cell)
			}
			s.Rows = append(s.Rows, row)
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

// readCell reads one cell's value, type and style.
func readCell(f *excelize.File, sheet, ref string) (Cell, error) {
	c := Cell{Ref: ref}
	var err error
	if c.Raw, err = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); err != nil {
		return c, err
	}
	if c.Shown, err = f.GetCellValue(sheet, ref); err != nil {
		return c, err
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		return c, err
	}
	switch {
	case typ == excelize.CellTypeSharedString:
		c.Type = "s"
	case (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) && c.Raw != "":
		c.Type = "n"
	case typ == excelize.CellTypeUnset:
	default:
		c.Type = fmt.Sprint("type ", typ)
	}
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		return c, err
	}
	style, err := f.GetStyle(id)
	if err != nil {
		return c, err
	}
	if style.Font != nil {
		c.Bold, c.Font, c.Size = style.Font.Bold, style.Font.Family, style.Font.Size
	}
	if style.Alignment != nil {
		c.Wrap = style.Alignment.WrapText
	}
	c.NumFmt = strconv.Itoa(style.NumFmt)
	if style.CustomNumFmt != nil {
		c.NumFmt = *style.CustomNumFmt
	}
	return c, nil
}

// autoFilterRef finds a worksheet's autofilter element.
var autoFilterRef = regexp.MustCompile(`<autoFilter ref="([A-Z0-9:$]+)"`)

// autoFilters reads the autofilter range of every worksheet from the parts themselves (excelize
// has no reader for them), by the sheet's position: xl/worksheets/sheetN.xml is the Nth sheet, as
// excelize numbers the sheets it creates.
func autoFilters(data []byte) (map[int]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, file := range zr.File {
		var n int
		if _, err := fmt.Sscanf(file.Name, "xl/worksheets/sheet%d.xml", &n); err != nil || !strings.HasSuffix(file.Name, ".xml") {
			continue
		}
		rc, err := file.Open()
		if err != nil {
			return nil, err
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if m := autoFilterRef.FindSubmatch(part); m != nil {
			out[n-1] = strings.ReplaceAll(string(m[1]), "$", "")
		}
	}
	return out, nil
}

// Dump writes the workbook as text for a golden file: its properties, then each sheet's frozen
// pane, filter, column widths and row heights, and one line per cell with its type, stored value, value as shown
// (when it differs) and style.
func (wb *Workbook) Dump() string {
	var b strings.Builder
	p := wb.Properties
	fmt.Fprintf(&b, "title: %s\ncreator: %s\nlanguage: %s\ncreated: %s\nmodified: %s\n", p.Title, p.Creator, p.Language, p.Created, p.Modified)
	for _, s := range wb.Sheets {
		fmt.Fprintf(&b, "\n== %s\nfrozen: %s\nfilter: %s\nwidths: %v\nheights: %v\n", s.Name, s.Frozen, s.Filter, s.Widths, s.Heights)
		for _, row := range s.Rows {
			for _, c := range row {
				fmt.Fprintf(&b, "%s %s %q", c.Ref, orDash(c.Type), c.Raw)
				if c.Shown != c.Raw {
					fmt.Fprintf(&b, " shown %q", c.Shown)
				}
				fmt.Fprintf(&b, " [%s %g", c.Font, c.Size)
				if c.Bold {
					b.WriteString(" bold")
				}
				if c.Wrap {
					b.WriteString(" wrap")
				}
				if c.NumFmt != "0" {
					b.WriteString(" fmt " + c.NumFmt)
				}
				b.WriteString("]\n")
			}
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
