package render

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"baocao/fonts"
)

func measures(t *testing.T) (regular, bold Measure) {
	t.Helper()
	regular, err := FontMeasure(fonts.Regular, SizeText)
	if err != nil {
		t.Fatal(err)
	}
	bold, err = FontMeasure(fonts.Bold, SizeText)
	if err != nil {
		t.Fatal(err)
	}
	return regular, bold
}

const headerWidth = HeaderLeftWidth - HeaderSlack

// checkLines checks what every balanced breaking must hold: the words in order, every line within
// the width, as few lines as greedy filling needs, and no line of one short word where the text
// has more words than lines.
func checkLines(t *testing.T, text string, width float64, m Measure, lines []string) {
	t.Helper()
	if got, want := splitWords(strings.Join(lines, " ")), splitWords(text); !slices.Equal(got, want) {
		// A word wider than the column is cut between letters: then only the letters must be kept.
		nospace := strings.NewReplacer(" ", "", "\t", "")
		if nospace.Replace(strings.Join(got, "")) != nospace.Replace(strings.Join(want, "")) || !hasOverwide(text, width, m) {
			t.Errorf("%q: the lines %q do not hold the words in order", text, lines)
		}
	}
	for _, l := range lines {
		if w := m(l); w > width+1e-9 && len(splitWords(l)) > 1 {
			t.Errorf("%q: line %q is %.2f mm wide, more than %.2f", text, l, w, width)
		}
	}
	words := splitWords(text)
	greedy := greedyLines(words, width, m)
	if len(lines) != len(greedy) {
		t.Errorf("%q: %d lines, greedy filling needs %d", text, len(lines), len(greedy))
	}
	if len(words) > len(lines) && len(lines) > 1 {
		for _, l := range lines {
			if len(splitWords(l)) == 1 && m(l) < width/3 {
				t.Errorf("%q: a line of one short word, %q, in %q", text, l, lines)
			}
		}
	}
}

// hasOverwide tells whether a word of text is wider than width.
func hasOverwide(text string, width float64, m Measure) bool {
	return slices.ContainsFunc(splitWords(text), func(w string) bool { return m(w) > width })
}

// spread is the difference between the widest and the narrowest line.
func spread(lines []string, m Measure) float64 {
	lo, hi := 1e9, 0.0
	for _, l := range lines {
		w := m(l)
		lo, hi = min(lo, w), max(hi, w)
	}
	return hi - lo
}

// TestBalancedLinesAsAPersonBreaks pins the breaks of real header names to where the Board's own
// documents break them: the conjunction starts a line, a comma ends one, a two-syllable word stays
// whole, and no word is left alone.
func TestBalancedLinesAsAPersonBreaks(t *testing.T) {
	regular, bold := measures(t)
	cases := []struct {
		m    Measure
		text string
		want []string
	}{
		{regular, "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", []string{"ĐẢNG UỶ KHỐI CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH"}},
		{bold, "CHI BỘ SỞ TÀI CHÍNH", []string{"CHI BỘ SỞ TÀI CHÍNH"}},
		{bold, "CHI BỘ TRƯỜNG CAO ĐẲNG NGHỀ YÊN BÁI", []string{"CHI BỘ TRƯỜNG", "CAO ĐẲNG NGHỀ YÊN BÁI"}},
		{bold, "ĐẢNG BỘ CÔNG TY CỔ PHẦN MÔI TRƯỜNG VÀ DỊCH VỤ ĐÔ THỊ YÊN BÁI", []string{"ĐẢNG BỘ CÔNG TY", "CỔ PHẦN MÔI TRƯỜNG", "VÀ DỊCH VỤ ĐÔ THỊ YÊN BÁI"}},
		{bold, "CHI BỘ BỆNH VIỆN ĐA KHOA, TRUNG TÂM Y TẾ", []string{"CHI BỘ BỆNH VIỆN ĐA KHOA,", "TRUNG TÂM Y TẾ"}},
	}
	for _, c := range cases {
		got := BalancedLines(c.text, headerWidth, c.m)
		checkLines(t, c.text, headerWidth, c.m, got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got  %q\n want %q", c.text, got, c.want)
		}
	}
}

// TestBalancedLinesLongNames breaks long names of every kind: the issue's own, a 150-character one
// (the longest a value may be), names with commas, a name of one word wider than the column, and
// names with a typed line break.
func TestBalancedLinesLongNames(t *testing.T) {
	regular, bold := measures(t)
	long150 := "ĐẢNG BỘ TRUNG TÂM KIỂM SOÁT BỆNH TẬT, TRUNG TÂM Y TẾ HUYỆN VĂN CHẤN, BỆNH VIỆN ĐA KHOA KHU VỰC NGHĨA LỘ VÀ PHÒNG KHÁM ĐA KHOA XÃ SƠN THỊNH, XÃ CÁT THỊ"
	if n := utf8.RuneCountInString(long150); n != 150 {
		t.Fatalf("the long name has %d characters, want 150", n)
	}
	names := []string{
		"ĐẢNG BỘ TRƯỜNG CAO ĐẲNG NGHỀ CÔNG NGHỆ, NÔNG LÂM VÀ DU LỊCH ĐÀO TẠO",
		"ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
		long150,
		"CHI BỘ PHÒNG TỔ CHỨC, HÀNH CHÍNH, QUẢN TRỊ",
		"CHI BỘ KHOA NỘI, KHOA NGOẠI, KHOA SẢN, KHOA NHI",
		"CHI BỘ CÔNG TY TNHH MỘT THÀNH VIÊN XỔ SỐ KIẾN THIẾT YÊN BÁI",
		"CHI BỘ BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG CÁC CÔNG TRÌNH DÂN DỤNG VÀ CÔNG NGHIỆP",
		"CHI BỘ KHU DÂN CƯ SỐ 5 PHƯỜNG NGUYỄN THÁI HỌC",
		"ĐẢNG BỘ CƠ SỞ TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG",
		"CHI BỘ " + strings.Repeat("TỔCHỨCHÀNHCHÍNH", 4), // one word wider than the column
		"CHI BỘ SỞ\nTÀI CHÍNH TỈNH YÊN BÁI VÀ CÁC ĐƠN VỊ TRỰC THUỘC SỞ",
		"A B",
		"",
	}
	for _, name := range names {
		for _, m := range []Measure{regular, bold} {
			lines := BalancedLines(name, headerWidth, m)
			if strings.Contains(name, "\n") {
				before, after, _ := strings.Cut(name, "\n")
				want := append(BalancedLines(before, headerWidth, m), BalancedLines(after, headerWidth, m)...)
				if !slices.Equal(lines, want) {
					t.Errorf("%q: a typed line break is not kept: %q", name, lines)
				}
				continue
			}
			checkLines(t, name, headerWidth, m, lines)
			for _, l := range lines {
				if l == "TẠO" || l == "ĐÀO TẠO" || l == "TỈNH" {
					t.Errorf("%q: %q stands alone in %q", name, l, lines)
				}
			}
		}
	}
	// The name: the comma ends a line when three lines balance either way.
	lines := BalancedLines(long150, headerWidth, bold)
	if len(lines) < 4 {
		t.Fatalf("the 150-character name takes %d lines, want at least 4: %q", len(lines), lines)
	}
	commas := 0
	for _, l := range lines {
		if strings.HasSuffix(l, ",") {
			commas++
		}
	}
	if commas == 0 {
		t.Errorf("no line of the 150-character name ends at one of its commas: %q", lines)
	}
}

// TestBalancedLinesAreEven generates names of common syllables that form no word the breaking
// knows (no comma, no conjunction, no two-syllable word of its list) and checks that their lines
// are never less even than greedy filling's and leave no word alone.
func TestBalancedLinesAreEven(t *testing.T) {
	_, bold := measures(t)
	syllables := strings.Fields("AN BÌNH MINH HÒA PHÚ THỊNH LỘC XUÂN HẠ THU ĐÔNG NAM BẮC TÂY TRUNG HƯNG LONG PHƯỚC KHÁNH HẢI SƠN")
	r := rand.New(rand.NewPCG(9, 11))
	for range 500 {
		words := make([]string, 3+r.IntN(25))
		for i := range words {
			words[i] = syllables[r.IntN(len(syllables))]
		}
		name := strings.Join(words, " ")
		lines := BalancedLines(name, headerWidth, bold)
		checkLines(t, name, headerWidth, bold, lines)
		greedy := greedyLines(words, headerWidth, bold)
		if s, g := spread(lines, bold), spread(greedy, bold); s > g+1e-9 {
			t.Errorf("%q: balanced lines %q spread %.1f mm, greedy %q only %.1f", name, lines, s, greedy, g)
		}
	}
}

// TestHeaderLines breaks both names of the header in their faces, and no superior body gives no line.
func TestHeaderLines(t *testing.T) {
	regular, bold := measures(t)
	h := Header{ParentOrg: "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", Org: "CHI BỘ TRƯỜNG CAO ĐẲNG NGHỀ YÊN BÁI"}
	parent, org, err := HeaderLines(h)
	if err != nil {
		t.Fatal(err)
	}
	if want := BalancedLines(h.ParentOrg, headerWidth, regular); !slices.Equal(parent, want) {
		t.Errorf("superior body: %q, want %q", parent, want)
	}
	if want := BalancedLines(h.Org, headerWidth, bold); !slices.Equal(org, want) {
		t.Errorf("issuing body: %q, want %q", org, want)
	}
	h.ParentOrg = ""
	if parent, _, _ := HeaderLines(h); parent != nil {
		t.Errorf("no superior body gives the lines %q", parent)
	}
}

// BenchmarkBalancedLines measures breaking the longest name a header may hold.
func BenchmarkBalancedLines(b *testing.B) {
	bold, err := FontMeasure(fonts.Bold, SizeText)
	if err != nil {
		b.Fatal(err)
	}
	name := "ĐẢNG BỘ TRUNG TÂM KIỂM SOÁT BỆNH TẬT, TRUNG TÂM Y TẾ HUYỆN VĂN CHẤN, BỆNH VIỆN ĐA KHOA KHU VỰC NGHĨA LỘ VÀ PHÒNG KHÁM ĐA KHOA XÃ SƠN THỊNH, XÃ CÁT THỊ"
	for b.Loop() {
		BalancedLines(name, headerWidth, bold)
	}
}
