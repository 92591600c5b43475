package input

import (
	"regexp"
	"strings"

	"baocao/render"
)

// Signer is the "ky" key of every document: who signs, and in what capacity.
type Signer struct {
	Authority string // quyen: "T/M BAN CHI ỦY"; empty when the head signs in person
	Position  string // chuc_vu: "BÍ THƯ"
	Name      string // ho_ten
	Signed    bool   // da_ky: print "(Đã ký)" in the signature space
}

// signerKeys are the keys of "ky".
var signerKeys = []string{"quyen", "chuc_vu", "ho_ten", "da_ky"}

// stateForm matches a signing line written in the State forms of NĐ 30/2020 ("TM.", "KT.", "TL.",
// "TUQ.") rather than the Party's.
var stateForm = regexp.MustCompile(`^(?i)(TM|KT|TL|TUQ|T/UQ)\.?\s+`)

// partyForm maps a State form to the Party form that replaces it.
var partyForm = map[string]string{"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/L", "T/UQ": "T/L"}

// ReadSigner reads "ky" under parent. quyen and chuc_vu default to the given values; an explicitly
// empty quyen means the head signs in person. It also returns the "ky" object, nil when missing,
// for the caller's own checks.
func ReadSigner(parent *Object, defAuthority, defPosition string) (Signer, *Object) {
	var s Signer
	o := parent.RequiredObject("ky", "người ký: quyen, chuc_vu, ho_ten")
	if o == nil {
		return s, nil
	}
	o.Known(signerKeys...)
	s.Authority = Upper(o.StringOr("quyen", defAuthority))
	if m := stateForm.FindStringSubmatch(s.Authority); m != nil {
		party := partyForm[strings.ToUpper(m[1])] + " " + s.Authority[len(m[0]):]
		o.Errorf("quyen", "%q là cách viết của văn bản nhà nước; văn bản của Đảng viết %q", s.Authority, party)
	}
	s.Position = Upper(o.StringDefault("chuc_vu", defPosition))
	s.Name = o.String("ho_ten", true)
	o.Limit("quyen", s.Authority, MaxLineRunes)
	o.Limit("chuc_vu", s.Position, MaxLineRunes)
	o.Limit("ho_ten", s.Name, MaxLineRunes)
	s.Signed = o.Bool("da_ky")
	return s, o
}

// ReadRecipients reads "noi_nhan" under parent, or takes def when it is absent, and punctuates the
// lines as printed: "- " before each, ";" after each but the last, "." after the last.
func ReadRecipients(parent *Object, def []string) []string {
	list, present := parent.Lines("noi_nhan", MaxLineRunes)
	if !present {
		list = def
	}
	if len(list) > MaxRecipients {
		parent.Errorf("noi_nhan", "quá nhiều nơi nhận (%d; tối đa %d): khối \"Nơi nhận\" phải nằm gọn một trang cùng chữ ký", len(list), MaxRecipients)
	}
	out := make([]string, len(list))
	for i, r := range list {
		end := ";"
		if i == len(list)-1 {
			end = "."
		}
		out[i] = "- " + Sentence(strings.TrimPrefix(r, "- "), end)
	}
	return out
}

// PlanRef cites a plan: "Kế hoạch số 46-KH/ĐUK, ngày 02/4/2021 của … giai đoạn 2021-2025".
type PlanRef struct {
	Number string // "46-KH/ĐUK"
	Date   Date
	Issuer string // the body that issued it
	Phase  string // the plan's own period; may be empty
}

// planRefKeys are the keys of a cited plan.
var planRefKeys = []string{"so", "ngay", "co_quan", "giai_doan"}

// ReadPlanRef reads a cited plan under key, each part defaulting to def's.
func ReadPlanRef(parent *Object, key string, def PlanRef) PlanRef {
	ref := def
	o := parent.Object(key)
	if o == nil {
		return ref
	}
	o.Known(planRefKeys...)
	ref.Number = o.StringDefault("so", def.Number)
	if d, ok := o.Date("ngay", def.Date.Year == 0); ok {
		ref.Date = d
	}
	ref.Issuer = o.StringDefault("co_quan", def.Issuer)
	ref.Phase = ReadPhase(o, "giai_doan", def.Phase)
	return ref
}

var phaseRE = regexp.MustCompile(`^(\d{4})-(\d{4})$`)

// ReadPhase reads a period such as "2021-2023" under key, def when absent.
func ReadPhase(o *Object, key, def string) string {
	p := o.StringOr(key, def)
	if p == "" && def == "" {
		return ""
	}
	m := phaseRE.FindStringSubmatch(p)
	if m == nil || m[1] >= m[2] {
		o.Errorf(key, "%q không phải là một giai đoạn (viết như 2021-2023)", p)
		return def
	}
	return p
}

// Header is the header every document prints: the superior and the issuing body in capitals, the
// number ("Số 05-BC/CB", a gap while not issued) and the place and date line.
func Header(parentOrg, org string, number int, code, place string, date Date) render.Header {
	return render.Header{
		ParentOrg: Upper(parentOrg),
		Org:       Upper(org),
		Number:    "Số " + Number(number) + "-" + code,
		PlaceDate: place + ", " + date.Long(),
	}
}

// Rendered is the signer as the document prints it.
func (s Signer) Rendered() render.Signer {
	return render.Signer{Authority: s.Authority, Position: s.Position, Name: s.Name, Signed: s.Signed}
}
