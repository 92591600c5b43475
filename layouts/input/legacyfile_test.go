package input

import (
	"fmt"
	"strings"
	"testing"

	"baocao/layouts/input/inputtest"

	"go.yaml.in/yaml/v3"
)

// twinBase is a report's values as typed in Unicode, chosen to hold what TCVN3 typists lose:
// toned capitals in signing lines and in capitals, names whose words start with a toned capital.
const twinBase = `mau: dang-ky
co_quan:
  cap_tren: Đảng ủy Khối cơ quan và doanh nghiệp tỉnh
  ten: Chi bộ Sở Y tế
  ten_in: ĐẢNG BỘ SỞ Y TẾ
dia_danh: Yên Bái
giai_doan: 2021-2023
guong:
  - ho_ten: Lê Thị Ánh
    chuc_vu: Phó Chánh Văn phòng
    don_vi: Văn phòng Sở Y tế
  - ho_ten: Đỗ Ánh Tuyết
    chuc_vu: Chuyên viên
    don_vi: Phòng Kế hoạch - Tài chính
noi_nhan:
  - Ban Tuyên giáo ĐUK
  - Lưu Chi bộ
ky:
  quyen: T/M BAN CHI ỦY
  chuc_vu: BÍ THƯ
  ho_ten: Trần Văn Bình
`

// mapValues applies f to every value of a YAML text written one key or item a line.
func mapValues(text string, f func(string) string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if k, v, ok := strings.Cut(l, ": "); ok {
			lines[i] = k + ": " + f(v)
		} else if k, v, ok := strings.Cut(l, "- "); ok && strings.TrimSpace(k) == "" {
			lines[i] = k + "- " + f(v)
		}
	}
	return strings.Join(lines, "\n")
}

// scalarValues lists a YAML text's values (not its keys) with their lines and key paths, in order.
func scalarValues(t *testing.T, text string) []Problem {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	var out []Problem
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			walk(n.Content[0], path)
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i+1))
			}
		case yaml.ScalarNode:
			out = append(out, Problem{Line: n.Line, Key: path, Message: strings.TrimSpace(n.Value)})
		}
	}
	walk(&doc, "")
	return out
}

// checkTwin parses legacy, the twin of uni in enc, and checks that every value cleans to uni's
// value exactly, case included, each converted one with a warning at its line and key, and that
// under NoConvert every converted value is refused.
func checkTwin(t *testing.T, enc Legacy, legacy, uni string) {
	t.Helper()
	got, want := scalarValues(t, legacy), scalarValues(t, uni)
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	r, o := Parse("t.yaml", []byte(legacy), Options{})
	if o == nil {
		t.Fatalf("Parse: %v", r.Problems())
	}
	if r.legacy != enc {
		t.Errorf("file judged %q, want %q", r.legacy, enc)
	}
	refusing, _ := Parse("t.yaml", []byte(legacy), Options{NoConvert: true})
	converted := 0
	for i, v := range got {
		if v.Message != want[i].Message {
			converted++
		}
		if s := r.clean(v.Line, v.Key, v.Message); s != want[i].Message {
			t.Errorf("line %d %s: %q became %q, want %q", v.Line, v.Key, v.Message, s, want[i].Message)
		}
		refusing.clean(v.Line, v.Key, v.Message)
	}
	if converted < 5 {
		t.Fatalf("test setup: only %d values differ in %s", converted, enc)
	}
	warned, refused := 0, 0
	for _, p := range r.Problems() {
		if !p.Warning {
			t.Errorf("error: %v", p)
		} else if strings.HasPrefix(p.Message, "đã chuyển từ bảng mã "+string(enc)) && p.Key != "" && p.Line > 0 {
			warned++
		}
	}
	for _, p := range refusing.Problems() {
		if !p.Warning && strings.Contains(p.Message, "có vẻ được gõ bằng bảng mã "+string(enc)) {
			refused++
		}
	}
	if warned != converted || refused != converted {
		t.Errorf("%d values converted, %d warnings, %d refused under NoConvert; want one each", converted, warned, refused)
	}
}

// TestWholeReportTwins: a whole report typed in TCVN3 (with the .VnTime fonts) or in VNI, in small
// letters, in capitals and mixed, gives exactly its Unicode twin, case included.
func TestWholeReportTwins(t *testing.T) {
	variants := []struct {
		name string
		f    func(string) string
	}{
		{"lower", strings.ToLower},
		{"capitals", Upper},
		{"mixed", func(s string) string { return s }},
	}
	for _, v := range variants {
		uni := mapValues(twinBase, v.f)
		t.Run("TCVN3/"+v.name, func(t *testing.T) { checkTwin(t, TCVN3, encodeVN3(t, uni), uni) })
		t.Run("VNI/"+v.name, func(t *testing.T) { checkTwin(t, VNI, inputtest.VNI(uni), uni) })
	}
}

// TestAmbiguousFollowFile: the characters that mean different letters in TCVN3 and VNI, or are
// plain Unicode letters, are read as the rest of the file says.
func TestAmbiguousFollowFile(t *testing.T) {
	table := []struct{ char, tcvn, vni string }{
		{"ñ", "ủ", "đ"}, {"Ñ", "ẹ", "Đ"}, {"ô", "ụ", "ơ"}, {"Ô", "ễ", "Ơ"}, {"Ö", "ệ", "Ư"}, {"Ý", "í", "Ý"},
	}
	files := []struct {
		enc  Legacy
		text string
	}{
		{TCVN3, encodeVN3(t, twinBase)},
		{VNI, inputtest.VNI(twinBase)},
		{"", twinBase},
	}
	for _, f := range files {
		for _, a := range table {
			value := "ban " + a.char
			want := map[Legacy]string{TCVN3: "ban " + a.tcvn, VNI: "ban " + a.vni, "": value}[f.enc]
			text := f.text + "ghi_chu: " + value + "\n"
			r, o := Parse("t.yaml", []byte(text), Options{})
			if o == nil {
				t.Fatalf("Parse: %v", r.Problems())
			}
			if got := o.String("ghi_chu", true); got != want {
				t.Errorf("%q in a %q file = %q, want %q", value, f.enc, got, want)
			}
			// In a Unicode file, a value that reads as both TCVN3 and VNI (ñ, Ñ, Ö) is left alone
			// with a warning that gives both readings; the others are plain Unicode letters.
			warned := len(r.Problems()) == 1 && strings.Contains(r.Problems()[0].Message, "có thể là chữ gõ bằng bảng mã TCVN3")
			if wantWarned := f.enc == "" && strings.Contains("ñÑÖ", a.char); warned != wantWarned || (!warned && f.enc == "" && len(r.Problems()) > 0) {
				t.Errorf("%q in a %q file: problems %#v", value, f.enc, r.Problems())
			}
		}
	}
}

func TestFromLegacy(t *testing.T) {
	tests := []struct {
		enc      Legacy
		in       string
		capitals bool
		want     string
		ok       bool
	}{
		{TCVN3, "BÝ TH¦", false, "BÍ THƯ", true},
		{TCVN3, "T/M BAN CHI ñY", false, "T/M BAN CHI ỦY", true},
		{TCVN3, "§¶NG Bé Së Y TÕ", false, "ĐẢNG BỘ SỞ Y TẾ", true},
		{TCVN3, "Lª ThÞ ¸nh", false, "Lê Thị Ánh", true},
		{TCVN3, "Chi bé V¡N PHßNG Së", false, "Chi bộ VĂN PHÒNG Sở", true},
		{TCVN3, "Chi bé Së Tµi chÝnh", false, "Chi bộ Sở Tài chính", true},
		{TCVN3, "lª thÞ ¸nh", false, "lê thị ánh", true},
		{TCVN3, "¸nh", false, "ánh", true},
		{TCVN3, "lª thÞ ¸nh", true, "LÊ THỊ ÁNH", true}, // a .VnTimeH run
		{VNI, "Nguyeãn Thò Hoa", false, "Nguyễn Thị Hoa", true},
		{VNI, "Nguyeãn Thò Hoa", true, "NGUYỄN THỊ HOA", true},
		// Results that do not read as Vietnamese.
		{TCVN3, "Tài", false, "TỔi", false},
		{VNI, "aù1ù", false, "aù1ù", false},
		{"", "abc", false, "abc", false},
	}
	for _, tc := range tests {
		got, ok := FromLegacy(tc.enc, tc.in, tc.capitals)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FromLegacy(%q, %q, %v) = %q, %v; want %q, %v", tc.enc, tc.in, tc.capitals, got, ok, tc.want, tc.ok)
		}
	}
}

// TestRosterItemsFollowTheFile: a roster's items are read as the whole file says, as a report's
// values are: an ambiguous character in a TCVN3 or VNI roster reads as its encoding, whether the
// roster's list is split or read whole.
func TestRosterItemsFollowTheFile(t *testing.T) {
	// twinBase made an item of a roster, four spaces in, the rest of the list short items.
	item := "  - " + strings.ReplaceAll(strings.TrimPrefix(twinBase, "mau: dang-ky\n"), "\n", "\n    ")
	uni := "mau: dang-ky\ndanh_sach:\n" + strings.TrimSuffix(item, "    ") + "  - co_quan: {ten: Chi bộ Sở Tài chính}\n"
	files := []struct {
		enc  Legacy
		text string
	}{
		{TCVN3, encodeVN3(t, uni)},
		{VNI, inputtest.VNI(uni)},
	}
	want := map[Legacy]string{TCVN3: "ban ủ", VNI: "ban đ"}
	for _, f := range files {
		for _, split := range []bool{true, false} {
			text := f.text + "  - ghi_chu: ban ñ\n"
			r, top := parse("t.yaml", []byte(text), Options{}, split)
			if top == nil {
				t.Fatalf("Parse: %v", r.Problems())
			}
			entries := entriesOf(t, r, top, []string{"co_quan", "dia_danh", "giai_doan", "guong", "noi_nhan", "ky", "ghi_chu"})
			if len(entries) != 3 {
				t.Fatalf("%d entries", len(entries))
			}
			if got := entries[2].Top.String("ghi_chu", true); got != want[f.enc] {
				t.Errorf("%s roster, split %v: %q, want %q; problems %v", f.enc, split, got, want[f.enc], entries[2].Top.Reader().Problems())
			}
		}
	}
}
