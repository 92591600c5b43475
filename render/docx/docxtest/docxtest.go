// Package docxtest checks, for tests, that a DOCX is valid: every XML part against the ECMA-376
// Transitional and OPC schemas in testdata/ooxml (with xmllint, Debian's libxml2-utils), and what
// the schemas cannot express, which Word cares about: every part has a content type and every
// override a part, every relationship target exists, every r:id resolves, every referenced style
// exists, a table cell ends with a paragraph, the grid and cell widths add up, the body ends with
// its w:sectPr and no table stands right before it.
//
// A part that uses Markup Compatibility (Word's and LibreOffice's w14, wp14, … declared
// mc:Ignorable) is first reduced as a consumer that knows only the ISO namespaces would read it:
// elements and attributes of ignorable namespaces dropped, mc:AlternateContent replaced by its
// mc:Fallback, the mc: attributes removed.
package docxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// schemaOf is the entry point in testdata/ooxml/wrap for a part, "" for a part no schema covers.
func schemaOf(part string) string {
	switch {
	case part == "[Content_Types].xml":
		return "ct"
	case strings.HasSuffix(part, ".rels"):
		return "rels"
	case part == "docProps/core.xml":
		return "core"
	case part == "docProps/app.xml":
		return "app"
	case part == "docProps/custom.xml":
		return "custom"
	case strings.HasPrefix(part, "customXml/itemProps") && strings.HasSuffix(part, ".xml"):
		return "customprops"
	case strings.HasPrefix(part, "word/") && strings.HasSuffix(part, ".xml"):
		return "wml"
	}
	return ""
}

// schemaDir is testdata/ooxml/wrap beside this file.
func schemaDir(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("docxtest: no source path")
	}
	return filepath.Join(filepath.Dir(file), "testdata", "ooxml", "wrap")
}

// Validate fails t with every problem of the DOCX, named by name.
func Validate(t testing.TB, name string, docx []byte) {
	t.Helper()
	for _, p := range Problems(t, docx) {
		t.Errorf("%s: %s", name, p)
	}
}

// Problems lists the problems of the DOCX.
func Problems(t testing.TB, docx []byte) []string {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed; .ci/run must install it (libxml2-utils)")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils)")
	}
	parts, err := unzip(docx)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	dir := t.TempDir()
	bySchema := map[string][]string{}
	files := map[string]string{} // written file -> part name
	for i, part := range slices.Sorted(mapsKeys(parts)) {
		schema := schemaOf(part)
		if schema == "" {
			if !strings.HasSuffix(part, ".xml") && !strings.HasSuffix(part, ".rels") {
				continue
			}
			if err := wellFormed(parts[part]); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", part, err))
			}
			continue
		}
		data := parts[part]
		if bytes.Contains(data, []byte(mcNS)) {
			if data, err = reduceMCE(data); err != nil {
				problems = append(problems, fmt.Sprintf("%s: markup compatibility: %v", part, err))
				continue
			}
		}
		file := filepath.Join(dir, fmt.Sprintf("%03d.xml", i))
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files[file] = part
		bySchema[schema] = append(bySchema[schema], file)
	}
	for _, schema := range slices.Sorted(mapsKeys(bySchema)) {
		args := append([]string{"--nonet", "--noout", "--schema", filepath.Join(schemaDir(t), schema+".xsd")}, bySchema[schema]...)
		out, _ := exec.Command(xmllint, args...).CombinedOutput()
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if line == "" || strings.HasSuffix(line, " validates") || strings.HasSuffix(line, " fails to validate") {
				continue
			}
			for file, part := range files {
				line = strings.ReplaceAll(line, file, part)
			}
			problems = append(problems, fmt.Sprintf("[%s] %s", schema, line))
		}
	}
	return append(problems, semantic(parts)...)
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// unzip reads every part of a DOCX.
func unzip(docx []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, fmt.Errorf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Name, err)
		}
		parts[f.Name] = data
	}
	return parts, nil
}

// Namespaces the semantic checks read.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPR  = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT  = "http://schemas.openxmlformats.org/package/2006/content-types"
	mcNS  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	xmlNS = "http://www.w3.org/XML/1998/namespace"
)

// semantic runs the checks the schemas cannot express.
func semantic(parts map[string][]byte) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	ct, err := parse(parts["[Content_Types].xml"])
	if err != nil {
		return []string{"[Content_Types].xml: " + err.Error()}
	}
	defaults, overrides := map[string]bool{}, map[string]bool{}
	for _, e := range ct.all(nsCT, "Default") {
		defaults[strings.ToLower(e.attr("", "Extension"))] = true
	}
	for _, e := range ct.all(nsCT, "Override") {
		overrides[e.attr("", "PartName")] = true
	}
	names := slices.Sorted(mapsKeys(parts))
	for _, n := range names {
		ext := strings.ToLower(path.Ext(n))
		if !overrides["/"+n] && !defaults[strings.TrimPrefix(ext, ".")] {
			add("%s: no content type", n)
		}
	}
	for o := range overrides {
		if _, ok := parts[strings.TrimPrefix(o, "/")]; !ok {
			add("[Content_Types].xml: override for missing part %s", o)
		}
	}
	// Relationships by source part.
	rels := map[string]map[string]bool{}
	for _, n := range names {
		if !strings.HasSuffix(n, ".rels") {
			continue
		}
		srcDir := path.Dir(path.Dir(n))
		if srcDir == "." {
			srcDir = ""
		}
		src := path.Join(srcDir, strings.TrimSuffix(path.Base(n), ".rels"))
		root, err := parse(parts[n])
		if err != nil {
			add("%s: %v", n, err)
			continue
		}
		ids := map[string]bool{}
		for _, r := range root.all(nsPR, "Relationship") {
			ids[r.attr("", "Id")] = true
			if r.attr("", "TargetMode") == "External" {
				continue
			}
			target := r.attr("", "Target")
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = path.Clean(path.Join(srcDir, target))
			}
			if _, ok := parts[target]; !ok {
				add("%s: %s targets missing %s", n, r.attr("", "Id"), target)
			}
		}
		rels[src] = ids
	}
	styles := map[string]bool{}
	if s, err := parse(parts["word/styles.xml"]); err == nil {
		for _, e := range s.all(nsW, "style") {
			styles[e.attr(nsW, "styleId")] = true
		}
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "word/") || !strings.HasSuffix(n, ".xml") {
			continue
		}
		root, err := parse(parts[n])
		if err != nil {
			add("%s: %v", n, err)
			continue
		}
		root.walk(func(e *element) {
			for _, a := range e.attrs {
				if a.Name.Space == nsR && !rels[n][a.Value] {
					add("%s:%d: r:%s=%q has no relationship", n, e.line, a.Name.Local, a.Value)
				}
			}
			switch {
			case e.is(nsW, "pStyle"), e.is(nsW, "rStyle"), e.is(nsW, "tblStyle"):
				if v := e.attr(nsW, "val"); !styles[v] {
					add("%s:%d: %s %q is not in styles.xml", n, e.line, e.name.Local, v)
				}
			case e.is(nsW, "tc"):
				var kids []*element
				for _, k := range e.kids {
					if !k.is(nsW, "tcPr") {
						kids = append(kids, k)
					}
				}
				if len(kids) == 0 || !kids[len(kids)-1].is(nsW, "p") {
					add("%s:%d: table cell does not end with a paragraph", n, e.line)
				}
			case e.is(nsW, "tbl"):
				problems = append(problems, tableProblems(n, e)...)
			}
		})
		if n == "word/document.xml" {
			body := root.first(nsW, "body")
			if body == nil || len(body.kids) == 0 || !body.kids[len(body.kids)-1].is(nsW, "sectPr") {
				add("word/document.xml: body does not end with w:sectPr")
			} else if k := body.kids; len(k) >= 2 && k[len(k)-2].is(nsW, "tbl") {
				add("word/document.xml:%d: table directly before the final sectPr (Word needs a paragraph)", k[len(k)-2].line)
			}
		}
	}
	return problems
}

// tableProblems checks a table's grid against its width, rows and cells.
func tableProblems(part string, tbl *element) []string {
	var problems []string
	var grid []int
	if g := tbl.child(nsW, "tblGrid"); g != nil {
		for _, c := range g.kids {
			if c.is(nsW, "gridCol") {
				grid = append(grid, atoi(c.attr(nsW, "w")))
			}
		}
	}
	sum := 0
	for _, w := range grid {
		sum += w
	}
	if pr := tbl.child(nsW, "tblPr"); pr != nil {
		if tw := pr.child(nsW, "tblW"); tw != nil && tw.attr(nsW, "type") == "dxa" && atoi(tw.attr(nsW, "w")) != sum {
			problems = append(problems, fmt.Sprintf("%s:%d: gridCol sum %d != tblW %s", part, tbl.line, sum, tw.attr(nsW, "w")))
		}
	}
	for _, tr := range tbl.kids {
		if !tr.is(nsW, "tr") {
			continue
		}
		var cells []*element
		for _, c := range tr.kids {
			if c.is(nsW, "tc") {
				cells = append(cells, c)
			}
		}
		span := 0
		for _, c := range cells {
			s := 1
			if pr := c.child(nsW, "tcPr"); pr != nil {
				if g := pr.child(nsW, "gridSpan"); g != nil {
					s = atoi(g.attr(nsW, "val"))
				}
			}
			span += s
		}
		if span != len(grid) {
			problems = append(problems, fmt.Sprintf("%s:%d: row has %d grid columns, grid has %d", part, tr.line, span, len(grid)))
		}
		if len(cells) != len(grid) {
			continue
		}
		for i, c := range cells {
			if pr := c.child(nsW, "tcPr"); pr != nil {
				if w := pr.child(nsW, "tcW"); w != nil && w.attr(nsW, "type") == "dxa" && atoi(w.attr(nsW, "w")) != grid[i] {
					problems = append(problems, fmt.Sprintf("%s:%d: tcW %s != gridCol %d", part, c.line, w.attr(nsW, "w"), grid[i]))
				}
			}
		}
	}
	return problems
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}
