package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/nguyenthenguyen/docx"

	"baocao/render"
)

// Placeholders of the template, each written {{name}}.
const (
	phParentOrg  = "cap_tren"    // removed with its paragraph when empty
	phOrg        = "ten_co_quan" //
	phNumber     = "so"
	phPlaceDate  = "ngay_thang"
	phKind       = "ten_loai"
	phSubject    = "trich_yeu"
	phBody       = "noi_dung" // its paragraph is replaced by the body
	phRecipients = "noi_nhan" // its paragraph is replaced by the recipients' lines
	phAuthority  = "quyen"    // removed with its paragraph when empty
	phPosition   = "chuc_vu"
	phSignedMark = "da_ky"
	phName       = "ho_ten"
)

// Placeholders lists every placeholder the template must hold, in the order of the document.
var Placeholders = []string{phParentOrg, phOrg, phNumber, phPlaceDate, phKind, phSubject, phBody,
	phRecipients, phAuthority, phPosition, phSignedMark, phName}

// paragraphPlaceholders stand alone in a paragraph that the generated paragraphs replace.
var paragraphPlaceholders = map[string]bool{phBody: true, phRecipients: true}

// TemplateError is a template whose placeholders cannot all be filled.
type TemplateError struct {
	Placeholder string
	Problem     string
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("mẫu DOCX: chỗ điền {{%s}} %s", e.Placeholder, e.Problem)
}

var (
	placeholderRE = regexp.MustCompile(`\{\{([^{}<>]*)\}\}`)
	tagRE         = regexp.MustCompile(`<[^>]*>`)
	paragraphRE   = regexp.MustCompile(`<w:p[ >]`)
)

// plainText is an XML part's text with its tags removed, where a placeholder that Word split
// across runs reads whole again.
func plainText(part string) string { return tagRE.ReplaceAllString(part, "") }

// checkTemplate checks that the document part holds every placeholder whole (not split across
// runs by Word) and no unknown one, and that no other part holds any.
func checkTemplate(t *Template) error {
	doc := string(t.parts[documentPart])
	for _, name := range Placeholders {
		if strings.Contains(doc, "{{"+name+"}}") {
			continue
		}
		if strings.Contains(plainText(doc), "{{"+name+"}}") {
			return &TemplateError{name, "bị Word tách thành nhiều đoạn định dạng; hãy xóa cả chỗ điền rồi gõ lại một lần, không sửa giữa chừng"}
		}
		return &TemplateError{name, "không có trong mẫu; hãy xuất lại mẫu gốc bằng \"baocao template export\""}
	}
	for _, name := range t.names {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		text := plainText(string(t.parts[name]))
		for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
			if name != documentPart || !known(m[1]) {
				return &TemplateError{m[1], "không phải là chỗ điền mà chương trình biết (" + name + ")"}
			}
		}
		if i := strings.Index(text, "{{"); i >= 0 && !placeholderRE.MatchString(text[i:]) {
			return &TemplateError{"…", "không đóng đủ hai dấu }} (" + name + ")"}
		}
	}
	return nil
}

func known(name string) bool {
	for _, p := range Placeholders {
		if p == name {
			return true
		}
	}
	return false
}

// edit replaces content[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// fill returns the document part of the template with every placeholder filled from d. The
// edits are computed on the template alone and applied in one pass, so text from the input is
// never searched again: a user who types "{{ho_ten}}" or "<w:p>" gets exactly that printed.
func fill(doc *docx.Docx, d *render.Document) (string, error) {
	content := doc.GetContent()
	inline := map[string]string{
		phParentOrg: d.Header.ParentOrg,
		phOrg:       d.Header.Org,
		phNumber:    d.Header.Number,
		phPlaceDate: d.Header.PlaceDate,
		phKind:      d.Title.Kind,
		phSubject:   d.Title.Subject,
		phAuthority: d.Signer.Authority,
		phPosition:  d.Signer.Position,
		phName:      d.Signer.Name,
	}
	if d.Signer.Signed {
		inline[phSignedMark] = render.SignedMark
	} else {
		inline[phSignedMark] = ""
	}
	body, err := bodyXML(d.Body)
	if err != nil {
		return "", err
	}
	paragraphs := map[string]string{phBody: body, phRecipients: recipientsXML(d.Recipients)}

	var edits []edit
	for _, loc := range placeholderRE.FindAllStringSubmatchIndex(content, -1) {
		name := content[loc[2]:loc[3]]
		text, isInline := inline[name]
		switch {
		case paragraphPlaceholders[name] || (isInline && text == "" && (name == phParentOrg || name == phAuthority)):
			start, end, ok := enclosingParagraph(content, loc[0])
			if !ok {
				return "", &TemplateError{name, "phải đứng riêng trong một đoạn văn"}
			}
			edits = append(edits, edit{start, end, paragraphs[name]})
		case isInline:
			edits = append(edits, edit{loc[0], loc[1], runText(text)})
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.start < at {
			return "", &TemplateError{"…", "nằm chung một đoạn văn với chỗ điền khác"}
		}
		b.WriteString(content[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(content[at:])
	return b.String(), nil
}

// enclosingParagraph finds the <w:p …>…</w:p> around position i.
func enclosingParagraph(content string, i int) (int, int, bool) {
	starts := paragraphRE.FindAllStringIndex(content[:i], -1)
	if len(starts) == 0 {
		return 0, 0, false
	}
	start := starts[len(starts)-1][0]
	end := strings.Index(content[i:], "</w:p>")
	if end < 0 {
		return 0, 0, false
	}
	return start, i + end + len("</w:p>"), true
}

// escape writes text as XML character data. Tabs become spaces, as in the PDF.
func escape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(strings.ReplaceAll(s, "\t", " ")))
	return b.String()
}

// runText is text for the inside of a <w:t>: escaped, each newline a line break between two text
// elements of the run, never a <w:br/> inside a <w:t>.
func runText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = escape(lines[i])
	}
	return strings.Join(lines, `</w:t><w:br/><w:t xml:space="preserve">`)
}

// paragraphXML is one paragraph of the given style holding text.
func paragraphXML(b *strings.Builder, style string, keepNext bool, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	b.WriteString(style)
	b.WriteString(`"/>`)
	if keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	b.WriteString(`</w:pPr><w:r><w:t xml:space="preserve">`)
	b.WriteString(runText(text))
	b.WriteString(`</w:t></w:r></w:p>`)
}

// Paragraph styles of the base template used by generated paragraphs.
const (
	styleBody       = "NoiDung"
	styleHeading    = "DeMuc"
	styleRecipients = "NoiNhan"
)

// bodyXML writes the body's blocks as paragraphs. The last keeps with the closing band.
func bodyXML(blocks render.Blocks) (string, error) {
	var b strings.Builder
	for i, block := range blocks {
		last := i == len(blocks)-1
		switch block := block.(type) {
		case render.Heading:
			paragraphXML(&b, styleHeading, last, block.Text)
		case render.Paragraph:
			paragraphXML(&b, styleBody, last, block.Text)
		case render.Item:
			paragraphXML(&b, styleBody, last, block.Line())
		default:
			return "", fmt.Errorf("docx: unknown block type %T", block)
		}
	}
	return b.String(), nil
}

// recipientsXML writes the recipients' lines, one paragraph each.
func recipientsXML(recipients []string) string {
	var b strings.Builder
	for _, r := range recipients {
		paragraphXML(&b, styleRecipients, false, r)
	}
	return b.String()
}

// coreProperties is docProps/core.xml for the document: title, creator, language and dates.
func coreProperties(m render.Meta) []byte {
	date := m.Date + "T00:00:00Z"
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + escape(m.Title) + `</dc:title>` +
		`<dc:creator>` + escape(m.Author) + `</dc:creator>` +
		`<dc:language>` + escape(m.Lang) + `</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + escape(date) + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + escape(date) + `</dcterms:modified>` +
		`</cp:coreProperties>`)
}

// wellFormed reports the first XML syntax error in data.
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
