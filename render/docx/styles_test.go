package docx

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"baocao/render"
)

// sectionElements lists the property elements of a section in their order (not the borders
// inside pgBorders).
func sectionElements(sect string) []string {
	sect = regexp.MustCompile(`(?s)<w:pgBorders[^>]*>.*?</w:pgBorders>`).ReplaceAllString(sect, "<w:pgBorders/>")
	var names []string
	for _, m := range regexp.MustCompile(`<w:([A-Za-z]+)[\s/>]`).FindAllStringSubmatch(sect, -1) {
		if m[1] != "sectPr" {
			names = append(names, m[1])
		}
	}
	return names
}

// inSchemaOrder tells whether a section's properties follow CT_SectPr's sequence.
func inSchemaOrder(names []string) bool {
	last := -1
	for _, n := range names {
		if n == "headerReference" || n == "footerReference" {
			if last >= 0 {
				return false
			}
			continue
		}
		i := -1
		for j, o := range sectionOrder {
			if o == n {
				i = j
			}
		}
		if i < last {
			return false
		}
		last = i
	}
	return true
}

// TestAppendixSectionWhateverTheTemplateHolds derives an appendix's section from main parts'
// sections as Word and LibreOffice write them: its pages always number from 1 with no number on
// the first (w:start on an existing pgNumType, pgNumType and titlePg inserted at their place in
// the schema), and every property keeps the schema's order.
func TestAppendixSectionWhateverTheTemplateHolds(t *testing.T) {
	refs := `<w:headerReference w:type="default" r:id="rId4"/><w:headerReference w:type="first" r:id="rId5"/>`
	size := `<w:pgSz w:w="11906" w:h="16838"/>`
	margins := `<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>`
	sections := map[string]string{
		"the base template":   `<w:sectPr>` + refs + size + margins + `<w:titlePg/></w:sectPr>`,
		"LibreOffice's save":  `<w:sectPr>` + refs + `<w:type w:val="nextPage"/>` + size + margins + `<w:pgNumType w:fmt="decimal"/><w:formProt w:val="false"/><w:titlePg/><w:textDirection w:val="lrTb"/><w:docGrid w:type="default" w:linePitch="100" w:charSpace="4294959103"/></w:sectPr>`,
		"borders, no titlePg": `<w:sectPr>` + refs + size + margins + `<w:pgBorders w:offsetFrom="page"><w:top w:val="single" w:sz="4" w:space="24" w:color="auto"/></w:pgBorders><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>`,
		"a start of its own":  `<w:sectPr>` + refs + size + margins + `<w:pgNumType w:start="5" w:fmt="lowerRoman"/><w:titlePg w:val="0"/></w:sectPr>`,
		"nothing but a size":  `<w:sectPr>` + size + `</w:sectPr>`,
	}
	for name, main := range sections {
		for _, landscape := range []bool{false, true} {
			sect := appendixSection(main, landscape)
			names := sectionElements(sect)
			if !inSchemaOrder(names) {
				t.Errorf("%s: properties out of the schema's order: %v\n%s", name, names, sect)
			}
			if n := strings.Count(sect, "<w:pgNumType"); n != 1 || !regexp.MustCompile(`<w:pgNumType [^>]*w:start="1"`).MatchString(sect) {
				t.Errorf("%s: pages do not number from 1: %s", name, sect)
			}
			if n := strings.Count(sect, "<w:titlePg"); n != 1 || !strings.Contains(sect, "<w:titlePg/>") {
				t.Errorf("%s: no titlePg that is on: %s", name, sect)
			}
			if strings.Contains(main, `w:fmt="decimal"`) && !strings.Contains(sect, `w:fmt="decimal"`) {
				t.Errorf("%s: the number format is lost: %s", name, sect)
			}
			if strings.Contains(main, "<w:pgBorders") && !strings.Contains(sect, `<w:top w:val="single" w:sz="4" w:space="24" w:color="auto"/></w:pgBorders>`) {
				t.Errorf("%s: the page borders are lost: %s", name, sect)
			}
			if landscape != strings.Contains(sect, `w:orient="landscape"`) {
				t.Errorf("%s: landscape %v: %s", name, landscape, sect)
			}
		}
	}
}

// TestStylesFoundByName renders with a template whose styles have new IDs, as LibreOffice gives
// them, and with one that lost a style.
func TestStylesFoundByName(t *testing.T) {
	parts := exportBase(t)
	renamed := map[string][]byte{}
	for name, data := range parts {
		renamed[name] = data
	}
	newIDs := strings.NewReplacer(`w:styleId="NoiDung"`, `w:styleId="BocoNidung"`, `w:val="NoiDung"`, `w:val="BocoNidung"`,
		`w:styleId="DeMuc"`, `w:styleId="Bocomc"`, `w:val="DeMuc"`, `w:val="Bocomc"`,
		`w:styleId="BangChu"`, `w:styleId="BocoChtrongbng"`, `w:val="BangChu"`, `w:val="BocoChtrongbng"`)
	renamed[stylesPart] = []byte(newIDs.Replace(string(parts[stylesPart])))
	tpl, err := ReadTemplate(repack(t, renamed, newIDs.Replace))
	if err != nil {
		t.Fatal(err)
	}
	d := testDocument()
	d.Body = append(d.Body, render.Table{Columns: []render.Column{{Title: "STT", Width: 1}}, Rows: [][]string{{"1"}}}, render.Paragraph{Text: "Cuối."})
	doc := renderParts(t, Renderer{Template: tpl}, d)[documentPart]
	for _, id := range []string{"NoiDung", "DeMuc", "BangChu"} {
		if strings.Contains(doc, `<w:pStyle w:val="`+id+`"/>`) {
			t.Errorf("a paragraph names the style %s, which the template no longer has", id)
		}
	}
	for _, id := range []string{"BocoNidung", "Bocomc", "BocoChtrongbng", "NoiNhan", "BangTieuDe"} {
		if !strings.Contains(doc, `<w:pStyle w:val="`+id+`"/>`) {
			t.Errorf("no paragraph names the template's style %s", id)
		}
	}

	for _, missing := range []string{"Báo cáo - Nội dung", "Báo cáo - Kết thúc", "Báo cáo - Tiêu đề cột"} {
		lost := map[string][]byte{}
		for name, data := range parts {
			lost[name] = data
		}
		lost[stylesPart] = []byte(strings.Replace(string(parts[stylesPart]), `<w:name w:val="`+missing+`"/>`, `<w:name w:val="Kiểu của tôi"/>`, 1))
		_, err := ReadTemplate(repack(t, lost, func(doc string) string { return doc }))
		var se *StyleError
		want := `mẫu DOCX: không có kiểu đoạn văn "` + missing + `"; khi sửa mẫu hãy giữ nguyên tên các kiểu "Báo cáo - …", hoặc xuất lại mẫu gốc bằng "baocao template export"`
		if !errors.As(err, &se) || err.Error() != want {
			t.Errorf("a template without %q: %v, want %q", missing, err, want)
		}
	}
	noStyles := map[string][]byte{}
	for name, data := range parts {
		if name != stylesPart {
			noStyles[name] = data
		}
	}
	if _, err := ReadTemplate(repack(t, noStyles, func(doc string) string { return doc })); err == nil {
		t.Error("a template without styles.xml is accepted")
	}
}
