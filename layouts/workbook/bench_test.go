package workbook

import "testing"

// BenchmarkReadRoster reads the filled template (three sheets, their formats down to row 1000).
func BenchmarkReadRoster(b *testing.B) {
	data := bytesOf(b, filled(b))
	b.ReportAllocs()
	for b.Loop() {
		if r, problems := ReadRoster("ds.xlsx", data); r == nil {
			b.Fatal(problems.Error())
		}
	}
}
