package input

import (
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
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

// vn3Capitals are the pasted forms of the capitals Ă Â Ê Ô Ơ Ư Đ, the only ones the common .VnTime
// fonts have: symbols that Unicode text hardly ever sets against a letter.
const vn3Capitals = "¡¢£¤¥¦§"

// decodeTCVN3 reads pasted TCVN3 text, weighing the evidence that it is TCVN3: a character that
// is no Vietnamese letter counts one; a capital À-Ý right after a small letter ("NguyÔn", Ô being
// ễ) counts one; the soft hyphen after a letter (ư, as in "L­u") and a .VnTime capital against a
// letter ("TH¦", "§UK") count two, for Unicode text hardly ever has them. The result maps the
// input rune for rune.
func decodeTCVN3(s string) (string, int) {
	var b strings.Builder
	foreign := 0
	runes := []rune(s)
	for i, r := range runes {
		prevLower := i > 0 && unicode.IsLower(runes[i-1])
		prevLetter := i > 0 && unicode.IsLetter(runes[i-1])
		nextLetter := i+1 < len(runes) && unicode.IsLetter(runes[i+1])
		switch {
		case r == '\u00ad' && prevLetter:
			foreign++
		case strings.ContainsRune(vn3Capitals, r) && (prevLetter || nextLetter):
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
// when read as TCVN3, "đY" what TCVN3 "ñY", ỦY, gives when read as VNI).
func plausible(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if toneCount(w) > 1 {
			return false
		}
		first, rest := []rune(w)[0], []rune(w)[1:]
		if unicode.IsLower(first) && strings.IndexFunc(string(rest), unicode.IsUpper) >= 0 {
			return false
		}
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
// characters, and returns it in Unicode NFC, judging s alone (a file is judged as a whole by
// Parse). It errs on the side of Unicode: text with a Vietnamese letter beyond Latin-1 (ạ, ư, đ, …)
// is Unicode; TCVN3 needs two characters that are not Vietnamese letters (one "®" beside other
// accents is a trademark); VNI needs a sequence Unicode cannot have. Where s reads as both, VNI
// wins: a file's other values decide such text better.
func DetectLegacy(s string) (Legacy, string, bool) {
	if hasUnicodeVietnamese(s) {
		return "", s, false
	}
	if v, ok := vniConclusive(s); ok {
		return VNI, v, true
	}
	if t, ok := tcvnConclusive(s); ok {
		return TCVN3, t, true
	}
	return "", s, false
}

// nonASCII counts the runes of s beyond ASCII.
func nonASCII(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x80 {
			n++
		}
	}
	return n
}

// vniConclusive returns s read as VNI when s alone shows it is VNI.
func vniConclusive(s string) (string, bool) {
	v, strong, weak, ok := decodeVNI(s)
	if !ok || strong < 1 || (strong+weak < 2 && nonASCII(s) != strong) {
		return "", false
	}
	v = norm.NFC.String(v)
	return v, plausible(v)
}

// tcvnConclusive returns s read as TCVN3 when s alone shows it is TCVN3.
func tcvnConclusive(s string) (string, bool) {
	_, foreign := decodeTCVN3(s)
	if foreign < 2 && (foreign != 1 || nonASCII(s) != 1) {
		return "", false
	}
	t, ok := FromLegacy(TCVN3, s, false)
	return t, ok && t != s
}

// FromLegacy converts s, text typed in the legacy encoding enc and pasted as Windows-1252
// characters (or read so from a file or a document run), into Unicode NFC. ok is false when the
// result does not read as Vietnamese, and then s should not be converted.
//
// With capitals (text set in a font that prints every letter as a capital, .VnTimeH) the result
// is in capitals. Otherwise capitals are recovered where the text shows them, for TCVN3's .VnTime
// fonts have no toned capitals and people type those in the small letters' codes: text whose
// letters of known case (ASCII, Ă Â Ê Ô Ơ Ư Đ) are all capitals, two at least, is in capitals
// ("BÝ TH¦" is "BÍ THƯ"), and so is such a word; in a name whose words all start with a capital,
// a word that starts with a small letter's code starts with its capital ("Lª ThÞ ¸nh" is
// "Lê Thị Ánh").
func FromLegacy(enc Legacy, s string, capitals bool) (string, bool) {
	var out string
	switch enc {
	case TCVN3:
		t, _ := decodeTCVN3(s)
		out = recoverCapitals([]rune(s), []rune(t))
	case VNI:
		v, _, _, ok := decodeVNI(s)
		if !ok {
			return s, false
		}
		out = v
	default:
		return s, false
	}
	if capitals {
		out = Upper(out)
	}
	out = norm.NFC.String(out)
	return out, plausible(out)
}

// letterCase tells the case of a pasted TCVN3 character as the text shows it: +1 a capital, -1 a
// small letter, 0 not a letter or a letter whose case the font decides (a small letter's code
// above ASCII, which .VnTimeH prints as a capital).
func letterCase(in, out rune) int {
	switch {
	case !unicode.IsLetter(out):
		return 0
	case in < 0x80 || unicode.IsUpper(out):
		if unicode.IsUpper(out) {
			return 1
		}
		return -1
	}
	return 0
}

// recoverCapitals puts capitals into out, the TCVN3 reading of in rune for rune, where in shows
// them (see FromLegacy).
func recoverCapitals(in, out []rune) string {
	if len(in) != len(out) {
		return string(out)
	}
	upperFrom := func(from, to int) {
		for i := from; i < to; i++ {
			out[i] = []rune(Upper(string(out[i])))[0]
		}
	}
	// counts returns the capitals and small letters of known case in in[from:to].
	counts := func(from, to int) (capitals, small int) {
		for i := from; i < to; i++ {
			switch letterCase(in[i], out[i]) {
			case 1:
				capitals++
			case -1:
				small++
			}
		}
		return capitals, small
	}
	if c, s := counts(0, len(in)); s == 0 && c >= 2 {
		upperFrom(0, len(in))
		return string(out)
	}
	type word struct{ from, to int }
	var words []word
	for i := 0; i < len(out); {
		for i < len(out) && unicode.IsSpace(out[i]) {
			i++
		}
		from := i
		for i < len(out) && !unicode.IsSpace(out[i]) {
			i++
		}
		if from < i {
			words = append(words, word{from, i})
		}
	}
	var unknown []int // the first letters of unknown case
	capitalised, small := 0, 0
	for _, w := range words {
		if c, s := counts(w.from, w.to); s == 0 && c >= 2 {
			upperFrom(w.from, w.to)
		}
		for i := w.from; i < w.to; i++ {
			if unicode.IsLetter(out[i]) {
				switch letterCase(in[i], out[i]) {
				case 1:
					capitalised++
				case -1:
					small++
				default:
					unknown = append(unknown, i)
				}
				break
			}
		}
	}
	if small == 0 && capitalised >= 1 && len(words) >= 2 {
		for _, i := range unknown {
			upperFrom(i, i+1)
		}
	}
	return string(out)
}

// fileLegacy judges a whole file's text values, the top of its YAML tree: see legacyCount.
func fileLegacy(root *yaml.Node) Legacy {
	var c legacyCount
	c.add(root)
	return c.verdict()
}

// legacyCount counts a file's text values by the encoding each shows alone, for the file's
// verdict; a file read in parts (a roster's items) adds each part.
type legacyCount struct{ tcvn, vni, uni int }

// add counts the text values of a tree: Unicode Vietnamese, or TCVN3 or VNI alone. Values that
// read as both TCVN3 and VNI do not count.
func (c *legacyCount) add(n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		s := n.Value
		if hasUnicodeVietnamese(s) {
			c.uni++
			return
		}
		_, v := vniConclusive(s)
		_, t := tcvnConclusive(s)
		switch {
		case v && !t:
			c.vni++
		case t && !v:
			c.tcvn++
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			c.add(n.Content[i])
		}
	default:
		for _, child := range n.Content {
			c.add(child)
		}
	}
}

// verdict is the legacy encoding that more values show alone than show any other encoding or
// Unicode, or "" for Unicode.
func (c *legacyCount) verdict() Legacy {
	switch {
	case c.tcvn > c.vni && c.tcvn > c.uni:
		return TCVN3
	case c.vni > c.tcvn && c.vni > c.uni:
		return VNI
	}
	return ""
}

// fromFileLegacy decides one value of a file whose verdict is enc: the encoding it is in and its
// Unicode text, or "" when it is Unicode already. A value in the file's legacy encoding converts
// when it reads as Vietnamese, however short or ambiguous; any other value converts only when it
// alone shows one legacy encoding and not the other.
func fromFileLegacy(enc Legacy, s string) (Legacy, string) {
	if hasUnicodeVietnamese(s) || nonASCII(s) == 0 {
		return "", s
	}
	if enc != "" {
		if out, ok := FromLegacy(enc, s, false); ok && out != s {
			return enc, out
		}
	}
	v, vOK := vniConclusive(s)
	t, tOK := tcvnConclusive(s)
	switch {
	case vOK && !tOK:
		return VNI, v
	case tOK && !vOK:
		return TCVN3, t
	}
	return "", s
}

// ambiguousLegacy reports whether s alone reads as both TCVN3 and VNI ("T/M BAN CHI ñY": ỦY or
// ĐY), with both readings.
func ambiguousLegacy(s string) (tcvn, vni string, ok bool) {
	if hasUnicodeVietnamese(s) {
		return "", "", false
	}
	v, vOK := vniConclusive(s)
	t, tOK := tcvnConclusive(s)
	return t, v, vOK && tOK
}
