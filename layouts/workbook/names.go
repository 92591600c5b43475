package workbook

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"baocao/layouts/input"
)

// nameHeaders are the folded headers of a column of cells' names: "Tên chi bộ, đảng bộ" and the
// like.
var nameHeaders = []string{"ten chi bo dang bo", "ten chi dang bo", "chi bo dang bo", "chi dang bo", "ten chi bo", "ten dang bo", "chi bo", "dang bo", "ten don vi", "don vi", "ten co so dang", "co so dang", "ten"}

// otherHeaders are folded headers of the columns beside it, which tell a header row too.
var otherHeaders = []string{"stt", "tt", "so thu tu", "ghi chu", "khoi", "loai"}

// isNameHeader reports whether a folded header names the column of names.
func isNameHeader(h string) bool {
	for _, n := range nameHeaders {
		if h == n {
			return true
		}
	}
	return false
}

// Names reads a list of names, one a row, from an .xlsx workbook (its first sheet) or a .csv
// file (UTF-8 with or without its byte-order mark, Windows-1258 as older Excel writes it, or
// UTF-16 as Excel's "Unicode Text"; cells separated by commas, semicolons as Excel writes them
// in a Vietnamese locale, or tabs).
// The names are in the first column, or in the column headed "Tên chi bộ, đảng bộ" or the like
// when the first row is a header; blank rows are passed over. Every problem names the row.
func Names(file string, data []byte) (names []string, problems input.Problems) {
	defer func() {
		if recover() != nil { // as in ReadRoster
			names, problems = nil, refusal(file, MsgCorrupt)
		}
	}()
	var grid [][]cell
	var where func(ref string) string
	if strings.EqualFold(filepath.Ext(file), ".csv") {
		if len(data) > MaxFileSize {
			return nil, refusal(file, MsgTooLarge)
		}
		rows, problems := readCSV(file, data)
		if problems != nil {
			return nil, problems
		}
		grid, where = rows, func(ref string) string { return file + ":" + ref }
	} else {
		f, problems := open(file, data)
		if problems != nil {
			return nil, problems
		}
		defer f.Close()
		s, problems := readSheet(f, file, f.GetSheetList()[0], false)
		if problems.HasErrors() {
			return nil, problems
		}
		grid, where = s.rows, func(ref string) string { return file + ":" + s.place(ref) }
	}

	start, col := headerRow(grid)
	for r := start; r < len(grid); r++ {
		c := at(grid[r], col, r+1)
		switch c.kind {
		case noValue:
			problems = append(problems, input.Problem{File: where(c.ref), Message: msgNoValue})
			continue
		case blank:
			continue
		}
		name := clean(c.value)
		if n := utf8.RuneCountInString(name); n > input.MaxLineRunes {
			problems = append(problems, input.Problem{File: where(c.ref), Message: fmt.Sprintf("tên quá dài (%d ký tự; tối đa %d)", n, input.MaxLineRunes)})
			continue
		}
		names = append(names, name)
	}
	if len(names) == 0 && !problems.HasErrors() {
		problems = append(problems, input.Problem{File: file, Message: "không có tên chi, đảng bộ nào trong tệp"})
	}
	return names, problems
}

// maxTitleRows is how far down a header row is looked for, below a list's title rows.
const maxTitleRows = 10

// headerRow finds where the names start and their column: below the first of the top rows that
// heads a column of names ("Tên chi bộ, đảng bộ"), in that column; else below a first row of
// other headers ("STT", "Ghi chú"), in its first column that is not "STT"; else from the first
// row that is not blank, in the first column.
func headerRow(grid [][]cell) (start, col int) {
	for r := 0; r < len(grid) && r < maxTitleRows; r++ {
		for c, cl := range grid[r] {
			if isNameHeader(fold(cl.value)) {
				return r + 1, c
			}
		}
	}
	for len(grid) > start && blankRow(grid[start]) {
		start++
	}
	if start == len(grid) {
		return start, 0
	}
	header := false
	for _, c := range grid[start] {
		for _, o := range otherHeaders {
			header = header || fold(c.value) == o
		}
	}
	if !header {
		return start, 0
	}
	for c, cl := range grid[start] {
		if h := fold(cl.value); h != "stt" && h != "tt" && h != "so thu tu" {
			return start + 1, c
		}
	}
	return start + 1, 0
}

// msgNoValue is the refusal of a formula without the value Excel saves with it.
const msgNoValue = "ô có công thức nhưng chưa có giá trị đã tính (tệp không do Excel lưu); hãy mở bằng Excel rồi lưu lại, hoặc chép và dán giá trị (Paste Values)"

// blankRow reports whether every cell of a row is blank.
func blankRow(row []cell) bool {
	for _, c := range row {
		if c.kind != blank {
			return false
		}
	}
	return true
}

// readCSV reads a CSV file into rows of text cells named as a sheet's ("A1"), its encoding and
// its separator told from its bytes.
func readCSV(file string, data []byte) ([][]cell, input.Problems) {
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		// Excel's "Unicode Text": UTF-16 with its byte-order mark.
		decoded, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, refusal(file, "không đọc được bảng mã của tệp CSV; hãy lưu lại bằng Excel với kiểu CSV UTF-8")
		}
		data = decoded
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1258.NewDecoder().Bytes(data)
		if err != nil {
			return nil, refusal(file, "không đọc được bảng mã của tệp CSV; hãy lưu lại bằng Excel với kiểu CSV UTF-8")
		}
		data = decoded
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, refusal(file, "không phải tệp CSV (có ký tự NUL; có thể là tệp UTF-16 hoặc tệp nhị phân); hãy lưu lại bằng Excel với kiểu CSV UTF-8")
	}
	sep := separator(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = sep, -1, true, false
	var rows [][]cell
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, refusal(fmt.Sprintf("%s:%d", file, line), "dòng này của tệp CSV không đọc được")
		}
		if n > MaxRows {
			return nil, refusal(file, fmt.Sprintf("quá nhiều dòng (tối đa %d)", MaxRows))
		}
		var row []cell
		for c, v := range rec[:min(len(rec), maxColumns)] {
			ref := fmt.Sprintf("%s%d", columnName(c), n)
			k := text
			if strings.TrimSpace(v) == "" {
				k = blank
			}
			row = append(row, cell{ref: ref, value: v, kind: k})
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// separator tells a CSV file's separator: of the semicolon (Excel in a Vietnamese locale), the
// comma and the tab, the one that splits the first rows into the same number of cells, more than
// one, most often; the semicolon when none does better.
func separator(data []byte) rune {
	best, score := ';', 0
	for _, sep := range []rune{';', ',', '\t'} {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
		n, fields := 0, 0
		for i := 0; i < 20; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if i == 0 {
				fields = len(rec)
			}
			if len(rec) == fields && fields > 1 {
				n++
			}
		}
		if n > score {
			best, score = sep, n
		}
	}
	return best
}

// columnName is a column's letters: 0 gives "A", 26 "AA".
func columnName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}
