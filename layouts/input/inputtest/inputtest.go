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
