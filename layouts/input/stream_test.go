package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// entriesOf collects what Entries hands over, checking it hands over as many as it says.
func entriesOf(t testing.TB, r *Reader, top *Object, known []string) []Entry {
	t.Helper()
	n, all := Entries(r, top, known)
	var out []Entry
	for e := range all {
		out = append(out, e)
	}
	if len(out) != n {
		t.Fatalf("Entries said %d entries and handed over %d", n, len(out))
	}
	return out
}

// tree writes a node tree with everything a reader looks at: kinds, tags, styles, text and
// positions; not comments, which nothing reads.
func tree(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%*s%d %s %d %q @%d:%d &%q\n", 2*depth, "", n.Kind, n.Tag, n.Style, n.Value, n.Line, n.Column, n.Anchor)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// readAs is everything reading a file's documents gives: the file's problems, then, for each
// document, its item, its tree, its own problems once its keys are checked against known, and
// the file's canonical YAML.
func readAs(t testing.TB, data []byte, opts Options, split bool, known []string) (out string, streamed bool) {
	t.Helper()
	r, top := parse("t.yaml", data, opts, split)
	if top == nil {
		return fmt.Sprintf("no object: %v\n", r.Problems()), false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "board %v, legacy %q, roster %v\n", r.board, r.legacy, top.IsRoster())
	canonical, err := top.Canonical("dang-ky")
	fmt.Fprintf(&b, "canonical (%v):\n%s", err, canonical)
	for _, e := range entriesOf(t, r, top, known) {
		fmt.Fprintf(&b, "item %d:\n%s", e.Item, tree(e.Top.node))
		e.Top.Known(known...)
		for _, k := range e.Top.keys {
			e.Top.String(k.Value, false)
		}
		fmt.Fprintf(&b, "problems %v\n", e.Top.Reader().Problems())
	}
	fmt.Fprintf(&b, "file problems %v\n", r.Problems())
	return b.String(), top.roster != nil
}

// sameAsWhole checks that reading data, its roster split, gives what reading it whole gives, and
// returns whether it was split.
func sameAsWhole(t testing.TB, data []byte, opts Options) bool {
	t.Helper()
	known := []string{"co_quan", "so", "ngay", "ky", "mo_hinh", "guong", "dia_danh", "ghi_chu"}
	split, streamed := readAs(t, data, opts, true, known)
	whole, _ := readAs(t, data, opts, false, known)
	if split != whole {
		t.Fatalf("read split, the file\n%s\ngives\n%s\nread whole, it gives\n%s", data, split, whole)
	}
	return streamed
}

// TestRosterReadSplitAsWhole: every roster, split or not, reads as it reads whole; the rosters
// the split is sure for are split, the others not.
func TestRosterReadSplitAsWhole(t *testing.T) {
	item := func(indent, name string) string {
		return indent + "- co_quan: {ten: " + name + "}\n" + indent + "  so: 5\n" + indent + "  mo_hinh:\n" + indent + "    - Mô hình - một\n"
	}
	split := map[string]string{
		"two spaces":              "mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n" + item("  ", "A") + item("  ", "B"),
		"at the margin":           "mau: dang-ky\ndanh_sach:\n" + item("", "A") + item("", "B") + "chung:\n  dia_danh: X\n",
		"four spaces, key after":  "mau: dang-ky\ndanh_sach:\n" + item("    ", "A") + item("    ", "B") + "chung: {dia_danh: X}\n",
		"comments and blanks":     "mau: dang-ky\ndanh_sach: # các chi bộ\n\n# đầu\n" + item("  ", "A") + "# giữa\n\n    # sâu\n" + item("  ", "B") + "\n# cuối\n",
		"CRLF":                    strings.ReplaceAll("mau: dang-ky\ndanh_sach:\n"+item("  ", "A")+item("  ", "B"), "\n", "\r\n"),
		"no last newline":         "mau: dang-ky\ndanh_sach:\n" + item("  ", "A") + "  - co_quan: {ten: B}",
		"byte-order mark":         "\uFEFFmau: dang-ky\ndanh_sach:\n" + item("  ", "A"),
		"block text with dashes":  "mau: dang-ky\ndanh_sach:\n  - ghi_chu: |\n      - không phải mục\n    danh_sach:\n      x\n    so: 1\n" + item("  ", "B"),
		"flow item":               "mau: dang-ky\ndanh_sach:\n  - {co_quan: {ten: A}, so: 1}\n" + item("  ", "B"),
		"quoted dash":             "mau: dang-ky\ndanh_sach:\n  - co_quan: {ten: \"A - B\"}\n    ky: '- x'\n",
		"unknown and repeated":    "mau: dang-ky\ndanh_sach:\n  - co_quan: {ten: A}\n    co_quan: {ten: B}\n    ngày: 2021-04-02\nkhac: 1\n",
		"bad values":              "mau: dang-ky\ndanh_sach:\n  - co_quan: [a, b]\n    so: năm\n",
		"TCVN3":                   "mau: dang-ky\ndanh_sach:\n  - co_quan: {ten: Chi bé Së Tµi chÝnh}\n  - co_quan: {ten: §¶ng bé}\n",
		"shared values in a list": "mau: dang-ky\nchung:\n  co_quan: {ten: X, loai: chi-bo}\ndanh_sach:\n  - co_quan: {ten: A}\n  - so: 2\n",
		"one item":                "mau: dang-ky\ndanh_sach:\n- co_quan: {ten: A}\n",
		"empty item":              "mau: dang-ky\ndanh_sach:\n  - so:\n  - ky:\n",
	}
	whole := map[string]string{
		"flow list":             "mau: dang-ky\ndanh_sach: [{so: 1}, {so: 2}]\n",
		"empty list":            "mau: dang-ky\ndanh_sach: []\n",
		"null list":             "mau: dang-ky\ndanh_sach:\n",
		"text item":             "mau: dang-ky\ndanh_sach:\n  - Chi bộ A\n" + item("  ", "B"),
		"carriage return alone": "mau: dang-ky\ndanh_sach:\n - so: \r0\n",
		"quote across items":    "mau: dang-ky\ndanh_sach:\n  - ky: \"a\n  - b\"\n" + item("  ", "B"),
		"bracket across items":  "mau: dang-ky\ndanh_sach:\n  - mo_hinh: [a,\n  - b]\n",
		"anchor and alias":      "mau: dang-ky\ndanh_sach:\n  - co_quan: &a {ten: A}\n  - co_quan: *a\n",
		"alias between items":   "mau: dang-ky\ndanh_sach:\n  - so: 1\n  - so: *a\n",
		"tag":                   "mau: dang-ky\ndanh_sach:\n  - co_quan: {ten: !Chi bộ}\n",
		"comma key":             "mau: dang-ky\ndanh_sach:\n  - co_quan: {ten: Chi bộ Sở Y tế, Dân số}\n",
		"two lists":             "mau: dang-ky\ndanh_sach:\n  - so: 1\ndanh_sach:\n  - so: 2\n",
		"quoted key":            "mau: dang-ky\n\"danh_sach\": x\ndanh_sach:\n  - so: 1\n",
		"key in a quote":        "mau: dang-ky\nky: \"a\ndanh_sach:\n  - so: 1\n  b\"\n",
		"document start":        "---\nmau: dang-ky\ndanh_sach:\n  - so: 1\n",
		"second document":       "mau: dang-ky\ndanh_sach:\n  - so: 1\n---\nmau: x\n",
		"misindented":           "mau: dang-ky\ndanh_sach:\n    - so: 1\n  - so: 2\n",
		"indented after":        "mau: dang-ky\ndanh_sach:\n    - so: 1\n  chung: 1\n",
		"indented file":         "  mau: dang-ky\n  danh_sach:\n    - so: 1\n",
		"flow file":             "{mau: dang-ky,\ndanh_sach:\n- so: 1\n}\n",
		"tab":                   "mau: dang-ky\ndanh_sach:\n  - so: 1\n\t so: 2\n",
		"too deep":              "mau: dang-ky\ndanh_sach:\n  - a: [[[[[[[[[[[[[1]]]]]]]]]]]]]\n",
		"key with a value":      "mau: dang-ky\ndanh_sach: x\n  - so: 1\n",
		"bad YAML in an item":   "mau: dang-ky\ndanh_sach:\n  - so: 1\n  - so: a: b\n",
		"bad YAML in the head":  "mau: dang-ky\nchung: a: b\ndanh_sach:\n  - so: 1\n",
		"not a mapping at all":  "- a\ndanh_sach:\n  - so: 1\n",
		"over the Board's list": roster(MaxBoardItems + 1),
	}
	for name, src := range split {
		t.Run("split/"+name, func(t *testing.T) {
			if !sameAsWhole(t, []byte(src), Options{}) {
				t.Errorf("not split:\n%s", src)
			}
		})
	}
	for name, src := range whole {
		t.Run("whole/"+name, func(t *testing.T) {
			if sameAsWhole(t, []byte(src), Options{}) {
				t.Errorf("split, but the split is not sure:\n%s", src)
			}
		})
	}
}

// TestRosterSamplesReadSplitAsWhole: the rosters of the samples are split and read as whole.
func TestRosterSamplesReadSplitAsWhole(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.yaml"))
	rosters := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "\n"+RosterList+":") {
			continue
		}
		rosters++
		if !sameAsWhole(t, data, Options{}) {
			t.Errorf("%s: not split", f)
		}
	}
	if rosters == 0 {
		t.Fatal("no roster among the samples")
	}
}

// TestRosterSplitKeepsNoTree: a split roster holds its text and a span per item, not their trees.
func TestRosterSplitKeepsNoTree(t *testing.T) {
	r, top := Parse("t.yaml", []byte(roster(1000)), Options{})
	if top == nil || top.roster == nil {
		t.Fatalf("not split: %v", r.Problems())
	}
	if got := len(top.fields[RosterList].Content); got != 0 {
		t.Errorf("the list's node holds %d items", got)
	}
	if got := len(top.roster.items); got != 1000 {
		t.Errorf("%d spans, want 1000", got)
	}
}

// FuzzRosterReadSplitAsWhole: any file reads split as it reads whole.
func FuzzRosterReadSplitAsWhole(f *testing.F) {
	for _, s := range []string{
		"mau: dang-ky\ndanh_sach:\n  - co_quan: {ten: A}\n    so: 1\n  - so: 2\nchung:\n  ky: x\n",
		"mau: dang-ky\ndanh_sach:\n- ghi_chu: |\n    - a\n  so: 1\n- so: '2'\n",
		"mau: dang-ky\ndanh_sach:\n  - ky: \"a\n  - b\"\n",
		"mau: dang-ky\ndanh_sach: # x\n\n  # y\n    - so: 1\n    - {so: 2}\n",
		"mau: dang-ky\r\ndanh_sach:\r\n  - so: 1\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsWhole(t, data, Options{})
	})
}

// BenchmarkRoster reads every entry of a roster of 1,000 cells, its list split and read whole:
// the split parses each item twice (to check it, then to hand it over) but never holds more than
// one item's tree.
func BenchmarkRoster(b *testing.B) {
	var src strings.Builder
	src.WriteString("mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n")
	for i := 1; i <= 1000; i++ {
		fmt.Fprintf(&src, "  - co_quan: {ten: Chi bộ Sở Số %d, loai: chi-bo}\n    so: %d\n    mo_hinh:\n", i, i)
		fmt.Fprintf(&src, "      - {ten: Mô hình %d, loai: khac, don_vi: Phòng 1}\n    ky: {ho_ten: Trần Thị %d}\n", i, i)
	}
	data := []byte(src.String())
	for _, split := range []bool{true, false} {
		b.Run(map[bool]string{true: "split", false: "whole"}[split], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, top := parse("t.yaml", data, Options{}, split)
				_, entries := Entries(r, top, []string{"co_quan", "so", "mo_hinh", "ky", "dia_danh"})
				for e := range entries {
					e.Top.Object("co_quan").String("ten", true)
				}
			}
		})
	}
}
