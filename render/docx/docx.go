// Package docx writes a render.Document as a Word document (DOCX) that Word and LibreOffice show
// like the PDF of package render/pdf: the same page, styles, header and closing band, from the same
// Document. It fills a template with github.com/nguyenthenguyen/docx: the base template in base/
// (readable XML parts, embedded), or a user's copy of it restyled in Word.
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
func (r Renderer) Render(w io.Writer, d *render.Document) error {
	t := r.Template
	if t == nil {
		var err error
		if t, err = Base(); err != nil {
			return err
		}
	}
	if err := checkTemplate(t); err != nil {
		return err
	}
	styles, err := templateStyles(t)
	if err != nil {
		return err
	}
	replace := map[string][]byte{}
	if d.Data != nil {
		if replace, err = dataParts(t, d.Data); err != nil {
			return err
		}
	}
	replace[corePart] = coreProperties(d.Meta)
	packed, err := t.zip(replace)
	if err != nil {
		return err
	}
	rd, err := docx.ReadDocxFromMemory(bytes.NewReader(packed), int64(len(packed)))
	if err != nil {
		return fmt.Errorf("docx: read template: %w", err)
	}
	defer rd.Close()
	doc := rd.Editable()

	content, err := fill(doc, d, styles)
	if err != nil {
		return err
	}
	doc.SetContent(content)

	// The library's Write ignores its own errors: write to memory, then check what came out.
	var out bytes.Buffer
	if err := doc.Write(&out); err != nil {
		return fmt.Errorf("docx: write: %w", err)
	}
	if err := checkPackage(out.Bytes()); err != nil {
		return err
	}
	_, err = w.Write(out.Bytes())
	return err
}

// checkPackage re-opens a written DOCX and checks that every XML part is well-formed. (That no
// placeholder is left is certain before: checkTemplate accepts only templates whose every
// placeholder fill replaces.)
func checkPackage(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("docx: output is not a zip: %w", err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("docx: output part %s: %w", f.Name, err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("docx: output part %s: %w", f.Name, err)
		}
		if err := wellFormed(part); err != nil {
			return fmt.Errorf("docx: output part %s is not well-formed XML: %w", f.Name, err)
		}
	}
	return nil
}
