package tonghop_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/render"
)

// generatedCell is what the test writes for one cell, and so knows without reading it back.
type generatedCell struct {
	name      string
	reported  bool
	late      bool
	plan      bool
	kinds     []string // one model per kind listed
	exemplars int
}

// generate describes n cells: every 7th has not reported, days 16-17 are late, every 3rd has no
// plan, cell i registers i%5 models of cycling kinds and i%4 exemplars.
func generate(n int) []generatedCell {
	codes := kh46.KindCodes()
	var out []generatedCell
	k := 0
	for i := 1; i <= n; i++ {
		c := generatedCell{
			name:      fmt.Sprintf("Chi bộ Đơn vị Hoà Bình %d", i),
			reported:  i%7 != 0,
			late:      10+i%8 > 15,
			plan:      i%3 != 0,
			exemplars: i % 4,
		}
		for m := 0; m < i%5; m++ {
			c.kinds = append(c.kinds, codes[k%len(codes)])
			k++
		}
		out = append(out, c)
	}
	return out
}

// writeCell writes a generated cell's report.
func writeCell(t testing.TB, dir string, i int, c generatedCell) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "mau: dang-ky\nco_quan: {ten: %s, loai: chi-bo, khoi: co-quan}\nngay: 2021-04-%02d\n", c.name, 10+i%8)
	if c.plan {
		b.WriteString("ke_hoach: {so: 1, ngay: 2021-04-05}\n")
	}
	b.WriteString("mo_hinh:\n")
	for m, kind := range c.kinds {
		fmt.Fprintf(&b, "  - {ten: Mô hình %d-%d, loai: %s, don_vi: Phòng %d}\n", i, m, kind, m)
	}
	if len(c.kinds) == 0 {
		b.WriteString("  []\n")
	}
	b.WriteString("guong:\n")
	for g := 0; g < c.exemplars; g++ {
		fmt.Fprintf(&b, "  - {ho_ten: Người %d-%d, chuc_vu: Chuyên viên, don_vi: Phòng %d}\n", i, g, g)
	}
	if c.exemplars == 0 {
		b.WriteString("  []\n")
	}
	b.WriteString("ky: {ho_ten: Bí thư}\n")
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("cell-%02d.yaml", i)), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCountsAgainstTheCells(t *testing.T) {
	const n = 40
	dir := t.TempDir()
	cellsDir := filepath.Join(dir, "cac-chi-bo")
	if err := os.Mkdir(cellsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	gen := generate(n)
	var due strings.Builder
	for i, c := range gen {
		// The due list writes the names as people do: other case, the new tone placement, extra spaces.
		fmt.Fprintf(&due, "  - %s\n", strings.Replace(strings.Replace(c.name, "Hoà", "Hòa", 1), "Đơn vị", "đơn  vị", 1))
		if c.reported {
			writeCell(t, cellsDir, i+1, c)
		}
	}
	// One cell reports without being due.
	extra := generatedCell{name: "Chi bộ Ngoài danh sách", reported: true, plan: true, kinds: []string{"khac"}, exemplars: 1}
	writeCell(t, cellsDir, 99, extra)

	source := fmt.Sprintf("mau: tong-hop\nso: 15\nngay: 2021-04-19\nnguon: [cac-chi-bo]\nphai_bao_cao:\n%sky: {ho_ten: Trưởng ban}\n", due.String())
	file := filepath.Join(dir, "tong-hop.yaml")
	doc, problems := layouts.Load(file, []byte(source), input.Options{Files: input.OSFiles})
	if doc == nil {
		t.Fatalf("errors:\n%s", problems.Error())
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "Chi bộ Ngoài danh sách") {
		t.Errorf("want one warning about the cell outside the due list, got %v", problems)
	}

	// The figures, counted here from what was generated.
	var notReported []string
	reported, withPlan, late, models, exemplars := 0, 0, 0, 0, 0
	byKind := map[string]int{}
	for _, c := range append(gen, extra) {
		if !c.reported {
			notReported = append(notReported, strings.Replace(strings.Replace(c.name, "Hoà", "Hòa", 1), "Đơn vị", "đơn  vị", 1))
			continue
		}
		if c.name != extra.name {
			reported++
		}
		if c.plan {
			withPlan++
		}
		if c.late {
			late++
		}
		models += len(c.kinds)
		exemplars += c.exemplars
		for _, k := range c.kinds {
			byKind[k]++
		}
	}

	text := documentText(doc)
	for _, want := range []string{
		fmt.Sprintf("có %d/%d chi, đảng bộ cơ sở đã báo cáo kết quả đăng ký (đạt %s).", reported, n, strings.Replace(fmt.Sprintf("%.1f%%", 100*float64(reported)/n), ".", ",", 1)),
		fmt.Sprintf("- Chi, đảng bộ chưa báo cáo: %02d, gồm: %s.", len(notReported), strings.Join(notReported, "; ")),
		"- Chi, đảng bộ báo cáo ngoài danh sách phải báo cáo: 01, gồm: Chi bộ Ngoài danh sách.",
		fmt.Sprintf("- Số chi, đảng bộ đã xây dựng kế hoạch thực hiện: %d/%d chi, đảng bộ đã báo cáo.", withPlan, reported+1),
		fmt.Sprintf("- Chi, đảng bộ báo cáo chậm so với thời hạn (15/4/2021): %02d, gồm:", late),
		fmt.Sprintf("Tổng số mô hình đăng ký: %d,", models),
		fmt.Sprintf("Tổng số gương cá nhân điển hình tiên tiến đăng ký: %d.", exemplars),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}

	kinds := table(t, doc.Body, "Loại mô hình")
	for i, k := range kh46.Kinds {
		if got := kinds.Rows[i][2]; got != fmt.Sprint(byKind[k.Code]) {
			t.Errorf("kind %s: %s registered, want %d", k.Code, got, byKind[k.Code])
		}
	}
	if got := kinds.Rows[len(kh46.Kinds)][2]; got != fmt.Sprint(byKind[kh46.OtherKind]) {
		t.Errorf("other kinds: %s, want %d", got, byKind[kh46.OtherKind])
	}
	// The ĐUK's quotas, kh46.md: 03 + 05 + 02 + 01 + 05.
	if !reflect.DeepEqual(kinds.Total, []string{"", "Tổng cộng", fmt.Sprint(models), "16"}) {
		t.Errorf("kind totals %q", kinds.Total)
	}
	byCell := table(t, doc.Body, "Chi, đảng bộ")
	if len(byCell.Rows) != reported+1 {
		t.Errorf("%d rows by cell, want %d", len(byCell.Rows), reported+1)
	}
	if len(doc.Appendices) != 2 {
		t.Fatalf("%d appendices", len(doc.Appendices))
	}
	modelsList := doc.Appendices[0].Body[0].(render.Table)
	exemplarList := doc.Appendices[1].Body[0].(render.Table)
	if len(modelsList.Rows) != models || len(exemplarList.Rows) != exemplars {
		t.Errorf("appendices list %d models and %d exemplars, want %d and %d", len(modelsList.Rows), len(exemplarList.Rows), models, exemplars)
	}
	if !doc.Appendices[0].Landscape || modelsList.Total[1] != fmt.Sprintf("Tổng cộng: %d mô hình", models) {
		t.Errorf("appendix 1: landscape %v, total %q", doc.Appendices[0].Landscape, modelsList.Total)
	}
}

// documentText joins the text of every body block.
func documentText(d *render.Document) string {
	var parts []string
	for _, b := range d.Body {
		switch b := b.(type) {
		case render.Paragraph:
			parts = append(parts, b.Text)
		case render.Heading:
			parts = append(parts, b.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// table returns the body's table whose second column has the title.
func table(t *testing.T, body render.Blocks, second string) render.Table {
	t.Helper()
	for _, b := range body {
		if tb, ok := b.(render.Table); ok && tb.Columns[1].Title == second {
			return tb
		}
	}
	t.Fatalf("no table of %q", second)
	return render.Table{}
}

func TestSourceErrorsStopTheReport(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hong.yaml"), []byte("mau: dang-ky\nco_quan: {ten: Chi bộ A, loai: chi-bo, khoi: co-quan}\nngay: 2021-02-30\nky: {ho_ten: X}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "tong-hop.yaml")
	doc, problems := layouts.Load(file, []byte("mau: tong-hop\nngay: 2021-04-19\nnguon: [hong.yaml, khong-co.yaml]\nphai_bao_cao: [Chi bộ A]\nky: {ho_ten: B}\n"), input.Options{Files: input.OSFiles})
	if doc != nil {
		t.Fatal("a consolidated report was built from a bad cell file")
	}
	want := []string{
		filepath.Join(dir, "hong.yaml") + `:3: ngay: "2021-02-30" không phải là ngày hợp lệ: tháng 2/2021 chỉ có 28 ngày`,
		filepath.Join(dir, "khong-co.yaml") + ": không có tệp hoặc thư mục này",
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%q\nwant\n%q", got, want)
	}
}
