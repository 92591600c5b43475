package tonghop_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/render/pdf"
)

// writeConsolidation writes the reports of the generated cells that reported into a folder and
// a consolidated report beside it whose phai_bao_cao lists every cell and whose nguon lists every
// report file (so both lists pass today's 2,000 items of a cell's report). It returns the
// consolidated report's path and bytes.
func writeConsolidation(t testing.TB, gen []generatedCell) (string, []byte) {
	t.Helper()
	return writeConsolidationIn(t, t.TempDir(), gen)
}

// writeConsolidationIn is writeConsolidation into a given folder.
func writeConsolidationIn(t testing.TB, dir string, gen []generatedCell) (string, []byte) {
	t.Helper()
	cellsDir := filepath.Join(dir, "cac-chi-bo")
	if err := os.Mkdir(cellsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("mau: tong-hop\nso: 15\nngay: 2021-04-19\nphai_bao_cao:\n")
	for _, c := range gen {
		fmt.Fprintf(&b, "  - %s\n", c.name)
	}
	b.WriteString("nguon:\n")
	for i, c := range gen {
		if c.reported {
			writeCell(t, cellsDir, i+1, c)
			fmt.Fprintf(&b, "  - cac-chi-bo/cell-%02d.yaml\n", i+1)
		}
	}
	b.WriteString("ky: {ho_ten: Trưởng ban}\n")
	file := filepath.Join(dir, "tong-hop.yaml")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, []byte(b.String())
}

// heavy is generate(n) with ten registrations a cell (five models, five exemplars), every cell
// reported: 1,000 cells make 10,000 registrations.
func heavy(n int) []generatedCell {
	codes := kh46.KindCodes()
	gen := generate(n)
	for i := range gen {
		gen[i].reported, gen[i].exemplars, gen[i].kinds = true, 5, nil
		for m := range 5 {
			gen[i].kinds = append(gen[i].kinds, codes[(i+m)%len(codes)])
		}
	}
	return gen
}

// TestWriteScaleCases writes the two cases of BenchmarkConsolidate into the folder named by
// BAOCAO_SCALE_DIR (1000cells-10000reg/ and 5000cells/, each with its tong-hop.yaml), so that
// the real command can be measured on them:
//
//	BAOCAO_SCALE_DIR=/tmp/scale go test ./layouts/tonghop/ -run TestWriteScaleCases
//	cd /tmp/scale/1000cells-10000reg && /usr/bin/time -v baocao render --force -o /tmp/x.pdf tong-hop.yaml
//
// Without the variable it is skipped: TestConsolidatedReportOf5000Cells checks the same.
func TestWriteScaleCases(t *testing.T) {
	root := os.Getenv("BAOCAO_SCALE_DIR")
	if root == "" {
		t.Skip("BAOCAO_SCALE_DIR names no folder to write the cases to")
	}
	for _, c := range []struct {
		name string
		gen  []generatedCell
	}{{"1000cells-10000reg", heavy(1000)}, {"5000cells", generate(5000)}} {
		dir := filepath.Join(root, c.name)
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		file, data := writeConsolidationIn(t, dir, c.gen)
		if in := layouts.Read(file, data, input.Options{Files: input.OSFiles}); in.Problems.HasErrors() {
			t.Fatalf("%s: errors:\n%s", c.name, in.Problems.Error())
		}
	}
}

func TestConsolidatedReportOf5000Cells(t *testing.T) {
	const n = 5000
	gen := generate(n)
	file, data := writeConsolidation(t, gen)
	in := layouts.Read(file, data, input.Options{Files: input.OSFiles})
	if in.Problems.HasErrors() {
		t.Fatalf("errors:\n%s", in.Problems.Error())
	}
	rep := in.Consolidated()
	reported := 0
	for _, c := range gen {
		if c.reported {
			reported++
		}
	}
	if reported <= input.MaxItems { // nguon lists one file per cell that reported
		t.Fatalf("only %d sources: the test must pass the list limit of a cell's report", reported)
	}
	if len(rep.Due) != n || len(rep.Cells) != reported {
		t.Fatalf("due %d, cells %d; want %d and %d", len(rep.Due), len(rep.Cells), n, reported)
	}
	doc := in.Document()
	if doc == nil {
		t.Fatal("no document")
	}
	want := fmt.Sprintf("có %d/%d chi, đảng bộ cơ sở đã báo cáo kết quả đăng ký", reported, n)
	if text := documentText(doc); !strings.Contains(text, want) {
		t.Errorf("the report does not say %q", want)
	}
}

// BenchmarkConsolidate reads a consolidated report and its cells' files from a folder, builds it
// and renders it to PDF, as "baocao render" does (without the cells' own data): 1,000 cells with
// 10,000 registrations, and 5,000 cells as generate makes them.
func BenchmarkConsolidate(b *testing.B) {
	for _, c := range []struct {
		name string
		gen  []generatedCell
	}{{"1000cells-10000reg", heavy(1000)}, {"5000cells", generate(5000)}} {
		b.Run(c.name, func(b *testing.B) {
			file, data := writeConsolidation(b, c.gen)
			b.ReportAllocs()
			for b.Loop() {
				doc, problems := layouts.Load(file, data, input.Options{Files: input.OSFiles, NoCellData: true})
				if doc == nil {
					b.Fatal(problems.Error())
				}
				var buf bytes.Buffer
				if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
