// Package layouts turns an input file into a render.Document: it reads the file's "mau" (the
// document kind) and hands the file to that kind's package.
package layouts

import (
	"path/filepath"
	"strings"

	"baocao/layouts/cells"
	"baocao/layouts/dangky"
	"baocao/layouts/input"
	"baocao/layouts/tonghop"
	"baocao/render"
)

// Kinds lists the values "mau" may take.
var Kinds = []string{dangky.Name, tonghop.Name}

// Input is one input file, read and checked.
type Input struct {
	// Kind is the file's "mau" when it is a known kind, else "".
	Kind string
	// Problems are every problem found, errors and warnings.
	Problems input.Problems

	top   *input.Object
	build func() *render.Document
	rep   *tonghop.Report
}

// Read reads one input file and checks it, without building its document. A consolidated report
// reads its cells' files too, relative to the file's folder, through opts.Files.
func Read(file string, data []byte, opts input.Options) *Input {
	r, top := input.Parse(file, data, opts)
	in := &Input{top: top}
	if top == nil {
		in.Problems = r.Problems()
		return in
	}
	var extra input.Problems
	switch kind := top.String("mau", true); {
	case kind == "":
	case top.IsRoster():
		top.Errorf(input.RosterList, "tệp này là danh sách nhiều chi, đảng bộ; dùng lệnh \"baocao batch\" để tạo báo cáo của từng nơi")
	case kind == dangky.Name:
		in.Kind = kind
		rep := dangky.Read(top)
		in.build = func() *render.Document { return dangky.Build(rep) }
	case kind == tonghop.Name:
		in.Kind = kind
		rep := tonghop.Read(top, filepath.Dir(file))
		in.rep = rep
		extra = rep.SourceProblems
		in.build = func() *render.Document { return tonghop.Build(rep) }
	default:
		top.Errorf("mau", "%q không phải là mẫu văn bản đã biết; chọn một trong: %s", kind, strings.Join(Kinds, ", "))
	}
	in.Problems = append(r.Problems(), extra...)
	return in
}

// Consolidated is the consolidated report the input holds, as read (its cells, its figures by
// Count), for a page that shows them; nil for another kind of document or one not read.
func (in *Input) Consolidated() *tonghop.Report { return in.rep }

// Document builds the input's document, carrying the input's canonical YAML as its Data; nil
// when the input has any error.
func (in *Input) Document() *render.Document {
	if in.build == nil || in.Problems.HasErrors() {
		return nil
	}
	doc := in.build()
	doc.Data = in.Canonical()
	return doc
}

// Canonical is the input as the contract's canonical YAML (see input.Object.Canonical); nil when
// the file could not be parsed at all.
func (in *Input) Canonical() []byte {
	if in.top == nil {
		return nil
	}
	data, err := in.top.Canonical(in.Kind)
	if err != nil {
		return nil
	}
	return data
}

// Load reads one input file and builds its document. It returns every problem found, errors and
// warnings; the document is nil when there is any error. A consolidated report reads its cells'
// files too, relative to the file's folder, through opts.Files.
func Load(file string, data []byte, opts input.Options) (*render.Document, input.Problems) {
	in := Read(file, data, opts)
	return in.Document(), in.Problems
}

// Check reads one input file as Load does, and a roster too: it returns how many documents the
// file holds that have no error, and every problem of the file, each once.
func Check(file string, data []byte, opts input.Options) (good int, problems input.Problems) {
	r, top := input.Parse(file, data, opts)
	if top == nil || !top.IsRoster() {
		doc, problems := Load(file, data, opts)
		if doc != nil {
			good = 1
		}
		return good, problems
	}
	list, _ := cells.FromParsed(file, r, top, opts) // a roster is parsed once: it may be large
	seen := map[string]bool{}
	for c := range list.All {
		if c.OK() {
			good++
		}
		for _, p := range c.Problems {
			if s := p.String(); !seen[s] {
				seen[s] = true
				problems = append(problems, p)
			}
		}
	}
	return good, problems.Sorted()
}
