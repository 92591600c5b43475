package pdfsyntax

import (
	"errors"
	"testing"
)

func TestLiteral(t *testing.T) {
	cases := []struct {
		in, want string
		rest     string // what follows the string
	}{
		{`()`, "", ""},
		{`(a(b)c) Tj`, "a(b)c", " Tj"},
		{`(\(\)\\\n\r\t\b\f)`, "()\\\n\r\t\b\f", ""},
		{"(ab\\\ncd)", "abcd", ""},
		{"(ab\\\r\ncd)", "abcd", ""},
		{"(ab\\\rcd)", "abcd", ""},
		{`(\101\60\0)`, "A0\x00", ""},
		{`(\1234)`, "S4", ""},
		{`(\777)`, "\xff", ""},
		{`(\q)`, "q", ""},
		{"(a\nb)", "a\nb", ""},
	}
	for _, tc := range cases {
		got, next, err := Literal([]byte(tc.in), 0)
		if err != nil || string(got) != tc.want || tc.in[next:] != tc.rest {
			t.Errorf("Literal(%q) = %q, rest %q, %v; want %q, rest %q", tc.in, got, tc.in[next:], err, tc.want, tc.rest)
		}
	}
	for _, in := range []string{`(`, `(a(b)`, `(a\`, `(a\)`} {
		if got, _, err := Literal([]byte(in), 0); !errors.Is(err, ErrString) {
			t.Errorf("Literal(%q) = %q, %v; want ErrString", in, got, err)
		}
	}
}

func TestHex(t *testing.T) {
	cases := []struct {
		in, want, rest string
	}{
		{`<>`, "", ""},
		{`<4869> Tj`, "Hi", " Tj"},
		{"<48 6\n9\t>", "Hi", ""},
		{`<aBcD>`, "\xab\xcd", ""},
		{`<486>`, "H`", ""},
		{`<7>`, "p", ""},
	}
	for _, tc := range cases {
		got, next, err := Hex([]byte(tc.in), 0)
		if err != nil || string(got) != tc.want || tc.in[next:] != tc.rest {
			t.Errorf("Hex(%q) = %q, rest %q, %v; want %q, rest %q", tc.in, got, tc.in[next:], err, tc.want, tc.rest)
		}
	}
	for _, in := range []string{`<`, `<48`, `<4g>`, `<48)`} {
		if got, _, err := Hex([]byte(in), 0); !errors.Is(err, ErrString) {
			t.Errorf("Hex(%q) = %q, %v; want ErrString", in, got, err)
		}
	}
}

func TestDelimiters(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		space := b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
		delim := space || b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' ||
			b == '{' || b == '}' || b == '/' || b == '%'
		if IsSpace(b) != space || IsDelim(b) != delim {
			t.Errorf("byte %#x: IsSpace %v, IsDelim %v; want %v, %v", b, IsSpace(b), IsDelim(b), space, delim)
		}
	}
}
