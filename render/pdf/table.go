package pdf

import (
	"baocao/fonts"
	"baocao/render"
)

var (
	table13     = style{face: fonts.Regular, size: render.SizeTable}
	tableBold13 = style{face: fonts.Bold, size: render.SizeTable}
)

// alignOf maps a table column's alignment.
func alignOf(a render.Align) align {
	switch a {
	case render.AlignCenter:
		return center
	case render.AlignRight:
		return right
	}
	return left
}

// columnWidths scales a table's relative widths to the text width.
func (p *page) columnWidths(cols []render.Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = p.textWidth() * c.Width / total
	}
	return widths
}

// table lays out a table as one item a row: the header row is drawn again at the top of every
// page the table runs onto and keeps with the first row as k says (it always does); the last row
// keeps with what follows when k.Next.
func (p *page) table(t render.Table, k render.Keep) []item {
	widths := p.columnWidths(t.Columns)
	titles := make([]string, len(t.Columns))
	aligns := make([]align, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
		aligns[i] = alignOf(c.Align)
	}
	centred := make([]align, len(t.Columns))
	for i := range centred {
		centred[i] = center
	}
	header := p.tableRow(tableBold13, widths, titles, centred)
	header.keep = k.HeaderWithRow
	items := []item{header}
	for _, row := range t.Rows {
		r := p.tableRow(table13, widths, row, aligns)
		r.header = &header
		items = append(items, r)
	}
	if t.Total != nil {
		r := p.tableRow(tableBold13, widths, t.Total, aligns)
		r.header = &header
		items = append(items, r)
	}
	// As LibreOffice sets a bordered table, a row needs the table's bottom border under it where it
	// ends a page, and the table ends with that border: one more border's width than its rows.
	border := render.PtToMM(render.BorderWidthPt)
	for i := range items {
		items[i].foot = border
	}
	items[len(items)-1].keep = k.Next
	items[len(items)-1].after = border + render.PtToMM(render.SpaceAfterBody)
	return items
}

// tableRow lays out one row: each cell's text wrapped to its column less the padding, the row as
// tall as its tallest cell plus one border's width (as LibreOffice sets bordered rows), every
// cell bordered. A row never splits across pages, as the DOCX's rows do not (w:cantSplit), unless
// it is taller than a page: then, as in Word and LibreOffice, it starts where it stands and is
// cut at the foot of each page (its cut function).
func (p *page) tableRow(s style, widths []float64, cells []string, aligns []align) item {
	lineH := render.PtToMM(render.LineTable)
	wrapped := make([][]string, len(widths))
	rows := 1
	for i := range widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		wrapped[i] = p.wrap(s, text, widths[i]-2*render.CellPadding, 0)
		rows = max(rows, len(wrapped[i]))
	}
	border := render.PtToMM(render.BorderWidthPt)
	// part is the row's lines [from, to) as one bordered piece.
	var part func(from, to int) item
	part = func(from, to int) item {
		height := float64(to-from)*lineH + border
		return item{height: height, draw: func(top float64) {
			p.f.SetLineWidth(render.PtToMM(render.BorderWidthPt))
			x := render.MarginLeft
			for i, w := range widths {
				p.f.Rect(x, top, w, height, "D")
				for j := from; j < min(to, len(wrapped[i])); j++ {
					p.text(s, x+render.CellPadding, top+border/2+float64(j-from)*lineH, w-2*render.CellPadding, render.LineTable, wrapped[i][j], aligns[i])
				}
				x += w
			}
		}, cut: func(avail float64) (item, item, bool) {
			n := int((avail - 2*border + 1e-6) / lineH) // its own border and the bottom border under it
			if n < 1 || from+n >= to {
				return item{}, item{}, false
			}
			return part(from, from+n), part(from+n, to), true
		}}
	}
	return part(0, rows)
}

// appendix lays out an appendix from a new page of its own orientation: its label, title and
// subtitle centred, then its body.
func (p *page) appendix(a render.Appendix) error {
	p.startPart(a.Landscape)
	var items []item
	add := func(s style, text string) {
		for _, l := range p.wrap(s, text, p.textWidth(), 0) {
			items = append(items, item{height: render.PtToMM(render.LineHeader), keep: true, draw: func(top float64) {
				p.text(s, render.MarginLeft, top, p.textWidth(), render.LineHeader, l, center)
			}})
		}
	}
	add(bold14, a.Label)
	add(bold14, a.Title)
	add(italic14, a.Subtitle)
	items[len(items)-1].after = render.PtToMM(render.GapAfterTitle)
	body, err := p.body(a.Body, false)
	if err != nil {
		return err
	}
	p.flow(render.MarginTop, append(items, body...))
	return nil
}
