package fonts

import (
	"encoding/binary"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters builds every letter of Vietnamese, composed (NFC), in both cases: the twelve
// vowels a ă â e ê i o ô ơ u ư y, each bare and with the five tones (huyền, sắc, hỏi, ngã, nặng),
// plus đ. That is 12 × 6 × 2 + 2 = 146 letters.
func vietnameseLetters(t *testing.T) []rune {
	t.Helper()
	lower := []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}
	upper := []string{"A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	var out []rune
	seen := map[rune]bool{}
	add := func(s string) {
		c := norm.NFC.String(s)
		if utf8.RuneCountInString(c) != 1 {
			t.Fatalf("%q (% x) does not compose to one character", c, c)
		}
		r, _ := utf8.DecodeRuneInString(c)
		if seen[r] {
			t.Fatalf("%q built twice", c)
		}
		seen[r] = true
		out = append(out, r)
	}
	for _, set := range [][]string{lower, upper} {
		for _, v := range set {
			for _, tone := range tones {
				add(v + tone)
			}
		}
	}
	add("đ")
	add("Đ")
	if len(out) != 146 {
		t.Fatalf("built %d letters, want 146", len(out))
	}
	return out
}

func TestMissingVietnamese(t *testing.T) {
	letters := vietnameseLetters(t)
	// Spot checks that the set is what it claims to be.
	all := string(letters)
	for _, c := range []string{"ạ", "ặ", "ẫ", "ễ", "ỉ", "ộ", "ợ", "ữ", "ỹ", "Ậ", "Ằ", "Ự", "Ỵ", "đ", "Đ"} {
		if !strings.Contains(all, c) {
			t.Fatalf("letter set lacks %q", c)
		}
	}
	for _, r := range letters {
		m, err := Missing(string(r))
		if err != nil {
			t.Fatalf("Missing: %v", err)
		}
		if m != nil {
			t.Errorf("Missing(%q U+%04X) = %q, want nil", string(r), r, m)
		}
	}
	if m, err := Missing(all); err != nil || m != nil {
		t.Errorf("Missing(all %d letters) = %q, %v; want nil", len(letters), m, err)
	}
}

func TestMissingPunctuationAndText(t *testing.T) {
	texts := []string{
		"0123456789",
		"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
		`. , ; : ! ? ( ) [ ] / \ - * " ' % & + = _ # @ < > { } | ~`,
		"— – “ ” ‘ ’ … « » • ·",
		"\u00a0\u2007\u202f", // no-break spaces, as in input.Gap
		"Số 05-BC/CB",
		"Yên Bái, ngày 02 tháng 4 năm 2021",
		"ĐẢNG CỘNG SẢN VIỆT NAM",
		"(1): Văn hóa công sở tại Văn phòng Sở — Văn phòng Sở Tài chính.",
		`Điển hình tiên tiến trong thực hiện nội dung "5 không" để nói không với tiêu cực`,
		"Mô hình thi đua thực hiện chương trình “5S” („Sạch hơn - Đẹp hơn - Năng suất cao hơn“)",
		"Nơi nhận:\n- Ban Tuyên giáo ĐUK;\n- Lưu Chi bộ.",
		"T/M BAN CHI ỦY\tBÍ THƯ",
		"(Đã ký)",
		"",
	}
	for _, s := range texts {
		m, err := Missing(s)
		if err != nil {
			t.Fatalf("Missing: %v", err)
		}
		if m != nil {
			t.Errorf("Missing(%q) = %q, want nil", s, m)
		}
	}
}

func TestMissingReportsOnceInOrder(t *testing.T) {
	tests := []struct {
		s    string
		want []rune
	}{
		{"😀", []rune{'😀'}},
		{"中", []rune{'中'}},
		{"\ue000", []rune{'\ue000'}},
		{"Chi bộ 😀 中 \ue000 😀中\ue000 Sở", []rune{'😀', '中', '\ue000'}},
		{"中\ue000😀", []rune{'中', '\ue000', '😀'}},
		{"\ue000a😀b中c\ue000😀中", []rune{'\ue000', '😀', '中'}},
		{"dòng 1\ndòng 2 中\n中\n\n😀\n", []rune{'中', '😀'}},
	}
	for _, tc := range tests {
		got, err := Missing(tc.s)
		if err != nil {
			t.Fatalf("Missing: %v", err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Missing(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestMissingIgnoresNewlines(t *testing.T) {
	for _, s := range []string{"\n", "\n\n\n", "a\nb", "Nơi nhận:\n", "\nĐảng bộ\n"} {
		m, err := Missing(s)
		if err != nil || m != nil {
			t.Errorf("Missing(%q) = %q, %v; want nil", s, m, err)
		}
	}
}

func TestTTF(t *testing.T) {
	if len(Styles) != 3 {
		t.Fatalf("Styles = %v, want 3 faces", Styles)
	}
	seen := map[string]bool{}
	for _, s := range Styles {
		b := TTF(s)
		// A TrueType file starts with the version 0x00010000.
		if len(b) < 1000 || string(b[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("TTF(%q): %d bytes, not a TrueType file", s, len(b))
		}
		key := string(b[:64]) + string(b[len(b)-64:])
		if seen[key] {
			t.Errorf("TTF(%q) is the same file as another face", s)
		}
		seen[key] = true
	}
}

// listed reads unicodes.txt, the list subset.sh cuts the faces to.
func listed(t *testing.T) map[rune]bool {
	t.Helper()
	data, err := os.ReadFile("unicodes.txt")
	if err != nil {
		t.Fatal(err)
	}
	set := map[rune]bool{}
	for n, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(strings.TrimPrefix(line, "U+"), "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.ParseUint(lo, 16, 32)
		b, err2 := strconv.ParseUint(hi, 16, 32)
		if err1 != nil || err2 != nil || !strings.HasPrefix(line, "U+") || b < a {
			t.Fatalf("unicodes.txt:%d: %q is not U+XXXX or U+XXXX-XXXX", n+1, line)
		}
		for r := a; r <= b; r++ {
			set[rune(r)] = true
		}
	}
	return set
}

// TestSubsetIsTheList holds the faces, the list they were cut to and the font check together:
// every character of unicodes.txt is drawable in every face, and every other character (all of
// Unicode) is refused by Missing.
func TestSubsetIsTheList(t *testing.T) {
	set := listed(t)
	if len(set) < 500 {
		t.Fatalf("unicodes.txt lists %d characters, want the ~560 of the documents", len(set))
	}
	var accepted, refused int
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if utf16.IsSurrogate(r) || r == '\n' || r == '\t' {
			continue
		}
		m, err := Missing(string(r))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case set[r] && m != nil:
			t.Errorf("U+%04X is in unicodes.txt but a face lacks it", r)
		case !set[r] && m == nil:
			t.Errorf("U+%04X is not in unicodes.txt but is accepted", r)
		case m == nil:
			accepted++
		default:
			refused++
		}
	}
	if accepted != len(set) || refused == 0 {
		t.Errorf("accepted %d characters, refused %d; unicodes.txt lists %d", accepted, refused, len(set))
	}
}

// TestRunesAreTheList: every face maps exactly the characters of unicodes.txt, the set the PDF
// backend draws once for a combined file.
func TestRunesAreTheList(t *testing.T) {
	set := listed(t)
	for _, s := range Styles {
		runes, err := Runes(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(runes) != len(set) {
			t.Errorf("face %q maps %d characters, unicodes.txt lists %d", s, len(runes), len(set))
		}
		for i, r := range runes {
			if !set[r] {
				t.Errorf("face %q maps U+%04X, which unicodes.txt does not list", s, r)
			}
			if i > 0 && runes[i-1] >= r {
				t.Errorf("face %q: U+%04X after U+%04X", s, r, runes[i-1])
			}
		}
	}
}

// table returns a table of a TrueType file, found in its table directory.
func table(t *testing.T, ttf []byte, tag string) []byte {
	t.Helper()
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == tag {
			off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			return ttf[off : off+size]
		}
	}
	t.Fatalf("no %q table", tag)
	return nil
}

// TestEveryGlyphHasItsMetric: every glyph has its own entry in hmtx. fpdf 0.12 reads the width
// of a glyph past hhea.numberOfHMetrics by appending into a slice of the font's bytes, which
// changes the embedded file as it renders (see subset.sh).
func TestEveryGlyphHasItsMetric(t *testing.T) {
	for _, s := range Styles {
		ttf := TTF(s)
		glyphs := binary.BigEndian.Uint16(table(t, ttf, "maxp")[4:])
		metrics := binary.BigEndian.Uint16(table(t, ttf, "hhea")[34:])
		if metrics != glyphs {
			t.Errorf("face %q: %d horizontal metrics for %d glyphs", s, metrics, glyphs)
		}
		if got, want := len(table(t, ttf, "hmtx")), 4*int(glyphs); got != want {
			t.Errorf("face %q: hmtx is %d bytes, want %d", s, got, want)
		}
	}
}

// TestRenamed: the faces are a modified version of Liberation Serif, so none of their names
// (family, full name, unique ID, PostScript name) may say "Liberation"; they say "Baocao Serif".
func TestRenamed(t *testing.T) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		t.Fatal(parseErr)
	}
	var buf sfnt.Buffer
	for _, s := range Styles {
		for _, id := range []sfnt.NameID{sfnt.NameIDFamily, sfnt.NameIDFull, sfnt.NameIDUniqueIdentifier, sfnt.NameIDPostScript, sfnt.NameIDTypographicFamily, sfnt.NameIDTrademark} {
			name, err := parsed[s].Name(&buf, id)
			if err == sfnt.ErrNotFound {
				continue
			}
			if err != nil {
				t.Fatalf("face %q name %d: %v", s, id, err)
			}
			if strings.Contains(name, "Liberation") {
				t.Errorf("face %q name %d = %q", s, id, name)
			}
		}
		family, err := parsed[s].Name(&buf, sfnt.NameIDFamily)
		if err != nil || family != "Baocao Serif" {
			t.Errorf("face %q family %q, %v; want Baocao Serif", s, family, err)
		}
	}
}
