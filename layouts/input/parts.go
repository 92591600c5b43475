package input

import (
	"regexp"
	"strings"
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
	s.Signed = o.Bool("da_ky")
	return s, o
}

// ReadRecipients reads "noi_nhan" under parent, or takes def when it is absent, and punctuates the
// lines as printed: "- " before each, ";" after each but the last, "." after the last.
func ReadRecipients(parent *Object, def []string) []string {
	list, present := parent.Strings("noi_nhan")
	if !present {
		list = def
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
