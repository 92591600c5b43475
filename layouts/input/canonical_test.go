package input

import (
	"strings"
	"testing"
)

func TestCanonicalQuotesOnlyWhatYAMLNeeds(t *testing.T) {
	src := "# a comment\nmau: dang-ky   # kind\nso: \"5\"\nngay: '2021-04-12'\nten: \"null\"\nrong: null\nghi: \"a: b\"\nbool: \"true\"\nnhieu: |\n  dòng 1\n  dòng 2\nds: [a, 'b c']\nnhom: {x: 1}\n"
	r, top := Parse("t.yaml", []byte(src), Options{})
	if top == nil {
		t.Fatal(r.Problems())
	}
	for _, k := range []string{"mau", "ten", "ghi", "bool", "nhieu"} {
		top.String(k, false)
	}
	got, err := top.Canonical("dang-ky")
	if err != nil {
		t.Fatal(err)
	}
	want := canonicalHeader + "mau: dang-ky\nso: 5\nngay: 2021-04-12\nten: \"null\"\nrong: null\nghi: 'a: b'\nbool: true\nnhieu: |-\n  dòng 1\n  dòng 2\nds:\n  - a\n  - b c\nnhom:\n  x: 1\n"
	if string(got) != want {
		t.Errorf("canonical:\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(string(got), "comment") {
		t.Error("a comment survived")
	}
}
