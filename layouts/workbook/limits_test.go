package workbook

import (
	"fmt"
	"strings"
	"testing"

	"baocao/layouts/input"
)

// dueCSV is a CSV due list of n cells under a header row.
func dueCSV(n int) []byte {
	var b strings.Builder
	b.WriteString("STT;Tên chi bộ, đảng bộ\n")
	for i := range n {
		fmt.Fprintf(&b, "%d;Chi bộ Đơn vị số %d\n", i+1, i+1)
	}
	return []byte(b.String())
}

func TestDueListOfTheBoardLimitIsRead(t *testing.T) {
	names, problems := Names("ds.csv", dueCSV(input.MaxBoardItems))
	if len(problems) != 0 || len(names) != input.MaxBoardItems {
		t.Fatalf("got %d names, problems %v; want %d and none", len(names), problems, input.MaxBoardItems)
	}
	if names[len(names)-1] != "Chi bộ Đơn vị số 100000" {
		t.Errorf("last name = %q", names[len(names)-1])
	}
	if _, problems := Names("ds.csv", dueCSV(input.MaxBoardItems+1)); lines(problems) != "ds.csv: quá nhiều dòng (tối đa 100001)" {
		t.Errorf("one row too many: problems %q", lines(problems))
	}
}
