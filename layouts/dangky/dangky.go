// Package dangky is the cell's registration report ("mau: dang-ky"): the template appended to
// Kế hoạch 46-KH/ĐUK that every chi bộ and đảng bộ cơ sở files. It reads the input, checks it and
// builds the render.Document.
package dangky

import (
	"fmt"
	"strings"

	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/render"
)

// Name is the value of "mau" for this document kind.
const Name = "dang-ky"

// CellType is whether the reporting cell is a chi bộ or a đảng bộ cơ sở ("co_quan.loai").
type CellType string

// The two cell types.
const (
	ChiBo  CellType = "chi-bo"
	DangBo CellType = "dang-bo"
)

// Code is the cell type's body code in document numbers: CB or ĐB.
func (t CellType) Code() string {
	if t == DangBo {
		return "ĐB"
	}
	return "CB"
}

// Word is how the cell type is written in running text: "Chi bộ" or "Đảng bộ".
func (t CellType) Word() string {
	if t == DangBo {
		return "Đảng bộ"
	}
	return "Chi bộ"
}

// DefaultAuthority is the collective that signs for the cell when "ky.quyen" is left out.
func (t CellType) DefaultAuthority() string {
	if t == DangBo {
		return "T/M ĐẢNG ỦY"
	}
	return "T/M BAN CHI ỦY"
}

// Defaults are the values a report takes for the keys its input leaves out, which depend on the
// cell's type. The web form shows them in its fields.
type Defaults struct {
	ParentOrg  string // co_quan.cap_tren
	Code       string // ky_hieu
	Place      string // dia_danh
	Phase      string // giai_doan
	Basis      input.PlanRef
	PlanCode   string // ke_hoach.ky_hieu
	Recipients []string
	Authority  string // ky.quyen
	Position   string // ky.chuc_vu
}

// DefaultsFor gives the defaults of a cell type.
func DefaultsFor(t CellType) Defaults {
	return Defaults{
		ParentOrg:  kh46.ParentOrg,
		Code:       "BC/" + t.Code(),
		Place:      kh46.Place,
		Phase:      kh46.RegistrationPhase,
		Basis:      kh46.Plan,
		PlanCode:   "KH/" + t.Code(),
		Recipients: []string{"Ban Tuyên giáo ĐUK", "Lưu " + t.Word()},
		Authority:  t.DefaultAuthority(),
		Position:   "BÍ THƯ",
	}
}

// Report is a cell's registration report, as read from its input.
type Report struct {
	ParentOrg  string // co_quan.cap_tren; empty when there is none
	Org        string // co_quan.ten, as written
	CellType   CellType
	Sector     kh46.Sector
	Number     int    // so; 0 while not yet issued
	Code       string // ky_hieu: "BC/CB"
	Place      string // dia_danh
	Date       input.Date
	Phase      string        // giai_doan, in the title
	Basis      input.PlanRef // can_cu: the superior's plan that the report answers
	Plan       *Plan         // nil when the cell has not built its plan yet
	Models     []Model
	Exemplars  []Exemplar
	Recipients []string // noi_nhan, punctuated
	Signer     input.Signer
}

// Plan is the cell's own plan ("ke_hoach"), section 1 of the report.
type Plan struct {
	Number int    // 0 while not yet known
	Code   string // "KH/CB"
	Date   input.Date
}

// Model is one registered collective model ("mo_hinh").
type Model struct {
	Name string // ten
	Kind string // loai: a kh46 kind code or kh46.OtherKind
	Unit string // don_vi: the unit that carries it out
}

// Exemplar is one individual exemplar ("guong").
type Exemplar struct {
	Name     string // ho_ten
	Position string // chuc_vu
	Unit     string // don_vi
}

// Keys of the input, at each level.
var (
	// Keys lists the top-level keys of the input.
	Keys         = []string{"mau", "co_quan", "so", "ky_hieu", "dia_danh", "ngay", "giai_doan", "can_cu", "ke_hoach", "mo_hinh", "guong", "noi_nhan", "ky"}
	orgKeys      = []string{"cap_tren", "ten", "loai", "khoi"}
	planKeys     = []string{"so", "ky_hieu", "ngay"}
	modelKeys    = []string{"ten", "loai", "don_vi"}
	exemplarKeys = []string{"ho_ten", "chuc_vu", "don_vi"}
)

// Read reads a report from the top-level object of its file, recording every problem on the
// object's reader. The result is meaningful only when the reader holds no errors.
func Read(top *input.Object) *Report {
	top.Known(Keys...)
	rep := &Report{}

	rep.ParentOrg = kh46.ParentOrg
	if org := top.RequiredObject("co_quan", "chi bộ hoặc đảng bộ báo cáo: ten, loai, khoi"); org != nil {
		readOrg(org, rep)
	}

	def := DefaultsFor(rep.CellType)
	rep.Number, _ = top.Int("so")
	rep.Code = top.StringDefault("ky_hieu", def.Code)
	rep.Place = top.StringDefault("dia_danh", def.Place)
	rep.Date, _ = top.Date("ngay", true)
	rep.Phase = input.ReadPhase(top, "giai_doan", def.Phase)
	if rep.Phase == kh46.RegistrationPhase && rep.Date.After(kh46.RegistrationDeadline) {
		top.Warnf("ngay", "ngày báo cáo %s sau hạn %s của giai đoạn %s", rep.Date.Describe(), kh46.RegistrationDeadline.Describe(), kh46.RegistrationPhase)
	}

	rep.Basis = input.ReadPlanRef(top, "can_cu", def.Basis)

	if plan := top.Object("ke_hoach"); plan != nil {
		plan.Known(planKeys...)
		p := &Plan{}
		p.Number, _ = plan.Int("so")
		p.Code = plan.StringDefault("ky_hieu", def.PlanCode)
		p.Date, _ = plan.Date("ngay", true)
		rep.Plan = p
	}

	kinds := kh46.KindCodes()
	for _, m := range top.List("mo_hinh") {
		m.Known(modelKeys...)
		model := Model{
			Name: m.String("ten", true),
			Kind: m.Enum("loai", true, kinds...),
			Unit: m.String("don_vi", true),
		}
		if kind, ok := kh46.KindByCode(model.Kind); ok && rep.Sector != "" && !kind.MeantFor(rep.Sector) {
			m.Warnf("loai", "%s: loại này không dành cho khối %s theo Kế hoạch 46-KH/ĐUK", kind.Name, kh46.SectorName(rep.Sector))
		}
		rep.Models = append(rep.Models, model)
	}
	for _, g := range top.List("guong") {
		g.Known(exemplarKeys...)
		rep.Exemplars = append(rep.Exemplars, Exemplar{
			Name:     g.String("ho_ten", true),
			Position: g.String("chuc_vu", true),
			Unit:     g.String("don_vi", true),
		})
	}

	rep.Recipients = input.ReadRecipients(top, def.Recipients)
	var ky *input.Object
	rep.Signer, ky = input.ReadSigner(top, def.Authority, def.Position)
	if ky != nil {
		checkAuthority(ky, rep)
	}
	return rep
}

// readOrg reads "co_quan", the reporting cell.
func readOrg(org *input.Object, rep *Report) {
	org.Known(orgKeys...)
	rep.ParentOrg = org.StringOr("cap_tren", kh46.ParentOrg)
	rep.Org = org.String("ten", true)
	org.Limit("cap_tren", rep.ParentOrg, input.MaxLineRunes)
	org.Limit("ten", rep.Org, input.MaxLineRunes)
	rep.CellType = CellType(org.Enum("loai", true, string(ChiBo), string(DangBo)))
	rep.Sector = kh46.Sector(org.Enum("khoi", true, kh46.Sectors...))
	if rep.Org != "" && rep.CellType != "" && !strings.HasPrefix(strings.ToLower(rep.Org), strings.ToLower(rep.CellType.Word())) {
		org.Warnf("ten", "là %s nhưng tên không bắt đầu bằng %q", strings.ToLower(rep.CellType.Word()), rep.CellType.Word())
	}
}

// checkAuthority warns of a signing line that does not fit the cell. Spellings compare as
// input.NameKey does: "UỶ" and "ỦY", and the spacing, do not matter.
func checkAuthority(ky *input.Object, rep *Report) {
	written := rep.Signer.Authority
	if rep.CellType == "" {
		return
	}
	a := input.NameKey(written)
	is := func(forms ...string) bool {
		for _, f := range forms {
			if a == input.NameKey(f) {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(a, "k/t"):
		ky.Warnf("quyen", "%q: K/T dành cho cơ quan do một người đứng đầu (như một ban); cấp ủy ký tập thể, viết %q", written, rep.CellType.DefaultAuthority())
	case rep.CellType == DangBo && is("T/M BAN CHI ỦY", "T/M CHI BỘ"):
		ky.Warnf("quyen", "%q không hợp với một đảng bộ; viết %q hoặc \"T/M BAN THƯỜNG VỤ\"", written, rep.CellType.DefaultAuthority())
	case rep.CellType == ChiBo && is("T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ"):
		ky.Warnf("quyen", "%q không hợp với một chi bộ; viết %q hoặc \"T/M CHI BỘ\"", written, rep.CellType.DefaultAuthority())
	}
}

// Build lays the report out as the template appended to KH 46 reads.
func Build(rep *Report) *render.Document {
	subject := "kết quả đăng ký " + kh46.Subject + ", giai đoạn " + rep.Phase
	basis := rep.Basis

	var body render.Blocks
	body = append(body, render.Paragraph{Text: fmt.Sprintf(
		"Thực hiện Kế hoạch số %s, ngày %s của %s về việc %s giai đoạn %s. %s báo cáo kết quả triển khai thực hiện như sau:",
		basis.Number, basis.Date.Short(), basis.Issuer, kh46.Subject, basis.Phase, rep.Org)})

	body = append(body, render.Heading{Text: "1. Về xây dựng Kế hoạch thực hiện"})
	if rep.Plan == nil {
		body = append(body, render.Paragraph{Text: "Chưa xây dựng Kế hoạch thực hiện."})
	} else {
		body = append(body, render.Paragraph{Text: fmt.Sprintf("Đã xây dựng Kế hoạch số %s-%s, %s về %s giai đoạn %s.",
			input.Number(rep.Plan.Number), rep.Plan.Code, rep.Plan.Date.Long(), kh46.Subject, basis.Phase)})
	}

	body = append(body, render.Heading{Text: "2. Kết quả đăng ký mô hình tập thể điển hình"})
	body = append(body, render.Paragraph{Text: countLine("- Số mô hình đăng ký thực hiện", len(rep.Models))})
	for i, m := range rep.Models {
		body = append(body, render.Item{Label: label(i), Text: input.Sentence(m.Name+" — "+m.Unit, ".")})
	}

	body = append(body, render.Heading{Text: "3. Gương cá nhân điển hình tiên tiến"})
	body = append(body, render.Paragraph{Text: countLine("- Số gương điển hình", len(rep.Exemplars))})
	for i, e := range rep.Exemplars {
		body = append(body, render.Item{Label: label(i), Text: input.Sentence(e.Name+", "+e.Position+", "+e.Unit, ".")})
	}

	body = append(body, render.Paragraph{Text: fmt.Sprintf("Trên đây là báo cáo kết quả %s giai đoạn %s của %s.",
		kh46.Subject, basis.Phase, rep.Org)})

	return &render.Document{
		Meta: render.Meta{
			Title:  "Báo cáo " + subject,
			Author: rep.Org,
			Lang:   "vi",
			Date:   rep.Date.ISO(),
		},
		Header:     input.Header(rep.ParentOrg, rep.Org, rep.Number, rep.Code, rep.Place, rep.Date),
		Title:      render.Title{Kind: "BÁO CÁO", Subject: subject},
		Body:       body,
		Recipients: rep.Recipients,
		Signer:     rep.Signer.Rendered(),
	}
}

// countLine writes "- Số …: 02. Gồm:", or "- Số …: 0." for an empty list.
func countLine(lead string, n int) string {
	if n == 0 {
		return lead + ": 0."
	}
	return lead + ": " + input.Count(n) + ". Gồm:"
}

// label is the numbering of the i-th (0-based) item: "(1):".
func label(i int) string { return fmt.Sprintf("(%d):", i+1) }
