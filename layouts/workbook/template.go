package workbook

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// templateRows is how many rows of each sheet the drop-down lists and date formats cover.
const templateRows = 1000

// Template writes the empty roster workbook a Board hands out: the sheets "Danh sách", "Mô hình"
// and "Gương" with their headers in bold, frozen, and one filled example row, drop-down lists
// for the cell's type, its khối and the model's kind (their names, from layouts/kh46, kept on a
// hidden sheet "Danh mục"), and date cells formatted as dates. Same bytes every time.
func Template(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	plain, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}})
	if err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	dateFormat := "dd/mm/yyyy"
	date, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12}, CustomNumFmt: &dateFormat})
	if err != nil {
		return fmt.Errorf("workbook: %w", err)
	}

	// The lists the drop-downs offer, one column each.
	if _, err := f.NewSheet(listsSheet); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	listRange := map[string]string{}
	for c, l := range []struct {
		key     string
		choices []choice
	}{{"co_quan.loai", cellTypes}, {"co_quan.khoi", sectors}, {"loai", modelKinds}} {
		col := columnName(c)
		for r, ch := range l.choices {
			if err := f.SetCellStr(listsSheet, col+strconv.Itoa(r+1), ch.name); err != nil {
				return fmt.Errorf("workbook: %w", err)
			}
		}
		listRange[l.key] = fmt.Sprintf("'%s'!$%s$1:$%s$%d", listsSheet, col, col, len(l.choices))
	}

	for i, l := range []layout{cellsLayout, modelsLayout, exemplarsLayout} {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", l.name); err != nil {
				return fmt.Errorf("workbook: %w", err)
			}
		} else if _, err := f.NewSheet(l.name); err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
		for c, col := range l.columns {
			name := columnName(c)
			if err := f.SetCellStr(l.name, name+"1", col.header); err != nil {
				return fmt.Errorf("workbook: %w", err)
			}
			f.SetColWidth(l.name, name, name, col.width)
			f.SetColStyle(l.name, name, plain)
			if err := exampleCell(f, l.name, name+"2", col, date); err != nil {
				return err
			}
			span := fmt.Sprintf("%s2:%s%d", name, name, templateRows)
			switch col.kind {
			case choiceValue:
				dv := excelize.NewDataValidation(true)
				dv.Sqref = span
				dv.SetSqrefDropList(listRange[col.key])
				dv.SetError(excelize.DataValidationErrorStyleStop, "Giá trị không có trong danh sách", "Hãy chọn một giá trị trong danh sách của ô.")
				if err := f.AddDataValidation(l.name, dv); err != nil {
					return fmt.Errorf("workbook: %w", err)
				}
			case dateValue:
				f.SetCellStyle(l.name, name+"3", fmt.Sprintf("%s%d", name, templateRows), date)
			}
		}
		last := columnName(len(l.columns) - 1)
		f.SetCellStyle(l.name, "A1", last+"1", bold)
		if err := f.SetPanes(l.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
	}
	if err := f.SetSheetVisible(listsSheet, false); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	f.SetActiveSheet(0)
	fixed := "2021-04-02T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Danh sách báo cáo của các chi, đảng bộ", Creator: "baocao", Language: "vi", Created: fixed, Modified: fixed}); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

// exampleCell writes a column's example value: a number as a number, a date as a date.
func exampleCell(f *excelize.File, sheet, ref string, col column, dateStyle int) error {
	var err error
	switch col.kind {
	case wholeValue:
		n, _ := strconv.Atoi(col.example)
		err = f.SetCellInt(sheet, ref, int64(n))
	case dateValue:
		t, _ := time.Parse(time.DateOnly, col.example)
		if err = f.SetCellValue(sheet, ref, t); err == nil {
			err = f.SetCellStyle(sheet, ref, ref, dateStyle)
		}
	default:
		err = f.SetCellStr(sheet, ref, col.example)
	}
	if err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}
