package importer

import (
	"strings"

	"baocao/layouts/input"
)

// fromLegacy converts text typed in a font of a legacy encoding to Unicode, and reports whether
// every part of it could be read in that encoding.
//
// TODO(lead): switch to the exported converter that branch "input" adds to layouts/input, which
// converts by the encoding given instead of detecting it. Until then this wrapper calls what
// layouts/input has: DetectLegacy on the whole text, then word by word, keeping the encoding the
// font names; a word it does not recognise is kept as typed and reported.
func fromLegacy(enc input.Legacy, s string) (string, bool) {
	if !hasHigh(s) {
		return s, true
	}
	if got, out, ok := input.DetectLegacy(s); ok && got == enc {
		return out, true
	}
	words := strings.SplitAfter(s, " ")
	all := true
	for i, w := range words {
		if !hasHigh(w) {
			continue
		}
		if got, out, ok := input.DetectLegacy(w); ok && got == enc {
			words[i] = out
			continue
		}
		all = false
	}
	return strings.Join(words, ""), all
}

// hasHigh reports whether s holds a character beyond ASCII.
func hasHigh(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return true
		}
	}
	return false
}
