package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"baocao/layouts/input"
)

// Limits on the XML of one part.
const (
	maxDepth      = 256     // nested elements
	maxTokens     = 4 << 20 // XML tokens
	maxParagraphs = 20000   // paragraphs and table cells' paragraphs
	maxParaRunes  = 20000   // characters of one paragraph
)

var errTooComplex = errors.New("nội dung tệp Word lồng quá sâu hoặc quá nhiều phần tử so với một báo cáo; không đọc tệp này")

// The WordprocessingML namespace.
const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// block is one paragraph of the document as a reader sees it.
type block struct {
	text     string // the visible text: tabs as '\t', manual line breaks as '\n', spaces normalised, NFC
	numbered bool   // the paragraph has Word's automatic numbering or bullets, whose label is not in the text
	table    int    // 1-based index of the top-level table holding it; 0 outside tables
	row, col int    // 1-based row and cell within that table
	index    int    // 1-based position among the document's paragraphs, for messages
}

// legacyFont is a font in a font of a pre-Unicode encoding.
type legacyFont struct {
	enc  input.Legacy
	caps bool // a "H" font of TCVN3 (.VnTimeH), which draws capitals from the lower-case codes
	name string
}

// fontEncoding tells the legacy encoding of a font by its name: .Vn… fonts are TCVN3 (those ending
// in H draw capitals), VNI-… fonts are VNI. Other fonts are Unicode.
func fontEncoding(name string) (legacyFont, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case strings.HasPrefix(n, ".vn"):
		return legacyFont{enc: input.TCVN3, caps: strings.HasSuffix(strings.TrimSpace(name), "H"), name: strings.TrimSpace(name)}, true
	case strings.HasPrefix(n, "vni-") || strings.HasPrefix(n, "vni "):
		return legacyFont{enc: input.VNI, name: strings.TrimSpace(name)}, true
	}
	return legacyFont{}, false
}

// styles is what the reader needs of styles.xml: each style's font and numbering, and the default.
type styles struct {
	defaultFont string
	byID        map[string]style
}

type style struct {
	basedOn  string
	font     string
	numbered bool // the style carries automatic numbering (numId other than 0)
	numID    string
}

// fontOf returns the font of a style, following basedOn, or the document default.
func (s *styles) fontOf(id string) string {
	for i := 0; i < 20 && id != ""; i++ {
		st, ok := s.byID[id]
		if !ok {
			break
		}
		if st.font != "" {
			return st.font
		}
		id = st.basedOn
	}
	return s.defaultFont
}

// numIDOf returns the numbering of a paragraph style, following basedOn.
func (s *styles) numIDOf(id string) string {
	for i := 0; i < 20 && id != ""; i++ {
		st, ok := s.byID[id]
		if !ok {
			break
		}
		if st.numID != "" {
			return st.numID
		}
		id = st.basedOn
	}
	return ""
}

// xmlWalker decodes a part token by token within the limits, calling visit for every start and
// end element (end as nil start) and char data.
type xmlWalker struct {
	d      *xml.Decoder
	depth  int
	tokens int
}

func newWalker(data []byte) *xmlWalker {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// A part declaring another encoding than UTF-8 is not something Word writes.
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return r, nil
		}
		return nil, errCorrupt
	}
	return &xmlWalker{d: d}
}

// next returns the next token, nil at the end, or an error for broken XML or a breach of limits.
func (w *xmlWalker) next() (xml.Token, error) {
	t, err := w.d.RawToken()
	if err == io.EOF {
		if w.depth != 0 {
			return nil, errCorrupt
		}
		return nil, nil
	}
	if err != nil {
		return nil, errCorrupt
	}
	w.tokens++
	if w.tokens > maxTokens {
		return nil, errTooComplex
	}
	switch t.(type) {
	case xml.StartElement:
		w.depth++
		if w.depth > maxDepth {
			return nil, errTooComplex
		}
	case xml.EndElement:
		w.depth--
		if w.depth < 0 {
			return nil, errCorrupt
		}
	}
	return t, nil
}

// attr returns the value of the attribute with the local name (w:val, w:ascii, …).
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readStyles reads styles.xml; a missing part gives no styles.
func readStyles(data []byte) (*styles, error) {
	s := &styles{byID: map[string]style{}}
	if data == nil {
		return s, nil
	}
	w := newWalker(data)
	var cur *style
	var curID string
	inDefaults, inRPr, inPPr := false, false, false
	for {
		t, err := w.next()
		if err != nil {
			return nil, err
		}
		if t == nil {
			return s, nil
		}
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "style":
				cur, curID = &style{}, attr(e, "styleId")
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(e, "val")
				}
			case "rPr":
				inRPr = true
			case "pPr":
				inPPr = true
			case "rFonts":
				font := attr(e, "ascii")
				if font == "" {
					font = attr(e, "hAnsi")
				}
				switch {
				case cur != nil && inRPr:
					cur.font = font
				case cur == nil && inDefaults && inRPr:
					s.defaultFont = font
				}
			case "numId":
				if cur != nil && inPPr {
					cur.numID = attr(e, "val")
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "docDefaults":
				inDefaults = false
			case "style":
				if cur != nil && curID != "" {
					s.byID[curID] = *cur
				}
				cur = nil
			case "rPr":
				inRPr = false
			case "pPr":
				inPPr = false
			}
		}
	}
}

// readNumbering reads numbering.xml into the set of numIds that number or bullet paragraphs
// (numId 0 and levels of format "none" do not).
func readNumbering(data []byte) (map[string]bool, error) {
	out := map[string]bool{}
	if data == nil {
		return out, nil
	}
	w := newWalker(data)
	abstractShows := map[string]bool{} // abstractNumId -> some level shows a label
	numAbstract := map[string]string{} // numId -> abstractNumId
	var abstract, num string
	for {
		t, err := w.next()
		if err != nil {
			return nil, err
		}
		if t == nil {
			break
		}
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "abstractNum":
				abstract = attr(e, "abstractNumId")
			case "numFmt":
				if abstract != "" && attr(e, "val") != "none" {
					abstractShows[abstract] = true
				}
			case "num":
				num = attr(e, "numId")
			case "abstractNumId":
				if num != "" {
					numAbstract[num] = attr(e, "val")
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "abstractNum":
				abstract = ""
			case "num":
				num = ""
			}
		}
	}
	for n, a := range numAbstract {
		if n != "0" && abstractShows[a] {
			out[n] = true
		}
	}
	return out, nil
}

// segment is a stretch of a paragraph's text in one font.
type segment struct {
	text   string
	legacy legacyFont
	isOld  bool
}

// paraState is a paragraph being read.
type paraState struct {
	style    string
	numID    string
	hasNum   bool // numPr given directly (numId 0 turns a style's numbering off)
	segments []segment
	runes    int
	// run state
	runFont   string
	runStyle  string
	inRun     bool
	runHidden bool // w:vanish: the run's text is hidden, not shown
}

func (p *paraState) add(text string, font legacyFont, old bool) {
	if p.runes > maxParaRunes {
		return
	}
	p.runes += utf8.RuneCountInString(text)
	if n := len(p.segments); n > 0 && p.segments[n-1].isOld == old && p.segments[n-1].legacy == font {
		p.segments[n-1].text += text
		return
	}
	p.segments = append(p.segments, segment{text: text, legacy: font, isOld: old})
}

// font is the font of the run being read: its own, its character style's, its paragraph style's
// or the document's default.
func (p *paraState) font(st *styles) string {
	if p.runFont != "" {
		return p.runFont
	}
	if p.runStyle != "" {
		if f := st.fontOf(p.runStyle); f != "" {
			return f
		}
	}
	return st.fontOf(p.style)
}

// conversion records text converted from a legacy font, for the warning that says so.
type conversion struct {
	fonts  []string // font names, in the order met
	paras  int
	failed []string // texts that could not be read in their font's encoding
}

// readDocument walks document.xml into blocks: every paragraph of the body and of its tables, in
// reading order, with its text assembled from its runs (split anywhere), tabs, breaks and
// legacy-font text converted to Unicode.
func readDocument(data []byte, st *styles, numbering map[string]bool) ([]block, *conversion, error) {
	w := newWalker(data)
	var blocks []block
	conv := &conversion{}
	var stack []*paraState // paragraphs open (a text box's paragraph sits inside a run)
	tableDepth, table, row, col := 0, 0, 0, 0
	skip := 0 // depth inside an element whose text is not shown (deleted text, fallbacks, fields' codes)
	inText := false
	for {
		t, err := w.next()
		if err != nil {
			return nil, nil, err
		}
		if t == nil {
			break
		}
		var p *paraState
		if len(stack) > 0 {
			p = stack[len(stack)-1]
		}
		switch e := t.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch e.Name.Local {
			case "del", "delText", "instrText", "Fallback", "moveFrom", "rPrChange", "pPrChange":
				skip = 1
			case "tbl":
				tableDepth++
				if tableDepth == 1 {
					table++
					row = 0
				}
			case "tr":
				if tableDepth == 1 {
					row++
					col = 0
				}
			case "tc":
				if tableDepth == 1 {
					col++
				}
			case "p":
				stack = append(stack, &paraState{})
				if len(blocks)+len(stack) > maxParagraphs {
					return nil, nil, errTooComplex
				}
			case "pStyle":
				if p != nil {
					p.style = attr(e, "val")
				}
			case "numId":
				if p != nil {
					p.numID, p.hasNum = attr(e, "val"), true
				}
			case "r":
				if p != nil {
					p.runFont, p.runStyle, p.inRun, p.runHidden = "", "", true, false
				}
			case "vanish":
				if p != nil && p.inRun {
					v := attr(e, "val")
					p.runHidden = v != "false" && v != "0" && v != "off"
				}
			case "rStyle":
				if p != nil {
					p.runStyle = attr(e, "val")
				}
			case "rFonts":
				if p != nil {
					font := attr(e, "ascii")
					if font == "" {
						font = attr(e, "hAnsi")
					}
					if font != "" {
						p.runFont = font
					}
				}
			case "t":
				inText = true
			case "tab", "ptab":
				if p != nil && !isTabStop(e) && !p.runHidden {
					p.add("\t", legacyFont{}, false)
				}
			case "br", "cr":
				if p != nil && !p.runHidden {
					p.add("\n", legacyFont{}, false)
				}
			case "noBreakHyphen":
				if p != nil {
					p.add("-", legacyFont{}, false)
				}
			case "softHyphen":
				// In a TCVN3 font the soft hyphen's code is the letter ư, which an office suite
				// may store as this element; elsewhere it shows nothing.
				if p != nil {
					if lf, old := fontEncoding(p.font(st)); old && lf.enc == input.TCVN3 {
						p.add("\u00ad", lf, true)
					}
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch e.Name.Local {
			case "r":
				if p != nil {
					p.inRun = false
				}
			case "t":
				inText = false
			case "tbl":
				tableDepth--
			case "p":
				if p == nil {
					continue
				}
				stack = stack[:len(stack)-1]
				b := block{index: len(blocks) + 1}
				if tableDepth >= 1 {
					b.table, b.row, b.col = table, row, col
				}
				numID := p.numID
				if !p.hasNum {
					numID = st.numIDOf(p.style)
				}
				b.numbered = numbering[numID]
				b.text = p.finish(st, conv)
				blocks = append(blocks, b)
			}
		case xml.CharData:
			if skip > 0 || !inText || p == nil || p.runHidden {
				continue
			}
			lf, old := fontEncoding(p.font(st))
			p.add(string(e), lf, old)
		}
	}
	return blocks, conv, nil
}

// isTabStop reports whether a w:tab element defines a tab stop (in the paragraph's w:tabs, with a
// position) rather than being a tab character of a run.
func isTabStop(e xml.StartElement) bool {
	return attr(e, "pos") != ""
}

// finish converts the paragraph's legacy-font text and normalises its spacing.
func (p *paraState) finish(st *styles, conv *conversion) string {
	var b strings.Builder
	converted := false
	for _, s := range p.segments {
		if !s.isOld {
			b.WriteString(s.text)
			continue
		}
		text, ok := input.FromLegacy(s.legacy.enc, s.text, s.legacy.caps)
		if !ok && strings.IndexFunc(s.text, func(r rune) bool { return r >= 0x80 }) < 0 {
			// Plain ASCII reads the same in every encoding ("ThS", "5S"): it is no failure.
			text, ok = s.text, true
			if s.legacy.caps {
				text = input.Upper(text)
			}
		}
		if !ok {
			conv.failed = append(conv.failed, s.text)
			text = s.text
		}
		if text != s.text {
			converted = true
			if !contains(conv.fonts, s.legacy.name) {
				conv.fonts = append(conv.fonts, s.legacy.name)
			}
		}
		b.WriteString(text)
	}
	if converted {
		conv.paras++
	}
	return normalise(b.String())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// normalise composes text to NFC, turns every space but tab and line break into a plain space
// (no-break, figure, thin spaces), drops invisible characters, and collapses runs of spaces: a
// run of three or more, which people type to push text into the right column, becomes a tab.
func normalise(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	spaces := 0
	endRun := func() {
		switch {
		case spaces >= 3:
			b.WriteByte('\t')
		case spaces > 0:
			b.WriteByte(' ')
		}
		spaces = 0
	}
	for _, r := range s {
		switch {
		case invisibleRune(r):
			continue
		case r == '\t' || r == '\n':
			endRun()
			b.WriteRune(r)
			continue
		case unicode.IsSpace(r) || r == '\u2007':
			spaces++
			continue
		case unicode.IsControl(r):
			continue
		}
		endRun()
		b.WriteRune(r)
	}
	endRun()
	return b.String()
}

// invisibleRune reports characters that show nothing: zero-width spaces and joiners, bidi marks,
// the soft hyphen, the byte-order mark.
func invisibleRune(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064,
		r >= 0x2066 && r <= 0x2069, r == 0xFEFF, r == 0x00AD:
		return true
	}
	return false
}
