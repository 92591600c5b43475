package main

import (
	"bytes"
	"fmt"

	"baocao/render"
	"baocao/render/xlsx"
)

// outcomesSheet is the name of the one sheet of batch --xlsx.
const outcomesSheet = "Kết quả"

// outcomesWorkbook is the table of outcomes as a workbook: the same rows as the printed table,
// with where each cell comes from and its first warning. Like the combined PDF, it is dated by the
// latest report and authored by the first report's superior body, so that the same inputs give
// the same bytes.
func outcomesWorkbook(outcomes []*cellOutcome) *render.Workbook {
	s := render.Sheet{
		Name:   outcomesSheet,
		Header: []string{"STT", "Chi, đảng bộ", "Tệp", "Kết quả", "Số cảnh báo", "Cảnh báo đầu tiên", "Lỗi"},
	}
	meta := render.Meta{Title: fmt.Sprintf("Kết quả tạo báo cáo của %d chi, đảng bộ", len(outcomes)), Lang: "vi"}
	for i, row := range tabulate(outcomes) {
		warning := render.Cell{}
		if len(row.warnings) > 0 {
			text := row.warnings[0]
			if len(row.warnings) > 1 {
				text += fmt.Sprintf(" (và %d cảnh báo khác)", len(row.warnings)-1)
			}
			warning = render.TextCell(text)
		}
		firstError := render.Cell{}
		if row.firstError != "" {
			firstError = render.TextCell(row.firstError)
		}
		s.Rows = append(s.Rows, []render.Cell{
			render.IntCell(i + 1), render.TextCell(row.name), render.TextCell(row.source), render.TextCell(row.result),
			render.IntCell(len(row.warnings)), warning, firstError,
		})
		if o := outcomes[i]; o.ok {
			meta.Date = max(meta.Date, o.date)
			if meta.Author == "" {
				meta.Author = o.parentOrg
			}
		}
	}
	return &render.Workbook{Meta: meta, Sheets: []render.Sheet{s}}
}

// writeOutcomes writes the table of outcomes to the file of --xlsx, when it is given.
func writeOutcomes(opts *batchOptions, outcomes []*cellOutcome) error {
	if opts.Xlsx == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, outcomesWorkbook(outcomes)); err != nil {
		return fmt.Errorf("%s: không tạo được bảng kết quả: %v", opts.Xlsx, err)
	}
	if err := writeFileAtomic(opts.Xlsx, buf.Bytes(), opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "đã tạo %s (bảng kết quả của %d chi, đảng bộ)\n", opts.Xlsx, len(outcomes))
	return nil
}
