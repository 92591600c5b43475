package input

import (
	"fmt"
	"strings"
	"testing"
)

// cellTooLarge is today's refusal of a cell's report over MaxFileSize.
var cellTooLarge = Problem{File: "t.yaml", Message: "tệp quá lớn: giới hạn là 1048576 byte (1 MiB); một báo cáo thường chỉ vài nghìn byte"}

// roster is a roster of n cells, one short line each.
func roster(n int) string {
	var b strings.Builder
	b.WriteString("mau: dang-ky\ndanh_sach:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - co_quan: {ten: Chi bộ Đơn vị số %d}\n", i+1)
	}
	return b.String()
}

// consolidated is a consolidated report whose phai_bao_cao lists n cells and nguon n folders.
func consolidated(n int) string {
	var b strings.Builder
	b.WriteString("mau: tong-hop\nphai_bao_cao:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - Chi bộ Đơn vị số %d\n", i+1)
	}
	b.WriteString("nguon:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - thu-muc-%d\n", i+1)
	}
	return b.String()
}

func TestRosterOf100000CellsIsAccepted(t *testing.T) {
	src := roster(MaxBoardItems)
	if len(src) <= MaxFileSize {
		t.Fatalf("the roster is %d bytes: the test must pass the limit of a cell's report", len(src))
	}
	r, top := Parse("t.yaml", []byte(src), Options{})
	if top == nil || len(r.Problems()) != 0 {
		t.Fatalf("Parse refused a roster of %d cells (%d bytes): %v", MaxBoardItems, len(src), r.Problems())
	}
	entries := entriesOf(t, r, top, []string{"co_quan"})
	if len(entries) != MaxBoardItems || r.Problems().HasErrors() {
		t.Fatalf("Entries gave %d entries, problems %v; want %d and none", len(entries), r.Problems(), MaxBoardItems)
	}
	if got := entries[MaxBoardItems-1].Top.Object("co_quan").String("ten", true); got != "Chi bộ Đơn vị số 100000" {
		t.Errorf("last entry's name = %q", got)
	}
}

func TestRosterOverTheBoardLimitIsRefused(t *testing.T) {
	r, top := Parse("t.yaml", []byte(roster(MaxBoardItems+1)), Options{})
	if top == nil {
		t.Fatalf("Parse refused the file itself: %v", r.Problems())
	}
	if entries := entriesOf(t, r, top, []string{"co_quan"}); len(entries) != 0 {
		t.Errorf("got %d entries, want none", len(entries))
	}
	// Entries also says the list is empty, as it does today for any refused list.
	want := Problem{File: "t.yaml", Line: 3, Key: RosterList, Message: "quá nhiều mục (100001; tối đa 100000)"}
	if ps := r.Problems(); len(ps) == 0 || ps[0] != want {
		t.Errorf("problems = %#v\nwant first %#v", ps, want)
	}
}

func TestConsolidatedReportOfManyCellsIsAccepted(t *testing.T) {
	const n = 5000
	r, top := Parse("t.yaml", []byte(consolidated(n)), Options{})
	if top == nil {
		t.Fatalf("Parse refused the file: %v", r.Problems())
	}
	due, _ := top.Strings("phai_bao_cao")
	sources, _ := top.Strings("nguon")
	if len(due) != n || len(sources) != n || len(r.Problems()) != 0 {
		t.Fatalf("got %d due and %d sources, problems %v; want %d of each and none", len(due), len(sources), r.Problems(), n)
	}
}

func TestCellReportKeepsItsListLimit(t *testing.T) {
	for _, key := range []string{"mo_hinh", "nguon", "phai_bao_cao", RosterList + "_khac"} {
		t.Run(key, func(t *testing.T) {
			src := "mau: dang-ky\n" + key + ":\n" + strings.Repeat("  - x\n", MaxItems+1)
			r, top := Parse("t.yaml", []byte(src), Options{})
			if top == nil {
				t.Fatalf("Parse refused the file: %v", r.Problems())
			}
			top.Strings(key)
			onlyProblem(t, r, Problem{File: "t.yaml", Line: 3, Key: key, Message: "quá nhiều mục (2001; tối đa 2000)"})
		})
	}
}

func TestBoardFileKeepsInnerLimits(t *testing.T) {
	// A roster item's own list, and a consolidated report's other lists, keep MaxItems.
	src := "mau: dang-ky\ndanh_sach:\n  - mo_hinh:\n" + strings.Repeat("      - x\n", MaxItems+1)
	r, top := Parse("t.yaml", []byte(src), Options{})
	if top == nil {
		t.Fatalf("Parse refused the file: %v", r.Problems())
	}
	entries := entriesOf(t, r, top, []string{"mo_hinh"})
	if len(entries) != 1 {
		t.Fatalf("got %d entries", len(entries))
	}
	entries[0].Top.Strings("mo_hinh")
	onlyProblem(t, entries[0].Top.Reader(), Problem{File: "t.yaml", Line: 4, Key: "danh_sach[1].mo_hinh", Message: "quá nhiều mục (2001; tối đa 2000)"})

	src = "mau: tong-hop\nnoi_nhan:\n" + strings.Repeat("  - x\n", MaxItems+1)
	r, top = Parse("t.yaml", []byte(src), Options{})
	if top == nil {
		t.Fatalf("Parse refused the file: %v", r.Problems())
	}
	top.Strings("noi_nhan")
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 3, Key: "noi_nhan", Message: "quá nhiều mục (2001; tối đa 2000)"})

	// A value in a Board's list is as bounded as anywhere.
	src = "mau: tong-hop\nphai_bao_cao:\n  - " + strings.Repeat("a", MaxValueRunes+1) + "\n"
	r, top = Parse("t.yaml", []byte(src), Options{})
	if top == nil {
		t.Fatalf("Parse refused the file: %v", r.Problems())
	}
	top.Strings("phai_bao_cao")
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 3, Key: "phai_bao_cao[1]", Message: "quá dài (5001 ký tự; tối đa 5000)"})
}

func TestCellReportOverOneMiBIsRefused(t *testing.T) {
	pad := strings.Repeat("  - Mô hình số một của chi bộ\n", MaxFileSize/20)
	for name, src := range map[string]string{
		"report":                      "mau: dang-ky\nmo_hinh:\n" + pad,
		"report naming tong-hop":      "mau: dang-ky\nghi_chu: tong-hop\nmo_hinh:\n" + pad,
		"danh_sach inside a flow map": "mau: dang-ky\nco_quan: {ten: a,\ndanh_sach: b}\nmo_hinh:\n" + pad,
		"mau tong-hop in a comment":   "# mau: tong-hop\nmau: dang-ky\nmo_hinh:\n" + pad,
		"not a mapping":               "- danh_sach\n" + pad,
	} {
		t.Run(name, func(t *testing.T) {
			if len(src) <= MaxFileSize {
				t.Fatalf("the file is only %d bytes", len(src))
			}
			r, top := Parse("t.yaml", []byte(src), Options{})
			if top != nil {
				t.Fatal("Parse accepted a cell's report over 1 MiB")
			}
			onlyProblem(t, r, cellTooLarge)
		})
	}
}

func TestBoardFileOverItsLimitIsRefused(t *testing.T) {
	src := "mau: tong-hop\nphai_bao_cao:\n" + strings.Repeat("  - Chi bộ Đơn vị\n", MaxBoardFileSize/16)
	r, top := Parse("t.yaml", []byte(src), Options{})
	if top != nil {
		t.Fatal("Parse accepted a file over MaxBoardFileSize")
	}
	onlyProblem(t, r, Problem{File: "t.yaml", Message: "tệp quá lớn: giới hạn là 67108864 byte (64 MiB), đủ cho danh sách 100000 chi, đảng bộ"})
}

func TestMayBeBoard(t *testing.T) {
	for src, want := range map[string]bool{
		"mau: tong-hop\n":            true,
		"mau:  \"tong-hop\" # x\r\n": true,
		"a: 1\ndanh_sach:\n":         true,
		"danh_sach :\n":              true,
		"mau: dang-ky\n":             false,
		"  danh_sach:\n":             false,
		"danh_sach_khac:\n":          false,
		"mau: tong-hop-khac\n":       false,
		"# mau: tong-hop\nmau: x\n":  false,
		"ghi_chu: mau: tong-hop\n":   false,
	} {
		if got := mayBeBoard([]byte(src)); got != want {
			t.Errorf("mayBeBoard(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestBoardFileOfTooManyNodesIsRefusedUnparsed: a Board's file of millions of one-letter items,
// which the YAML library would take gigabytes to build, is refused before parsing, by its count
// of lines and commas; a flow list counts its commas.
func TestBoardFileOfTooManyNodesIsRefusedUnparsed(t *testing.T) {
	for name, src := range map[string]string{
		"lines": "mau: tong-hop\nphai_bao_cao:\n" + strings.Repeat("- a\n", MaxBoardNodes),
		"flow":  "mau: tong-hop\nnguon: [" + strings.Repeat("a,", MaxBoardNodes) + "]\n",
	} {
		r, top := Parse("t.yaml", []byte(src), Options{})
		want := fmt.Sprintf("tệp có quá nhiều dòng và mục (%d; tối đa %d, đủ cho danh sách %d chi, đảng bộ)", nodeEstimate([]byte(src)), MaxBoardNodes, MaxBoardItems)
		if ps := r.Problems(); top != nil || len(ps) != 1 || ps[0].Message != want {
			t.Errorf("%s: problems %v, want %q", name, ps, want)
		}
	}
}
