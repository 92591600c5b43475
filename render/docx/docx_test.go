package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"baocao/fonts"
	"baocao/render"
)

// testDocument is a small document with every part filled.
func testDocument() *render.Document {
	return &render.Document{
		Meta:       render.Meta{Title: "Báo cáo thử", Author: "Chi bộ Thử", Lang: "vi", Date: "2021-04-12"},
		Header:     render.Header{ParentOrg: "ĐẢNG UỶ KHỐI", Org: "CHI BỘ THỬ", Number: "Số 05-BC/CB", PlaceDate: "Yên Bái, ngày 12 tháng 4 năm 2021"},
		Title:      render.Title{Kind: "BÁO CÁO", Subject: "kết quả thử"},
		Body:       render.Blocks{render.Heading{Text: "1. Mục"}, render.Paragraph{Text: "Nội dung."}, render.Item{Label: "(1):", Text: "Mô hình — Đơn vị."}},
		Recipients: []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."},
		Signer:     render.Signer{Authority: "T/M BAN CHI ỦY", Position: "BÍ THƯ", Name: "Trần Văn Bình"},
	}
}

// renderParts renders d with r and returns the output's parts.
func renderParts(t *testing.T, r Renderer, d *render.Document) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return docxParts(t, buf.Bytes())
}

// attr returns the value of attribute name in the first element matching pattern in xml.
func attr(t *testing.T, xml, pattern, name string) float64 {
	t.Helper()
	el := regexp.MustCompile(pattern).FindString(xml)
	if el == "" {
		t.Fatalf("no element matches %s", pattern)
	}
	m := regexp.MustCompile(name + `="(-?\d+)"`).FindStringSubmatch(el)
	if m == nil {
		t.Fatalf("%s has no %s", el, name)
	}
	v, _ := strconv.Atoi(m[1])
	return float64(v)
}

// style returns the XML of one style of styles.xml.
func style(t *testing.T, styles, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<w:style [^>]*w:styleId="` + id + `">.*?</w:style>`).FindString(styles)
	if m == "" {
		t.Fatalf("no style %s", id)
	}
	return m
}

func twipsF(mm float64) float64 { return float64(twips(mm)) }

// TestBaseTemplateFollowsTheRules checks the base template's numbers against render/rules.go, so
// that the two backends cannot drift apart.
func TestBaseTemplateFollowsTheRules(t *testing.T) {
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	styles := string(base.parts["word/styles.xml"])
	doc := string(base.parts[documentPart])
	checks := []struct {
		name      string
		got, want float64
	}{
		{"body line", attr(t, style(t, styles, "NoiDung"), `<w:spacing [^>]*>`, "w:line"), render.LineBody * 20},
		{"body space after", attr(t, style(t, styles, "NoiDung"), `<w:spacing [^>]*>`, "w:after"), render.SpaceAfterBody * 20},
		{"body first-line indent", attr(t, style(t, styles, "NoiDung"), `<w:ind [^>]*>`, "w:firstLine"), twipsF(render.FirstLineIndent)},
		{"text size", attr(t, styles, `<w:sz [^>]*>`, "w:val"), render.SizeText * 2},
		{"header line", attr(t, style(t, styles, "DauVanBan"), `<w:spacing [^>]*>`, "w:line"), render.LineHeader * 20},
		{"party size", attr(t, style(t, styles, "TenDang"), `<w:sz [^>]*>`, "w:val"), render.SizeParty * 2},
		{"kind size", attr(t, style(t, styles, "TenLoai"), `<w:sz [^>]*>`, "w:val"), render.SizeKind * 2},
		{"kind line", attr(t, style(t, styles, "TenLoai"), `<w:spacing [^>]*>`, "w:line"), render.LineKind * 20},
		{"gap after header", attr(t, style(t, styles, "TenLoai"), `<w:spacing [^>]*>`, "w:before"), render.GapAfterHeader * 20},
		{"gap after title", attr(t, style(t, styles, "GachNgang"), `<w:spacing [^>]*>`, "w:after"), render.GapAfterTitle * 20},
		{"recipients size", attr(t, style(t, styles, "NoiNhan"), `<w:sz [^>]*>`, "w:val"), render.SizeRecipients * 2},
		{"recipients line", attr(t, style(t, styles, "NoiNhan"), `<w:spacing [^>]*>`, "w:line"), render.LineRecipients * 20},
		{"page width", attr(t, doc, `<w:pgSz [^>]*>`, "w:w"), twipsF(render.PageWidth)},
		{"page height", attr(t, doc, `<w:pgSz [^>]*>`, "w:h"), twipsF(render.PageHeight)},
		{"top margin", attr(t, doc, `<w:pgMar [^>]*>`, "w:top"), twipsF(render.MarginTop)},
		{"bottom margin", attr(t, doc, `<w:pgMar [^>]*>`, "w:bottom"), twipsF(render.MarginBottom)},
		{"left margin", attr(t, doc, `<w:pgMar [^>]*>`, "w:left"), twipsF(render.MarginLeft)},
		{"right margin", attr(t, doc, `<w:pgMar [^>]*>`, "w:right"), twipsF(render.MarginRight)},
		{"page number from the top", attr(t, doc, `<w:pgMar [^>]*>`, "w:header"), twipsF(render.PageNumberTop)},
		{"left column", attr(t, doc, `<w:gridCol [^>]*>`, "w:w"), twipsF(render.HeaderLeftWidth)},
		{"table width", attr(t, doc, `<w:tblW [^>]*>`, "w:w"), twipsF(render.TextWidth)},
		{"rule thickness", attr(t, doc, `<w:bottom w:val="single"[^>]*>`, "w:sz"), render.RuleWidthPt * 8},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: template has %v, rules say %v", c.name, c.got, c.want)
		}
	}
	// The rule is the bottom border of a paragraph narrowed to the title's width plus at most
	// 1.5 pt, so that Word never wraps the title and the rule is as wide as it.
	title, err := fonts.Width(fonts.Bold, render.SizeParty, render.PartyName)
	if err != nil {
		t.Fatal(err)
	}
	left := attr(t, doc, `<w:ind w:left[^>]*>`, "w:left")
	right := attr(t, doc, `<w:ind w:left[^>]*>`, "w:right")
	width := (twipsF(render.HeaderRightWidth) - left - right) / 20
	if width < title || width > title+1.5 {
		t.Errorf("the rule's paragraph is %.2f pt wide, the title %.2f pt", width, title)
	}
}

func TestRenderFillsEveryPlaceholder(t *testing.T) {
	parts := renderParts(t, Renderer{}, testDocument())
	doc := parts[documentPart]
	text := plainText(strings.ReplaceAll(doc, "<w:noBreakHyphen/>", "-"))
	for _, want := range []string{"ĐẢNG UỶ KHỐI", "CHI BỘ THỬ", "Số 05-BC/CB", "Yên Bái, ngày 12 tháng 4 năm 2021", "BÁO CÁO",
		"kết quả thử", "1. Mục", "Nội dung.", "(1): Mô hình — Đơn vị.", "- Ban Tuyên giáo ĐUK;", "T/M BAN CHI ỦY", "BÍ THƯ", "Trần Văn Bình"} {
		if !strings.Contains(text, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	for name, part := range parts {
		if strings.Contains(part, "{{") {
			t.Errorf("%s keeps a placeholder", name)
		}
		if err := wellFormed([]byte(part)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if strings.Contains(doc, render.SignedMark) {
		t.Error("(Đã ký) printed on an unsigned copy")
	}
}

// TestEmptyOptionalLinesLeaveNoParagraph: no superior body and a head who signs in person remove
// their paragraphs, rather than leaving blank lines the PDF does not have.
func TestEmptyOptionalLinesLeaveNoParagraph(t *testing.T) {
	d := testDocument()
	full := renderParts(t, Renderer{}, d)[documentPart]
	d.Header.ParentOrg, d.Signer.Authority, d.Signer.Signed = "", "", true
	doc := renderParts(t, Renderer{}, d)[documentPart]
	if got, want := strings.Count(doc, "<w:p>"), strings.Count(full, "<w:p>")-2; got != want {
		t.Errorf("%d paragraphs, want %d", got, want)
	}
	if strings.Contains(doc, "T/M") || strings.Contains(doc, "ĐẢNG UỶ KHỐI") {
		t.Error("an emptied line is still there")
	}
	if !strings.Contains(doc, render.SignedMark) {
		t.Error("a signed copy lacks (Đã ký)")
	}
}

// TestHostileText: markup, entities, quotes and newlines in any field come out as text, and a
// newline is a <w:br/> between text elements, never inside one.
func TestHostileText(t *testing.T) {
	d := testDocument()
	hostile := `<w:p>&amp; "ngoặc" 'đơn' {{ho_ten}}`
	d.Header.Org = hostile
	d.Signer.Name = "Trần\nVăn Bình"
	d.Body = append(d.Body, render.Paragraph{Text: hostile + "\nDòng hai"})
	d.Recipients = append(d.Recipients, hostile)
	parts := renderParts(t, Renderer{}, d)
	doc := parts[documentPart]
	if err := wellFormed([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	escaped := `&lt;w:p&gt;&amp;amp; &#34;ngoặc&#34; &#39;đơn&#39; {{ho_ten}}`
	if n := strings.Count(doc, escaped); n != 2 {
		t.Errorf("the hostile text appears escaped %d times in the body and recipients, want 2", n)
	}
	// In the header it is broken into the lines render decides, each escaped.
	_, org, err := render.HeaderLines(d.Header)
	if err != nil {
		t.Fatal(err)
	}
	if len(org) < 2 {
		t.Fatalf("the hostile name takes %d header lines; the test wants it broken", len(org))
	}
	for i := range org {
		org[i] = escape(org[i])
	}
	if want := strings.Join(org, `</w:t><w:br/><w:t xml:space="preserve">`); !strings.Contains(doc, want) {
		t.Errorf("the header lacks the escaped lines %q", want)
	}
	if !strings.Contains(doc, `Trần</w:t><w:br/><w:t xml:space="preserve">Văn Bình`) {
		t.Error("a newline in the name is not a line break between text elements")
	}
	if regexp.MustCompile(`<w:t[^>]*>[^<]*<w:br/>`).MatchString(doc) {
		t.Error("a <w:br/> stands inside a <w:t>")
	}
}

// exportBase writes the base template as a .docx and returns its parts.
func exportBase(t *testing.T) map[string][]byte {
	t.Helper()
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := base.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tpl, err := ReadTemplate(buf.Bytes())
	if err != nil {
		t.Fatalf("the exported base template does not read back: %v", err)
	}
	return tpl.parts
}

// repack zips parts into a .docx, the document part changed by edit.
func repack(t *testing.T, parts map[string][]byte, edit func(doc string) string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{contentTypes}
	for name := range parts {
		if name != contentTypes {
			names = append(names, name)
		}
	}
	for _, name := range names {
		data := parts[name]
		if name == documentPart {
			data = []byte(edit(string(data)))
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

func TestUserTemplateRestyles(t *testing.T) {
	parts := exportBase(t)
	// A secretary makes the body 13 pt in Word's style list.
	parts["word/styles.xml"] = []byte(strings.Replace(string(parts["word/styles.xml"]),
		`<w:jc w:val="both"/>
    </w:pPr>`, `<w:jc w:val="both"/>
    </w:pPr>
    <w:rPr><w:sz w:val="26"/></w:rPr>`, 1))
	tpl, err := ReadTemplate(repack(t, parts, func(doc string) string { return doc }))
	if err != nil {
		t.Fatal(err)
	}
	out := renderParts(t, Renderer{Template: tpl}, testDocument())
	if !strings.Contains(style(t, out["word/styles.xml"], "NoiDung"), `<w:sz w:val="26"/>`) {
		t.Error("the user's style did not reach the output")
	}
	if !strings.Contains(out[documentPart], "Trần Văn Bình") {
		t.Error("the user's template was not filled")
	}
}

func TestBadUserTemplates(t *testing.T) {
	parts := exportBase(t)
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"a placeholder split across runs by Word", func(doc string) string {
			return strings.Replace(doc, "{{ho_ten}}", `{{ho</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>_ten}}`, 1)
		}, "mẫu DOCX: chỗ điền {{ho_ten}} bị Word tách thành nhiều đoạn định dạng; hãy xóa cả chỗ điền rồi gõ lại một lần, không sửa giữa chừng"},
		{"a placeholder deleted", func(doc string) string {
			return strings.Replace(doc, "{{so}}", "", 1)
		}, `mẫu DOCX: chỗ điền {{so}} không có trong mẫu; hãy xuất lại mẫu gốc bằng "baocao template export"`},
		{"an unknown placeholder", func(doc string) string {
			return strings.Replace(doc, "{{so}}", "{{so}} {{so_trang}}", 1)
		}, "mẫu DOCX: chỗ điền {{so_trang}} không phải là chỗ điền mà chương trình biết (word/document.xml)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadTemplate(repack(t, parts, tc.edit))
			var te *TemplateError
			if !errors.As(err, &te) || err.Error() != tc.want {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := ReadTemplate([]byte("not a zip")); !errors.Is(err, ErrNotDocx) {
		t.Errorf("a file that is not a DOCX: %v", err)
	}
}

func TestSameDocumentSameBytes(t *testing.T) {
	var a, b bytes.Buffer
	if err := (Renderer{}).Render(&a, testDocument()); err != nil {
		t.Fatal(err)
	}
	if err := (Renderer{}).Render(&b, testDocument()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renderings differ")
	}
}

// BenchmarkRenderDOCX measures rendering a small document to DOCX.
func BenchmarkRenderDOCX(b *testing.B) {
	d := testDocument()
	for i := 0; i < 40; i++ {
		d.Body = append(d.Body, render.Item{Label: fmt.Sprintf("(%d):", i+1), Text: "Mô hình thi đua thực hiện văn hóa công sở — Văn phòng Sở."})
	}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := (Renderer{}).Render(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAppendixSections: each appendix is a section of its own, numbered from 1, in landscape when
// it asks, after the main part, even in a template that holds a section break of its own.
func TestAppendixSections(t *testing.T) {
	parts := exportBase(t)
	early := `<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>`
	tpl, err := ReadTemplate(repack(t, parts, func(doc string) string {
		return strings.Replace(doc, "<w:body>", "<w:body>"+early, 1)
	}))
	if err != nil {
		t.Fatal(err)
	}
	d := testDocument()
	d.Appendices = []render.Appendix{
		{Label: "Phụ lục 1", Title: "DANH SÁCH", Subtitle: "(Kèm theo)", Landscape: true, Body: render.Blocks{render.Table{
			Columns: []render.Column{{Title: "STT", Width: 1}, {Title: "Tên", Width: 4}},
			Rows:    [][]string{{"1", "Mô hình"}},
			Total:   []string{"", "Tổng cộng: 1"},
		}}},
		{Label: "Phụ lục 2", Title: "DANH SÁCH 2", Subtitle: "(Kèm theo)", Body: render.Blocks{render.Paragraph{Text: "Không có."}}},
	}
	doc := renderParts(t, Renderer{Template: tpl}, d)[documentPart]
	if !strings.Contains(doc, early) {
		t.Error("the template's own section break was changed")
	}
	if n := strings.Count(doc, "<w:sectPr"); n != 4 {
		t.Errorf("%d sections, want 4: the template's, the main part, two appendices", n)
	}
	if n := strings.Count(doc, `<w:pgNumType w:start="1"/>`); n != 2 {
		t.Errorf("%d sections number from 1, want the two appendices", n)
	}
	if n := strings.Count(doc, `w:orient="landscape"`); n != 1 {
		t.Errorf("%d landscape sections, want 1", n)
	}
	if !strings.Contains(doc, "</w:sectPr></w:body>") {
		t.Error("the document does not end with the last appendix's section")
	}
	if !strings.Contains(doc, "<w:tblHeader/>") || !strings.Contains(doc, "Tổng cộng: 1") {
		t.Error("the appendix's table has no repeated header row or no total")
	}
}

// TestHyphensNeverBreak: every hyphen of the text is a non-breaking hyphen, so that Word and
// LibreOffice break lines at spaces only, as the PDF does; no plain hyphen is left in any text
// the document fills in.
func TestHyphensNeverBreak(t *testing.T) {
	d := testDocument()
	d.Body = append(d.Body, render.Paragraph{Text: "Kế hoạch số 46-KH/ĐUK, giai đoạn 2020-2025."})
	d.Appendices = []render.Appendix{{Label: "Phụ lục 1", Title: "DANH SÁCH", Subtitle: "(Kèm theo Báo cáo số 05-BC/CB)", Body: render.Blocks{
		render.Table{Columns: []render.Column{{Title: "Số-hiệu", Width: 1}}, Rows: [][]string{{"46-KH"}}}}}}
	doc := renderParts(t, Renderer{}, d)[documentPart]
	for _, want := range []string{"46</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">KH/ĐUK", "2020</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">2025", "Số</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">hiệu", "05</w:t><w:noBreakHyphen/>"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	template := string(base.parts[documentPart])
	// The only plain hyphens left are the template's own five under the title.
	if got, want := strings.Count(plainText(doc), "-"), strings.Count(plainText(template), "-"); got != want {
		t.Errorf("%d plain hyphens in the document's text, the template has %d", got, want)
	}
}

// TestKeepRulesOnParagraphs: every body paragraph carries the pagination render.Paginate decides,
// on or off explicitly (whatever the template's styles say): headings and the last paragraph
// before the closing band keep whole with what follows, other paragraphs only have widow control,
// a table's header row keeps with its first row, and a table before another gets a gap paragraph
// so that the two stay two tables.
func TestKeepRulesOnParagraphs(t *testing.T) {
	d := testDocument()
	table := render.Table{Columns: []render.Column{{Title: "STT", Width: 1}, {Title: "Tên", Width: 4}}, Rows: [][]string{{"1", "Một"}, {"2", "Hai"}}}
	d.Body = render.Blocks{render.Heading{Text: "1. Mục"}, render.Paragraph{Text: "Giữa."}, table, table, render.Paragraph{Text: "Cuối."}}
	doc := renderParts(t, Renderer{}, d)[documentPart]
	props := func(text string) string {
		i := strings.Index(doc, `<w:t xml:space="preserve">`+text+`</w:t>`)
		if i < 0 {
			t.Fatalf("no paragraph %q", text)
		}
		start := strings.LastIndex(doc[:i], "<w:pPr>")
		return doc[start:i]
	}
	whole := `<w:keepNext/><w:keepLines/><w:widowControl/>`
	if p := props("1. Mục"); !strings.Contains(p, whole) {
		t.Errorf("the heading: %s", p)
	}
	if p := props("Giữa."); !strings.Contains(p, `<w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:widowControl/>`) {
		t.Errorf("a paragraph in the middle: %s", p)
	}
	if p := props("Cuối."); !strings.Contains(p, whole) {
		t.Errorf("the last paragraph before the closing band: %s", p)
	}
	if p := props("STT"); !strings.Contains(p, `<w:keepNext/>`) {
		t.Errorf("the table's header row: %s", p)
	}
	if p := props("Hai"); strings.Contains(p, `<w:keepNext/>`) {
		t.Errorf("the table's last row keeps with the next table: %s", p)
	}
	if n := strings.Count(doc, `</w:tbl><w:p><w:pPr><w:pStyle w:val="NoiDung"/><w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>`); n != 1 {
		t.Errorf("%d gap paragraphs between the two tables, want 1", n)
	}
}
