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

// Load reads one input file and builds its document. It returns every problem found, errors and
// warnings; the document is nil when there is any error. A consolidated report reads its cells'
// files too, relative to the file's folder.
func Load(file string, data []byte, opts input.Options) (*render.Document, input.Problems) {
	r, top := input.Parse(file, data, opts)
	if top == nil {
		return nil, r.Problems()
	}
	var build func() *render.Document
	var extra input.Problems
	switch kind := top.String("mau", true); {
	case kind == "":
		return nil, r.Problems()
	case top.IsRoster():
		top.Errorf(input.RosterList, "tệp này là danh sách nhiều chi, đảng bộ; dùng lệnh \"baocao batch\" để tạo báo cáo của từng nơi")
	case kind == dangky.Name:
		rep := dangky.Read(top)
		build = func() *render.Document { return dangky.Build(rep) }
	case kind == tonghop.Name:
		rep := tonghop.Read(top, filepath.Dir(file))
		extra = rep.SourceProblems
		build = func() *render.Document { return tonghop.Build(rep) }
	default:
		top.Errorf("mau", "%q không phải là mẫu văn bản đã biết; chọn một trong: %s", kind, strings.Join(Kinds, ", "))
	}
	problems := append(r.Problems(), extra...)
	if problems.HasErrors() {
		return nil, problems
	}
	return build(), problems
}

// Check reads one input file as Load does, and a roster too: it returns how many documents the
// file holds that have no error, and every problem of the file, each once.
func Check(file string, data []byte, opts input.Options) (good int, problems input.Problems) {
	if _, top := input.Parse(file, data, opts); top == nil || !top.IsRoster() {
		doc, problems := Load(file, data, opts)
		if doc != nil {
			good = 1
		}
		return good, problems
	}
	list, _ := cells.Load(file, data, opts)
	seen := map[string]bool{}
	for _, c := range list {
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
