package tonghop_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/cells"
	"baocao/layouts/dangky"
	"baocao/layouts/input"
	"baocao/layouts/tonghop"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

// This file builds the consolidated report from the files the Board receives: YAML, PDF and DOCX
// made by baocao, and DOCX typed by hand after KH 46's template, mixed in one folder.

// receivedCell is one generated cell's report.
type receivedCell struct {
	name      string
	number    int
	day       int // of April 2021
	plan      bool
	models    [][3]string // name, kind, unit
	exemplars [][3]string // name, position, unit
}

// handNames are model names whose kind the importer guesses from its words, as it must for a
// report typed by hand (which does not write the kind).
var handNames = []struct{ name, kind string }{
	{"Thực hành 5S tại Phòng %d", "5s"},
	{"Văn hóa công sở ở Phòng %d", "van-hoa-cong-so"},
	{"Cải cách thủ tục hành chính số %d", "cai-cach-hanh-chinh"},
	{"Tiết kiệm điện nước ở Phòng %d", "an-toan-tiet-kiem"},
}

// receivedCells describes n cells: cell i registers i%5 models and i%3 exemplars, reports on day
// 8 + i%9 (after the 15th is late), and every 3rd has no plan of its own.
func receivedCells(n int) []receivedCell {
	var out []receivedCell
	for i := 1; i <= n; i++ {
		c := receivedCell{name: fmt.Sprintf("Chi bộ Phòng Số %d", i), number: i, day: 8 + i%9, plan: i%3 != 0}
		for m := 0; m < i%5; m++ {
			h := handNames[(i+m)%len(handNames)]
			c.models = append(c.models, [3]string{fmt.Sprintf(h.name, i*10+m), h.kind, fmt.Sprintf("Tổ %d", m+1)})
		}
		for g := 0; g < i%3; g++ {
			c.exemplars = append(c.exemplars, [3]string{fmt.Sprintf("Nguyễn Văn %c%d", 'A'+g, i), "Chuyên viên", fmt.Sprintf("Tổ %d", g+1)})
		}
		out = append(out, c)
	}
	return out
}

// yaml is the cell's report as the contract's YAML, as the hand-typed DOCX imports to it.
func (c receivedCell) yaml() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "mau: dang-ky\nco_quan: {ten: %s, loai: chi-bo, khoi: co-quan}\nso: %d\nngay: 2021-04-%02d\n", c.name, c.number, c.day)
	if c.plan {
		b.WriteString("ke_hoach: {so: 1, ngay: 2021-04-05}\n")
	}
	b.WriteString("mo_hinh:")
	if len(c.models) == 0 {
		b.WriteString(" []")
	}
	for _, m := range c.models {
		fmt.Fprintf(&b, "\n  - {ten: %s, loai: %s, don_vi: %s}", m[0], m[1], m[2])
	}
	b.WriteString("\nguong:")
	if len(c.exemplars) == 0 {
		b.WriteString(" []")
	}
	for _, e := range c.exemplars {
		fmt.Fprintf(&b, "\n  - {ho_ten: %s, chuc_vu: %s, don_vi: %s}", e[0], e[1], e[2])
	}
	b.WriteString("\nnoi_nhan: [Ban Tuyên giáo ĐUK, Lưu Chi bộ]\nky: {quyen: T/M BAN CHI ỦY, chuc_vu: BÍ THƯ, ho_ten: Trần Văn Bình}\n")
	return []byte(b.String())
}

// document builds the cell's report as baocao does.
func (c receivedCell) document(t testing.TB) *render.Document {
	t.Helper()
	doc, problems := layouts.Load("x.yaml", c.yaml(), input.Options{})
	if doc == nil {
		t.Fatalf("%s: %s", c.name, problems.Error())
	}
	return doc
}

// pdf and docx are the cell's report made by baocao.
func (c receivedCell) pdf(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, c.document(t)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (c receivedCell) docx(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := (docx.Renderer{}).Render(&buf, c.document(t)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// handDOCX is the cell's report typed by hand in Word after KH 46's template: the header and
// the signing band as borderless tables, items written "(1): name — unit.", runs split every
// few characters as Word's revision ids split them.
func (c receivedCell) handDOCX(t testing.TB) []byte {
	t.Helper()
	var body strings.Builder
	rsid := 0
	para := func(text string) string {
		var p strings.Builder
		p.WriteString("<w:p>")
		r := []rune(text)
		for len(r) > 0 {
			n := min(len(r), 7)
			rsid++
			fmt.Fprintf(&p, `<w:r w:rsidRPr="00%06X"><w:t xml:space="preserve">%s</w:t></w:r>`, rsid, xmlEscape(string(r[:n])))
			r = r[n:]
		}
		return p.String() + "</w:p>"
	}
	table := func(rows ...[]string) {
		body.WriteString(`<w:tbl><w:tblPr><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr>`)
		for _, row := range rows {
			body.WriteString("<w:tr>")
			for _, cell := range row {
				body.WriteString("<w:tc>")
				for _, line := range strings.Split(cell, "\n") {
					body.WriteString(para(line))
				}
				body.WriteString("</w:tc>")
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}
	p := func(format string, args ...any) { body.WriteString(para(fmt.Sprintf(format, args...))) }
	table([]string{"ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH\n" + strings.ToUpper(c.name) + "\n*", "ĐẢNG CỘNG SẢN VIỆT NAM"},
		[]string{fmt.Sprintf("Số %02d-BC/CB", c.number), fmt.Sprintf("Yên Bái, ngày %02d tháng 4 năm 2021", c.day)})
	p("BÁO CÁO")
	p("Kết quả đăng ký xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo")
	p("tư tưởng, đạo đức, phong cách Hồ Chí Minh, giai đoạn 2021-2025")
	p("-----")
	p("Thực hiện Kế hoạch số 46-KH/ĐUK, ngày 02/4/2021 của Đảng ủy Khối cơ quan và doanh nghiệp tỉnh về việc xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025. %s báo cáo kết quả triển khai thực hiện như sau:", c.name)
	p("1. Về xây dựng Kế hoạch thực hiện")
	if c.plan {
		p("Đã xây dựng Kế hoạch số 01-KH/CB, ngày 05 tháng 4 năm 2021 về xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025.")
	} else {
		p("Chưa xây dựng Kế hoạch thực hiện.")
	}
	p("2. Kết quả đăng ký mô hình tập thể điển hình")
	p("- Số mô hình đăng ký thực hiện: %02d. Gồm:", len(c.models))
	for i, m := range c.models {
		p("(%d): %s — %s.", i+1, m[0], m[2])
	}
	p("3. Gương cá nhân điển hình tiên tiến")
	p("- Số gương điển hình: %02d. Gồm:", len(c.exemplars))
	for i, e := range c.exemplars {
		p("(%d): %s, %s, %s.", i+1, e[0], e[1], e[2])
	}
	p("Trên đây là báo cáo kết quả xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021-2025 của %s.", c.name)
	table([]string{"Nơi nhận:\n- Ban Tuyên giáo ĐUK;\n- Lưu Chi bộ.", "T/M BAN CHI ỦY\nBÍ THƯ\n\n\nTrần Văn Bình"})

	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range parts {
		w, err := zw.Create(part.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(part.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// consolidation is the consolidated report's own file, drawing on the folder nhan.
func consolidation(cs []receivedCell, extraDue ...string) []byte {
	var b strings.Builder
	b.WriteString("mau: tong-hop\nso: 15\nngay: 2021-04-19\nnguon: [nhan]\nphai_bao_cao:\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "  - %s\n", c.name)
	}
	for _, name := range extraDue {
		fmt.Fprintf(&b, "  - %s\n", name)
	}
	b.WriteString("ky: {ho_ten: Trưởng ban}\n")
	return []byte(b.String())
}

// writeFiles writes files into a new folder dir/nhan, and the consolidated report beside it.
func writeFiles(t testing.TB, dir string, files map[string][]byte, report []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "nhan"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, "nhan", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "tong-hop.yaml")
	if err := os.WriteFile(file, report, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// readReport reads a consolidated report as the command does.
func readReport(t testing.TB, file string, opts input.Options) (*layouts.Input, *tonghop.Report) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Files == nil {
		opts.Files = input.OSFiles
	}
	in := layouts.Read(file, data, opts)
	r, top := input.Parse(file, data, opts)
	if top == nil {
		t.Fatal(r.Problems().Error())
	}
	return in, tonghop.Read(top, filepath.Dir(file))
}

// figures is what the consolidated report counts, without where each report came from.
type figures struct {
	Cells                       []string // name, due, late, plan, date, models and exemplars of each
	NotReported                 []string
	WithPlan, Models, Exemplars int
	ByKind                      map[string]int
}

func figuresOf(st tonghop.Status) figures {
	f := figures{NotReported: st.NotReported, WithPlan: st.WithPlan, Models: st.Models, Exemplars: st.Exemplars, ByKind: st.ByKind}
	for _, cs := range st.ByCell {
		line := fmt.Sprintf("%s due=%v late=%v", cs.Name, cs.Due, cs.Late)
		if cs.Cell != nil {
			r := cs.Cell.Report
			line += fmt.Sprintf(" plan=%v date=%s", r.Plan != nil, r.Date.ISO())
			for _, m := range r.Models {
				line += fmt.Sprintf(" [%s|%s|%s]", m.Name, m.Kind, m.Unit)
			}
			for _, e := range r.Exemplars {
				line += fmt.Sprintf(" <%s|%s|%s>", e.Name, e.Position, e.Unit)
			}
		}
		f.Cells = append(f.Cells, line)
	}
	return f
}

// pdfText is the text pdftotext reads from a PDF.
func pdfText(t testing.TB, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func renderPDF(t testing.TB, doc *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// receivedFolder is 40 cells as the Board receives them, a quarter each as YAML, baocao's PDF,
// baocao's DOCX and a DOCX typed by hand, with duplicates: cell 1's PDF also as its DOCX, cell
// 6's report sent first as an older YAML with fewer models and read after the newer one, cell 7
// revised by a later hand-typed DOCX read after its first PDF. yamlOnly is the same cells as
// their final YAML alone.
func receivedFolder(t testing.TB) (cs []receivedCell, mixed, yamlOnly map[string][]byte) {
	cs = receivedCells(40)
	mixed, yamlOnly = map[string][]byte{}, map[string][]byte{}
	for i, c := range cs {
		base := fmt.Sprintf("bc-%02d", i+1)
		yamlOnly[base+".yaml"] = c.yaml()
		switch i % 4 {
		case 0:
			mixed[base+".yaml"] = c.yaml()
		case 1:
			mixed[base+".pdf"] = c.pdf(t)
		case 2:
			mixed[base+".docx"] = c.docx(t)
		case 3:
			mixed[base+".docx"] = c.handDOCX(t)
		}
	}
	// Cell 1 (index 1, a PDF) sent as its DOCX too: the same report.
	mixed["bc-02.docx"] = cs[1].docx(t)
	// Cell 6 (index 5, a PDF): an older report, read after the newer since "z" sorts last.
	old := cs[5]
	old.day, old.models = old.day-3, old.models[:0]
	mixed["z-bc-06-ban-cu.yaml"] = old.yaml()
	// Cell 7 (index 6, baocao's DOCX): first sent as an older PDF, revised by hand in a DOCX.
	first := cs[6]
	first.day, first.exemplars = first.day-2, nil
	delete(mixed, "bc-07.docx")
	mixed["bc-07-a.pdf"] = first.pdf(t)
	mixed["bc-07-b-sua.docx"] = cs[6].handDOCX(t)
	return cs, mixed, yamlOnly
}

// TestConsolidateReceivedFiles: the consolidated report built from 40 cells received as PDF,
// DOCX (baocao's and hand-typed) and YAML, duplicates included, gives the same figures, the same
// document and the same PDF as from their YAML alone, with a warning per duplicate naming both
// files.
func TestConsolidateReceivedFiles(t *testing.T) {
	cs, mixed, yamlOnly := receivedFolder(t)
	report := consolidation(cs, "Chi bộ Chưa Nộp")

	fromYAML, fromMixed := t.TempDir(), t.TempDir()
	inY, repY := readReport(t, writeFiles(t, fromYAML, yamlOnly, report), input.Options{})
	inM, repM := readReport(t, writeFiles(t, fromMixed, mixed, report), input.Options{})
	docY, docM := inY.Document(), inM.Document()
	if docY == nil || docM == nil {
		t.Fatalf("errors:\nfrom YAML:\n%s\nfrom received files:\n%s", inY.Problems.Error(), inM.Problems.Error())
	}
	if len(repM.Cells) != 40 {
		t.Errorf("%d cells counted from the received files, want 40", len(repM.Cells))
	}
	figY, figM := figuresOf(repY.Count()), figuresOf(repM.Count())
	if !reflect.DeepEqual(figY, figM) {
		t.Errorf("figures differ:\nfrom YAML:     %+v\nfrom received: %+v", figY, figM)
	}
	if figY.Models == 0 || figY.Exemplars == 0 || len(figY.NotReported) != 1 || figY.WithPlan == 40 {
		t.Errorf("the generated cells do not exercise the counts: %+v", figY)
	}
	if !reflect.DeepEqual(docY, docM) {
		t.Error("the consolidated report's document differs between YAML and received files")
	}
	pdfY, pdfM := renderPDF(t, docY), renderPDF(t, docM)
	if textY, textM := pdfText(t, pdfY), pdfText(t, pdfM); textY != textM {
		t.Errorf("the PDFs' text differs:\n%s\n----\n%s", textY, textM)
	} else if !strings.Contains(textY, "40/41") {
		t.Errorf("the PDF does not count 40 of 41 cells:\n%s", textY)
	}

	nhan := filepath.Join(fromMixed, "nhan")
	var dups []string
	for _, p := range inM.Problems {
		if p.Warning && strings.Contains(p.Message, "có hai báo cáo") {
			dups = append(dups, p.Message)
		}
	}
	want := []string{
		fmt.Sprintf("%s có hai báo cáo: %s (ngày 10/4/2021) và %s (ngày 10/4/2021); dùng báo cáo thứ hai vì cùng ngày báo cáo và tệp được đọc sau",
			cs[1].name, filepath.Join(nhan, "bc-02.docx"), filepath.Join(nhan, "bc-02.pdf")),
		fmt.Sprintf("%s có hai báo cáo: %s (ngày 13/4/2021) và %s (ngày 15/4/2021); dùng báo cáo thứ hai vì ngày báo cáo muộn hơn",
			cs[6].name, filepath.Join(nhan, "bc-07-a.pdf"), filepath.Join(nhan, "bc-07-b-sua.docx")),
		fmt.Sprintf("%s có hai báo cáo: %s (ngày 14/4/2021) và %s (ngày 11/4/2021); dùng báo cáo thứ nhất vì ngày báo cáo muộn hơn",
			cs[5].name, filepath.Join(nhan, "bc-06.pdf"), filepath.Join(nhan, "z-bc-06-ban-cu.yaml")),
	}
	if !reflect.DeepEqual(dups, want) {
		t.Errorf("duplicate warnings:\n%s\nwant:\n%s", strings.Join(dups, "\n"), strings.Join(want, "\n"))
	}
	guessed, all := 0, ""
	for _, p := range inM.Problems {
		all += p.String() + "\n"
		if !p.Warning {
			t.Errorf("error: %s", p)
		}
		if p.File == filepath.Join(nhan, "bc-04.docx") && strings.HasPrefix(p.Key, "mo_hinh[") && strings.Contains(p.Message, "đã đoán") {
			guessed++
		}
		if strings.Count(all, p.String()+"\n") > 1 {
			t.Errorf("told twice: %s", p)
		}
	}
	if guessed != len(cs[3].models) || guessed == 0 {
		t.Errorf("%d warnings of guessed kinds for the hand-typed bc-04.docx, want one per model (%d):\n%s", guessed, len(cs[3].models), all)
	}
}

// TestSupersedes: the later report date wins; on the same date, the file read later.
func TestSupersedes(t *testing.T) {
	cell := func(day int) cellWithDate { return cellWithDate(day) }
	for _, tc := range []struct {
		later, earlier cellWithDate
		want           bool
	}{{cell(12), cell(10), true}, {cell(10), cell(12), false}, {cell(10), cell(10), true}, {cell(0), cell(1), true}, {cell(-1), cell(1), false}} {
		if got := tonghop.Supersedes(tc.later.cell(), tc.earlier.cell()); got != tc.want {
			t.Errorf("Supersedes(day %d, day %d) = %v, want %v", tc.later, tc.earlier, got, tc.want)
		}
	}
}

// cellWithDate is a cell reported on a day of April 2021: 0 a blank day, -1 no date at all.
type cellWithDate int

func (d cellWithDate) cell() (c cells.Cell) {
	rep := &dangky.Report{}
	if d >= 0 {
		rep.Date = input.Date{Year: 2021, Month: 4, Day: int(d)}
	}
	c.Report = rep
	return c
}

// unreadableFolder is three good cells and two files that cannot be read: a damaged PDF and a
// Word 97–2003 file.
func unreadableFolder(t testing.TB) ([]receivedCell, map[string][]byte) {
	cs := receivedCells(3)
	files := map[string][]byte{
		"a.yaml":   cs[0].yaml(),
		"b.pdf":    cs[1].pdf(t),
		"c.docx":   cs[2].handDOCX(t),
		"hong.pdf": []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"),
		"cu.doc":   oleFile("WordDocument"),
	}
	return cs, files
}

// oleFile is the start of an OLE compound file whose directory holds one stream, name, at a
// 128-byte entry as Word 97–2003 writes it.
func oleFile(name string) []byte {
	data := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 1024-8)...)
	for i, c := range name {
		data[512+2*i] = byte(c)
	}
	return data
}

// TestUnreadableFilesStopTheReport: a received file that cannot be read stops the consolidated
// report with its message, as an erroneous YAML does.
func TestUnreadableFilesStopTheReport(t *testing.T) {
	cs, files := unreadableFolder(t)
	dir := t.TempDir()
	in, _ := readReport(t, writeFiles(t, dir, files, consolidation(cs)), input.Options{})
	if in.Document() != nil {
		t.Fatal("a consolidated report was built with files that cannot be read")
	}
	var errs []string
	for _, p := range in.Problems {
		if !p.Warning {
			errs = append(errs, p.String())
		}
	}
	nhan := filepath.Join(dir, "nhan")
	want := []string{
		filepath.Join(nhan, "cu.doc") + ": đây là tệp Word 97–2003 (.doc), chương trình không đọc được; hãy mở bằng Word và lưu thành .docx",
		filepath.Join(nhan, "hong.pdf") + ": tệp PDF bị hỏng, không đọc được",
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestSkipUnreadable: with SkipUnreadable the files that cannot be read are left out, each a
// warning, and listed in the report's text; the figures are those of the other files.
func TestSkipUnreadable(t *testing.T) {
	cs, files := unreadableFolder(t)
	dir := t.TempDir()
	in, rep := readReport(t, writeFiles(t, dir, files, consolidation(cs)), input.Options{SkipUnreadable: true})
	doc := in.Document()
	if doc == nil {
		t.Fatalf("errors: %s", in.Problems.Error())
	}
	if len(rep.Cells) != 3 || len(rep.Skipped) != 2 {
		t.Errorf("%d cells counted and %d left out, want 3 and 2", len(rep.Cells), len(rep.Skipped))
	}
	nhan := filepath.Join(dir, "nhan")
	var warnings []string
	for _, p := range in.Problems {
		if strings.Contains(p.Message, "bỏ qua") {
			warnings = append(warnings, p.String())
		}
	}
	file := filepath.Join(dir, "tong-hop.yaml")
	want := []string{
		file + ":4: nguon: cảnh báo: " + filepath.Join(nhan, "cu.doc") + ": bỏ qua, không tính vào báo cáo tổng hợp: đây là tệp Word 97–2003 (.doc), chương trình không đọc được; hãy mở bằng Word và lưu thành .docx",
		file + ":4: nguon: cảnh báo: " + filepath.Join(nhan, "hong.pdf") + ": bỏ qua, không tính vào báo cáo tổng hợp: tệp PDF bị hỏng, không đọc được",
	}
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
	text := documentText(doc)
	if line := "- Tệp báo cáo nhận được nhưng không đọc được hoặc có lỗi, chưa tính vào báo cáo này: 02, gồm: cu.doc; hong.pdf."; !strings.Contains(text, line) {
		t.Errorf("the report does not list the files left out:\n%s", text)
	}
	if !strings.Contains(text, "có 03/03 chi, đảng bộ cơ sở đã báo cáo") {
		t.Errorf("the report does not count the three good cells:\n%s", text)
	}

	// Without files left out, the report says nothing of them.
	delete(files, "hong.pdf")
	delete(files, "cu.doc")
	in, _ = readReport(t, writeFiles(t, t.TempDir(), files, consolidation(cs)), input.Options{SkipUnreadable: true})
	if doc := in.Document(); doc == nil || strings.Contains(documentText(doc), "Tệp báo cáo nhận được") {
		t.Error("a report with every file read mentions files left out")
	}
}

// TestReceivedFileTooLarge: a PDF over the importer's limit is refused by its size, read no
// further than one byte past it.
func TestReceivedFileTooLarge(t *testing.T) {
	cs := receivedCells(1)
	dir := t.TempDir()
	file := writeFiles(t, dir, map[string][]byte{"a.yaml": cs[0].yaml()}, consolidation(cs))
	big := filepath.Join(dir, "nhan", "lon.pdf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("%PDF-1.7\n")
	if err := f.Truncate(40 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	in, _ := readReport(t, file, input.Options{})
	if in.Document() != nil || len(in.Problems) != 1 || in.Problems[0].String() != big+": tệp quá lớn (giới hạn 32 MiB); một báo cáo chỉ vài chục nghìn byte" {
		t.Errorf("problems: %v", in.Problems)
	}
}

// TestDueListFromAFile: phai_bao_cao may name a CSV or Excel file of the cells due, read through
// the reader's Files, found against the report's folder; a file that cannot be read stops the
// report with its problem.
func TestDueListFromAFile(t *testing.T) {
	cs := receivedCells(3)
	dir := t.TempDir()
	files := map[string][]byte{"a.yaml": cs[0].yaml(), "b.yaml": cs[1].yaml()}
	report := func(due string) []byte {
		return []byte("mau: tong-hop\nngay: 2021-04-19\nnguon: [nhan]\nphai_bao_cao: " + due + "\nky: {ho_ten: B}\n")
	}
	file := writeFiles(t, dir, files, report("phai-bao-cao.csv"))
	csv := "\xEF\xBB\xBFSTT;Tên chi bộ, đảng bộ\n1;" + cs[0].name + "\n2;" + cs[1].name + "\n3;" + cs[2].name + "\n"
	if err := os.WriteFile(filepath.Join(dir, "phai-bao-cao.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	in, rep := readReport(t, file, input.Options{})
	if in.Document() == nil {
		t.Fatalf("errors: %s", in.Problems.Error())
	}
	if want := []string{cs[0].name, cs[1].name, cs[2].name}; !reflect.DeepEqual(rep.Due, want) {
		t.Errorf("due %q, want %q", rep.Due, want)
	}
	if st := rep.Count(); !reflect.DeepEqual(st.NotReported, []string{cs[2].name}) {
		t.Errorf("not reported: %q", st.NotReported)
	}

	for _, tc := range []struct{ due, want string }{
		{"khong-co.xlsx", filepath.Join(dir, "khong-co.xlsx") + ": không có tệp hoặc thư mục này"},
		{"danh-sach.txt", file + `:4: phai_bao_cao: phải là danh sách tên các chi, đảng bộ (mỗi dòng bắt đầu bằng "- "), hoặc tên một tệp Excel (.xlsx) hay CSV chứa danh sách ấy, không phải "danh-sach.txt"`},
	} {
		os.WriteFile(file, report(tc.due), 0o644)
		in, _ := readReport(t, file, input.Options{})
		if in.Document() != nil || in.Problems.Error() != tc.want {
			t.Errorf("phai_bao_cao: %s:\n%s\nwant:\n%s", tc.due, in.Problems.Error(), tc.want)
		}
	}
	// The web form's reader opens nothing.
	os.WriteFile(file, report("phai-bao-cao.csv"), 0o644)
	data, _ := os.ReadFile(file)
	if _, problems := layouts.Load(file, data, input.Options{}); !strings.Contains(problems.Error(), "ở đây không được mở tệp trên máy") {
		t.Errorf("without Files: %s", problems.Error())
	}
}

// TestOwnReportPassedOver: the consolidated report's own PDF and DOCX, written into the folder of
// the files received, are passed over when it is made again, as its YAML is.
func TestOwnReportPassedOver(t *testing.T) {
	cs := receivedCells(4)
	files := map[string][]byte{}
	for i, c := range cs {
		files[fmt.Sprintf("bc-%d.pdf", i)] = c.pdf(t)
	}
	dir := t.TempDir()
	file := writeFiles(t, dir, files, []byte(strings.Replace(string(consolidation(cs)), "nguon: [nhan]", "nguon: [nhan, .]", 1)))
	in, _ := readReport(t, file, input.Options{})
	doc := in.Document()
	if doc == nil {
		t.Fatal(in.Problems.Error())
	}
	var d bytes.Buffer
	if err := (docx.Renderer{}).Render(&d, doc); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "tong-hop.pdf"), renderPDF(t, doc), 0o644)
	os.WriteFile(filepath.Join(dir, "tong-hop.docx"), d.Bytes(), 0o644)
	again, _ := readReport(t, file, input.Options{})
	if again.Document() == nil || !reflect.DeepEqual(again.Problems, in.Problems) {
		t.Errorf("with its own PDF and DOCX beside it:\n%s\nwas:\n%s", again.Problems.Error(), in.Problems.Error())
	}
}
