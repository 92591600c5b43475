package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

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
	if _, err := templateStyles(t); err != nil {
		return err
	}
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
			if name != documentPart || !slices.Contains(Placeholders, m[1]) {
				return &TemplateError{m[1], "không phải là chỗ điền mà chương trình biết (" + name + ")"}
			}
		}
		if i := strings.Index(text, "{{"); i >= 0 && !placeholderRE.MatchString(text[i:]) {
			return &TemplateError{"…", "không đóng đủ hai dấu }} (" + name + ")"}
		}
	}
	return nil
}

// edit replaces content[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// fill writes into b content, the template's document part, with every placeholder filled from d. The
// edits are computed on the template alone and applied in one pass, so text from the input is
// never searched again: a user who types "{{ho_ten}}" or "<w:p>" gets exactly that printed.
//
// Generated paragraphs name their styles by the template's own IDs (styles).
func fill(b *bytes.Buffer, content string, d *render.Document, styles styleMap) error {
	// The header's names keep the lines decided in render, a line break between them, so that
	// Word and LibreOffice print the same lines as the PDF.
	parentLines, orgLines, err := render.HeaderLines(d.Header)
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	inline := map[string]string{
		phParentOrg: strings.Join(parentLines, "\n"),
		phOrg:       strings.Join(orgLines, "\n"),
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
	body, err := bodyXML(d.Body, twips(render.TextWidth), true)
	if err != nil {
		return err
	}
	paragraphs := map[string]string{phBody: styles.apply(body), phRecipients: styles.apply(recipientsXML(d.Recipients))}

	var edits []edit
	for _, loc := range placeholderRE.FindAllStringSubmatchIndex(content, -1) {
		name := content[loc[2]:loc[3]]
		text, isInline := inline[name]
		switch {
		case paragraphPlaceholders[name] || (isInline && text == "" && (name == phParentOrg || name == phAuthority)):
			start, end, ok := enclosingParagraph(content, loc[0])
			if !ok {
				return &TemplateError{name, "phải đứng riêng trong một đoạn văn"}
			}
			edits = append(edits, edit{start, end, paragraphs[name]})
		case isInline:
			edits = append(edits, edit{loc[0], loc[1], runText(text)})
		}
	}
	if len(d.Appendices) > 0 {
		e, err := appendicesEdit(content, d.Appendices)
		if err != nil {
			return err
		}
		e.text = styles.apply(e.text)
		edits = append(edits, e)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	at := 0
	for _, e := range edits {
		if e.start < at {
			return &TemplateError{"…", "nằm chung một đoạn văn với chỗ điền khác"}
		}
		b.WriteString(content[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(content[at:])
	return nil
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
// elements of the run, never a <w:br/> inside a <w:t>. Each hyphen is a non-breaking hyphen
// (<w:noBreakHyphen/>, drawn as the same hyphen), because lines break at spaces only, as in the
// PDF: Word and LibreOffice would otherwise break "46-KH/ĐUK" after its hyphen.
func runText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = strings.ReplaceAll(escape(lines[i]), "-", `</w:t><w:noBreakHyphen/><w:t xml:space="preserve">`)
	}
	return strings.Join(lines, `</w:t><w:br/><w:t xml:space="preserve">`)
}

// paragraphXML is one paragraph of the given style holding text, with the paragraph properties
// props written after its style (in their schema order).
func paragraphXML(b *strings.Builder, style, props, text string) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	b.WriteString(style)
	b.WriteString(`"/>`)
	b.WriteString(props)
	b.WriteString(`</w:pPr><w:r><w:t xml:space="preserve">`)
	b.WriteString(runText(text))
	b.WriteString(`</w:t></w:r></w:p>`)
}

// Paragraph styles of the base template used by generated paragraphs.
const (
	styleBody         = "NoiDung"
	styleHeading      = "DeMuc"
	styleRecipients   = "NoiNhan"
	styleTable        = "BangChu"
	styleTableHeader  = "BangTieuDe"
	styleAppendix     = "PhuLuc"
	styleAppendixNote = "PhuLucGhiChu"
	styleEnd          = "Cuoi"
)

// twips converts millimetres to twentieths of a point.
func twips(mm float64) int { return int(math.Round(mm / 25.4 * 1440)) }

// keepXML writes a paragraph's pagination as render.Paginate decided it, every property on or off
// explicitly, so that the rules hold whatever the template's styles say.
func keepXML(k render.Keep) string {
	on := func(name string, v bool) string {
		if v {
			return `<w:` + name + `/>`
		}
		return `<w:` + name + ` w:val="0"/>`
	}
	return on("keepNext", k.Next) + on("keepLines", k.Lines) + on("widowControl", k.Widows == render.WidowLines)
}

// keepWhole keeps a heading line of an appendix whole and with what follows.
var keepWhole = keepXML(render.Keep{Lines: true, Next: true, Widows: render.WidowLines})

// bodyXML writes blocks as paragraphs and tables, tables width twips wide, each kept to the page
// as render.Paginate decides; closing says that the closing band follows.
func bodyXML(blocks render.Blocks, width int, closing bool) (string, error) {
	keeps, err := render.Paginate(blocks, closing)
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	var b strings.Builder
	afterTable := false
	for i, block := range blocks {
		style := styleBody
		var text string
		switch block := block.(type) {
		case render.Heading:
			style, text = styleHeading, block.Text
		case render.Paragraph:
			text = block.Text
		case render.Item:
			text = block.Line()
		case render.Table:
			tableXML(&b, block, width, keeps[i])
			afterTable = true
			last := i == len(blocks)-1
			if _, nextIsTable := next(blocks, i).(render.Table); nextIsTable || (last && closing) {
				tableGap(&b, keeps[i].Next)
				afterTable = false
			}
			continue
		}
		paragraph(&b, style, text, keepXML(keeps[i]), afterTable)
		afterTable = false
	}
	return b.String(), nil
}

// next is the block after blocks[i], nil after the last.
func next(blocks render.Blocks, i int) render.Block {
	if i+1 < len(blocks) {
		return blocks[i+1]
	}
	return nil
}

// tableGap writes the space after a table that another table or the closing band follows: an
// empty paragraph exactly as tall as the PDF's space after a table, without which Word and
// LibreOffice would join the two tables into one. keepNext keeps it with what follows.
func tableGap(b *strings.Builder, keepNext bool) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/>%s<w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`,
		styleBody, keepXML(render.Keep{Lines: keepNext, Next: keepNext}), int(render.SpaceAfterBody*20))
}

// paragraph writes one body paragraph; after a table it takes the table's space after as its
// space before, as the PDF leaves it.
func paragraph(b *strings.Builder, style, text, props string, afterTable bool) {
	if !afterTable {
		paragraphXML(b, style, props, text)
		return
	}
	var inner strings.Builder
	paragraphXML(&inner, style, props, text)
	b.WriteString(strings.Replace(inner.String(), `</w:pPr>`, fmt.Sprintf(`<w:spacing w:before="%d"/></w:pPr>`, int(render.SpaceAfterBody*20)), 1))
}

// tableXML writes a bordered table width twips wide: a header row repeated on every page, rows
// that never split, column widths in the table's proportions.
func tableXML(b *strings.Builder, t render.Table, width int, k render.Keep) {
	total := 0.0
	for _, c := range t.Columns {
		total += c.Width
	}
	widths := make([]int, len(t.Columns))
	used := 0
	for i, c := range t.Columns {
		widths[i] = int(math.Round(float64(width) * c.Width / total))
		used += widths[i]
	}
	widths[len(widths)-1] += width - used
	border := fmt.Sprintf(`w:val="single" w:sz="%d" w:space="0" w:color="000000"`, int(render.BorderWidthPt*8))
	pad := twips(render.CellPadding)
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders><w:top %s/><w:left %s/><w:bottom %s/><w:right %s/><w:insideH %s/><w:insideV %s/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="%d" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`,
		width, border, border, border, border, border, border, pad, pad)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	// A row keeps with the next one through its paragraphs' keepNext, as Word reads it.
	row := func(cells []string, header, bold, keepNext bool) {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for i, w := range widths {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			style, jc := styleTable, jcOf(t.Columns[i].Align)
			if header {
				style, jc = styleTableHeader, ""
			}
			keep := ""
			if keepNext {
				keep = `<w:keepNext/>`
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="%s"/>%s%s</w:pPr><w:r>`, w, style, keep, jc)
			if bold {
				b.WriteString(`<w:rPr><w:b/><w:bCs/></w:rPr>`)
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			b.WriteString(runText(text))
			b.WriteString(`</w:t></w:r></w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	row(titles, true, false, k.HeaderWithRow)
	for i, r := range t.Rows {
		row(r, false, false, k.Next && t.Total == nil && i == len(t.Rows)-1)
	}
	if t.Total != nil {
		row(t.Total, false, true, k.Next)
	}
	b.WriteString(`</w:tbl>`)
}

// jcOf is the paragraph alignment of a table column.
func jcOf(a render.Align) string {
	switch a {
	case render.AlignCenter:
		return `<w:jc w:val="center"/>`
	case render.AlignRight:
		return `<w:jc w:val="right"/>`
	}
	return ""
}

var (
	pageSizeRE = regexp.MustCompile(`<w:pgSz [^>]*/>`)
)

// finalSection finds the body's own section properties, the last <w:sectPr> before </w:body>
// (a template edited in Word may hold section breaks before it), through </w:body>.
func finalSection(content string) (start, end int, ok bool) {
	bodyEnd := strings.LastIndex(content, "</w:body>")
	if bodyEnd < 0 {
		return 0, 0, false
	}
	start = strings.LastIndex(content[:bodyEnd], "<w:sectPr")
	if start < 0 || strings.TrimSpace(content[strings.LastIndex(content[:bodyEnd], "</w:sectPr>")+len("</w:sectPr>"):bodyEnd]) != "" {
		return 0, 0, false
	}
	return start, bodyEnd + len("</w:body>"), true
}

// appendicesEdit puts the appendices after the main part, each a section of its own: the main
// part's section properties move into a paragraph that ends it, and each appendix gets a copy of
// them that starts its page numbers at 1, in landscape where it asks.
func appendicesEdit(content string, appendices []render.Appendix) (edit, error) {
	start, end, ok := finalSection(content)
	if !ok {
		return edit{}, &TemplateError{"…", "mẫu không có thuộc tính trang (w:sectPr) ở cuối"}
	}
	main := strings.TrimSpace(strings.TrimSuffix(content[start:end], "</w:body>"))
	var b strings.Builder
	sectionBreak := func(sect string) {
		fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="%s"/>%s</w:pPr></w:p>`, styleEnd, sect)
	}
	sectionBreak(main)
	for i, a := range appendices {
		width := twips(render.TextWidth)
		if a.Landscape {
			width = twips(render.PageHeight - render.MarginLeft - render.MarginRight)
		}
		paragraphXML(&b, styleAppendix, keepWhole, a.Label)
		paragraphXML(&b, styleAppendix, keepWhole, a.Title)
		paragraphXML(&b, styleAppendixNote, keepWhole, a.Subtitle)
		body, err := bodyXML(a.Body, width, false)
		if err != nil {
			return edit{}, err
		}
		b.WriteString(body)
		sect := appendixSection(main, a.Landscape)
		if i < len(appendices)-1 {
			sectionBreak(sect)
		} else {
			fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr></w:p>%s</w:body>`, styleEnd, sect)
		}
	}
	return edit{start, end, b.String()}, nil
}

// appendixSection derives an appendix's section properties from the main part's.
func appendixSection(main string, landscape bool) string {
	sect := main
	if landscape {
		sect = pageSizeRE.ReplaceAllString(sect, fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, twips(render.PageHeight), twips(render.PageWidth)))
	}
	return setSectionProperty(pageNumbersFrom1(sect), "titlePg", "<w:titlePg/>")
}

// recipientsXML writes the recipients' lines, one paragraph each.
func recipientsXML(recipients []string) string {
	var b strings.Builder
	for _, r := range recipients {
		paragraphXML(&b, styleRecipients, "", r)
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
