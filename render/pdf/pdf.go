// Package pdf draws a render.Document as an A4 PDF/A-3b file with fpdf, following the format rules
// in package render, with the document's data attached (see pdfa.go). It is the only package that
// imports fpdf. A Combiner assembles the finished files of many documents into one for printing,
// without drawing them again (see combine.go).
//
// The page is laid out by hand rather than with fpdf's automatic breaks: every line is measured,
// placed on an exact line grid (render.BaselineRatio), and kept with the next line
// where the rules say so, so that a heading, a paragraph's first or last line, or the signature
// block never stands alone at the top or bottom of a page.
package pdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"baocao/fonts"
	"baocao/render"
)

// Renderer draws documents as PDF. Its zero value is ready to use.
type Renderer struct{}

// Render writes the document as a PDF/A-3b file, its data (Document.Data) attached as
// embedded.FileName. The same document always gives the same bytes. A Combiner puts the files of
// several documents together.
func (Renderer) Render(w io.Writer, d *render.Document) error {
	f, err := newFpdf(d.Meta)
	if err != nil {
		return err
	}
	files, err := attachments(d)
	if err != nil {
		return err
	}

	if err := (&page{f: f}).document(d); err != nil {
		return err
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var raw finished
	if err := f.Output(&raw); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := archive(raw.b, files)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// newFpdf starts a file of A4 pages in millimetres with the three faces (fonts.Styles, in that
// order, so that their resource names are the same in every file) and the archival parts of meta.
func newFpdf(meta render.Meta) (*fpdf.Fpdf, error) {
	created, err := time.Parse("2006-01-02", meta.Date)
	if err != nil {
		return nil, fmt.Errorf("pdf: document date %q: %w", meta.Date, err)
	}
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: render.PageWidth, Ht: render.PageHeight},
	})
	f.SetCompression(false) // archive compresses the pages, with zlib writers it reuses
	f.SetMargins(render.MarginLeft, render.MarginTop, render.MarginRight)
	f.SetAutoPageBreak(false, render.MarginBottom)
	f.SetCellMargin(0)
	for _, s := range fonts.Styles {
		f.AddUTF8FontFromBytes(fonts.Family, string(s), fonts.TTF(s))
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("pdf: load font %q: %w", s, err)
		}
	}
	archival(f, meta, created)
	f.SetCatalogSort(true)
	return f, nil
}

// finished receives the file fpdf finished. fpdf hands its whole buffer over in one Write
// (bytes.Buffer.WriteTo), and finished keeps that slice rather than a copy of it: nothing writes
// to fpdf's buffer after Output, and fpdf is dropped then, so the slice is the file's only
// holder. A copy would be one more file's size (16 MB for 1,000 cells) alive at the moment the
// most is: every page's content and fpdf's buffer of them all. Any later Write is appended.
type finished struct{ b []byte }

func (w *finished) Write(p []byte) (int, error) {
	if w.b == nil {
		w.b = p
	} else {
		w.b = append(w.b[:len(w.b):len(w.b)], p...)
	}
	return len(p), nil
}

// document lays out one document from a new page: the main part, then each appendix.
func (p *page) document(d *render.Document) error {
	p.startPart(false)
	y, err := p.header(d.Header)
	if err != nil {
		return err
	}
	items := p.titleBlock(d.Title)
	body, err := p.body(d.Body, true)
	if err != nil {
		return err
	}
	items = append(items, body...)
	items = append(items, p.closingBand(d))
	p.flow(y, items)
	for _, a := range d.Appendices {
		if err := p.appendix(a); err != nil {
			return err
		}
	}
	return nil
}

// page wraps fpdf with the measuring and drawing this layout needs. Lengths are in millimetres.
type page struct {
	f *fpdf.Fpdf
	// landscape is the orientation of the current part's pages.
	landscape bool
	// firstPage is fpdf's number of the current part's first page: a document and each appendix
	// number their pages from 1, and print no number on their first page.
	firstPage int
	// inUse is the style selected last, nil before the first.
	inUse *style
}

// pageWidth and pageHeight are the current page's size.
func (p *page) pageWidth() float64 {
	if p.landscape {
		return render.PageHeight
	}
	return render.PageWidth
}

func (p *page) pageHeight() float64 {
	if p.landscape {
		return render.PageWidth
	}
	return render.PageHeight
}

// textWidth is the width between the margins of the current page.
func (p *page) textWidth() float64 {
	return p.pageWidth() - render.MarginLeft - render.MarginRight
}

// style selects a face and a size in points.
type style struct {
	face      fonts.Style
	size      float64
	underline bool
}

var (
	regular14    = style{face: fonts.Regular, size: render.SizeText}
	bold14       = style{face: fonts.Bold, size: render.SizeText}
	italic14     = style{face: fonts.Italic, size: render.SizeText}
	underline14  = style{face: fonts.Regular, size: render.SizeText, underline: true}
	bold15       = style{face: fonts.Bold, size: render.SizeParty}
	bold16       = style{face: fonts.Bold, size: render.SizeKind}
	recipients12 = style{face: fonts.Regular, size: render.SizeRecipients}
)

// use selects the style, unless it is the one selected already: fpdf writes a font selection into
// the page at every call, even for the same font, and measuring calls it between drawn lines. A
// new page keeps the style, as fpdf selects the page's font again at its top.
func (p *page) use(s style) {
	if p.inUse != nil && *p.inUse == s {
		return
	}
	p.inUse = &s
	fs := string(s.face)
	if s.underline {
		fs += "U"
	}
	p.f.SetFont(fonts.Family, fs, s.size)
}

// width measures s in the style.
func (p *page) width(s style, text string) float64 {
	p.use(s)
	return p.f.GetStringWidth(text)
}

// Alignment of a drawn line.
type align string

const (
	left    align = "L"
	center  align = "C"
	right   align = "R"
	justify align = "J"
)

// text draws one line whose line box of height lineH (points) starts at top, in the column [x, x+w].
func (p *page) text(s style, x, top, w, lineH float64, line string, a align) {
	if line == "" {
		return
	}
	p.use(s)
	baseline := top + render.PtToMM(lineH*render.BaselineRatio)
	// fpdf puts the baseline of a cell of height 0 at y + 0.3 × the type size.
	p.f.SetXY(x, baseline-0.3*render.PtToMM(s.size))
	p.f.CellFormat(w, 0, line, "", 0, string(a), false, 0, "")
}

// startPart starts a document or an appendix on a new page that numbers from 1.
func (p *page) startPart(landscape bool) {
	p.landscape = landscape
	p.firstPage = p.f.PageNo() + 1
	p.newPage()
}

// newPage starts a page of the current part; every page after its first gets its number at the top.
func (p *page) newPage() {
	orientation := "P"
	if p.landscape {
		orientation = "L"
	}
	p.f.AddPageFormat(orientation, fpdf.SizeType{Wd: render.PageWidth, Ht: render.PageHeight})
	if n := p.f.PageNo() - p.firstPage + 1; n > 1 {
		p.text(regular14, render.MarginLeft, render.PageNumberTop, p.textWidth(), render.LineHeader, fmt.Sprint(n), center)
	}
}

// header draws the two-column header of page 1 and returns the y under it. The lines of the left
// column are those render.HeaderLines decides.
func (p *page) header(h render.Header) (float64, error) {
	parentLines, orgLines, err := render.HeaderLines(h)
	if err != nil {
		return 0, fmt.Errorf("pdf: %w", err)
	}
	lineH := render.PtToMM(render.LineHeader)
	x0, w0 := render.MarginLeft, render.HeaderLeftWidth
	x1, w1 := render.MarginLeft+render.HeaderLeftWidth, render.HeaderRightWidth
	y := render.MarginTop

	row := 0
	draw := func(s style, x, w float64, lines []string) {
		for _, l := range lines {
			p.text(s, x, y+float64(row)*lineH, w, render.LineHeader, l, center)
			row++
		}
	}
	draw(regular14, x0, w0, parentLines)
	draw(bold14, x0, w0, orgLines)
	draw(regular14, x0, w0, []string{render.StarLine})
	numberRow := row
	draw(regular14, x0, w0, []string{h.Number})
	leftRows := row

	row = 0
	draw(bold15, x1, w1, []string{render.PartyName})
	// The rule: as wide as the title, under its descenders.
	tw := p.width(bold15, render.PartyName)
	ruleY := y + render.PtToMM(render.LineHeader+1)
	p.f.SetLineWidth(render.PtToMM(render.RuleWidthPt))
	p.f.Line(x1+(w1-tw)/2, ruleY, x1+(w1+tw)/2, ruleY)
	row = max(numberRow, 2)
	draw(italic14, x1, w1, p.wrap(italic14, h.PlaceDate, w1, 0))

	return y + float64(max(leftRows, row))*lineH, nil
}

// item is one unbreakable piece of the flow: a line, a table row, or the closing band.
type item struct {
	height float64 // mm
	after  float64 // mm of space after it, dropped at the bottom of a page
	keep   bool    // keep on the same page as the next item
	draw   func(top float64)
	// header is the header row of the table this row belongs to, drawn again at the top of a page
	// that the table runs onto.
	header *item
	// cut, for a table row, splits it into the lines that fit in avail mm and the rest; ok is
	// false when no line fits or all do.
	cut func(avail float64) (head, rest item, ok bool)
	// foot is the room the item needs below it when it ends a page: a table's bottom border
	// under a row the table goes on after, as LibreOffice counts it.
	foot float64
}

// flow places the items from y down, page after page.
func (p *page) flow(y float64, items []item) {
	bottom := p.pageHeight() - render.MarginBottom
	top := func(it item) {
		p.newPage()
		y = render.MarginTop
		if it.header != nil {
			it.header.draw(y)
			y += it.header.height
		}
	}
	for i, it := range items {
		// The height of the chain of items that must stay together, starting here.
		chain, last := it.height, i
		for ; items[last].keep && last+1 < len(items); last++ {
			chain += items[last].after + items[last+1].height
		}
		chain += items[last].foot
		// A row taller than a whole page under its header is cut at the foot of each page it
		// runs over, from where it starts.
		if it.cut != nil && it.height > bottom-render.MarginTop-headerHeight(it) {
			for y+it.height > bottom+1e-6 {
				head, rest, ok := it.cut(bottom - y)
				if !ok {
					if y <= render.MarginTop+headerHeight(it)+1e-6 {
						break // not one line fits even under the header of a new page
					}
					top(it)
					continue
				}
				head.draw(y)
				top(it)
				rest.keep, rest.after, rest.header = it.keep, it.after, it.header
				it = rest
			}
			it.draw(y)
			y += it.height + it.after
			continue
		}
		if chain > bottom-render.MarginTop {
			chain = it.height
		}
		if y+chain > bottom+1e-6 && y > render.MarginTop+1e-6 {
			top(it)
		}
		it.draw(y)
		y += it.height + it.after
	}
}

// headerHeight is the height of the header row drawn above it on a new page, 0 for none.
func headerHeight(it item) float64 {
	if it.header == nil {
		return 0
	}
	return it.header.height
}

// titleBlock lays out BÁO CÁO, the subject and the five hyphens.
func (p *page) titleBlock(t render.Title) []item {
	gap := render.PtToMM(render.GapAfterHeader)
	var items []item
	add := func(s style, lineH float64, text string) {
		items = append(items, item{height: render.PtToMM(lineH), keep: true, draw: func(top float64) {
			p.text(s, render.MarginLeft, top, render.TextWidth, lineH, text, center)
		}})
	}
	items = append(items, item{height: gap, keep: true, draw: func(float64) {}})
	add(bold16, render.LineKind, t.Kind)
	for _, l := range p.wrap(bold14, t.Subject, render.TextWidth, 0) {
		add(bold14, render.LineHeader, l)
	}
	add(regular14, render.LineHeader, render.TitleRule)
	items[len(items)-1].after = render.PtToMM(render.GapAfterTitle)
	items[len(items)-1].keep = false
	return items
}

// body lays out the blocks as lines on the body's grid, each kept to the page as render.Paginate
// decides; closing says that the closing band follows.
func (p *page) body(blocks render.Blocks, closing bool) ([]item, error) {
	keeps, err := render.Paginate(blocks, closing)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	var items []item
	for i, b := range blocks {
		switch b := b.(type) {
		case render.Heading:
			items = append(items, p.paragraph(bold14, b.Text, keeps[i])...)
		case render.Paragraph:
			items = append(items, p.paragraph(regular14, b.Text, keeps[i])...)
		case render.Item:
			items = append(items, p.paragraph(regular14, b.Line(), keeps[i])...)
		case render.Table:
			items = append(items, p.table(b, keeps[i])...)
		}
	}
	return items, nil
}

// paragraph breaks text into justified body lines with a first-line indent, and keeps them as k
// says: all together (Lines), the last with what follows (Next), and at least k.Widows lines
// together at the foot and at the top of a page (widow and orphan control, as Word does).
func (p *page) paragraph(s style, text string, k render.Keep) []item {
	indent, width := render.FirstLineIndent, p.textWidth()
	lines := p.wrapLines(s, text, width, indent)
	items := make([]item, len(lines))
	lineH := render.LineBody
	for i, l := range lines {
		x, w := render.MarginLeft, width
		if i == 0 {
			x, w = x+indent, w-indent
		}
		a := left
		if !l.last && len(splitWords(l.text)) > 1 {
			a = justify
		}
		items[i] = item{height: render.PtToMM(lineH), draw: func(top float64) {
			p.text(s, x, top, w, lineH, l.text, a)
		}}
	}
	n := len(items)
	for i := range n - 1 {
		// Line i keeps with line i+1 when all lines stay together, or when a break after it would
		// leave fewer than k.Widows lines before or after the break.
		if k.Lines || i+1 < k.Widows || n-(i+1) < k.Widows {
			items[i].keep = true
		}
	}
	if n > 0 {
		items[n-1].keep = k.Next
		items[n-1].after = render.PtToMM(render.SpaceAfterBody)
	}
	return items
}

// closingBand lays out "Nơi nhận" on the left and the signature block on the right, side by side.
func (p *page) closingBand(d *render.Document) item {
	lineH := render.PtToMM(render.LineHeader)
	recH := render.PtToMM(render.LineRecipients)
	x0, w0 := render.MarginLeft, render.HeaderLeftWidth
	x1, w1 := render.MarginLeft+render.HeaderLeftWidth, render.HeaderRightWidth

	var recipients []string
	for _, r := range d.Recipients {
		recipients = append(recipients, p.wrap(recipients12, r, w0, 0)...)
	}
	leftH := lineH + float64(len(recipients))*recH

	type signLine struct {
		s    style
		text string
	}
	var sign []signLine
	if d.Signer.Authority != "" {
		for _, l := range p.wrap(bold14, d.Signer.Authority, w1, 0) {
			sign = append(sign, signLine{bold14, l})
		}
	}
	for _, l := range p.wrap(regular14, d.Signer.Position, w1, 0) {
		sign = append(sign, signLine{regular14, l})
	}
	for i := 0; i < render.SignatureLines; i++ {
		text := ""
		if d.Signer.Signed && i == render.SignatureLines/2-1 {
			text = render.SignedMark
		}
		sign = append(sign, signLine{regular14, text})
	}
	for _, l := range p.wrap(bold14, d.Signer.Name, w1, 0) {
		sign = append(sign, signLine{bold14, l})
	}
	rightH := float64(len(sign)) * lineH

	return item{height: max(leftH, rightH), draw: func(top float64) {
		p.text(underline14, x0, top, w0, render.LineHeader, render.RecipientsLabel, left)
		for i, r := range recipients {
			p.text(recipients12, x0, top+lineH+float64(i)*recH, w0, render.LineRecipients, r, left)
		}
		for i, l := range sign {
			p.text(l.s, x1, top+float64(i)*lineH, w1, render.LineHeader, l.text, center)
		}
	}}
}
