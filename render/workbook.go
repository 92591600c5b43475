package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Workbook is a document's figures and lists as sheets of typed cells, for the spreadsheet formats
// (XLSX). Like a Document it is resolved: every value is final, so a backend only decides how each
// kind of cell is stored and styled.
type Workbook struct {
	Meta   Meta // the core properties: title, author, language and the date as created and modified
	Sheets []Sheet
}

// Sheet is one worksheet: a header row, which stays in view and heads the autofilter, the rows
// under it and an optional total row after them, outside the filter.
type Sheet struct {
	Name   string // at most MaxSheetName characters, none of SheetNameForbidden
	Header []string
	Rows   [][]Cell
	Total  []Cell // nil for none; printed in bold
}

// AllRows are the sheet's rows under the header, the total row last when there is one.
func (s Sheet) AllRows() [][]Cell {
	if s.Total == nil {
		return s.Rows
	}
	return append(s.Rows[:len(s.Rows):len(s.Rows)], s.Total)
}

// MaxSheetName is the longest sheet name Excel accepts, in characters.
const MaxSheetName = 31

// SheetNameForbidden are the characters Excel refuses in a sheet name.
const SheetNameForbidden = `:\/?*[]`

// MaxCellText is the longest text a cell holds, in UTF-16 code units as Excel counts (a
// Vietnamese letter is one).
const MaxCellText = 32767

// CellKind is what a Cell holds.
type CellKind int

// The kinds of cells. The zero Cell is empty.
const (
	CellEmpty   CellKind = iota
	CellText             // Text
	CellInt              // Int: a count
	CellDate             // Date: a calendar date, or a month when its day is 0
	CellPercent          // Ratio: a share, 0.818 for 81,8%
)

// Cell is one value of a sheet.
type Cell struct {
	Kind  CellKind
	Text  string
	Int   int
	Ratio float64
	Date  CalendarDate
}

// CalendarDate is a date without a time of day. Day is 0 when only the month is known.
type CalendarDate struct {
	Year, Month, Day int
}

// TextCell is a text cell.
func TextCell(s string) Cell { return Cell{Kind: CellText, Text: s} }

// IntCell is a number cell holding a count.
func IntCell(n int) Cell { return Cell{Kind: CellInt, Int: n} }

// DateCell is a date cell; day 0 stands for the whole month.
func DateCell(year, month, day int) Cell {
	return Cell{Kind: CellDate, Date: CalendarDate{Year: year, Month: month, Day: day}}
}

// PercentCell is the share part/whole, 0 when whole is 0 (as the report's text writes "0%").
func PercentCell(part, whole int) Cell {
	if whole == 0 {
		return Cell{Kind: CellPercent}
	}
	return Cell{Kind: CellPercent, Ratio: float64(part) / float64(whole)}
}

// String is the cell's value as a person reads it, for messages and golden files: "81,8%",
// "19/4/2021", "4/2021".
func (c Cell) String() string {
	switch c.Kind {
	case CellText:
		return c.Text
	case CellInt:
		return fmt.Sprint(c.Int)
	case CellDate:
		if c.Date.Day == 0 {
			return fmt.Sprintf("%d/%d", c.Date.Month, c.Date.Year)
		}
		return fmt.Sprintf("%d/%d/%d", c.Date.Day, c.Date.Month, c.Date.Year)
	case CellPercent:
		s := strings.TrimSuffix(fmt.Sprintf("%.1f", 100*c.Ratio), ".0")
		return strings.Replace(s, ".", ",", 1) + "%"
	}
	return ""
}

// The spreadsheet format rules, in one place for any spreadsheet backend: Times New Roman at
// 12 pt, dates as day/month/year with no leading zeros (as Vietnamese writes them), shares with
// one decimal, and column widths in characters.
const (
	SheetFont       = "Times New Roman"
	SheetFontSize   = 12.0
	SheetDateFormat = "d/m/yyyy"
	// SheetMonthFormat is the format of a date whose day is blank: stored as the first of the
	// month, shown as the month only.
	SheetMonthFormat   = "m/yyyy"
	SheetPercentFormat = "0.0%"

	// MinColumnWidth and MaxColumnWidth bound a column's width, in characters; longer text wraps.
	MinColumnWidth = 6.0
	MaxColumnWidth = 60.0
	// ColumnPadding is added to the longest value, for the cell's margins and the filter button.
	ColumnPadding = 3.0
	// SheetLineHeight is the height of one line of text in a row, in points; a row whose text
	// wraps is as many lines high as its longest cell needs.
	SheetLineHeight = 15.75
	// MaxRowHeight is the tallest row Excel allows, in points.
	MaxRowHeight = 409.0
)

// ColumnWidths estimates the width of each column, in characters, from its longest value (header,
// rows and total, as String writes them), within MinColumnWidth and MaxColumnWidth. Vietnamese
// letters with their tone marks are as wide as plain ones, so characters, not bytes, are counted.
func (s Sheet) ColumnWidths() []float64 {
	longest := make([]int, len(s.Header))
	measure := func(i int, text string) {
		for i >= len(longest) {
			longest = append(longest, 0)
		}
		for _, line := range strings.Split(text, "\n") {
			longest[i] = max(longest[i], utf8.RuneCountInString(line))
		}
	}
	for i, h := range s.Header {
		measure(i, h)
	}
	for _, row := range s.AllRows() {
		for i, c := range row {
			measure(i, c.String())
		}
	}
	widths := make([]float64, len(longest))
	for i, n := range longest {
		widths[i] = min(max(float64(n)+ColumnPadding, MinColumnWidth), MaxColumnWidth)
	}
	return widths
}

// RowLines estimates how many lines each row takes (header first, then AllRows) once its text
// wraps in columns of the given widths: words are laid greedily on lines of width-1 characters
// (a letter of Times New Roman is a little narrower than the unit of width, a digit), a word longer than a line taking as many as it fills. Spreadsheet programs do not
// all fit rows to wrapped text when they open a file, so the backend sets the heights from this.
func (s Sheet) RowLines(widths []float64) []int {
	lines := func(row []string) int {
		most := 1
		for i, text := range row {
			if i < len(widths) {
				most = max(most, wrappedLines(text, int(widths[i]-1)))
			}
		}
		return most
	}
	out := []int{lines(s.Header)}
	for _, row := range s.AllRows() {
		texts := make([]string, len(row))
		for i, c := range row {
			if c.Kind == CellText {
				texts[i] = c.Text
			}
		}
		out = append(out, lines(texts))
	}
	return out
}

// wrappedLines counts the lines text takes on lines of width characters.
func wrappedLines(text string, width int) int {
	width = max(width, 1)
	total := 0
	for _, para := range strings.Split(text, "\n") {
		n, used := 1, 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case used == 0:
			case used+1+w <= width:
				used += 1 + w
				continue
			default:
				n++
			}
			n += (w - 1) / width
			used = (w-1)%width + 1
		}
		total += n
	}
	return total
}
