package importer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"baocao/layouts/kh46"
)

// fold lowers text and strips its marks ("Văn hoá" and "văn hóa" give "van hoa"), straightens
// quotes and dashes and collapses spaces, for recognising words whatever their spelling.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == '‘' || r == '’':
			r = '\''
		case r == '“' || r == '”':
			r = '"'
		case r == '–' || r == '—':
			r = '-'
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// kindWords are the words that tell a model's kind from its name, most specific first: the first
// kind with a word in the name is the guess.
var kindWords = []struct {
	code  string
	words []string
}{
	{"5s", []string{"5s", "5 s"}},
	{"nam-khong", []string{"5 khong", "nam khong"}},
	{"van-hoa-cong-so", []string{"van hoa cong so", "van hoa cong vu"}},
	{"cai-cach-hanh-chinh", []string{"cai cach", "thu tuc hanh chinh", "hanh chinh", "mot cua"}},
	{"trach-nhiem-xa-hoi", []string{"trach nhiem xa hoi", "vi nguoi lao dong", "cong dong", "an sinh"}},
	{"an-toan-tiet-kiem", []string{"an toan", "tiet kiem"}},
	{"y-te", []string{"y te", "kham", "chua benh", "benh nhan", "nguoi benh", "suc khoe", "benh vien"}},
	{"giao-duc-dao-tao", []string{"giao duc", "dao tao", "day hoc", "day nghe", "hoc sinh", "sinh vien", "truong hoc", "lop hoc"}},
	{"hoi-doan-the", []string{"cong doan", "doan thanh nien", "chi doan", "doan the", "hoi cuu chien binh", "cuu chien binh", "phu nu", "hoi "}},
	{"to-chuc-co-so-dang", []string{"to chuc co so dang", "chi bo", "dang bo", "trong sach, vung manh", "trong sach vung manh"}},
	{"san-xuat-kinh-doanh", []string{"san xuat", "kinh doanh", "doanh thu", "nang suat"}},
	{"co-quan-don-vi", []string{"co quan", "don vi"}},
}

// guessKind guesses a model's kind from its name, with the word that decided it; kh46.OtherKind
// and "" when no word of a kind is in the name.
func guessKind(name string) (code, word string) {
	f := " " + fold(name) + " "
	for _, k := range kindWords {
		for _, w := range k.words {
			if strings.Contains(f, " "+w) || strings.Contains(f, "\""+w) {
				return k.code, original(name, f, w)
			}
		}
	}
	return kh46.OtherKind, ""
}

// kindName is how a message names a kind.
func kindName(code string) string {
	if k, ok := kh46.KindByCode(code); ok {
		return k.Name
	}
	return "mô hình riêng của đơn vị"
}

// sectorWords tell a cell's sector from its name, checked in order: words found anywhere in it,
// and words that open the name of the unit after "Chi bộ" or "Đảng bộ". The rest are agencies
// (a "Sở Y tế" is an agency).
var sectorWords = []struct {
	sector   kh46.Sector
	anywhere []string
	opening  []string
}{
	{kh46.Enterprises, []string{"cong ty", "ngan hang", "doanh nghiep", "hop tac xa"}, []string{"nha may", "xi nghiep"}},
	{kh46.Health, []string{"benh vien", "trung tam y te", "trung tam kiem soat benh tat"}, []string{"phong kham"}},
	{kh46.Education, []string{"truong dai hoc", "truong cao dang", "truong trung", "truong thpt", "hoc vien"}, []string{"truong"}},
}

// guessSector guesses a cell's sector from its name, with the words that decided it ("" for the
// default, agencies).
func guessSector(org string) (kh46.Sector, string) {
	f := fold(org)
	unit := " " + strings.TrimPrefix(strings.TrimPrefix(f, "chi bo "), "dang bo ") + " "
	f = " " + f + " "
	for _, s := range sectorWords {
		for _, w := range s.anywhere {
			if strings.Contains(f, " "+w+" ") {
				return s.sector, original(org, f, w)
			}
		}
		for _, w := range s.opening {
			if strings.HasPrefix(unit, " "+w+" ") {
				return s.sector, original(org, f, w)
			}
		}
	}
	return kh46.Agencies, ""
}

// original returns the words of s that the folded words w stand for in folded (" " + fold(s) +
// " "): the same words, counted from the start, with their marks and without the quotes around.
func original(s, folded, w string) string {
	w = strings.TrimSpace(w)
	p := -1
	for _, before := range []string{" ", "\""} {
		if i := strings.Index(folded, before+w); i >= 0 && (p < 0 || i+1 < p) {
			p = i + 1
		}
	}
	if p < 1 {
		return w
	}
	start := strings.Count(folded[1:p], " ")
	n := strings.Count(w, " ") + 1
	words := strings.Fields(s)
	if start+n > len(words) {
		return w
	}
	return strings.Trim(strings.Join(words[start:start+n], " "), "\"“”'‘’()")
}
