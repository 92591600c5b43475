// Package fonts embeds the faces the PDF backend draws with, and answers which characters they can
// draw: Baocao Serif, which is Liberation Serif 2.1.5 (the free font metric-compatible with Times
// New Roman, from Debian's fonts-liberation2 package) cut to the characters listed in unicodes.txt
// and renamed, as the SIL Open Font License 1.1 asks of a modified version. subset.sh beside this
// file makes the faces; the licence is LICENSE-LiberationSerif.txt.
//
// The characters a document may contain are exactly those the faces keep: Missing refuses every
// other one, so the cut decides in one place what the program accepts.
package fonts

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Style is one of the faces of the family.
type Style string

// The three faces the documents print with (no text is bold and italic at once, so that face is
// not embedded). The values are fpdf's style strings.
const (
	Regular Style = ""
	Bold    Style = "B"
	Italic  Style = "I"
)

// Family is the name under which the faces are registered in a PDF.
const Family = "BaocaoSerif"

var (
	//go:embed BaocaoSerif-Regular.ttf
	regular []byte
	//go:embed BaocaoSerif-Bold.ttf
	bold []byte
	//go:embed BaocaoSerif-Italic.ttf
	italic []byte
)

// TTF returns the TrueType file of a face. The slice is shared: callers must not modify it.
func TTF(s Style) []byte {
	switch s {
	case Bold:
		return bold
	case Italic:
		return italic
	default:
		return regular
	}
}

// Styles lists the three faces in a fixed order.
var Styles = []Style{Regular, Bold, Italic}

var (
	parseOnce sync.Once
	parsed    map[Style]*sfnt.Font
	parseErr  error
)

func parseAll() {
	parsed = make(map[Style]*sfnt.Font, len(Styles))
	for _, s := range Styles {
		f, err := sfnt.Parse(TTF(s))
		if err != nil {
			parseErr = fmt.Errorf("fonts: parse %q: %w", s, err)
			return
		}
		parsed[s] = f
	}
}

// buffers holds the sfnt buffers of Missing and Width, which are called for every word.
var buffers = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

// Missing returns, in order of first appearance and without repeats, the characters of s that
// some face of the family cannot draw. Newlines and tabs, which the backends turn into line breaks
// and spaces, are never reported. It returns an
// error only if the embedded fonts themselves cannot be read.
func Missing(s string) ([]rune, error) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		return nil, parseErr
	}
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	var missing []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if r == '\n' || r == '\t' || seen[r] {
			continue
		}
		seen[r] = true
		for _, st := range Styles {
			idx, err := parsed[st].GlyphIndex(buf, r)
			if err != nil || idx == 0 {
				missing = append(missing, r)
				break
			}
		}
	}
	return missing, nil
}

// Width returns the advance width of text in points when set in the face at size points, without
// kerning, as Word and fpdf set it. Characters the face lacks count as zero.
func Width(s Style, size float64, text string) (float64, error) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		return 0, parseErr
	}
	f := parsed[s]
	units := f.UnitsPerEm()
	ppem := fixed.I(int(units))
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	var total fixed.Int26_6
	for _, r := range text {
		idx, err := f.GlyphIndex(buf, r)
		if err != nil || idx == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(buf, idx, ppem, font.HintingNone)
		if err != nil {
			return 0, fmt.Errorf("fonts: advance of %q: %w", r, err)
		}
		total += adv
	}
	return float64(total) / 64 / float64(units) * size, nil
}

// Runes returns, in increasing order, every character the face maps to a glyph. The faces hold
// only characters of the Basic Multilingual Plane (unicodes.txt), which is also all that fpdf's
// CIDToGIDMap can map, so only that plane is searched.
func Runes(s Style) ([]rune, error) {
	parseOnce.Do(parseAll)
	if parseErr != nil {
		return nil, parseErr
	}
	f := parsed[s]
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	var out []rune
	for r := rune(0); r <= 0xFFFF; r++ {
		if idx, err := f.GlyphIndex(buf, r); err == nil && idx != 0 {
			out = append(out, r)
		}
	}
	return out, nil
}
