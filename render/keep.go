package render

import (
	"fmt"
	"strings"

	"baocao/fonts"
)

// Keep is how one block of a body holds to the page: the pagination rules, decided once by
// Paginate and followed by both backends (the PDF's flow, the DOCX's paragraph properties).
//
// Only rules that Word and LibreOffice carry out alike are used. In particular "keep with next"
// always comes with "keep lines together": on a paragraph that may split, Word keeps only its
// last lines with what follows and LibreOffice moves all of it, so the two would break pages
// differently (a four-line last paragraph split 2 + 2 in one and moved whole in the other).
type Keep struct {
	// Lines keeps all the block's lines on one page (w:keepLines).
	Lines bool `json:"lines,omitempty"`
	// Next keeps the block on the same page as the start of what follows it: the next block, or
	// the closing band after the last one (w:keepNext). It is only ever set with Lines.
	Next bool `json:"next,omitempty"`
	// Widows is the fewest lines of a paragraph left at the foot of a page or carried to the top
	// of the next (w:widowControl, two lines); 0 for a table.
	Widows int `json:"widows,omitempty"`
	// HeaderWithRow keeps a table's header row on the same page as its first row; every row is
	// kept whole (w:cantSplit) unless it is taller than a page.
	HeaderWithRow bool `json:"headerWithRow,omitempty"`
}

// WidowLines is the widow and orphan control of body paragraphs: a paragraph never leaves fewer
// than two of its lines at the foot of a page or at the top of the next, as Word and LibreOffice
// do with w:widowControl.
const WidowLines = 2

// LongestKeptLast is the most lines a last paragraph may have and still move whole with the
// closing band: with a tall closing band (about 200 pt) it still fits on one page. A longer last
// paragraph keeps only its widow and orphan control, and the closing band follows it where it
// ends: Word and LibreOffice cannot keep a paragraph and the band together once they do not fit
// a page (LibreOffice then cuts the paragraph at the page's foot and sets the band alone on the
// next page), so no rule is asked of them that they would break differently.
const LongestKeptLast = 20

// Paginate gives every block of a body its Keep. closing says that the closing band ("Nơi nhận"
// and the signature) follows the body, as in a document's main part; an appendix has none.
//
// The rules: a heading keeps whole with what follows; a paragraph or an item has widow and orphan
// control; a table keeps its header row with its first row; and the last block before the closing
// band keeps whole with it, so that the signature never starts a page alone, unless it is a
// paragraph of more than LongestKeptLast lines.
func Paginate(blocks Blocks, closing bool) ([]Keep, error) {
	keeps := make([]Keep, len(blocks))
	for i, b := range blocks {
		switch b.(type) {
		case Heading:
			keeps[i] = Keep{Lines: true, Next: true, Widows: WidowLines}
		case Paragraph, Item:
			keeps[i] = Keep{Widows: WidowLines}
		case Table:
			keeps[i] = Keep{HeaderWithRow: true}
		default:
			return nil, fmt.Errorf("render: unknown block type %T", b)
		}
	}
	if n := len(blocks); closing && n > 0 {
		var text string
		switch b := blocks[n-1].(type) {
		case Table:
			keeps[n-1].Next = true
			return keeps, nil
		case Paragraph:
			text = b.Text
		case Item:
			text = b.Line()
		}
		lines, err := bodyLines(text)
		if err != nil {
			return nil, err
		}
		if lines <= LongestKeptLast {
			keeps[n-1].Lines, keeps[n-1].Next = true, true
		}
	}
	return keeps, nil
}

// bodyLines counts about how many lines text takes in the body (a little more, if anything:
// every line is counted as narrow as the indented first one).
func bodyLines(text string) (int, error) {
	m, err := FontMeasure(fonts.Regular, SizeText)
	if err != nil {
		return 0, fmt.Errorf("render: %w", err)
	}
	n := 0
	for _, segment := range strings.Split(text, "\n") {
		n += len(greedyLines(splitWords(segment), TextWidth-FirstLineIndent, m))
	}
	return n, nil
}
