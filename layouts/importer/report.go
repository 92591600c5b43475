package importer

import (
	"bytes"
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"

	"baocao/layouts/input"
)

// report is a registration report as read back, shaped like the contract's YAML. Comments hold
// the notes written beside a value that was guessed.
type report struct {
	ParentOrg    string
	HasParentOrg bool // cap_tren written (false: the default applies)
	Org          string
	CellType     string // chi-bo | dang-bo
	Sector       string
	SectorNote   string // the comment beside a guessed khoi
	Number       int
	Code         string // ky_hieu, only when it differs from the default
	Place        string
	Date         input.Date
	Phase        string
	Basis        *basis
	Plan         *plan
	Models       []model
	Exemplars    []exemplar
	Recipients   []string
	HasRecip     bool
	Signer       signer
}

type basis struct {
	Number string
	Date   input.Date
	Issuer string
	Phase  string
}

type plan struct {
	Number int
	Code   string // only when it differs from the default
	Date   input.Date
}

type model struct {
	Name, Kind, Unit string
	KindNote         string // the comment beside a guessed loai
}

type exemplar struct {
	Name, Position, Unit string
}

type signer struct {
	Authority    string
	HasAuthority bool
	Position     string
	Name         string
	Signed       bool
}

// dateValue writes a date as the contract reads it: 2021-04-12, or 2021-04 with the day blank.
func dateValue(d input.Date) string {
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// encodeYAML writes the report as the contract's YAML: its keys in the contract's order, two
// spaces of indentation, a comment beside each guessed value.
//
// This is the one place import writes YAML of its own (a DOCX or PDF that carries its data gives
// that data as it is). It is not input's Object.Canonical, which leaves comments out, because a
// typed report's guesses need theirs; a canonical writer that keeps line comments would let both
// write scalars alike.
func encodeYAML(r *report) ([]byte, error) {
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	num := func(n int) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)} }
	boolean := func(b bool) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
	}
	mapping := func() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
	add := func(m *yaml.Node, key string, v *yaml.Node) {
		m.Content = append(m.Content, str(key), v)
	}
	list := func() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }
	// A whole date is written plain, as the samples write it.
	date := func(d input.Date) *yaml.Node {
		if d.Day == 0 {
			return str(dateValue(d))
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: dateValue(d)}
	}

	top := mapping()
	add(top, "mau", str("dang-ky"))
	org := mapping()
	if r.HasParentOrg {
		add(org, "cap_tren", str(r.ParentOrg))
	}
	add(org, "ten", str(r.Org))
	add(org, "loai", str(r.CellType))
	khoi := str(r.Sector)
	khoi.LineComment = r.SectorNote
	add(org, "khoi", khoi)
	add(top, "co_quan", org)
	if r.Number > 0 {
		add(top, "so", num(r.Number))
	}
	if r.Code != "" {
		add(top, "ky_hieu", str(r.Code))
	}
	if r.Place != "" {
		add(top, "dia_danh", str(r.Place))
	}
	add(top, "ngay", date(r.Date))
	if r.Phase != "" {
		add(top, "giai_doan", str(r.Phase))
	}
	if b := r.Basis; b != nil {
		m := mapping()
		add(m, "so", str(b.Number))
		add(m, "ngay", date(b.Date))
		add(m, "co_quan", str(b.Issuer))
		if b.Phase != "" {
			add(m, "giai_doan", str(b.Phase))
		}
		add(top, "can_cu", m)
	}
	if p := r.Plan; p != nil {
		m := mapping()
		if p.Number > 0 {
			add(m, "so", num(p.Number))
		}
		if p.Code != "" {
			add(m, "ky_hieu", str(p.Code))
		}
		add(m, "ngay", date(p.Date))
		add(top, "ke_hoach", m)
	}
	models := list()
	models.Style = flowIfEmpty(len(r.Models))
	for _, md := range r.Models {
		m := mapping()
		add(m, "ten", str(md.Name))
		kind := str(md.Kind)
		kind.LineComment = md.KindNote
		add(m, "loai", kind)
		add(m, "don_vi", str(md.Unit))
		models.Content = append(models.Content, m)
	}
	add(top, "mo_hinh", models)
	people := list()
	people.Style = flowIfEmpty(len(r.Exemplars))
	for _, e := range r.Exemplars {
		m := mapping()
		add(m, "ho_ten", str(e.Name))
		add(m, "chuc_vu", str(e.Position))
		add(m, "don_vi", str(e.Unit))
		people.Content = append(people.Content, m)
	}
	add(top, "guong", people)
	if r.HasRecip {
		l := list()
		l.Style = flowIfEmpty(len(r.Recipients))
		for _, s := range r.Recipients {
			l.Content = append(l.Content, str(s))
		}
		add(top, "noi_nhan", l)
	}
	ky := mapping()
	if r.Signer.HasAuthority {
		add(ky, "quyen", str(r.Signer.Authority))
	}
	add(ky, "chuc_vu", str(r.Signer.Position))
	add(ky, "ho_ten", str(r.Signer.Name))
	add(ky, "da_ky", boolean(r.Signer.Signed))
	add(top, "ky", ky)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{top}}); err != nil {
		return nil, fmt.Errorf("importer: encode YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("importer: encode YAML: %w", err)
	}
	return buf.Bytes(), nil
}

// flowIfEmpty writes an empty list as [] rather than leaving the key without a value.
func flowIfEmpty(n int) yaml.Style {
	if n == 0 {
		return yaml.FlowStyle
	}
	return 0
}
