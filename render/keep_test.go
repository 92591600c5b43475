package render

import (
	"slices"
	"strings"
	"testing"

	"baocao/fonts"
)

type unknownBlock struct{ Paragraph }

func (unknownBlock) kind() string { return "unknown" }

func TestPaginate(t *testing.T) {
	heading := Keep{Lines: true, Next: true, Widows: WidowLines}
	para := Keep{Widows: WidowLines}
	table := Keep{HeaderWithRow: true}
	whole := Keep{Lines: true, Next: true, Widows: WidowLines}
	cases := []struct {
		name    string
		blocks  Blocks
		closing bool
		want    []Keep
	}{
		{"main part", Blocks{Heading{}, Paragraph{}, Item{}, Paragraph{}}, true, []Keep{heading, para, para, whole}},
		{"appendix", Blocks{Heading{}, Paragraph{}, Paragraph{}}, false, []Keep{heading, para, para}},
		{"the last block an item", Blocks{Paragraph{}, Item{}}, true, []Keep{para, whole}},
		{"the last block a heading", Blocks{Paragraph{}, Heading{}}, true, []Keep{para, heading}},
		{"tables", Blocks{Table{}, Table{}, Paragraph{}}, true, []Keep{table, table, whole}},
		{"a table before the closing band", Blocks{Paragraph{}, Table{}}, true, []Keep{para, {HeaderWithRow: true, Next: true}}},
		{"an appendix of one table", Blocks{Table{}}, false, []Keep{table}},
		{"no body", nil, true, []Keep{}},
	}
	for _, c := range cases {
		got, err := Paginate(c.blocks, c.closing)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got  %+v\n want %+v", c.name, got, c.want)
		}
	}
}

// TestPaginateKeepsNextOnlyWithLines checks the one rule Word and LibreOffice disagree on is never
// used: a block that keeps with the next while its lines may split.
func TestPaginateKeepsNextOnlyWithLines(t *testing.T) {
	kinds := []Block{Heading{}, Paragraph{}, Item{}}
	for n := range 5 {
		for mask := 0; mask < 1<<(2*n); mask++ {
			var blocks Blocks
			for i := range n {
				blocks = append(blocks, kinds[(mask>>(2*i))%3])
			}
			for _, closing := range []bool{true, false} {
				keeps, err := Paginate(blocks, closing)
				if err != nil {
					t.Fatal(err)
				}
				for i, k := range keeps {
					if k.Next && !k.Lines {
						t.Errorf("%v (closing %v): block %d keeps with the next without its lines together", blocks, closing, i)
					}
					if k.Widows != WidowLines {
						t.Errorf("%v: block %d has widow control %d", blocks, i, k.Widows)
					}
				}
			}
		}
	}
}

func TestPaginateRefusesAnUnknownBlock(t *testing.T) {
	if _, err := Paginate(Blocks{unknownBlock{}}, true); err == nil {
		t.Error("an unknown block type is accepted")
	}
}

// TestPaginateLongLastParagraph: a last paragraph too long to move whole with the closing band
// keeps only widow control; one of LongestKeptLast lines still moves whole.
func TestPaginateLongLastParagraph(t *testing.T) {
	m, err := FontMeasure(fonts.Regular, SizeText)
	if err != nil {
		t.Fatal(err)
	}
	// ofLines is a paragraph of exactly n body lines as bodyLines counts them.
	ofLines := func(n int) string {
		var words []string
		for i := 0; ; i++ {
			words = append(words, "quán", "triệt,")
			if got := len(greedyLines(words, TextWidth-FirstLineIndent, m)); got > n {
				return strings.Join(words[:len(words)-2], " ")
			}
		}
	}
	for _, c := range []struct {
		lines int
		want  Keep
	}{
		{1, Keep{Lines: true, Next: true, Widows: WidowLines}},
		{LongestKeptLast, Keep{Lines: true, Next: true, Widows: WidowLines}},
		{LongestKeptLast + 1, Keep{Widows: WidowLines}},
		{40, Keep{Widows: WidowLines}},
	} {
		last := []Block{Paragraph{Text: ofLines(c.lines)}}
		if c.lines == 1 || c.lines == 40 { // an item's label makes it a little longer
			last = append(last, Item{Label: "(1):", Text: ofLines(c.lines)})
		}
		for _, last := range last {
			keeps, err := Paginate(Blocks{Paragraph{}, last}, true)
			if err != nil {
				t.Fatal(err)
			}
			if keeps[1] != c.want {
				t.Errorf("a last %T of about %d lines: %+v, want %+v", last, c.lines, keeps[1], c.want)
			}
		}
	}
}
