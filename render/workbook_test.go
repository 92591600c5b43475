package render

import (
	"reflect"
	"strings"
	"testing"
)

func TestCellString(t *testing.T) {
	for _, tc := range []struct {
		cell Cell
		want string
	}{
		{Cell{}, ""},
		{TextCell("Chi bộ Sở Tài chính"), "Chi bộ Sở Tài chính"},
		{IntCell(0), "0"},
		{IntCell(1234), "1234"},
		{DateCell(2021, 4, 2), "2/4/2021"},
		{DateCell(2021, 4, 0), "4/2021"},
		{PercentCell(9, 11), "81,8%"},
		{PercentCell(11, 11), "100%"},
		{PercentCell(0, 0), "0%"},
		{PercentCell(1, 3), "33,3%"},
	} {
		if got := tc.cell.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.cell, got, tc.want)
		}
	}
}

func TestColumnWidths(t *testing.T) {
	s := Sheet{
		Header: []string{"STT", "Chi, đảng bộ", "Ghi chú"},
		Rows: [][]Cell{
			// 19 characters, 27 bytes: the width counts characters.
			{IntCell(1), TextCell("Chi bộ Sở Tài chính"), TextCell(strings.Repeat("ư", 200))},
			{IntCell(100000), TextCell("Ngắn"), TextCell("dòng một\ndòng hai")},
		},
		Total: []Cell{{}, TextCell("Tổng cộng rất dài, dài hơn mọi tên")},
	}
	want := []float64{6 + ColumnPadding, 34 + ColumnPadding, MaxColumnWidth}
	if got := s.ColumnWidths(); !reflect.DeepEqual(got, want) {
		t.Errorf("widths %v, want %v", got, want)
	}
	// A line break: the longest line counts; a narrow column gets the least width.
	s = Sheet{Header: []string{"A", "B"}, Rows: [][]Cell{{TextCell("mười ký tự\nhai"), IntCell(1)}}}
	if got := s.ColumnWidths(); !reflect.DeepEqual(got, []float64{10 + ColumnPadding, MinColumnWidth}) {
		t.Errorf("widths %v, want [%v %v]", got, 10+ColumnPadding, MinColumnWidth)
	}
}

func TestAllRowsKeepsRows(t *testing.T) {
	rows := make([][]Cell, 1, 4)
	rows[0] = []Cell{IntCell(1)}
	s := Sheet{Rows: rows, Total: []Cell{IntCell(9)}}
	all := s.AllRows()
	all[0] = nil
	_ = append(rows, []Cell{IntCell(2)})
	if len(all) != 2 || all[1][0].Int != 9 {
		t.Errorf("AllRows %v", all)
	}
	if rows[0] == nil {
		t.Error("AllRows shares the rows' array")
	}
}

func TestRowLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  int
	}{
		{"", 10, 1},
		{"ngắn", 10, 1},
		{"một hai ba", 10, 1},            // exactly ten characters
		{"một hai bốn", 10, 2},           // eleven
		{"một\nhai", 10, 2},              // a line break
		{strings.Repeat("x", 25), 10, 3}, // a word longer than a line
		{"ab " + strings.Repeat("x", 20), 10, 3},
		{"a b", 0, 2}, // no room: a word a line
	} {
		if got := wrappedLines(tc.text, tc.width); got != tc.want {
			t.Errorf("%q in %d: %d lines, want %d", tc.text, tc.width, got, tc.want)
		}
	}
	s := Sheet{
		Header: []string{"STT", "Tên"},
		Rows:   [][]Cell{{IntCell(123456789), TextCell("một hai bốn")}},
		Total:  []Cell{{}, TextCell("x")},
	}
	// Widths 6 and 11: 10 characters a line in the second; a number never wraps.
	if got := s.RowLines([]float64{6, 11}); !reflect.DeepEqual(got, []int{1, 2, 1}) {
		t.Errorf("row lines %v, want [1 2 1]", got)
	}
}
