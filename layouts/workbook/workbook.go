// Package workbook reads what the Board keeps in Excel: a list of names (the cells due to report,
// from an .xlsx or a .csv file), and a roster workbook, one row per cell with its models and
// exemplars on two more sheets, which it turns into the roster YAML the cells loader reads,
// with a map from every YAML position back to its sheet and cell so that each problem names the
// cell to fix ("danh-sach.xlsx:Mô hình!C14: …"). It also writes that workbook's empty template.
// Formulas are read as the values Excel saved with them, never evaluated.
package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"baocao/layouts/importer"
	"baocao/layouts/input"
)

// Limits on a workbook read.
const (
	// MaxFileSize is the largest workbook or CSV file read; a roster of every cell of the Bloc
	// is a few dozen kilobytes.
	MaxFileSize = 8 << 20
	// maxUnzipped bounds what a workbook inflates to, all parts together.
	maxUnzipped = 64 << 20
	// MaxRows is the most rows read from one sheet: a Board's list of input.MaxBoardItems cells
	// under its header row.
	MaxRows = input.MaxBoardItems + 1
	// maxColumns is the most columns read from one row.
	maxColumns = 50
)

// Messages of the workbooks refused whole.
var (
	// MsgEncrypted is the refusal of a workbook protected by a password.
	MsgEncrypted = "tệp Excel có đặt mật khẩu, không đọc được; hãy mở bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa trống) rồi lưu lại"
	// MsgXLS is the refusal of an Excel 97–2003 workbook.
	MsgXLS = "đây là tệp Excel 97–2003 (.xls), chương trình không đọc được; hãy mở bằng Excel và lưu thành Sổ làm việc Excel (.xlsx)"
	// MsgNotXLSX is the refusal of a file that is no Excel workbook.
	MsgNotXLSX = "không phải tệp Excel (.xlsx); hãy mở bằng Excel và lưu thành Sổ làm việc Excel (.xlsx)"
	// MsgCorrupt is the refusal of a workbook that cannot be opened.
	MsgCorrupt = "tệp Excel bị hỏng, không đọc được; hãy mở bằng Excel và lưu lại thành .xlsx"
	// MsgTooLarge is the refusal of a file above MaxFileSize, or one that inflates too much.
	MsgTooLarge = fmt.Sprintf("tệp quá lớn (giới hạn %d MiB); một danh sách chỉ vài chục nghìn byte", MaxFileSize>>20)
)

// refusal is one problem of a whole file.
func refusal(file, msg string) input.Problems {
	return input.Problems{{File: file, Message: msg}}
}

// open opens a workbook from its bytes, or says why it cannot be read.
func open(file string, data []byte) (*excelize.File, input.Problems) {
	switch {
	case len(data) > MaxFileSize:
		return nil, refusal(file, MsgTooLarge)
	case importer.IsOLE(data):
		if importer.HasOLEStream(data, "EncryptionInfo") {
			return nil, refusal(file, MsgEncrypted)
		}
		return nil, refusal(file, MsgXLS)
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, refusal(file, MsgNotXLSX)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped, // every part in memory: nothing is written to disk
	})
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword):
		return nil, refusal(file, MsgNotXLSX)
	case err != nil && strings.Contains(err.Error(), "unzip size exceeds"): // excelize has no sentinel for it
		return nil, refusal(file, MsgTooLarge)
	case err != nil:
		return nil, refusal(file, MsgCorrupt)
	}
	if len(f.GetSheetList()) == 0 {
		return nil, refusal(file, MsgNotXLSX)
	}
	return f, nil
}

// kind is what a cell holds, as far as reading needs to tell.
type kind int

const (
	blank   kind = iota
	text         // typed text
	number       // a number, a date being one formatted as a date
	flag         // TRUE or FALSE
	noValue      // a formula Excel never computed: no saved value
)

// cell is one cell of a sheet read: its raw value (a date as its serial number) and its kind.
type cell struct {
	ref   string // "C14"
	value string
	kind  kind
}

// sheet is one sheet read into rows of cells, with the problems of reading it.
type sheet struct {
	name     string
	rows     [][]cell // rows[0] is row 1
	date1904 bool
}

// place names a cell for a message: "Mô hình!C14".
func (s *sheet) place(ref string) string { return s.name + "!" + ref }

// readSheet reads a sheet's cells, refusing sheets beyond the limits and, when refuseMerged,
// merged cells (a roster's cells each hold one value; a list of names may have a merged title).
func readSheet(f *excelize.File, file, name string, refuseMerged bool) (*sheet, input.Problems) {
	var problems input.Problems
	add := func(ref, format string, args ...any) {
		problems = append(problems, input.Problem{File: file + ":" + name + "!" + ref, Message: fmt.Sprintf(format, args...)})
	}
	s := &sheet{name: name}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	merged, err := f.GetMergeCells(name)
	if err != nil {
		return nil, refusal(file, MsgCorrupt)
	}
	for _, m := range merged {
		if !refuseMerged {
			break
		}
		start, end := m.GetStartAxis(), m.GetEndAxis()
		if _, row, _ := excelize.CellNameToCoordinates(start); row == 1 {
			add(start+":"+end, "ô tiêu đề bị gộp (Merge & Center); hãy bỏ gộp để mỗi cột có tiêu đề riêng trong một ô")
		} else {
			add(start+":"+end, "các ô bị gộp (Merge & Center); hãy bỏ gộp và điền giá trị vào từng ô")
		}
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, refusal(file, MsgCorrupt)
	}
	defer rows.Close()
	for r := 1; rows.Next(); r++ {
		if r > MaxRows {
			add(fmt.Sprintf("A%d", r), "quá nhiều dòng (tối đa %d)", MaxRows)
			break
		}
		values, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, refusal(file, MsgCorrupt)
		}
		var row []cell
		for c, v := range values {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			if c >= maxColumns {
				if strings.TrimSpace(v) != "" {
					add(ref, "quá nhiều cột (tối đa %d)", maxColumns)
				}
				break
			}
			row = append(row, readCell(f, name, ref, v))
		}
		s.rows = append(s.rows, row)
	}
	if err := rows.Error(); err != nil {
		return nil, refusal(file, MsgCorrupt)
	}
	return s, problems
}

// readCell tells a cell's kind from its type and formula: a formula counts by the value Excel
// saved with it (never computed here), and is noValue without one.
func readCell(f *excelize.File, sheetName, ref, value string) cell {
	c := cell{ref: ref, value: value}
	formula, _ := f.GetCellFormula(sheetName, ref)
	typ, _ := f.GetCellType(sheetName, ref)
	switch {
	case formula != "" && value == "":
		c.kind = noValue
	case strings.TrimSpace(value) == "":
		c.kind = blank
	case typ == excelize.CellTypeBool:
		c.kind = flag
	case typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeFormula || typ == excelize.CellTypeError:
		c.kind = text
	case typ == excelize.CellTypeDate:
		c.kind = text // an ISO date typed into the XML; read as text and parsed
	default:
		c.kind = number
	}
	return c
}

// at is the cell at column col (0-based) of a row, blank past its end.
func at(row []cell, col int, r int) cell {
	if col < len(row) {
		return row[col]
	}
	ref, _ := excelize.CoordinatesToCellName(col+1, r)
	return cell{ref: ref}
}

// fold is a header or a value for matching whatever its case, marks, punctuation and spacing:
// "Tên chi bộ, đảng bộ" gives "ten chi bo dang bo".
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// clean is a cell's text as the YAML gets it: NFC, trimmed, its line breaks as spaces.
func clean(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// whole reads a number cell, or text of digits, as a whole number.
func whole(c cell) (int, bool) {
	v := strings.TrimSpace(c.value)
	if n, err := strconv.Atoi(v); err == nil {
		return n, true
	}
	if c.kind == number {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f == float64(int(f)) {
			return int(f), true
		}
	}
	return 0, false
}
