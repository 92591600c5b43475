package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

const stylesPart = "word/styles.xml"

// styleNames are the names of the paragraph styles that generated paragraphs use, by their ID in
// the base template. A template that went through Word or LibreOffice keeps the names but may get
// new IDs (LibreOffice makes "BocoNidung" of "Báo cáo - Nội dung"), so the styles are found by
// name.
var styleNames = map[string]string{
	styleBody:         "Báo cáo - Nội dung",
	styleHeading:      "Báo cáo - Đề mục",
	styleRecipients:   "Báo cáo - Nơi nhận",
	styleTable:        "Báo cáo - Chữ trong bảng",
	styleTableHeader:  "Báo cáo - Tiêu đề cột",
	styleAppendix:     "Báo cáo - Tên phụ lục",
	styleAppendixNote: "Báo cáo - Ghi chú phụ lục",
	styleEnd:          "Báo cáo - Kết thúc",
}

// styleOrder lists styleNames' keys in the order a missing style is reported.
var styleOrder = []string{styleBody, styleHeading, styleRecipients, styleTable, styleTableHeader, styleAppendix, styleAppendixNote, styleEnd}

// StyleError is a template that lacks a paragraph style the generated paragraphs need.
type StyleError struct {
	Name string // the style's name, as Word shows it
}

func (e *StyleError) Error() string {
	return fmt.Sprintf("mẫu DOCX: không có kiểu đoạn văn %q; khi sửa mẫu hãy giữ nguyên tên các kiểu \"Báo cáo - …\", hoặc xuất lại mẫu gốc bằng \"baocao template export\"", e.Name)
}

// styleMap maps the base template's style IDs to a template's own.
type styleMap struct{ r *strings.Replacer }

// templateStyles finds, in the template's styles part, the paragraph style of each name of
// styleNames.
func templateStyles(t *Template) (styleMap, error) {
	data, ok := t.parts[stylesPart]
	if !ok {
		return styleMap{}, &StyleError{styleNames[styleBody]}
	}
	var doc struct {
		Styles []struct {
			Type string `xml:"type,attr"`
			ID   string `xml:"styleId,attr"`
			Name struct {
				Val string `xml:"val,attr"`
			} `xml:"name"`
		} `xml:"style"`
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return styleMap{}, ErrNotDocx
	}
	byName := map[string]string{}
	for _, s := range doc.Styles {
		name := norm.NFC.String(s.Name.Val)
		if _, seen := byName[name]; !seen && s.Type == "paragraph" && s.ID != "" {
			byName[name] = s.ID
		}
	}
	var pairs []string
	for _, id := range styleOrder {
		own, ok := byName[styleNames[id]]
		if !ok {
			return styleMap{}, &StyleError{styleNames[id]}
		}
		pairs = append(pairs, pStyle(id), pStyle(own))
	}
	return styleMap{strings.NewReplacer(pairs...)}, nil
}

// pStyle is the paragraph property that names style id, as generated paragraphs write it.
func pStyle(id string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(id))
	return `<w:pStyle w:val="` + b.String() + `"/>`
}

// apply renames the styles of generated XML to the template's IDs.
func (m styleMap) apply(generated string) string { return m.r.Replace(generated) }

// sectionOrder is the order of a section's properties in the schema (CT_SectPr), after the header
// and footer references.
var sectionOrder = []string{"footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
	"lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
	"bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"}

// elementRE finds a property element of a section, <w:name followed by a space, / or >.
func elementRE(name string) *regexp.Regexp {
	return regexp.MustCompile(`<w:` + name + `[\s/>]`)
}

// setSectionProperty puts element (a whole empty element, <w:name …/>) into the section
// properties sect: in place of an existing element of that name, or else at its place in the
// schema's order, whatever the section holds.
func setSectionProperty(sect, name, element string) string {
	if loc := elementRE(name).FindStringIndex(sect); loc != nil {
		end := strings.Index(sect[loc[0]:], ">") + loc[0] + 1
		if !strings.HasSuffix(sect[:end], "/>") {
			// <w:name …>…</w:name>: replace through its end tag.
			closing := "</w:" + name + ">"
			if c := strings.Index(sect[end:], closing); c >= 0 {
				end += c + len(closing)
			}
		}
		return sect[:loc[0]] + element + sect[end:]
	}
	at := strings.LastIndex(sect, "</w:sectPr>")
	after := false
	for _, n := range sectionOrder {
		if n == name {
			after = true
			continue
		}
		if !after {
			continue
		}
		if loc := elementRE(n).FindStringIndex(sect); loc != nil && loc[0] < at {
			at = loc[0]
		}
	}
	if at < 0 {
		return sect
	}
	return sect[:at] + element + sect[at:]
}

// pageNumbersFrom1 makes a section number its pages from 1, keeping the number format it has.
func pageNumbersFrom1(sect string) string {
	loc := elementRE("pgNumType").FindStringIndex(sect)
	if loc == nil {
		return setSectionProperty(sect, "pgNumType", `<w:pgNumType w:start="1"/>`)
	}
	end := strings.Index(sect[loc[0]:], ">") + loc[0] + 1
	tag := sect[loc[0]:end]
	tag = regexp.MustCompile(`\s+w:start="[^"]*"`).ReplaceAllString(tag, "")
	tag = strings.Replace(tag, "<w:pgNumType", `<w:pgNumType w:start="1"`, 1)
	return sect[:loc[0]] + tag + sect[end:]
}
