// Package inputtest writes Vietnamese text in the file encodings that secretaries' programs save,
// for tests of the readers.
package inputtest

import (
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Windows1258 encodes s as Windows-1258 writes Vietnamese: a letter is its base, with a
// circumflex, breve or horn the code page has precomposed (Â Ê Ô Ă Ơ Ư), followed by its tone as a
// combining mark. (norm.NFD alone will not do: the code page has no combining circumflex, breve or
// horn, so the encoder refuses "ộ" decomposed.)
func Windows1258(s string) ([]byte, error) {
	const tones = "\u0300\u0301\u0303\u0309\u0323"
	var b strings.Builder
	for _, r := range s {
		var base, tone []rune
		for _, c := range norm.NFD.String(string(r)) {
			if strings.ContainsRune(tones, c) {
				tone = append(tone, c)
			} else {
				base = append(base, c)
			}
		}
		b.WriteString(norm.NFC.String(string(base)))
		b.WriteString(string(tone))
	}
	return charmap.Windows1258.NewEncoder().Bytes([]byte(b.String()))
}

// UTF16LE encodes s as UTF-16 little-endian with its byte order mark, as Notepad saves "Unicode".
func UTF16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// VNI writes text as VNI stores it (typed in a VNI font, or pasted into a UTF-8 file), from the VNI
// typing rules: a vowel, then one character for its circumflex or breve with its tone, or for its
// tone alone; ơ ư đ and the toned i and ỵ are single characters; capitals stay capitals.
func VNI(s string) string {
	tone := map[rune]string{'\u0301': "ù", '\u0300': "ø", '\u0309': "û", '\u0303': "õ", '\u0323': "ï"}
	circ := map[rune]string{0: "â", '\u0301': "á", '\u0300': "à", '\u0309': "å", '\u0303': "ã", '\u0323': "ä"}
	breve := map[rune]string{0: "ê", '\u0301': "é", '\u0300': "è", '\u0309': "ú", '\u0303': "ü", '\u0323': "ë"}
	iTone := map[rune]string{'\u0301': "í", '\u0300': "ì", '\u0309': "æ", '\u0303': "ó", '\u0323': "ò"}
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		lower := []rune(strings.ToLower(string(r)))[0]
		d := []rune(norm.NFD.String(string(lower)))
		base, marks := d[0], d[1:]
		var shape, t rune
		for _, m := range marks {
			switch m {
			case '\u0302', '\u0306', '\u031B':
				shape = m
			default:
				t = m
			}
		}
		var enc string
		switch {
		case base == 'đ':
			enc = "ñ"
		case base == 'i' && t != 0:
			enc = iTone[t]
		case base == 'y' && t == '\u0323':
			enc = "î"
		case shape == '\u031B' && base == 'o':
			enc = "ô" + tone[t]
		case shape == '\u031B' && base == 'u':
			enc = "ö" + tone[t]
		case shape == '\u0302':
			enc = string(base) + circ[t]
		case shape == '\u0306':
			enc = string(base) + breve[t]
		case t != 0:
			enc = string(base) + tone[t]
		default:
			out.WriteRune(r)
			continue
		}
		if lower != r {
			enc = strings.ToUpper(enc)
		}
		out.WriteString(enc)
	}
	return out.String()
}
