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

// table lays out a table as one item a row: the header row keeps with the first row and is drawn
// again at the top of every page the table runs onto.
func (p *page) table(t render.Table) []item {
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
	header := p.tableRow(tableBold13, widths, titles, centred, 0)[0]
	header.keep = true
	items := []item{header}
	// A row taller than a page, under the repeated header, is cut into parts that each fit.
	fits := int((p.pageHeight() - render.MarginTop - render.MarginBottom - header.height) / render.PtToMM(render.LineTable))
	for _, row := range t.Rows {
		for _, r := range p.tableRow(table13, widths, row, aligns, fits-1) {
			r.header = &header
			items = append(items, r)
		}
	}
	if t.Total != nil {
		for _, r := range p.tableRow(tableBold13, widths, t.Total, aligns, fits-1) {
			r.header = &header
			items = append(items, r)
		}
	}
	items[len(items)-1].after = render.PtToMM(render.SpaceAfterBody)
	return items
}

// tableRow lays out one row: each cell's text wrapped to its column less the padding, the row as
// tall as its tallest cell plus one border's width (as LibreOffice sets bordered rows), every
// cell bordered. A row of more than most lines (0: no limit) comes in parts of most lines.
func (p *page) tableRow(s style, widths []float64, cells []string, aligns []align, most int) []item {
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
	if most <= 0 {
		most = rows
	}
	border := render.PtToMM(render.BorderWidthPt)
	var parts []item
	for from := 0; from < rows; from += most {
		to := min(from+most, rows)
		height := float64(to-from)*lineH + border
		parts = append(parts, item{height: height, draw: func(top float64) {
			p.f.SetLineWidth(render.PtToMM(render.BorderWidthPt))
			x := render.MarginLeft
			for i, w := range widths {
				p.f.Rect(x, top, w, height, "D")
				for j := from; j < min(to, len(wrapped[i])); j++ {
					p.text(s, x+render.CellPadding, top+border/2+float64(j-from)*lineH, w-2*render.CellPadding, render.LineTable, wrapped[i][j], aligns[i])
				}
				x += w
			}
		}})
	}
	return parts
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
	body, err := p.body(a.Body)
	if err != nil {
		return err
	}
	p.flow(render.MarginTop, append(items, body...))
	return nil
}
