// Package render holds the Document model, the one type that every layout builds and every backend
// draws, and the format rules of Party documents (Hướng dẫn 36-HD/VPTW) that both backends follow.
//
// A Document is semantic and already resolved: every string is final, NFC text (capitals applied,
// numbers formatted, punctuation added), so a backend only decides how big and where.
package render

import (
	"encoding/json"
	"io"
)

// Document is one finished Party document.
type Document struct {
	Meta       Meta       `json:"meta"`
	Header     Header     `json:"header"`
	Title      Title      `json:"title"`
	Body       Blocks     `json:"body"`
	Recipients []string   `json:"recipients"` // printed under "Nơi nhận:", punctuation included
	Signer     Signer     `json:"signer"`
	Appendices []Appendix `json:"appendices,omitempty"`
	// Data is the canonical YAML of the document's input (the contract's keys as the user gave them,
	// cleaned), carried inside the PDF and the DOCX so that baocao can read the report back; nil when
	// the document was not built from an input.
	Data []byte `json:"-"`
	// Workbook is the document's figures and lists as sheets, for the spreadsheet formats; nil
	// for a document that has none (a cell's own report). The page backends ignore it.
	Workbook *Workbook `json:"-"`
}

// Appendix is a part after the signature that starts on a new page and numbers its pages anew
// (no number on its first page), in landscape when its tables are wide.
type Appendix struct {
	Label     string `json:"label"`    // "Phụ lục 1", bold
	Title     string `json:"title"`    // in capitals, bold
	Subtitle  string `json:"subtitle"` // "(Kèm theo Báo cáo số …)", italic
	Landscape bool   `json:"landscape,omitempty"`
	Body      Blocks `json:"body"`
}

// Meta is the document information that is not printed on the page.
type Meta struct {
	Title  string `json:"title"`  // the trích yếu, as a PDF title and DOCX core property
	Author string `json:"author"` // the issuing body
	Lang   string `json:"lang"`   // BCP 47 language tag, "vi"
	// Date is the document's date as YYYY-MM-DD, used as its creation date so that the same input
	// gives the same bytes. A date whose day is left blank uses the first of the month.
	Date string `json:"date"`
}

// Header is the two-column block at the top of page 1.
type Header struct {
	ParentOrg string `json:"parentOrg"` // cơ quan cấp trên, in capitals; empty when there is none
	Org       string `json:"org"`       // cơ quan ban hành, in capitals
	Number    string `json:"number"`    // "Số 05-BC/CB"; a number not yet issued keeps its gap
	PlaceDate string `json:"placeDate"` // "Yên Bái, ngày 12 tháng 4 năm 2021"
}

// Title is the centred block under the header.
type Title struct {
	Kind    string `json:"kind"`    // tên loại, in capitals: "BÁO CÁO"
	Subject string `json:"subject"` // trích yếu, starting lower-case
}

// Signer is the signature block on the right of the closing band.
type Signer struct {
	Authority string `json:"authority,omitempty"` // "T/M BAN CHI ỦY"; empty when the head signs in person
	Position  string `json:"position"`            // "BÍ THƯ"
	Name      string `json:"name"`
	Signed    bool   `json:"signed,omitempty"` // prints "(Đã ký)" in the signature space
}

// SignedMark is printed in the signature space of a circulated copy.
const SignedMark = "(Đã ký)"

// PartyName is the right-hand title of every Party document's header.
const PartyName = "ĐẢNG CỘNG SẢN VIỆT NAM"

// RecipientsLabel heads the recipients' list.
const RecipientsLabel = "Nơi nhận:"

// StarLine is the line under the issuing body's name.
const StarLine = "*"

// TitleRule is the line of five typed hyphens under the title block.
const TitleRule = "-----"

// Block is one element of the body. The set is closed: Heading, Paragraph, Item and Table.
type Block interface {
	block()
	kind() string
}

// Heading is a bold section heading such as "1. Về xây dựng Kế hoạch thực hiện".
type Heading struct {
	Text string `json:"text"`
}

// Paragraph is body text: justified, with a first-line indent.
type Paragraph struct {
	Text string `json:"text"`
}

// Item is one entry of a numbered list, laid out like a paragraph: Label ("(1):") then Text.
type Item struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Table is a bordered table of text. Its header row repeats on every page it runs over, and no row
// is split across pages.
type Table struct {
	Columns []Column   `json:"columns"`
	Rows    [][]string `json:"rows"`
	// Total is an optional last row, in bold; nil for none.
	Total []string `json:"total,omitempty"`
}

// Column is a table column: its title in the header row, its share of the text width and how its
// cells are aligned.
type Column struct {
	Title string  `json:"title"`
	Width float64 `json:"width"` // relative: the widths of a table's columns are scaled to fill the text width
	Align Align   `json:"align,omitempty"`
}

// Align is how a table cell's text is aligned: left (the default), center or right.
type Align string

// The alignments of table cells.
const (
	AlignLeft   Align = ""
	AlignCenter Align = "center"
	AlignRight  Align = "right"
)

func (Heading) block()   {}
func (Paragraph) block() {}
func (Item) block()      {}
func (Table) block()     {}

func (Heading) kind() string   { return "heading" }
func (Paragraph) kind() string { return "paragraph" }
func (Item) kind() string      { return "item" }
func (Table) kind() string     { return "table" }

// Line returns the item as it is printed: its label, a space, its text.
func (it Item) Line() string { return it.Label + " " + it.Text }

// Blocks is the body of a document, in order.
type Blocks []Block

// MarshalJSON writes each block as an object with its kind, so the model reads well as a golden file.
func (bs Blocks) MarshalJSON() ([]byte, error) {
	out := make([]map[string]any, 0, len(bs))
	for _, b := range bs {
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		var fields map[string]any
		if err := json.Unmarshal(raw, &fields); err != nil {
			return nil, err
		}
		fields["kind"] = b.kind()
		out = append(out, fields)
	}
	return json.Marshal(out)
}

// Renderer turns a Document into a file format. The same Document always gives the same bytes.
type Renderer interface {
	Render(w io.Writer, d *Document) error
}
