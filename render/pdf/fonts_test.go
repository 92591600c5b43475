package pdf_test

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"baocao/fonts"
	"baocao/render"
	"baocao/render/pdf"
	"baocao/render/rendertest"
)

// everyCharacter is a document that prints every character the fonts accept in each face: as
// body text (regular), headings (bold) and the date line (italic).
func everyCharacter(t *testing.T) *render.Document {
	t.Helper()
	var chars []rune
	for r := rune(0x21); r < 0x3000; r++ {
		if m, err := fonts.Missing(string(r)); err != nil {
			t.Fatal(err)
		} else if m == nil {
			chars = append(chars, r)
		}
	}
	if len(chars) < 500 {
		t.Fatalf("only %d characters accepted", len(chars))
	}
	var words []string
	for i := 0; i < len(chars); i += 7 {
		words = append(words, string(chars[i:min(i+7, len(chars))]))
	}
	text := strings.Join(words, " ")
	d := rendertest.Document([]byte("Thử\x00Chi bộ\x00ĐẢNG BỘ\x00CHI BỘ\x00Số 1\x00" + text + "\x00BÁO CÁO\x00" + text + "\x00T/M\x00BÍ THƯ\x00Tên\x00- Lưu.\x00\x00" + text + "\x00\x01" + text))
	if !strings.Contains(d.Header.PlaceDate, string(chars[len(chars)-1])) {
		t.Fatal("the date line lost characters")
	}
	return d
}

// TestFontFilesUntouched: rendering leaves the embedded faces as they are on disk. fpdf 0.12
// writes into the font's bytes when a glyph has no hmtx entry of its own (fonts/subset.sh), which
// made the first PDF of a process differ from the next.
func TestFontFilesUntouched(t *testing.T) {
	d := everyCharacter(t)
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, s := range fonts.Styles {
		name := map[fonts.Style]string{fonts.Regular: "Regular", fonts.Bold: "Bold", fonts.Italic: "Italic"}[s]
		disk, err := os.ReadFile("../../fonts/BaocaoSerif-" + name + ".ttf")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fonts.TTF(s), disk) {
			t.Errorf("face %q changed in memory while rendering", s)
		}
	}
}

// TestRenderTwiceAndAtOnce: the first rendering in a process, a second one, and eight at once
// give the same bytes (run with -race to catch shared state written while rendering).
func TestRenderTwiceAndAtOnce(t *testing.T) {
	d := everyCharacter(t)
	render := func() []byte {
		var buf bytes.Buffer
		if err := (pdf.Renderer{}).Render(&buf, d); err != nil {
			t.Error(err)
		}
		return buf.Bytes()
	}
	first := render()
	if second := render(); !bytes.Equal(first, second) {
		t.Fatal("the second rendering differs from the first")
	}
	var wg sync.WaitGroup
	out := make([][]byte, 8)
	for i := range out {
		wg.Go(func() { out[i] = render() })
	}
	wg.Wait()
	for i, b := range out {
		if !bytes.Equal(first, b) {
			t.Errorf("concurrent rendering %d differs", i)
		}
	}
}
