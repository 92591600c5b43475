package input

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Legacy is a pre-Unicode Vietnamese encoding whose text can arrive pasted into a UTF-8 file:
// typed in a .VnTime (TCVN3) or VNI-Times font and copied, each byte reads as the Windows-1252
// character of the same code.
type Legacy string

// The legacy encodings recognised.
const (
	TCVN3 Legacy = "TCVN3 (ABC)"
	VNI   Legacy = "VNI"
)

// tcvnHigh is TCVN 5712 for the bytes 0x80 to 0xFF, in order. The capitals of 0x80-0x9F and some
// above belong to its VN1 level; the common .VnTime fonts (VN3) have the lowercase letters and
// Ă Â Ê Ô Ơ Ư Đ (0xA1-0xA7), and write other capitals with the .VnTimeH fonts, whose codes are the
// lowercase ones. Bytes 0xB0-0xB4 are combining tone marks, which this reader leaves alone
// (° ± ² ³ ´ are more likely what they look like).
var tcvnHigh = []rune("ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ" +
	"\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ°±²³´àảãáạẲằẳẵắẴ" +
	"ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò" +
	"ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ")

// tcvnLow is TCVN 5712's capitals in control-code positions (VN1); they reach us only from a file
// saved in TCVN3, never pasted into YAML, which refuses control characters.
var tcvnLow = map[byte]rune{0x01: 'Ú', 0x02: 'Ụ', 0x04: 'Ừ', 0x05: 'Ử', 0x06: 'Ữ', 0x11: 'Ứ', 0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ'}

// typographic are Windows-1252 characters of 0x80-0x9F that Unicode text uses for themselves,
// left alone rather than read as TCVN capitals.
const typographic = "‘’“”–—…•€™"

// vietnameseLatin1 are the Vietnamese letters that Latin-1 has: in Unicode text they are themselves.
const vietnameseLatin1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"

// cp1252Byte returns the Windows-1252 byte of a rune, when it has one above 0x7F.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0xA0 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := charmap.Windows1252.EncodeRune(r)
	return b, ok && b >= 0x80
}

// tcvnRune returns the letter a pasted character stands for in TCVN3, and false when it stands for
// itself.
func tcvnRune(r rune) (rune, bool) {
	if strings.ContainsRune(typographic, r) {
		return r, false
	}
	b, ok := cp1252Byte(r)
	if !ok || (b >= 0xB0 && b <= 0xB4) || b == 0xA0 {
		return r, false
	}
	return tcvnHigh[b-0x80], true
}

// decodeTCVN3 reads pasted TCVN3 text, weighing the evidence that it is TCVN3: a character that
// is no Vietnamese letter counts one; a capital À-Ý right after a small letter ("NguyÔn", Ô being
// ễ) counts one; the soft hyphen after a letter (ư, as in "L­u") counts two, for Unicode text
// hardly ever has it.
func decodeTCVN3(s string) (string, int) {
	var b strings.Builder
	foreign := 0
	runes := []rune(s)
	for i, r := range runes {
		prevLower := i > 0 && unicode.IsLower(runes[i-1])
		prevLetter := i > 0 && unicode.IsLetter(runes[i-1])
		switch {
		case r == '\u00ad' && prevLetter:
			foreign++
		case strings.ContainsRune(vietnameseLatin1, r) && unicode.IsUpper(r) && prevLower:
			foreign++
		}
		if r < 0x20 {
			if v, ok := tcvnLow[byte(r)]; ok {
				b.WriteRune(v)
				foreign++
				continue
			}
		}
		v, ok := tcvnRune(r)
		if ok && !strings.ContainsRune(vietnameseLatin1, r) {
			foreign++
		}
		b.WriteRune(v)
	}
	return b.String(), foreign
}

// VNI writes a letter as its base letter followed by one character for its marks.
var (
	vniTone   = map[rune]rune{'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323'}
	vniCirc   = map[rune]rune{'â': 0, 'á': '\u0301', 'à': '\u0300', 'å': '\u0309', 'ã': '\u0303', 'ä': '\u0323'}
	vniBreve  = map[rune]rune{'ê': 0, 'é': '\u0301', 'è': '\u0300', 'ú': '\u0309', 'ü': '\u0303', 'ë': '\u0323'}
	vniLetter = map[rune]string{'ô': "ơ", 'ö': "ư", 'ñ': "đ", 'í': "í", 'ì': "ì", 'æ': "ỉ", 'ó': "ĩ", 'ò': "ị", 'î': "ỵ"}
)

// decodeVNI reads pasted VNI text; ok is false when a mark stands where VNI puts none, so that the
// text is not VNI. It counts the VNI characters read as strong when Unicode Vietnamese could not
// have them there (ñ, ö, a mark right after the letter it marks: "eã"), and weak when it could
// ("ò" is ị in VNI and itself in Unicode; "oà" is ồ in VNI and the old spelling of "oà").
func decodeVNI(s string) (out string, strong, weak int, ok bool) {
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		lower := unicode.ToLower(r)
		upper := r != lower
		if l, isLetter := vniLetter[lower]; isLetter {
			if upper {
				l = strings.ToUpper(l)
			}
			b.WriteString(l)
			if strings.ContainsRune(vietnameseLatin1, r) {
				weak++
			} else {
				strong++
			}
			continue
		}
		_, isTone := vniTone[lower]
		_, isCirc := vniCirc[lower]
		_, isBreve := vniBreve[lower]
		if !isTone && !isCirc && !isBreve {
			b.WriteRune(r)
			continue
		}
		// A mark: it must follow a base letter it can modify.
		prev := []rune(b.String())
		if len(prev) == 0 {
			return "", 0, 0, false
		}
		base := prev[len(prev)-1]
		baseLower := unicode.ToLower(base)
		decomposed := []rune(norm.NFD.String(string(baseLower)))
		var marks []rune
		switch {
		case isCirc && (baseLower == 'a' || baseLower == 'e' || baseLower == 'o'):
			marks = append(marks, '\u0302')
			if t := vniCirc[lower]; t != 0 {
				marks = append(marks, t)
			}
		case isBreve && baseLower == 'a':
			marks = append(marks, '\u0306')
			if t := vniBreve[lower]; t != 0 {
				marks = append(marks, t)
			}
		case isTone && strings.ContainsRune("aeiouyăâêôơư", decomposed[0]) && toneCount(string(baseLower)) == 0:
			marks = append(marks, vniTone[lower])
		default:
			return "", 0, 0, false
		}
		letter := norm.NFC.String(string(decomposed) + string(marks))
		if unicode.IsUpper(base) {
			letter = strings.ToUpper(letter)
		}
		b.Reset()
		b.WriteString(string(prev[:len(prev)-1]))
		b.WriteString(letter)
		if baseLower == 'o' && strings.ContainsRune("áàã", lower) {
			weak++
		} else {
			strong++
		}
	}
	return b.String(), strong, weak, true
}

// toneMarks are the five Vietnamese tone marks, as combining characters.
const toneMarks = "\u0300\u0301\u0303\u0309\u0323"

// toneCount counts the tone marks of a word.
func toneCount(word string) int {
	n := 0
	for _, r := range norm.NFD.String(word) {
		if strings.ContainsRune(toneMarks, r) {
			n++
		}
	}
	return n
}

// NameKey compares names as people write them: case, spacing and the place of the tone mark
// ("Hoà" or "Hòa", "UỶ" or "ỦY", both correct) do not matter; letters and tones do.
func NameKey(name string) string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		var letters, tones strings.Builder
		for _, r := range norm.NFD.String(w) {
			if strings.ContainsRune(toneMarks, r) {
				tones.WriteRune(r)
			} else {
				letters.WriteRune(r)
			}
		}
		words = append(words, norm.NFC.String(letters.String())+tones.String())
	}
	return strings.Join(words, " ")
}

// plausible reports whether decoded text reads as Vietnamese: no word carries two tone marks, and
// every word is in small letters, capitalised or in capitals ("TỔi" is what Unicode "Tài" gives
// when read as TCVN3).
func plausible(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if toneCount(w) > 1 {
			return false
		}
		rest := []rune(w)[1:]
		upper, lower := 0, 0
		for _, r := range rest {
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		}
		if upper > 0 && lower > 0 {
			return false
		}
	}
	return true
}

// hasUnicodeVietnamese reports whether s holds a Vietnamese letter outside Latin-1 (ạ, ư, đ, …):
// text that has one is Unicode already. (Š, Ž, Œ and the like are Windows-1252 letters that
// pasted TCVN3 capitals become.)
func hasUnicodeVietnamese(s string) bool {
	for _, r := range s {
		if r >= 0x100 && isVietnameseLetter(r) {
			return true
		}
	}
	return false
}

// isVietnameseLetter reports whether r is a Vietnamese letter: đ, or a vowel with at most its
// circumflex, breve or horn and one tone mark.
func isVietnameseLetter(r rune) bool {
	d := []rune(norm.NFD.String(string(unicode.ToLower(r))))
	if d[0] == 'đ' {
		return len(d) == 1
	}
	if !strings.ContainsRune("aeiouy", d[0]) {
		return false
	}
	shapes, tones := 0, 0
	for _, m := range d[1:] {
		switch {
		case strings.ContainsRune("\u0302\u0306\u031B", m):
			shapes++
		case strings.ContainsRune(toneMarks, m):
			tones++
		default:
			return false
		}
	}
	return shapes <= 1 && tones <= 1
}

// DetectLegacy tells whether s is Vietnamese typed in TCVN3 or VNI and pasted as Windows-1252
// characters, and returns it in Unicode NFC. It errs on the side of Unicode: text with a Vietnamese
// letter beyond Latin-1 (ạ, ư, đ, …) is Unicode; TCVN3 needs two characters that are not Vietnamese
// letters (one "®" beside other accents is a trademark); VNI needs a sequence Unicode cannot have.
func DetectLegacy(s string) (Legacy, string, bool) {
	if hasUnicodeVietnamese(s) {
		return "", s, false
	}
	nonASCII := 0
	for _, r := range s {
		if r >= 0x80 {
			nonASCII++
		}
	}
	enough := func(foreign int) bool { return foreign >= 2 || (foreign == 1 && nonASCII == 1) }
	if v, strong, weak, ok := decodeVNI(s); ok && strong >= 1 && (strong+weak >= 2 || nonASCII == strong) && plausible(v) {
		return VNI, norm.NFC.String(v), true
	}
	if t, foreign := decodeTCVN3(s); enough(foreign) && plausible(t) && t != s {
		return TCVN3, norm.NFC.String(t), true
	}
	return "", s, false
}
