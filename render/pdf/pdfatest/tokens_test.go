package pdfatest

import (
	"errors"
	"reflect"
	"testing"

	"baocao/render/pdfsyntax"
)

func TestTokens(t *testing.T) {
	got, err := tokens([]byte("BT /F1 12 Tf % a comment\n(a\\)b) Tj <4869> Tj [(x) -250 (y)] TJ << /K true >> ET"))
	if err != nil {
		t.Fatal(err)
	}
	want := []token{
		{s: "BT", op: true}, {s: "/F1"}, {s: "12"}, {s: "Tf", op: true},
		{s: "a)b", str: true}, {s: "Tj", op: true}, {s: "Hi", str: true}, {s: "Tj", op: true},
		{s: "["}, {s: "x", str: true}, {s: "-250"}, {s: "y", str: true}, {s: "]"}, {s: "TJ", op: true},
		{s: "<<"}, {s: "/K"}, {s: "true"}, {s: ">>"}, {s: "ET", op: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens:\n got %+v\nwant %+v", got, want)
	}
}

// TestTokensRefuseBrokenStrings: a content stream whose string is not closed, or whose
// hexadecimal string holds a non-digit, is reported rather than read as if well formed.
func TestTokensRefuseBrokenStrings(t *testing.T) {
	for _, content := range []string{"BT (abc Tj ET", "BT (a\\", "BT <48 Tj ET", "BT <4x> Tj ET"} {
		if got, err := tokens([]byte(content)); !errors.Is(err, pdfsyntax.ErrString) {
			t.Errorf("tokens(%q) = %+v, %v; want pdfsyntax.ErrString", content, got, err)
		}
	}
}
