package input

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzParse: any bytes give an object or problems, never a panic, and every text value read from
// it, converted from a legacy encoding or not, is valid NFC. The seeds are the mistakes and legacy
// text the unit tests use.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		twinBase, "mau: dang-ky\nten: Chi bộ: Sở Y tế\n", "co_quan: {ten: a, b, loai: c}\n", "a:b\n---\nc: d\n",
		"ten: \"5S\" tại\n", "ten: \"abc\n", "\u00a0ten: x\n", "\tten: x\n", "ten: !x y\n", "ten: &a b\n",
		"ds:\n  - Lưu: VT\n", "ten: T/M BAN CHI ñY\n", "ten: Lª ThÞ ¸nh\n", "ten: §¶NG Bé\n", "ten: Nguyeãn\n",
		"ten: a\u0301\u0301\u0301\n", "so: 05-BC/CB\nngay: 12.4.2021\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, o := Parse("f.yaml", data, Options{})
		if o == nil {
			if len(r.Problems()) == 0 {
				t.Fatal("no object and no problem")
			}
			return
		}
		for _, k := range o.keys {
			s := o.String(k.Value, false)
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Fatalf("%s: %q is not valid NFC", k.Value, s)
			}
			o.Int(k.Value)
			o.Date(k.Value, false)
		}
	})
}
