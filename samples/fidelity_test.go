package samples_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"baocao/render"
)

// libreOfficeBatches converts DOCX files to PDF like libreOffice, in batches of size files per
// soffice run (a run costs about a second to start), two runs at a time, each with a profile of
// its own.
func libreOfficeBatches(t *testing.T, docs map[string][]byte, size int) map[string][]byte {
	t.Helper()
	tool := needTool(t, "soffice")
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	slices.Sort(names)
	pdfs := map[string][]byte{}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []string
	)
	slots := make(chan struct{}, 2)
	for from := 0; from < len(names); from += size {
		batch := names[from:min(from+size, len(names))]
		dir := t.TempDir()
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir}
			for _, name := range batch {
				path := filepath.Join(dir, name+".docx")
				if err := os.WriteFile(path, docs[name], 0o644); err != nil {
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
					return
				}
				args = append(args, path)
			}
			out, err := exec.Command(tool, args...).CombinedOutput()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Sprintf("soffice: %v\n%s", err, out))
				return
			}
			for _, name := range batch {
				data, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
				if err != nil {
					errs = append(errs, fmt.Sprintf("soffice wrote no PDF for %s: %v", name, err))
					continue
				}
				pdfs[name] = data
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatal(strings.Join(errs, "\n"))
	}
	return pdfs
}

// comparePages reports where two renderings differ: the page count, then the words of every line
// of every page.
func comparePages(t *testing.T, ours, theirs []bboxPage) {
	t.Helper()
	if len(ours) != len(theirs) {
		t.Errorf("PDF has %d pages, DOCX through LibreOffice %d", len(ours), len(theirs))
	}
	for p := 0; p < len(ours) && p < len(theirs); p++ {
		a, b := lines(ours[p].Words, 0, 1e9), lines(theirs[p].Words, 0, 1e9)
		if len(a) != len(b) {
			t.Errorf("page %d: %d lines in the PDF, %d from the DOCX", p+1, len(a), len(b))
		}
		for i := 0; i < len(a) && i < len(b); i++ {
			if normalizeSpace(a[i].text()) != normalizeSpace(b[i].text()) {
				t.Errorf("page %d line %d:\n PDF:  %q\n DOCX: %q", p+1, i+1, a[i].text(), b[i].text())
				break
			}
		}
	}
}

// filler is body text of about n lines: a sentence of ordinary words repeated.
func filler(n int) string {
	words := strings.Fields("Chi bộ đã tổ chức quán triệt, xây dựng kế hoạch và phân công đảng viên thực hiện")
	var out []string
	for i := range n * 14 {
		out = append(out, words[i%len(words)])
	}
	return strings.Join(out, " ") + "."
}

// fidelityTail is the end of a generated body: what must fall near the foot of a page.
type fidelityTail struct {
	name   string
	blocks func() render.Blocks
}

func fidelityTable(rows int, tall bool) render.Table {
	t := render.Table{Columns: []render.Column{{Title: "STT", Width: 1, Align: render.AlignCenter}, {Title: "Tên mô hình", Width: 5}, {Title: "Số lượng", Width: 2, Align: render.AlignRight}}}
	for i := range rows {
		name := fmt.Sprintf("Mô hình số %d của chi bộ", i+1)
		if tall && i%2 == 1 {
			name += " gắn với nhiệm vụ chính trị của cơ quan, đơn vị trong năm"
		}
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), name, fmt.Sprintf("%02d", i+3)})
	}
	return t
}

var fidelityTails = []fidelityTail{
	{"last4", func() render.Blocks { return render.Blocks{render.Paragraph{Text: filler(4)}} }},
	{"last1", func() render.Blocks {
		return render.Blocks{render.Paragraph{Text: "Trên đây là báo cáo của Chi bộ."}}
	}},
	{"last3", func() render.Blocks {
		return render.Blocks{render.Paragraph{Text: filler(2)}, render.Paragraph{Text: filler(3)}}
	}},
	{"heading", func() render.Blocks {
		return render.Blocks{render.Heading{Text: "3. Về kết quả thực hiện nhiệm vụ trọng tâm của Chi bộ"}, render.Paragraph{Text: filler(3)}, render.Paragraph{Text: filler(2)}}
	}},
	{"items", func() render.Blocks {
		var bs render.Blocks
		for i := range 5 {
			bs = append(bs, render.Item{Label: fmt.Sprintf("(%d):", i+1), Text: fmt.Sprintf("Mô hình số %d — %s", i+1, filler(1+i%2))})
		}
		return bs
	}},
	{"table", func() render.Blocks {
		return render.Blocks{fidelityTable(8, true), render.Paragraph{Text: filler(2)}}
	}},
	{"headtable", func() render.Blocks {
		return render.Blocks{render.Heading{Text: "II. Tổng hợp theo loại mô hình"}, fidelityTable(5, false), render.Paragraph{Text: "Trên đây là báo cáo của Chi bộ."}}
	}},
	{"twotables", func() render.Blocks {
		return render.Blocks{fidelityTable(4, true), fidelityTable(3, false), render.Paragraph{Text: filler(1)}}
	}},
	{"endtable", func() render.Blocks {
		return render.Blocks{render.Paragraph{Text: filler(2)}, fidelityTable(6, true)}
	}},
}

// fidelityDocuments generates reports whose ends fall at every line near the foot of page 1: for
// each kind of end, the body before it grows one line at a time over 20 lines (page 1 holds about
// 27 body lines under the header), every third time with one more paragraph's 6 pt.
func fidelityDocuments(t *testing.T) map[string]*render.Document {
	docs := map[string]*render.Document{}
	for _, tail := range fidelityTails {
		for shift := range 20 {
			doc := loadSample(t, "chi-bo-so-tai-chinh.yaml")
			lead := 8 + shift
			body := render.Blocks{render.Heading{Text: "1. Về công tác lãnh đạo, chỉ đạo"}}
			for lead > 0 {
				n := min(lead, 9)
				body = append(body, render.Paragraph{Text: filler(n)})
				lead -= n
			}
			if shift%3 == 0 {
				body = append(body, render.Paragraph{Text: "Đã thực hiện."}) // a paragraph's 6 pt more
			}
			doc.Body = append(body, tail.blocks()...)
			docs[fmt.Sprintf("%s-%02d", tail.name, shift)] = doc
		}
	}
	return docs
}

// TestFidelityAtPageEnds renders 180 reports made to put the last paragraph, the closing
// band, table rows and headings at every position near the foot of a page, and compares each PDF
// with LibreOffice's rendering of the DOCX: the same pages, the same words on every line.
func TestFidelityAtPageEnds(t *testing.T) {
	needTool(t, "soffice")
	docs := fidelityDocuments(t)
	if len(docs) < 100 {
		t.Fatalf("%d generated documents, want at least 100", len(docs))
	}
	files := map[string][]byte{}
	for name, doc := range docs {
		files[name] = renderDOCX(t, doc)
	}
	fromDOCX := libreOfficeBatches(t, files, 45)
	breaks := map[string]map[string]bool{} // by kind of end, the page count and the last page's lines
	for name, doc := range docs {
		ours := readBBox(t, renderPDF(t, doc))
		kind, _, _ := strings.Cut(name, "-")
		if breaks[kind] == nil {
			breaks[kind] = map[string]bool{}
		}
		breaks[kind][fmt.Sprintf("%d pages, %d lines on the last", len(ours), len(lines(ours[len(ours)-1].Words, 0, 1e9)))] = true
		t.Run(name, func(t *testing.T) {
			comparePages(t, ours, readBBox(t, fromDOCX[name]))
		})
	}
	// The generator must stress the page's foot: for each kind of end, the page breaks at many
	// places (the shifts move the break line by line through the end and the closing band).
	for kind, starts := range breaks {
		if len(starts) < 6 {
			t.Errorf("the %s documents break pages at only %d places: %v", kind, len(starts), starts)
		}
	}
}

// TestTallRowCutWhereItStands: a table row taller than a page cannot keep whole (w:cantSplit), so
// Word and LibreOffice start it where it stands and cut it at the page's foot; the PDF does the
// same. The rows here run over two pages, starting high, half-way and low on the first.
//
// (When such a row fills a whole page under the repeated header row, LibreOffice 7.4 sets one line
// more than the page holds, over the bottom margin, as if the header row took no room; the PDF
// does not copy that, so those rows are not compared.)
func TestTallRowCutWhereItStands(t *testing.T) {
	needTool(t, "soffice")
	docs := map[string]*render.Document{}
	for _, lead := range []int{0, 8, 16} {
		doc := loadSample(t, "chi-bo-so-tai-chinh.yaml")
		table := fidelityTable(3, false)
		table.Rows[1][1] = filler(42) // about 52 lines: more than a page of 44
		doc.Body = render.Blocks{render.Paragraph{Text: filler(lead + 1)}, table, render.Paragraph{Text: filler(2)}}
		docs[fmt.Sprint("tall-", lead)] = doc
	}
	files := map[string][]byte{}
	for name, doc := range docs {
		files[name] = renderDOCX(t, doc)
	}
	fromDOCX := libreOfficeBatches(t, files, 50)
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			ours := readBBox(t, renderPDF(t, doc))
			// The row starts on page 1 under the paragraph, not on a page of its own.
			var first []string
			for _, l := range lines(ours[0].Words, 0, 1e9) {
				first = append(first, l.text())
			}
			if !slices.ContainsFunc(first, func(s string) bool { return strings.HasPrefix(s, "2 Chi bộ đã") }) {
				t.Errorf("the tall row does not start on page 1: %q", first)
			}
			comparePages(t, ours, readBBox(t, fromDOCX[name]))
		})
	}
}

// TestLongLastParagraph: a last paragraph of 12 to 40 lines, from where it moves whole with the
// closing band to where it is too long to (render.LongestKeptLast), gives the same pages in our
// PDF and in LibreOffice's rendering of the DOCX.
func TestLongLastParagraph(t *testing.T) {
	needTool(t, "soffice")
	docs := map[string]*render.Document{}
	for _, n := range []int{12, 16, 19, 20, 22, 25, 28, 34, 40} {
		for _, lead := range []int{6, 14} {
			doc := loadSample(t, "chi-bo-so-tai-chinh.yaml")
			doc.Body = render.Blocks{render.Paragraph{Text: filler(lead)}, render.Paragraph{Text: filler(n)}}
			docs[fmt.Sprintf("long-%02d-%02d", n, lead)] = doc
		}
	}
	files := map[string][]byte{}
	for name, doc := range docs {
		files[name] = renderDOCX(t, doc)
	}
	fromDOCX := libreOfficeBatches(t, files, 9)
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			comparePages(t, readBBox(t, renderPDF(t, doc)), readBBox(t, fromDOCX[name]))
		})
	}
}
