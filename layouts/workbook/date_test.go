package workbook

import "time"

// excelizeDate is a date as a test writes it into a cell.
type excelizeDate struct{ y, m, d int }

func (d excelizeDate) time() time.Time {
	return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC)
}
