package importer_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// This file writes WordprocessingML the way Word stores hand-typed text: paragraphs of runs split
// anywhere (each with its revision id), tabs and manual breaks as elements, fonts per run, Word's
// automatic numbering, tables with or without borders.

// wrun is one run: text in a font, or a tab or a break; hidden (w:vanish), or a tracked
// deletion or insertion.
type wrun struct {
	text    string
	font    string
	tab     bool
	br      bool
	hidden  bool
	deleted bool
	added   bool
}

// hiddenText, deletedText and addedText are runs P takes: text formatted as hidden, and text
// deleted or inserted with Word's track changes on.
type (
	hiddenText  string
	deletedText string
	addedText   string
)

// wpara is one paragraph.
type wpara struct {
	runs  []wrun
	numID int // Word's automatic numbering: 1 "(1)", 2 bullets "-", 3 headings "1."
	style string
}

// wtable is a table of paragraphs per cell.
type wtable struct {
	rows    [][][]wpara
	borders bool
}

// wdoc is a document: its body (wpara and wtable) and its default font.
type wdoc struct {
	body        []any
	defaultFont string
	splitEvery  int // cut every run of text into runs of at most this many characters; 0 keeps runs whole
}

// tab and br are the markers P takes for a tab and a manual line break.
type marker int

const (
	tab marker = iota
	br
)

// inFont is text typed in a font.
type inFont struct{ font, text string }

// P builds a paragraph from strings, inFont values and the tab and br markers.
func P(parts ...any) wpara {
	var p wpara
	for _, x := range parts {
		switch v := x.(type) {
		case string:
			p.runs = append(p.runs, wrun{text: v})
		case inFont:
			p.runs = append(p.runs, wrun{text: v.text, font: v.font})
		case marker:
			p.runs = append(p.runs, wrun{tab: v == tab, br: v == br})
		case hiddenText:
			p.runs = append(p.runs, wrun{text: string(v), hidden: true})
		case deletedText:
			p.runs = append(p.runs, wrun{text: string(v), deleted: true})
		case addedText:
			p.runs = append(p.runs, wrun{text: string(v), added: true})
		default:
			panic(fmt.Sprintf("P: %T", x))
		}
	}
	return p
}

// N is a paragraph with Word's automatic numbering numID.
func N(numID int, parts ...any) wpara {
	p := P(parts...)
	p.numID = numID
	return p
}

// Cell is a table cell of paragraphs; Row a row of cells.
func Cell(ps ...wpara) []wpara    { return ps }
func Row(cs ...[]wpara) [][]wpara { return cs }

func esc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xml writes the document part.
func (d wdoc) xml() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	rsid := 0
	var para func(p wpara)
	para = func(p wpara) {
		rsid++
		fmt.Fprintf(&b, `<w:p w:rsidR="00%06X" w:rsidRDefault="00%06X">`, rsid*7919%0xFFFFFF, rsid)
		if p.numID != 0 || p.style != "" {
			b.WriteString("<w:pPr>")
			if p.style != "" {
				fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, p.style)
			}
			if p.numID != 0 {
				fmt.Fprintf(&b, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, p.numID)
			}
			b.WriteString("</w:pPr>")
		}
		for _, r := range p.runs {
			rPr := ""
			if r.font != "" {
				rPr = fmt.Sprintf(`<w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s"/></w:rPr>`, r.font, r.font)
			}
			switch {
			case r.hidden:
				rPr = `<w:rPr><w:vanish/></w:rPr>`
			case r.deleted:
				fmt.Fprintf(&b, `<w:del w:id="%d" w:author="Văn phòng" w:date="2021-04-10T08:00:00Z"><w:r><w:delText xml:space="preserve">%s</w:delText></w:r></w:del>`, rsid, esc(r.text))
				continue
			case r.added:
				fmt.Fprintf(&b, `<w:ins w:id="%d" w:author="Văn phòng" w:date="2021-04-10T08:00:00Z"><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:ins>`, rsid, esc(r.text))
				continue
			}
			switch {
			case r.tab:
				b.WriteString("<w:r>" + rPr + "<w:tab/></w:r>")
				continue
			case r.br:
				b.WriteString("<w:r>" + rPr + "<w:br/></w:r>")
				continue
			}
			for _, piece := range cut(r.text, d.splitEvery) {
				rsid++
				fmt.Fprintf(&b, `<w:r w:rsidRPr="00%06X">%s<w:t xml:space="preserve">%s</w:t></w:r>`, rsid, rPr, esc(piece))
			}
		}
		b.WriteString("</w:p>")
	}
	for _, x := range d.body {
		switch v := x.(type) {
		case wpara:
			para(v)
		case wtable:
			b.WriteString("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>")
			if v.borders {
				b.WriteString(`<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>`)
			} else {
				b.WriteString(`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`)
			}
			b.WriteString("</w:tblPr>")
			for _, row := range v.rows {
				b.WriteString("<w:tr>")
				for _, cell := range row {
					b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>`)
					if len(cell) == 0 {
						cell = []wpara{{}}
					}
					for _, p := range cell {
						para(p)
					}
					b.WriteString("</w:tc>")
				}
				b.WriteString("</w:tr>")
			}
			b.WriteString("</w:tbl>")
		}
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

// cut splits text into pieces of at most n characters (n 0: whole).
func cut(s string, n int) []string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return []string{s}
	}
	var out []string
	r := []rune(s)
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

// docx zips the document with the parts Word writes beside it, deterministically.
func (d wdoc) docx(t testing.TB) []byte {
	t.Helper()
	font := d.defaultFont
	if font == "" {
		font = "Times New Roman"
	}
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`},
		{"word/document.xml", d.xml()},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `" w:cs="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`},
		{"word/numbering.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1):"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num></w:numbering>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tcvn3Table is TCVN 5712 (VN3, the .VnTime fonts) for the bytes 0x80 to 0xFF, from the standard.
var tcvn3Table = []rune("ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ" +
	"\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ°±²³´àảãáạẲằẳẵắẴ" +
	"ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò" +
	"ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ")

// tcvn3 writes text as Word stores it when typed in a .VnTime font: each letter's TCVN3 byte as the
// Windows-1252 character. Capitals with tone marks have no code in .VnTime: text for the
// capitals' font .VnTimeH is encoded from its lower case (caps true).
func tcvn3(s string, caps bool) string {
	if caps {
		s = strings.ToLower(s)
	}
	code := map[rune]byte{}
	for i, r := range tcvn3Table {
		if b := byte(0x80 + i); b >= 0xA1 && (b < 0xB0 || b > 0xB4) {
			code[r] = b
		}
	}
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		if b, ok := code[r]; ok {
			c, _ := charmap.Windows1252.NewDecoder().String(string([]byte{b}))
			out.WriteString(c)
			continue
		}
		out.WriteRune(r)
	}
	return out.String()
}
