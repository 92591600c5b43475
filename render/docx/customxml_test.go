package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"baocao/render/embedded"
)

// hostileData is YAML text with everything XML escapes or normalises: markup characters, a CDATA
// end, carriage returns, tabs, non-ASCII letters and spaces at the ends of lines.
const hostileData = "ten: \"<Chi bộ> & 'Sở' \"\r\nghi_chu: |\n  ]]> &amp; \t tab \r\n  cuối dòng   \n\nmo_hinh:\n  - ten: Ứng dụng 5S\n"

// renderBytes renders d with r.
func renderBytes(t *testing.T, r Renderer, data []byte) []byte {
	t.Helper()
	d := testDocument()
	d.Data = data
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDataPart checks the custom XML part and its properties, relationships and content types,
// and that FromDOCX reads the data back byte for byte.
func TestDataPart(t *testing.T) {
	d := testDocument()
	d.Data = []byte(hostileData)
	parts := renderParts(t, Renderer{}, d)
	item := parts["customXml/item1.xml"]
	if !strings.Contains(item, `<du-lieu xmlns="urn:baocao:du-lieu:1">`) {
		t.Errorf("item1.xml: %s", item)
	}
	props := parts["customXml/itemProps1.xml"]
	if !regexp.MustCompile(`ds:itemID="\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}"`).MatchString(props) ||
		!strings.Contains(props, `<ds:schemaRef ds:uri="urn:baocao:du-lieu:1"/>`) {
		t.Errorf("itemProps1.xml: %s", props)
	}
	if !strings.Contains(parts["customXml/_rels/item1.xml.rels"], `Type="`+relCustomProps+`" Target="itemProps1.xml"`) {
		t.Errorf("item1.xml.rels: %s", parts["customXml/_rels/item1.xml.rels"])
	}
	if !strings.Contains(parts[relsPart], `Type="`+relCustomXML+`" Target="../customXml/item1.xml"`) {
		t.Errorf("document.xml.rels has no relationship to the data: %s", parts[relsPart])
	}
	if !strings.Contains(parts[contentTypes], `<Override PartName="/customXml/itemProps1.xml" ContentType="`+typeCustomProps+`"/>`) {
		t.Errorf("content types: %s", parts[contentTypes])
	}
	for name, part := range parts {
		if err := wellFormed([]byte(part)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	out := renderBytes(t, Renderer{}, []byte(hostileData))
	got, err := embedded.FromDOCX(out)
	if err != nil || string(got) != hostileData {
		t.Errorf("FromDOCX: %q, %v; want %q", got, err, hostileData)
	}
	if !bytes.Equal(out, renderBytes(t, Renderer{}, []byte(hostileData))) {
		t.Error("the same document gave different bytes")
	}
	if itemID([]byte("a")) == itemID([]byte("b")) || itemID([]byte("a")) != itemID([]byte("a")) {
		t.Error("the item ID is not a function of the data")
	}
}

func TestNoDataNoPart(t *testing.T) {
	parts := renderParts(t, Renderer{}, testDocument())
	for name, part := range parts {
		if strings.Contains(name, "customXml") || strings.Contains(part, "customXml") {
			t.Errorf("a document without data has a custom XML part: %s", name)
		}
	}
	if _, err := embedded.FromDOCX(renderBytes(t, Renderer{}, nil)); err != embedded.ErrNoData {
		t.Errorf("FromDOCX: %v, want ErrNoData", err)
	}
}

// TestDataPartInUserTemplates: a template that already has a custom XML part of its own (Word's
// bibliography) keeps it and the data takes the next number; a template that holds a data part
// of baocao has it replaced, not doubled.
func TestDataPartInUserTemplates(t *testing.T) {
	parts := exportBase(t)
	parts["customXml/item1.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>`)
	parts["customXml/itemProps1.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{00000000-0000-0000-0000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>`)
	tpl, err := ReadTemplate(repack(t, parts, func(doc string) string { return doc }))
	if err != nil {
		t.Fatal(err)
	}
	out := renderBytes(t, Renderer{Template: tpl}, []byte(hostileData))
	if got, err := embedded.FromDOCX(out); err != nil || string(got) != hostileData {
		t.Errorf("FromDOCX: %q, %v", got, err)
	}
	zparts := docxParts(t, out)
	if !strings.Contains(zparts["customXml/item1.xml"], "b:Sources") || !strings.Contains(zparts["customXml/item2.xml"], "du-lieu") {
		t.Errorf("the template's own part was not kept, or the data is not item2: %q", zparts["customXml/item1.xml"])
	}

	// A template that holds a data part of baocao (its parts copied from that output): the data
	// part is replaced.
	for name, part := range zparts {
		if strings.HasPrefix(name, "customXml/") || name == relsPart || name == contentTypes {
			parts[name] = []byte(part)
		}
	}
	tpl2, err := ReadTemplate(repack(t, parts, func(doc string) string { return doc }))
	if err != nil {
		t.Fatal(err)
	}
	out2 := renderBytes(t, Renderer{Template: tpl2}, []byte("so: 2\n"))
	if got, err := embedded.FromDOCX(out2); err != nil || string(got) != "so: 2\n" {
		t.Errorf("FromDOCX of a template made from a DOCX of baocao: %q, %v", got, err)
	}
	p2 := docxParts(t, out2)
	if _, ok := p2["customXml/item3.xml"]; ok || strings.Count(p2[relsPart], relCustomXML+`"`) != 1 || strings.Count(p2[contentTypes], "itemProps2.xml") != 1 {
		t.Errorf("the data part was doubled: rels %s", p2[relsPart])
	}
}

func TestDataXMLCannotHold(t *testing.T) {
	d := testDocument()
	for _, bad := range []string{"a: \x01\n", "a: \xff\n", "a: \uFFFE\n"} {
		d.Data = []byte(bad)
		if err := (Renderer{}).Render(&bytes.Buffer{}, d); err == nil {
			t.Errorf("data %q: no error", bad)
		}
	}
}

// docxParts unzips a DOCX.
func docxParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		p, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(p)
	}
	return out
}
