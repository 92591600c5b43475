// Package layouts turns an input file into a render.Document: it reads the file's "mau" (the
// document kind) and hands the file to that kind's package.
package layouts

import (
	"strings"

	"baocao/layouts/dangky"
	"baocao/layouts/input"
	"baocao/render"
)

// Kinds lists the values "mau" may take.
var Kinds = []string{dangky.Name}

// Load reads one input file and builds its document. It returns every problem found, errors and
// warnings; the document is nil when there is any error.
func Load(file string, data []byte) (*render.Document, input.Problems) {
	r, top := input.Parse(file, data)
	if top == nil {
		return nil, r.Problems()
	}
	var build func() *render.Document
	switch kind := top.String("mau", true); kind {
	case dangky.Name:
		rep := dangky.Read(top)
		build = func() *render.Document { return dangky.Build(rep) }
	case "":
		return nil, r.Problems()
	default:
		top.Errorf("mau", "%q không phải là mẫu văn bản đã biết; chọn một trong: %s", kind, strings.Join(Kinds, ", "))
		return nil, r.Problems()
	}
	if r.Problems().HasErrors() {
		return nil, r.Problems()
	}
	return build(), r.Problems()
}
