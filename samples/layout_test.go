package samples_test

import (
	"bytes"
	"compress/zlib"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"baocao/render"
)

// word is one word as pdftotext -bbox reads it, in points from the top left of its page.
type word struct {
	Text                   string  `xml:",chardata"`
	XMin, YMin, XMax, YMax float64 `xml:"-"`
}

// bboxPage is one page of pdftotext -bbox output; its size in points.
type bboxPage struct {
	Width, Height float64
	Words         []word
}

// readBBox parses pdftotext -bbox output into pages of words.
func readBBox(t testing.TB, pdfBytes []byte) []bboxPage {
	t.Helper()
	var doc struct {
		Pages []struct {
			Width  string `xml:"width,attr"`
			Height string `xml:"height,attr"`
			Words  []struct {
				Text string `xml:",chardata"`
				XMin string `xml:"xMin,attr"`
				YMin string `xml:"yMin,attr"`
				XMax string `xml:"xMax,attr"`
				YMax string `xml:"yMax,attr"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	out := pdfToText(t, pdfBytes, "-bbox")
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	pages := make([]bboxPage, len(doc.Pages))
	for i, p := range doc.Pages {
		pages[i].Width, pages[i].Height = atof(t, p.Width), atof(t, p.Height)
		for _, w := range p.Words {
			pages[i].Words = append(pages[i].Words, word{
				Text: w.Text, XMin: atof(t, w.XMin), YMin: atof(t, w.YMin), XMax: atof(t, w.XMax), YMax: atof(t, w.YMax),
			})
		}
	}
	return pages
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// textLine is the words that share a baseline.
type textLine struct {
	Words []word
}

func (l textLine) text() string {
	var parts []string
	for _, w := range l.Words {
		parts = append(parts, w.Text)
	}
	return strings.Join(parts, " ")
}
func (l textLine) xMin() float64   { return l.Words[0].XMin }
func (l textLine) xMax() float64   { return l.Words[len(l.Words)-1].XMax }
func (l textLine) yMin() float64   { return l.Words[0].YMin }
func (l textLine) yMax() float64   { return l.Words[0].YMax }
func (l textLine) centre() float64 { return (l.xMin() + l.xMax()) / 2 }

// lines groups words by baseline (yMax within 0.5 pt), top to bottom, each line left to right.
// Words in the given x range only, so that the columns of a header can be read apart.
func lines(words []word, fromX, toX float64) []textLine {
	var sel []word
	for _, w := range words {
		if c := (w.XMin + w.XMax) / 2; c >= fromX && c < toX {
			sel = append(sel, w)
		}
	}
	sort.SliceStable(sel, func(i, j int) bool {
		if math.Abs(sel[i].YMax-sel[j].YMax) > 0.5 {
			return sel[i].YMax < sel[j].YMax
		}
		return sel[i].XMin < sel[j].XMin
	})
	var out []textLine
	for _, w := range sel {
		if n := len(out); n > 0 && math.Abs(out[n-1].yMax()-w.YMax) <= 0.5 {
			out[n-1].Words = append(out[n-1].Words, w)
			continue
		}
		out = append(out, textLine{Words: []word{w}})
	}
	return out
}

func mm(v float64) float64 { return v * 72 / 25.4 }

const (
	tolMargin = 0.5 * 72 / 25.4 // 0.5 mm, in points
	tolAlign  = 1.0             // 1 pt
	// Liberation Serif's ascent, in ems: how far above the baseline pdftotext puts a word's top.
	fontAscent = 1825.0 / 2048
)

// documentLayout is a rendered PDF, read back and cut into its parts.
type documentLayout struct {
	pages  []bboxPage
	header struct{ left, right []textLine }
	body   []bodyLine // every line between the five hyphens and "Nơi nhận:"
	// numbers is the page number each page should print: the main part and each appendix number
	// their pages from 1, and print none (0) on their first page.
	numbers []int
	// closing is the page that holds "Nơi nhận:".
	closing int
}

// bodyLine is a body line with the page it is on.
type bodyLine struct {
	page int
	textLine
}

// readLayout reads a PDF back and finds its parts.
func readLayout(t *testing.T, pdfBytes []byte) *documentLayout {
	t.Helper()
	return readLayoutFromPages(t, readBBox(t, pdfBytes))
}

// readLayoutFromPages finds the parts of a document in its words.
func readLayoutFromPages(t *testing.T, pages []bboxPage) *documentLayout {
	t.Helper()
	d := &documentLayout{pages: pages}
	if len(d.pages) == 0 {
		t.Fatal("no pages")
	}
	page1 := lines(d.pages[0].Words, 0, 1e9)
	titleAt := -1
	for i, l := range page1 {
		if l.text() == "BÁO CÁO" {
			titleAt = i
			break
		}
	}
	if titleAt < 0 {
		t.Fatal("no BÁO CÁO line on page 1")
	}
	split := mm(render.MarginLeft + render.HeaderLeftWidth)
	var headerWords []word
	for _, w := range d.pages[0].Words {
		if w.YMax < page1[titleAt].yMin() {
			headerWords = append(headerWords, w)
		}
	}
	d.header.left = lines(headerWords, 0, split)
	d.header.right = lines(headerWords, split, 1e9)

	inBody, inMain := false, true
	n := 0
	for p, page := range d.pages {
		n++
		all := lines(page.Words, 0, 1e9)
		for _, l := range all {
			if !isNumberZone(l) {
				if strings.HasPrefix(l.text(), "Phụ lục") && p > 0 {
					inMain, n = false, 1
				}
				break
			}
		}
		if p == 0 {
			n = 1
		}
		d.numbers = append(d.numbers, n)
		if n == 1 {
			d.numbers[p] = 0
		}
		for _, l := range all {
			switch {
			case p == 0 && l.text() == render.TitleRule:
				inBody = true
			case strings.HasPrefix(l.text(), render.RecipientsLabel):
				inBody, d.closing = false, p
			case inBody && inMain && !isNumberZone(l):
				d.body = append(d.body, bodyLine{page: p, textLine: l})
			}
		}
	}
	if len(d.body) == 0 {
		t.Fatal("no body lines found")
	}
	return d
}

// isNumberZone reports whether a line stands above the top margin, where only page numbers go.
func isNumberZone(l textLine) bool { return l.yMax() < mm(render.MarginTop) }

// checkLayout measures a rendered PDF against the format rules. Documents with tables skip the
// checks of body lines, which table cells do not follow.
func checkLayout(t *testing.T, pdfBytes []byte, hasTables bool) {
	t.Helper()
	d := readLayout(t, pdfBytes)

	// Margins: the left edge is 30 mm on every page; nothing crosses the right or bottom margin;
	// page 1's first line starts at the top margin, and a later page's first body line box does.
	for p, page := range d.pages {
		minX, maxX, maxY := math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, w := range page.Words {
			minX, maxX, maxY = math.Min(minX, w.XMin), math.Max(maxX, w.XMax), math.Max(maxY, w.YMax)
		}
		if math.Abs(minX-mm(render.MarginLeft)) > tolMargin && !hasTables {
			t.Errorf("page %d: left edge at %.2f mm, want %.0f mm", p+1, minX*25.4/72, render.MarginLeft)
		}
		if minX < mm(render.MarginLeft)-tolMargin {
			t.Errorf("page %d: text starts at %.2f mm, inside the left margin", p+1, minX*25.4/72)
		}
		if maxX > page.Width-mm(render.MarginRight)+tolMargin {
			t.Errorf("page %d: text reaches %.2f mm, past the right margin", p+1, maxX*25.4/72)
		}
		if maxY > page.Height-mm(render.MarginBottom)+tolMargin {
			t.Errorf("page %d: text reaches %.2f mm from the top, into the bottom margin", p+1, maxY*25.4/72)
		}
	}
	if top := d.header.left[0].yMin(); math.Abs(top-mm(render.MarginTop)) > tolMargin {
		t.Errorf("page 1: first line's top at %.2f mm, want %.0f mm", top*25.4/72, render.MarginTop)
	}
	// On a line of exact height the baseline sits at a fixed fraction of the line below its top.
	bodyGlyphOffset := render.LineBody*render.BaselineRatio - fontAscent*render.SizeText
	for i, l := range d.body {
		if hasTables || i > 0 && d.body[i-1].page == l.page {
			continue
		}
		if l.page > 0 {
			if top := l.yMin() - bodyGlyphOffset; math.Abs(top-mm(render.MarginTop)) > tolMargin {
				t.Errorf("page %d: first body line box at %.2f mm, want %.0f mm", l.page+1, top*25.4/72, render.MarginTop)
			}
		}
	}

	// Header: each column's lines share a centre; number and date share a baseline.
	for name, col := range map[string][]textLine{"left": d.header.left, "right": d.header.right} {
		for _, l := range col[1:] {
			if math.Abs(l.centre()-col[0].centre()) > tolAlign {
				t.Errorf("header %s column: %q centred at %.2f pt, first line at %.2f pt", name, l.text(), l.centre(), col[0].centre())
			}
		}
	}
	numberLine := d.header.left[len(d.header.left)-1]
	dateLine := d.header.right[len(d.header.right)-1]
	if !strings.HasPrefix(numberLine.text(), "Số") || !strings.Contains(dateLine.text(), "ngày") {
		t.Fatalf("header: last lines are %q and %q, want the number and the date", numberLine.text(), dateLine.text())
	}
	if math.Abs(numberLine.yMax()-dateLine.yMax()) > tolAlign {
		t.Errorf("header: number line bottom %.2f pt, date line %.2f pt", numberLine.yMax(), dateLine.yMax())
	}

	// The rule under ĐẢNG CỘNG SẢN VIỆT NAM is as wide as the title.
	party := d.header.right[0]
	if party.text() != render.PartyName {
		t.Fatalf("header: right column starts with %q", party.text())
	}
	rules := firstPageLines(t, pdfBytes)
	if len(rules) != 1 {
		t.Fatalf("page 1: want one drawn rule, found %d", len(rules))
	}
	r := rules[0]
	if math.Abs(r.x1-party.xMin()) > tolMargin || math.Abs(r.x2-party.xMax()) > tolMargin {
		t.Errorf("rule from %.2f to %.2f pt, title from %.2f to %.2f pt", r.x1, r.x2, party.xMin(), party.xMax())
	}
	if r.y < party.yMax()-2 || r.y > party.yMax()+6 {
		t.Errorf("rule at y %.2f pt, title's bottom at %.2f pt: not right under it", r.y, party.yMax())
	}

	// Body: lines start at the margin or the first-line indent; every line that is followed by
	// another line of the same paragraph (20 pt below, same page) reaches the right margin.
	right := mm(render.PageWidth - render.MarginRight)
	for i, l := range d.body {
		if hasTables {
			break
		}
		x := l.xMin()
		if math.Abs(x-mm(render.MarginLeft)) > tolMargin && math.Abs(x-mm(render.MarginLeft+render.FirstLineIndent)) > tolMargin {
			t.Errorf("page %d: body line %q starts at %.2f mm", l.page+1, l.text(), x*25.4/72)
		}
		if i+1 < len(d.body) && d.body[i+1].page == l.page && math.Abs(d.body[i+1].yMax()-l.yMax()-render.LineBody) < 0.5 {
			if math.Abs(l.xMax()-right) > tolMargin {
				t.Errorf("page %d: body line %q ends at %.2f mm, want %.0f mm (justified)", l.page+1, l.text(), l.xMax()*25.4/72, render.PageWidth-render.MarginRight)
			}
		}
	}

	// Page numbers: none on the first page of the document or of an appendix, the right number
	// centred in the text width near the top of every other page.
	for p, page := range d.pages {
		var zone []textLine
		for _, l := range lines(page.Words, 0, 1e9) {
			if isNumberZone(l) {
				zone = append(zone, l)
			}
		}
		want := d.numbers[p]
		switch {
		case want == 0 && len(zone) > 0:
			t.Errorf("page %d: %q above the top margin on a first page, which has no number", p+1, zone[0].text())
		case want > 0 && (len(zone) != 1 || zone[0].text() != strconv.Itoa(want)):
			t.Errorf("page %d: want the number %d above the top margin, found %d lines", p+1, want, len(zone))
		case want > 0:
			centre := (mm(render.MarginLeft) + page.Width - mm(render.MarginRight)) / 2
			if math.Abs(zone[0].centre()-centre) > tolAlign {
				t.Errorf("page %d: number centred at %.2f mm", p+1, zone[0].centre()*25.4/72)
			}
		}
	}

	checkClosingBand(t, d)
}

// checkClosingBand checks that "Nơi nhận:" and the signature block start on one line, and that the
// band is on one page with body text above it.
func checkClosingBand(t *testing.T, d *documentLayout) {
	t.Helper()
	last := d.pages[d.closing]
	all := lines(last.Words, 0, 1e9)
	at := -1
	for i, l := range all {
		if strings.HasPrefix(l.text(), render.RecipientsLabel) {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no page has \"Nơi nhận:\"")
	}
	bodyAbove := 0
	for _, l := range all[:at] {
		if !isNumberZone(l) {
			bodyAbove++
		}
	}
	if bodyAbove < 2 {
		t.Errorf("the closing band has %d body lines above it on its page, want at least 2", bodyAbove)
	}
	left := lines(last.Words, 0, mm(render.MarginLeft+render.HeaderLeftWidth))
	rightCol := lines(last.Words, mm(render.MarginLeft+render.HeaderLeftWidth), 1e9)
	var label, sign *textLine
	for i := range left {
		if left[i].text() == render.RecipientsLabel {
			label = &left[i]
		}
	}
	for i := range rightCol {
		if label != nil && rightCol[i].yMax() >= label.yMax()-0.5 && sign == nil {
			sign = &rightCol[i]
		}
	}
	if label == nil || sign == nil {
		t.Fatal("closing band: label or signature block not found")
	}
	if math.Abs(label.yMax()-sign.yMax()) > tolAlign {
		t.Errorf("closing band: %q at %.2f pt, %q at %.2f pt: not on one line", label.text(), label.yMax(), sign.text(), sign.yMax())
	}
}

// drawnLine is a straight line in a page's content stream, in points from the top left.
type drawnLine struct{ x1, x2, y float64 }

var lineOp = regexp.MustCompile(`([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S`)

// firstPageLines reads the horizontal lines drawn on page 1 from its compressed content stream.
func firstPageLines(t *testing.T, pdfBytes []byte) []drawnLine {
	t.Helper()
	var out []drawnLine
	for _, stream := range contentStreams(pdfBytes) {
		for _, m := range lineOp.FindAllStringSubmatch(stream, -1) {
			x1, y1, x2, y2 := atof(t, m[1]), atof(t, m[2]), atof(t, m[3]), atof(t, m[4])
			if math.Abs(y1-y2) < 0.01 {
				out = append(out, drawnLine{x1: x1, x2: x2, y: mm(render.PageHeight) - y1})
			}
		}
		if len(out) > 0 {
			break // the first stream that draws lines is page 1's
		}
	}
	return out
}

var streamRE = regexp.MustCompile(`(?s)/Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// contentStreams inflates every Flate stream of a PDF written by fpdf, in file order, keeping the
// ones that are text (content streams) rather than font data.
func contentStreams(pdfBytes []byte) []string {
	var out []string
	for _, loc := range streamRE.FindAllSubmatchIndex(pdfBytes, -1) {
		n, _ := strconv.Atoi(string(pdfBytes[loc[2]:loc[3]]))
		start := loc[1]
		if start+n > len(pdfBytes) {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(pdfBytes[start : start+n]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(r)
		if err == nil && bytes.Contains(data, []byte(" Td ")) {
			out = append(out, string(data))
		}
	}
	return out
}

func TestLayoutOfSamples(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			doc := loadSample(t, file)
			checkLayout(t, renderPDF(t, doc), hasTables(doc))
		})
	}
}

// manyModels is a report with n models and n/3 exemplars, long enough to run over several pages.
func manyModels(n int) []byte {
	var b strings.Builder
	b.WriteString("mau: dang-ky\nco_quan: {ten: Đảng bộ Công ty Cổ phần Vật tư Nông nghiệp, loai: dang-bo, khoi: doanh-nghiep}\n")
	b.WriteString("so: 21\nngay: 2021-04-14\nke_hoach: {so: 4, ngay: 2021-04-06}\nmo_hinh:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - {ten: Mô hình sản xuất an toàn và tiết kiệm số %d tại phân xưởng, loai: an-toan-tiet-kiem, don_vi: Phân xưởng %d}\n", i, i)
	}
	b.WriteString("guong:\n")
	for i := 1; i <= n/3; i++ {
		fmt.Fprintf(&b, "  - {ho_ten: Nguyễn Văn Thành %d, chuc_vu: Tổ trưởng sản xuất, don_vi: Phân xưởng %d}\n", i, i)
	}
	b.WriteString("ky: {quyen: T/M ĐẢNG ỦY, chuc_vu: BÍ THƯ, ho_ten: Trần Thị Bích Ngọc}\n")
	return []byte(b.String())
}

// TestManyModelsFlowOverPages renders sixty models and checks every page, and that no heading is
// left alone at the bottom of a page.
func TestManyModelsFlowOverPages(t *testing.T) {
	for _, n := range []int{58, 59, 60, 61, 62} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			pdfBytes := renderPDF(t, loadDocument(t, "many.yaml", manyModels(n)))
			checkLayout(t, pdfBytes, false)
			d := readLayout(t, pdfBytes)
			if len(d.pages) < 3 {
				t.Fatalf("%d models on %d pages, want at least 3", n, len(d.pages))
			}
			for i, l := range d.body {
				endsPage := i+1 == len(d.body) || d.body[i+1].page != l.page
				if endsPage && isHeading(l.text()) {
					t.Errorf("page %d ends with the heading %q", l.page+1, l.text())
				}
			}
			items := 0
			for _, l := range d.body {
				if strings.HasPrefix(l.text(), "(") {
					items++
				}
			}
			if want := n + n/3; items != want {
				t.Errorf("found %d numbered lines, want %d", items, want)
			}
		})
	}
}

// hasTables reports whether a document holds a table anywhere.
func hasTables(d *render.Document) bool {
	blocks := append(render.Blocks(nil), d.Body...)
	for _, a := range d.Appendices {
		blocks = append(blocks, a.Body...)
	}
	for _, b := range blocks {
		if _, ok := b.(render.Table); ok {
			return true
		}
	}
	return false
}

func isHeading(s string) bool {
	return len(s) > 2 && s[0] >= '1' && s[0] <= '9' && s[1] == '.'
}
