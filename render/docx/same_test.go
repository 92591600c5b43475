package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nguyenthenguyen/docx"

	"baocao/render"
	"baocao/render/rendertest"
)

// renderByLibrary is the renderer as it was before the package was zipped once: the template's
// parts zipped, opened again with nguyenthenguyen/docx, the document part replaced, written by
// the library, and every part of the output checked.
func renderByLibrary(t *Template, d *render.Document) ([]byte, error) {
	if err := checkTemplate(t); err != nil {
		return nil, err
	}
	styles, err := templateStyles(t)
	if err != nil {
		return nil, err
	}
	replace := map[string][]byte{}
	if d.Data != nil {
		if replace, err = dataParts(t, d.Data); err != nil {
			return nil, err
		}
	}
	replace[corePart] = coreProperties(d.Meta)
	packed, err := t.zip(replace)
	if err != nil {
		return nil, err
	}
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(packed), int64(len(packed)))
	if err != nil {
		return nil, fmt.Errorf("docx: read template: %w", err)
	}
	defer rd.Close()
	doc := rd.Editable()
	var content bytes.Buffer
	if err := fill(&content, doc.GetContent(), d, styles); err != nil {
		return nil, err
	}
	doc.SetContent(content.String())
	var out bytes.Buffer
	if err := doc.Write(&out); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		return nil, err
	}
	for _, f := range zr.File {
		if !isXMLPart(f.Name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if err := wellFormed(part); err != nil {
			return nil, fmt.Errorf("docx: output part %s is not well-formed XML: %w", f.Name, err)
		}
	}
	return out.Bytes(), nil
}

// sameTemplates are the base template and users' templates that differ from it in what the
// packing sees: a style changed, a custom XML part of their own, a part whose name is not ASCII,
// a part that is not XML.
func sameTemplates(t *testing.T) map[string]*Template {
	t.Helper()
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Template{"base": base}
	variants := map[string]func(parts map[string][]byte){
		"restyled": func(parts map[string][]byte) {
			parts["word/styles.xml"] = []byte(strings.Replace(string(parts["word/styles.xml"]), `<w:jc w:val="both"/>`, `<w:jc w:val="left"/>`, 1))
		},
		"own custom XML": func(parts map[string][]byte) {
			parts["customXml/item1.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>`)
		},
		"non-ASCII name and binary part": func(parts map[string][]byte) {
			parts["word/media/ảnh-dấu.bin"] = bytes.Repeat([]byte{0, 1, 2, 0xff}, 3000)
			parts["customXml/ghi-chú.xml"] = []byte(`<?xml version="1.0"?><a>ghi chú</a>`)
		},
	}
	for name, edit := range variants {
		parts := exportBase(t)
		edit(parts)
		tpl, err := ReadTemplate(repack(t, parts, func(doc string) string { return doc }))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = tpl
	}
	return out
}

// TestSameBytesAsTheLibrary: the package zipped once, its unchanged parts copied raw, has the
// bytes the library's rewrite gave, for every template above and sixty-odd generated
// documents, with data and without.
func TestSameBytesAsTheLibrary(t *testing.T) {
	docs := []*render.Document{testDocument()}
	for _, seed := range rendertest.Seeds {
		docs = append(docs, rendertest.Document([]byte(seed)))
	}
	rng := rand.New(rand.NewPCG(14, 14))
	words := strings.Fields("Chi bộ đã tổ chức quán triệt <w:p> & \"5 không\" {{ho_ten}} 46-KH/ĐUK ắ ằ ẳ\n \x00 \x01 \x02 \x03 \x04")
	for range 60 {
		var b strings.Builder
		for range rng.IntN(150) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(" \x00"[rng.IntN(2)])
		}
		docs = append(docs, rendertest.Document([]byte(b.String())))
	}
	withData := 0
	for _, d := range docs {
		if d.Data != nil {
			withData++
		}
	}
	if withData == 0 || withData == len(docs) {
		t.Fatalf("%d of %d documents carry data; want some of each", withData, len(docs))
	}
	for name, tpl := range sameTemplates(t) {
		for i, d := range docs {
			want, wantErr := renderByLibrary(tpl, d)
			var got bytes.Buffer
			err := (Renderer{Template: tpl}).Render(&got, d)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%s, document %d: error %v, the library's %v", name, i, err, wantErr)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("%s, document %d: %d bytes differ from the library's %d", name, i, got.Len(), len(want))
			}
		}
	}
}

// TestMalformedPartStillRefused: a template part that is not well-formed XML fails every render,
// though the part is checked once, as it failed when every output part was checked.
func TestMalformedPartStillRefused(t *testing.T) {
	parts := exportBase(t)
	parts["word/extra.xml"] = []byte(`<a><b></a>`)
	tpl, err := ReadTemplate(repack(t, parts, func(doc string) string { return doc }))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		_, wantErr := renderByLibrary(tpl, testDocument())
		err := (Renderer{Template: tpl}).Render(io.Discard, testDocument())
		if err == nil || fmt.Sprint(err) != fmt.Sprint(wantErr) || !strings.Contains(err.Error(), "word/extra.xml") {
			t.Fatalf("error %v, the library's %v", err, wantErr)
		}
	}
}
