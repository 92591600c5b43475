// Package docx writes a render.Document as a Word document (DOCX) that Word and LibreOffice show
// like the PDF of package render/pdf: the same page, styles, header and closing band, from the same
// Document. It fills a template: the base template in base/ (readable XML parts, embedded), or a
// user's copy of it restyled in Word, which github.com/nguyenthenguyen/docx opens when it is read.
package docx

import (
	"archive/zip"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nguyenthenguyen/docx"

	"baocao/render"
)

// Renderer writes documents as DOCX. The zero value uses the base template.
type Renderer struct {
	// Template is a user's template (a .docx made from the base template), nil for the base one.
	Template *Template
}

// Template is a DOCX template: its parts, by name, in the order they are zipped.
type Template struct {
	names []string
	parts map[string][]byte

	once sync.Once
	prep prepared
}

//go:embed all:base
var baseFS embed.FS

var (
	baseOnce sync.Once
	base     *Template
	baseErr  error
)

// Base returns the embedded base template.
func Base() (*Template, error) {
	baseOnce.Do(func() {
		t := &Template{parts: map[string][]byte{}}
		baseErr = fs.WalkDir(baseFS, "base", func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := baseFS.ReadFile(path)
			if err != nil {
				return err
			}
			name := strings.TrimPrefix(path, "base/")
			t.names = append(t.names, name)
			t.parts[name] = data
			return nil
		})
		if baseErr != nil {
			baseErr = fmt.Errorf("docx: read base template: %w", baseErr)
			return
		}
		sortParts(t.names)
		if baseErr = checkTemplate(t); baseErr != nil {
			return
		}
		base = t
	})
	return base, baseErr
}

// sortParts orders part names as Word does: the content types first, then by name.
func sortParts(names []string) {
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i] == contentTypes, names[j] == contentTypes
		if a != b {
			return a
		}
		return names[i] < names[j]
	})
}

const (
	contentTypes = "[Content_Types].xml"
	documentPart = "word/document.xml"
	corePart     = "docProps/core.xml"
)

// ReadTemplate reads a user's template from the bytes of a .docx file.
func ReadTemplate(data []byte) (*Template, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, ErrNotDocx
	}
	t := &Template{parts: map[string][]byte{}}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, ErrNotDocx
		}
		data, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return nil, ErrNotDocx
		}
		t.names = append(t.names, f.Name)
		t.parts[f.Name] = data
	}
	if _, ok := t.parts[documentPart]; !ok {
		return nil, ErrNotDocx
	}
	if _, ok := t.parts["word/_rels/document.xml.rels"]; !ok {
		return nil, ErrNotDocx
	}
	if err := checkTemplate(t); err != nil {
		return nil, err
	}
	// nguyenthenguyen/docx reads the template as Word documents are read: a main document part,
	// its relationships, and a header or footer. It opens the parts read above, within their limits.
	packed, err := t.zip(nil)
	if err != nil {
		return nil, err
	}
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(packed), int64(len(packed)))
	if err != nil {
		return nil, fmt.Errorf("docx: read template: %w", err)
	}
	rd.Close()
	return t, nil
}

// ErrNotDocx is returned for a template that is not a Word document.
var ErrNotDocx = errors.New("tệp mẫu không phải là tài liệu Word (.docx)")

// WriteTo writes the template itself as a .docx, placeholders unfilled, for editing in Word.
func (t *Template) WriteTo(w io.Writer) (int64, error) {
	data, err := t.zip(nil)
	if err != nil {
		return 0, err
	}
	n, err := w.Write(data)
	return int64(n), err
}

// zip packs the template's parts, with the given parts replaced, into a DOCX in memory. A given
// part the template does not have is added after its own, in the order of names.
func (t *Template) zip(replace map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var added []string
	for name := range replace {
		if _, ok := t.parts[name]; !ok {
			added = append(added, name)
		}
	}
	sort.Strings(added)
	for _, name := range append(slices.Clip(t.names), added...) {
		data := t.parts[name]
		if r, ok := replace[name]; ok {
			data = r
		}
		// A fixed header (no time stamp) so that the same document gives the same bytes.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return nil, fmt.Errorf("docx: zip %s: %w", name, err)
		}
		if _, err := fw.Write(data); err != nil {
			return nil, fmt.Errorf("docx: zip %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: zip: %w", err)
	}
	return buf.Bytes(), nil
}

// Render writes the document as DOCX, its data (Document.Data) in a custom XML part. The same
// document and template always give the same bytes.
//
// The package is zipped once: the parts the document changes (the main document, the core
// properties, the data part and what points to it) are compressed and checked now, every other
// part was compressed and checked once for the template (prepared) and is copied as it is.
func (r Renderer) Render(w io.Writer, d *render.Document) error {
	t := r.Template
	if t == nil {
		var err error
		if t, err = Base(); err != nil {
			return err
		}
	}
	p := t.prepared()
	if p.err != nil {
		return p.err
	}
	replace := map[string][]byte{}
	if d.Data != nil {
		var err error
		if replace, err = dataParts(t, d.Data); err != nil {
			return err
		}
	}
	replace[corePart] = coreProperties(d.Meta)

	content := buffers.Get().(*bytes.Buffer)
	defer putBuffer(content)
	if err := fill(content, string(t.parts[documentPart]), d, p.styles); err != nil {
		return err
	}
	replace[documentPart] = content.Bytes()

	out := buffers.Get().(*bytes.Buffer)
	defer putBuffer(out)
	if err := t.pack(out, p, replace); err != nil {
		return err
	}
	_, err := w.Write(out.Bytes())
	return err
}

// buffers holds the buffers a render fills (the main document part, the package), for reuse.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer gives a buffer back to the pool unless it grew past what a large report needs.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 8<<20 {
		b.Reset()
		buffers.Put(b)
	}
}

// prepared is what every render with a template reuses, made once per template: the styles it
// maps generated paragraphs to, and each part compressed, with whether it is well-formed XML.
type prepared struct {
	styles styleMap
	err    error
	parts  map[string]packedPart
}

// packedPart is one part of a template as the package holds it.
type packedPart struct {
	header zip.FileHeader // as zip.Writer.CreateHeader writes it, sizes and checksum included
	data   []byte         // the deflated bytes
	// malformed is why an XML part is not well-formed, nil if it is (or is not XML).
	malformed error
}

// prepared returns the template's prepared parts, making them on first use.
func (t *Template) prepared() *prepared {
	t.once.Do(func() {
		t.prep.styles, t.prep.err = templateStyles(t)
		if t.prep.err != nil {
			return
		}
		t.prep.parts = make(map[string]packedPart, len(t.names))
		for _, name := range t.names {
			p, err := packPart(name, t.parts[name])
			if err != nil {
				t.prep.err = err
				return
			}
			t.prep.parts[name] = p
		}
	})
	return &t.prep
}

// packPart compresses one part as zip.Writer does, by zipping it alone and reading back its
// header and deflated bytes, so that copying them raw gives the bytes Create would have written.
func packPart(name string, data []byte) (packedPart, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return packedPart{}, fmt.Errorf("docx: zip %s: %w", name, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(zr.File) != 1 {
		return packedPart{}, fmt.Errorf("docx: zip %s: %v", name, err)
	}
	f := zr.File[0]
	rc, err := f.OpenRaw()
	if err != nil {
		return packedPart{}, fmt.Errorf("docx: zip %s: %w", name, err)
	}
	raw, err := io.ReadAll(rc)
	if err != nil {
		return packedPart{}, fmt.Errorf("docx: zip %s: %w", name, err)
	}
	p := packedPart{
		header: zip.FileHeader{
			Name:               f.Name,
			Flags:              f.Flags,
			CreatorVersion:     f.CreatorVersion,
			ReaderVersion:      f.ReaderVersion,
			Method:             f.Method,
			CRC32:              f.CRC32,
			CompressedSize64:   f.CompressedSize64,
			UncompressedSize64: f.UncompressedSize64,
		},
		data: raw,
	}
	if isXMLPart(name) {
		p.malformed = wellFormed(data)
	}
	return p, nil
}

// isXMLPart tells the parts that must be well-formed XML.
func isXMLPart(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
}

// pack writes the package: the template's parts in their order, the given parts in place of
// theirs, and a given part the template does not have after its own, in the order of names. A
// part that is not well-formed XML is an error.
func (t *Template) pack(out *bytes.Buffer, p *prepared, replace map[string][]byte) error {
	var added []string
	for name := range replace {
		if _, ok := t.parts[name]; !ok {
			added = append(added, name)
		}
	}
	sort.Strings(added)
	zw := zip.NewWriter(out)
	for _, name := range append(slices.Clip(t.names), added...) {
		data, changed := replace[name]
		if !changed {
			part := p.parts[name]
			if part.malformed != nil {
				return fmt.Errorf("docx: output part %s is not well-formed XML: %w", name, part.malformed)
			}
			header := part.header
			fw, err := zw.CreateRaw(&header)
			if err == nil {
				_, err = fw.Write(part.data)
			}
			if err != nil {
				return fmt.Errorf("docx: zip %s: %w", name, err)
			}
			continue
		}
		if isXMLPart(name) {
			if err := wellFormed(data); err != nil {
				return fmt.Errorf("docx: output part %s is not well-formed XML: %w", name, err)
			}
		}
		// A fixed header (no time stamp) so that the same document gives the same bytes.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err == nil {
			_, err = fw.Write(data)
		}
		if err != nil {
			return fmt.Errorf("docx: zip %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: zip: %w", err)
	}
	return nil
}
