package workbook

import (
	"testing"
)

// FuzzWorkbook: any bytes give a roster or problems, and names or problems, never a panic.
func FuzzWorkbook(f *testing.F) {
	f.Add(bytesOf(f, template(f)))
	f.Add(bytesOf(f, filled(f)))
	f.Add([]byte("STT;Tên chi bộ, đảng bộ\n1;Chi bộ A\n"))
	f.Add([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, problems := ReadRoster("ds.xlsx", data); r == nil && !problems.HasErrors() {
			t.Fatal("no roster and no error")
		}
		for _, file := range []string{"ds.xlsx", "ds.csv"} {
			if names, problems := Names(file, data); len(names) == 0 && !problems.HasErrors() {
				t.Fatalf("%s: no names and no error", file)
			}
		}
	})
}
