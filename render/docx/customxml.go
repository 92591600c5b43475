package docx

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"regexp"
	"strings"

	"baocao/render/embedded"
)

// The document's data (render.Document.Data) travels in the DOCX as a custom XML part, which Word
// keeps when the file is edited and saved: customXml/itemN.xml (made by embedded.CustomXML), its
// properties part customXml/itemPropsN.xml, the relationship between them, the relationship from
// the main document, and their content types.

const (
	relsPart        = "word/_rels/document.xml.rels"
	relCustomXML    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
	relCustomProps  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
	typeCustomProps = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
	nsCustomXML     = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
	nsRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
	// dataRelID is the relationship ID from the main document to the data part.
	dataRelID = "rIdBaocaoData"
)

var itemPartRE = regexp.MustCompile(`^customXml/item([0-9]+)\.xml$`)

// dataParts returns the parts to add to, or replace in, t so that the DOCX carries data: the data
// part takes the place of the one a template already holds (a template made from a DOCX of
// baocao), else the first free item number.
func dataParts(t *Template, data []byte) (map[string][]byte, error) {
	item, err := embedded.CustomXML(data)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	n := 0
	for _, name := range t.names {
		if m := itemPartRE.FindStringSubmatch(name); m != nil && bytes.Contains(t.parts[name], []byte(`xmlns="`+embedded.Namespace+`"`)) {
			fmt.Sscan(m[1], &n)
			break
		}
	}
	if n == 0 {
		for n = 1; t.parts[itemName(n)] != nil || t.parts[propsName(n)] != nil; n++ {
		}
	}
	rels, ok := t.parts[relsPart]
	if !ok {
		return nil, fmt.Errorf("docx: template has no %s", relsPart)
	}
	target := fmt.Sprintf("../customXml/item%d.xml", n)
	if !bytes.Contains(rels, []byte(`Target="`+target+`"`)) {
		id := dataRelID
		for i := 2; bytes.Contains(rels, []byte(`Id="`+id+`"`)); i++ {
			id = fmt.Sprintf("%s%d", dataRelID, i)
		}
		rels, err = insertBefore(rels, "</Relationships>",
			`<Relationship Id="`+id+`" Type="`+relCustomXML+`" Target="`+target+`"/>`)
		if err != nil {
			return nil, err
		}
	}
	types := t.parts[contentTypes]
	if !bytes.Contains(types, []byte(`PartName="/`+propsName(n)+`"`)) {
		if types, err = insertBefore(types, "</Types>",
			`<Override PartName="/`+propsName(n)+`" ContentType="`+typeCustomProps+`"/>`); err != nil {
			return nil, err
		}
	}
	if !xmlDefaultRE.Match(types) && !bytes.Contains(types, []byte(`PartName="/`+itemName(n)+`"`)) {
		if types, err = insertBefore(types, "</Types>",
			`<Override PartName="/`+itemName(n)+`" ContentType="application/xml"/>`); err != nil {
			return nil, err
		}
	}
	return map[string][]byte{
		itemName(n):  item,
		propsName(n): itemProperties(data),
		fmt.Sprintf("customXml/_rels/item%d.xml.rels", n): []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="` + nsRelationships + `"><Relationship Id="rId1" Type="` + relCustomProps + `" Target="` + fmt.Sprintf("itemProps%d.xml", n) + `"/></Relationships>`),
		relsPart:     rels,
		contentTypes: types,
	}, nil
}

// xmlDefaultRE finds the content types' default for .xml parts.
var xmlDefaultRE = regexp.MustCompile(`<Default\s+Extension="xml"\s+ContentType="application/xml"\s*/>`)

func itemName(n int) string  { return fmt.Sprintf("customXml/item%d.xml", n) }
func propsName(n int) string { return fmt.Sprintf("customXml/itemProps%d.xml", n) }

// insertBefore inserts s before the last occurrence of end in part.
func insertBefore(part []byte, end, s string) ([]byte, error) {
	i := bytes.LastIndex(part, []byte(end))
	if i < 0 {
		return nil, fmt.Errorf("docx: template part has no %s", end)
	}
	return bytes.Join([][]byte{part[:i], []byte(s), part[i:]}, nil), nil
}

// itemProperties is the data part's properties: its ID, a GUID made from the data itself (same
// data, same bytes), and the namespace of its schema.
func itemProperties(data []byte) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n" +
		`<ds:datastoreItem ds:itemID="` + itemID(data) + `" xmlns:ds="` + nsCustomXML + `">` +
		`<ds:schemaRefs><ds:schemaRef ds:uri="` + embedded.Namespace + `"/></ds:schemaRefs></ds:datastoreItem>`)
}

// itemID is a name-based (version 5) UUID of the data in our namespace, in Word's braces.
func itemID(data []byte) string {
	h := sha1.New()
	h.Write([]byte(embedded.Namespace))
	h.Write(data)
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0F | 0x50
	u[8] = u[8]&0x3F | 0x80
	return strings.ToUpper(fmt.Sprintf("{%x-%x-%x-%x-%x}", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]))
}
