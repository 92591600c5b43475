package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"baocao/layouts/dangky"
	"baocao/layouts/input"
	"baocao/render/embedded"
)

// embeddedData returns the canonical YAML a DOCX made by baocao carries (render/embedded reads it),
// nil when it carries none.
func embeddedData(docx []byte) ([]byte, error) {
	data, err := embedded.FromDOCX(docx)
	switch {
	case errors.Is(err, embedded.ErrNoData):
		return nil, nil
	case err != nil:
		return nil, errDataCorrupt
	}
	return data, nil
}

// errDataCorrupt is a data part that is there but cannot be read.
var errDataCorrupt = errors.New("phần dữ liệu mà baocao gắn vào tệp Word bị hỏng; chỉ đọc phần chữ của văn bản")

// parsed reads a report's YAML as the render command would, nil when it has errors.
func parsed(file string, data []byte) *dangky.Report {
	r, top := input.Parse(file, data, input.Options{})
	if top == nil {
		return nil
	}
	rep := dangky.Read(top)
	if r.Problems().HasErrors() {
		return nil
	}
	return rep
}

// compareEmbedded checks the visible text of a DOCX made by baocao against the data it carries.
// Unchanged, the data is returned, to be the result byte for byte. Where the secretary edited the
// document after it was made, the visible text wins and each changed field is a warning that
// names it; what the text does not show (the sector, the models' kinds) still comes from the data
// into rep, and nil is returned.
func compareEmbedded(c *collector, rep *report, data []byte) []byte {
	known := parsed(c.file, data)
	if known == nil {
		c.warnf("", "dữ liệu mà baocao gắn vào tệp Word có lỗi; chỉ đọc phần chữ của văn bản")
		return nil
	}
	// The visible text read as the contract, with placeholders where it shows nothing.
	shown := *rep
	shown.Sector = string(known.Sector)
	shown.Models = slices.Clone(rep.Models)
	for i := range shown.Models {
		shown.Models[i].Kind = "khac"
	}
	visibleYAML, err := encodeYAML(&shown)
	if err != nil {
		return nil
	}
	seen := parsed(c.file, visibleYAML)
	if seen == nil {
		return nil
	}
	changes := diff(known, seen)
	// What the text does not show comes from the data.
	rep.Sector, rep.SectorNote = string(known.Sector), ""
	// A model keeps the kind of the data's model of the same name, or of the same place when the
	// list kept its length (a model renamed).
	for i := range rep.Models {
		for _, k := range known.Models {
			if input.NameKey(k.Name) == input.NameKey(rep.Models[i].Name) {
				rep.Models[i].Kind = k.Kind
			}
		}
		if rep.Models[i].Kind == "" && len(known.Models) == len(rep.Models) {
			rep.Models[i].Kind = known.Models[i].Kind
		}
	}
	if len(changes) == 0 {
		return data
	}
	for _, ch := range changes {
		c.warnf(ch.field, "%s", ch.message)
	}
	return nil
}

// change is one field that differs between the data and the visible text.
type change struct {
	field, message string
}

// diff lists the fields the visible text prints differently from the data, in the contract's order.
func diff(known, seen *dangky.Report) []change {
	var out []change
	edited := func(field string, was, is any) {
		if was != is {
			out = append(out, change{field, fmt.Sprintf("văn bản đã được sửa sau khi tạo: dữ liệu đi kèm ghi %s, văn bản ghi %s; dùng chữ trong văn bản", show(was), show(is))})
		}
	}
	edited("co_quan.cap_tren", input.Upper(known.ParentOrg), input.Upper(seen.ParentOrg))
	edited("co_quan.ten", known.Org, seen.Org)
	edited("co_quan.loai", string(known.CellType), string(seen.CellType))
	edited("so", known.Number, seen.Number)
	edited("ky_hieu", known.Code, seen.Code)
	edited("dia_danh", known.Place, seen.Place)
	edited("ngay", known.Date, seen.Date)
	edited("giai_doan", known.Phase, seen.Phase)
	edited("can_cu.so", known.Basis.Number, seen.Basis.Number)
	edited("can_cu.ngay", known.Basis.Date, seen.Basis.Date)
	edited("can_cu.co_quan", known.Basis.Issuer, seen.Basis.Issuer)
	edited("can_cu.giai_doan", known.Basis.Phase, seen.Basis.Phase)
	switch {
	case (known.Plan == nil) != (seen.Plan == nil):
		edited("ke_hoach", planText(known.Plan), planText(seen.Plan))
	case known.Plan != nil:
		edited("ke_hoach.so", known.Plan.Number, seen.Plan.Number)
		edited("ke_hoach.ky_hieu", known.Plan.Code, seen.Plan.Code)
		edited("ke_hoach.ngay", known.Plan.Date, seen.Plan.Date)
	}
	models := func(ms []dangky.Model) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Name+" — "+m.Unit)
		}
		return out
	}
	out = append(out, listDiff("mo_hinh", "mô hình", models(known.Models), models(seen.Models), func(i int, a, b string) []change {
		var ch []change
		ka, kb := known.Models[i], seen.Models[i]
		if ka.Name != kb.Name {
			ch = append(ch, change{fmt.Sprintf("mo_hinh[%d].ten", i+1), editedMessage(ka.Name, kb.Name)})
		}
		if ka.Unit != kb.Unit {
			ch = append(ch, change{fmt.Sprintf("mo_hinh[%d].don_vi", i+1), editedMessage(ka.Unit, kb.Unit)})
		}
		return ch
	})...)
	people := func(es []dangky.Exemplar) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Name+", "+e.Position+", "+e.Unit)
		}
		return out
	}
	out = append(out, listDiff("guong", "gương điển hình", people(known.Exemplars), people(seen.Exemplars), func(i int, a, b string) []change {
		var ch []change
		ka, kb := known.Exemplars[i], seen.Exemplars[i]
		for _, f := range []struct{ key, a, b string }{{"ho_ten", ka.Name, kb.Name}, {"chuc_vu", ka.Position, kb.Position}, {"don_vi", ka.Unit, kb.Unit}} {
			if f.a != f.b {
				ch = append(ch, change{fmt.Sprintf("guong[%d].%s", i+1, f.key), editedMessage(f.a, f.b)})
			}
		}
		return ch
	})...)
	edited("noi_nhan", strings.Join(known.Recipients, " "), strings.Join(seen.Recipients, " "))
	edited("ky.quyen", known.Signer.Authority, seen.Signer.Authority)
	edited("ky.chuc_vu", known.Signer.Position, seen.Signer.Position)
	edited("ky.ho_ten", known.Signer.Name, seen.Signer.Name)
	edited("ky.da_ky", known.Signer.Signed, seen.Signer.Signed)
	return out
}

func editedMessage(was, is string) string {
	return fmt.Sprintf("văn bản đã được sửa sau khi tạo: dữ liệu đi kèm ghi %q, văn bản ghi %q; dùng chữ trong văn bản", was, is)
}

// show writes a value for a message.
func show(v any) string {
	switch x := v.(type) {
	case string:
		if x == "" {
			return "(trống)"
		}
		return fmt.Sprintf("%q", x)
	case input.Date:
		if x.Year == 0 {
			return "(trống)"
		}
		return x.Describe()
	case bool:
		if x {
			return "\"(Đã ký)\""
		}
		return "không có \"(Đã ký)\""
	case int:
		if x == 0 {
			return "(chưa có số)"
		}
	}
	return fmt.Sprint(v)
}

func planText(p *dangky.Plan) string {
	if p == nil {
		return "chưa xây dựng kế hoạch"
	}
	return fmt.Sprintf("kế hoạch số %s-%s, %s", input.Number(p.Number), p.Code, p.Date.Describe())
}

// listDiff compares two lists of items. Of the same length, items are compared place by place
// (same reports the changed fields); else the items of the data the text no longer has are
// removed and those the text has in addition are added, each a warning.
func listDiff(key, what string, known, seen []string, same func(i int, a, b string) []change) []change {
	var out []change
	if len(known) == len(seen) {
		for i := range known {
			if known[i] != seen[i] {
				out = append(out, same(i, known[i], seen[i])...)
			}
		}
		return out
	}
	for i, k := range known {
		if !slices.Contains(seen, k) {
			out = append(out, change{fmt.Sprintf("%s[%d]", key, i+1), fmt.Sprintf("văn bản đã được sửa sau khi tạo: đã xóa %s %q có trong dữ liệu đi kèm; dùng chữ trong văn bản", what, k)})
		}
	}
	for i, s := range seen {
		if !slices.Contains(known, s) {
			out = append(out, change{fmt.Sprintf("%s[%d]", key, i+1), fmt.Sprintf("văn bản đã được sửa sau khi tạo: thêm %s %q không có trong dữ liệu đi kèm; dùng chữ trong văn bản", what, s)})
		}
	}
	return out
}
