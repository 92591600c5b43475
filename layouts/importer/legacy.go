package importer

import (
	"strings"

	"baocao/layouts/input"
)

// fromLegacy converts text typed in a font of a legacy encoding to Unicode, and reports whether
// it could be read in that encoding.
//
// TODO(lead): switch to an exported converter of layouts/input that converts by the encoding
// given (branch "input" is reworking legacy text) and drop this wrapper. Until then it calls
// what layouts/input exports, DetectLegacy, which judges the text alone: text too short or
// ambiguous for it ("Sè", which is "Số"; "ñy", which is "ủy" in TCVN3 and "đy" in VNI) is judged
// after an anchor that only the font's encoding reads, whose conversion is then cut off again.
func fromLegacy(enc input.Legacy, s string) (string, bool) {
	if !hasHigh(s) {
		return s, true
	}
	if got, out, ok := input.DetectLegacy(s); ok && got == enc {
		return out, true
	}
	a, ok := anchors[enc]
	if !ok {
		return s, false
	}
	got, out, ok := input.DetectLegacy(a.typed + " " + s)
	if !ok || got != enc || !strings.HasPrefix(out, a.reads+" ") {
		return s, false
	}
	return strings.TrimPrefix(out, a.reads+" "), true
}

// anchor is text that DetectLegacy reads as one encoding only, with what it reads.
type anchor struct{ typed, reads string }

// anchors: for TCVN3, a word VNI cannot read (its first character is a VNI tone mark with no
// letter before it) and two TCVN3 letters that are no Unicode Vietnamese (¸ is á); for VNI, ñ
// (đ), which only VNI writes so.
var anchors = func() map[input.Legacy]anchor {
	out := map[input.Legacy]anchor{}
	for enc, typed := range map[input.Legacy]string{input.TCVN3: "\u00f9 \u00b8 \u00b8", input.VNI: "\u00f1"} {
		if got, reads, ok := input.DetectLegacy(typed); ok && got == enc {
			out[enc] = anchor{typed, reads}
		}
	}
	return out
}()

// hasHigh reports whether s holds a character beyond ASCII.
func hasHigh(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return true
		}
	}
	return false
}
