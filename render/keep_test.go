package render

import (
	"slices"
	"testing"
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
