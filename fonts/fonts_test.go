package fonts

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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
	if len(Styles) != 4 {
		t.Fatalf("Styles = %v, want 4 faces", Styles)
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
