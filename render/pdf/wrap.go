package pdf

import "strings"

// wrappedLine is one line of a broken paragraph; last marks the end of the paragraph or a line that
// ends in a hard line break, which is not justified.
type wrappedLine struct {
	text string
	last bool
}

// splitWords splits at spaces and tabs only: a no-break space stays inside its word.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' })
}

// wrap breaks text into lines no wider than width, the first indent narrower.
func (p *page) wrap(s style, text string, width, indent float64) []string {
	var out []string
	for _, l := range p.wrapLines(s, text, width, indent) {
		out = append(out, l.text)
	}
	return out
}

// wrapLines breaks text greedily into lines no wider than width, the first line indent narrower.
// A newline in the text is a hard break. A word wider than a whole line is broken between letters.
func (p *page) wrapLines(s style, text string, width, indent float64) []wrappedLine {
	p.use(s)
	space := p.f.GetStringWidth(" ")
	var lines []wrappedLine
	avail := width - indent
	for _, segment := range strings.Split(text, "\n") {
		var cur []string
		curW := 0.0
		flush := func(last bool) {
			lines = append(lines, wrappedLine{text: strings.Join(cur, " "), last: last})
			cur, curW = nil, 0
			avail = width
		}
		for _, word := range splitWords(segment) {
			ww := p.f.GetStringWidth(word)
			if len(cur) > 0 && curW+space+ww > avail+1e-9 {
				flush(false)
			}
			for len(cur) == 0 && ww > avail+1e-9 {
				head, tail := p.splitAt(word, avail)
				cur = []string{head}
				flush(false)
				word, ww = tail, p.f.GetStringWidth(tail)
			}
			if len(cur) > 0 {
				curW += space
			}
			cur = append(cur, word)
			curW += ww
		}
		flush(true)
	}
	return lines
}

// splitAt cuts word where its head is as long as fits in width (at least one letter). Widths add
// up letter by letter, as fpdf measures without kerning.
func (p *page) splitAt(word string, width float64) (string, string) {
	runes := []rune(word)
	n, w := 1, p.f.GetStringWidth(string(runes[0]))
	for n < len(runes) {
		next := w + p.f.GetStringWidth(string(runes[n]))
		if next > width {
			break
		}
		n, w = n+1, next
	}
	return string(runes[:n]), string(runes[n:])
}
