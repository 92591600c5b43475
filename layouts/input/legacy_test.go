package input

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"baocao/layouts/input/inputtest"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters are the 134 toned and marked vowels and đ, lower then upper case: 12 vowels ×
// 6 tones + đ, in both cases (146), composed.
func vietnameseLetters() []string {
	var out []string
	for _, upper := range []bool{false, true} {
		for _, v := range []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"} {
			for _, tone := range []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"} {
				l := norm.NFC.String(v + tone)
				if upper {
					l = strings.ToUpper(l)
				}
				out = append(out, l)
			}
		}
		if upper {
			out = append(out, "Đ")
		} else {
			out = append(out, "đ")
		}
	}
	return out
}

// encodeTCVN3 writes text as TCVN3 pasted into a UTF-8 file: each letter's TCVN byte read as
// Windows-1252. It inverts the standard's table (TCVN 5712) rather than the decoder.
func encodeTCVN3(t *testing.T, s string) string {
	t.Helper()
	code := map[rune]byte{}
	for i, r := range tcvnHigh {
		if b := byte(0x80 + i); b != 0xA0 && (b < 0xB0 || b > 0xB4) {
			code[r] = b
		}
	}
	for b, r := range tcvnLow {
		code[r] = b
	}
	var out strings.Builder
	for _, r := range s {
		b, ok := code[r]
		switch {
		case !ok:
			out.WriteRune(r)
		case b < 0x20:
			out.WriteByte(b)
		default:
			dec, _ := charmap.Windows1252.NewDecoder().String(string([]byte{b}))
			out.WriteString(dec)
		}
	}
	return out.String()
}

// encodeVN3 writes text as people type TCVN3 with the common .VnTime fonts and paste it: those
// fonts have no capitals but Ă Â Ê Ô Ơ Ư Đ, so every other capital beyond ASCII is typed in its
// small letter's code (it prints as a capital in a .VnTimeH font).
func encodeVN3(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 && unicode.IsUpper(r) && !strings.ContainsRune("ĂÂÊÔƠƯĐ", r) {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return encodeTCVN3(t, b.String())
}

// unpasteable are the TCVN 5712 capitals (of its VN1 level: the common .VnTime fonts have no
// toned capitals at all) whose codes Windows-1252 gives to typographic punctuation (… ‘ ’ “ ” • –
// — ™ €) or leaves undefined: pasted, they read as that punctuation, or as control characters that
// YAML refuses, and stay what they look like.
const unpasteable = "ÀẢẶÍÌĨỊÓÒỎÕỌỘỞÙ"

func TestEveryLetterRoundTrips(t *testing.T) {
	letters := vietnameseLetters()
	if len(letters) != 146 {
		t.Fatalf("%d letters, want 146", len(letters))
	}
	for _, tc := range []struct {
		enc    Legacy
		encode func(string) string
		skip   string
	}{
		{TCVN3, func(s string) string { return encodeTCVN3(t, s) }, unpasteable},
		{VNI, inputtest.VNI, ""},
	} {
		t.Run(string(tc.enc), func(t *testing.T) {
			var kept []string
			for _, l := range letters {
				if !strings.Contains(tc.skip, l) {
					kept = append(kept, l)
				}
			}
			if want := 146 - len([]rune(tc.skip)); len(kept) != want {
				t.Fatalf("%d letters to test, want %d", len(kept), want)
			}
			text := strings.Join(kept, " ")
			legacy := tc.encode(text)
			if legacy == text {
				t.Fatal("encoding changed nothing")
			}
			enc, got, ok := DetectLegacy(legacy)
			if !ok || enc != tc.enc {
				t.Fatalf("DetectLegacy = %v, %q; want %s", ok, enc, tc.enc)
			}
			if got != text {
				gotWords, wantWords := strings.Fields(got), strings.Fields(text)
				for i := range wantWords {
					if i < len(gotWords) && gotWords[i] != wantWords[i] {
						t.Errorf("%q came back as %q", wantWords[i], gotWords[i])
					}
				}
				t.Fatalf("%d letters did not round-trip", len(wantWords))
			}
		})
	}
}

func TestDetectLegacyExamples(t *testing.T) {
	tests := []struct {
		in   string
		enc  Legacy
		want string
	}{
		{"§¶ng bé", TCVN3, "Đảng bộ"}, // the example
		{"Ñaûng boä", VNI, "Đảng bộ"}, // the example
		{"Chi bé Së Tµi chÝnh", TCVN3, "Chi bộ Sở Tài chính"},
		{"Ph¹m V¨n §øc", TCVN3, "Phạm Văn Đức"},
		{"T/M BAN CHI žY", TCVN3, "T/M BAN CHI ỦY"}, // Ủ is 0x9E, Windows-1252's ž
		{"NGUYEÃN THÒ HOA", VNI, "NGUYỄN THỊ HOA"},
		{"Nguyeãn Thò Hoa", VNI, "Nguyễn Thị Hoa"},
		{"TRÖÔØNG", VNI, "TRƯỜNG"},
		// Issue 11: TCVN3 typed with the .VnTime fonts, toned capitals in small letters' codes.
		{"BÝ TH¦", TCVN3, "BÍ THƯ"},
		{"T/M BAN CHI ñY", TCVN3, "T/M BAN CHI ỦY"}, // not VNI's "đY"
		{"§¶NG Bé Së Y TÕ", TCVN3, "ĐẢNG BỘ SỞ Y TẾ"},
		{"Lª ThÞ ¸nh", TCVN3, "Lê Thị Ánh"},
		// Unicode text stays as it is, even where it uses Latin-1 letters.
		{"Hoà Bình", "", "Hoà Bình"},
		{"Phòng 1", "", "Phòng 1"},
		{"hoá học", "", "hoá học"},
		{"bé", "", "bé"},
		{"Công ty ABC®", "", "Công ty ABC®"},
		{"Chi bộ Sở Tài chính", "", "Chi bộ Sở Tài chính"},
		{"“Sạch hơn – Đẹp hơn”", "", "“Sạch hơn – Đẹp hơn”"},
		{"Café Noël", "", "Café Noël"},
	}
	for _, tc := range tests {
		enc, got, ok := DetectLegacy(tc.in)
		if ok != (tc.enc != "") || enc != tc.enc || got != tc.want {
			t.Errorf("DetectLegacy(%q) = %q, %q, %v; want %q, %q", tc.in, enc, got, ok, tc.enc, tc.want)
		}
	}
}

var updateTwins = flag.Bool("update", false, "rewrite the legacy twins of the samples in samples/testdata/legacy")

// TestLegacyTwins keeps samples/testdata/legacy/*.yaml: the chi bộ sample typed in TCVN3 with the
// .VnTime fonts (toned capitals in their small letters' codes) and in VNI, and pasted into UTF-8
// files, as a secretary's old documents give them. samples_test renders the twins and compares
// them with the Unicode sample.
func TestLegacyTwins(t *testing.T) {
	data, err := os.ReadFile("../../samples/chi-bo-so-tai-chinh.yaml")
	if err != nil {
		t.Fatal(err)
	}
	unicodeText := string(data)
	twins := map[string]string{
		"chi-bo-so-tai-chinh.tcvn3.yaml": encodeVN3(t, unicodeText),
		"chi-bo-so-tai-chinh.vni.yaml":   inputtest.VNI(unicodeText),
	}
	for name, text := range twins {
		path := filepath.Join("../../samples/testdata/legacy", name)
		if *updateTwins {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != text {
			t.Errorf("%s is not the sample's twin (%v); run go test ./layouts/input -run LegacyTwins -update", path, err)
		}
	}
}

func TestNameKey(t *testing.T) {
	same := [][2]string{
		{"Chi bộ Hoà Bình", "chi bộ  hòa bình"},
		{"ĐẢNG UỶ KHỐI", "Đảng ủy Khối"},
		{"Chi bộ Thuỷ lợi", "Chi bộ Thủy lợi"},
	}
	for _, p := range same {
		if NameKey(p[0]) != NameKey(p[1]) {
			t.Errorf("%q and %q should match", p[0], p[1])
		}
	}
	different := [][2]string{{"Chi bộ Hòa", "Chi bộ Hoa"}, {"Sở Tư pháp", "Sở Tư pháp 2"}, {"Bà", "Bá"}}
	for _, p := range different {
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("%q and %q should not match", p[0], p[1])
		}
	}
}
