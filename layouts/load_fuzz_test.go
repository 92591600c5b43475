package layouts_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"baocao/fonts"
	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
)

// brokenSeeds are inputs that go wrong in the ways users' files do.
var brokenSeeds = []string{
	"",
	"\n",
	"\ufeff",
	"\xff\xfe",
	"mau: dang-ky\nten: Chi b\xf4\n",
	"mau: [\n",
	"mau: dang-ky\n",
	"mau: dangky\n",
	"mau: [dang-ky]\n",
	"- mau: dang-ky\n",
	"mau: dang-ky\nco_quan: 5\nmo_hinh: {ten: a}\nguong: x\nky: [a]\nnoi_nhan: a\n",
	"mau: dang-ky\nco_quan:\n  ten: Chi bộ A\n  loai: chi-bo\n  khoi: co-quan\nngay: 31/02/2021\nky:\n  ho_ten: A\n",
	"mau: dang-ky\nco_quan:\n  ten: Chi bộ A\n  loai: chi-bo\n  khoi: co-quan\nngay: 2021-05\nky:\n  ho_ten: A\n  quyen: K/T BÍ THƯ\n",
	"mau: dang-ky\nco_quan:\n  ten: Sở A\n  loai: dang-bo\n  khoi: co-quan\nngay: 2021-04\nky:\n  quyen: TM. BAN CHI ỦY\n  ho_ten: A\nmo_hinh:\n  - ten: a\n    loai: y-te\n    don_vi: b\n  - x\n",
	"mau: dang-ky\nco_quan: &a {ten: Chi bộ A, loai: chi-bo, khoi: co-quan}\nngay: 2021-04-02\nky: *a\nguong: [*a, *a]\n",
	"mau: dang-ky\n<<: {so: 1}\nmau: dang-ky\n",
	"mau: dang-ky\n? [a, b]\n: c\n? {x: 1}\n: d\n",
	"mau: dang-ky\nco_quan:\n\tten: a\n",
	"mau: dang-ky\nky:\n  ho_ten: A\n chuc_vu: B\n",
	"mau: dang-ky\nso: 99999999999999999999\nngay: 2021-04-12\n",
	"mau: dang-ky\nngay: !!binary aGVsbG8=\nso: !!float 1.5\n",
	"mau: dang-ky\nco_quan:\n  ten: \"Chi bộ 😀 中 \\ue000\"\n",
	"mau: dang-ky\nco_quan:\n  ten: \"a\\rb\\x01\"\n",
	"mau: \"dang-ky\x01\"\n",
	"mau: dang-ky\nten: " + norm.NFD.String("Chi bộ Sở Tài chính") + "\n",
	"mau: dang-ky\n" + strings.Repeat("[", 200) + strings.Repeat("]", 200) + ": 1\n",
	"mau: dang-ky\n--- \nmau: x\n...\n",
	"%YAML 1.1\n---\nmau: dang-ky\n",
	"mau: dang-ky\nco_quan:\n  ten: |\n    Chi bộ\n    Sở Tài chính\n  loai: chi-bo\n  khoi: co-quan\nngay: 2021-04-12\nky:\n  ho_ten: >\n    A\n",
}

// FuzzLoad: whatever the bytes, Load gives either a document and no error, or no document and at
// least one error; it never panics; every problem names the file and a line that is not negative.
func FuzzLoad(f *testing.F) {
	samples, err := filepath.Glob("../samples/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	if len(samples) == 0 {
		f.Fatal("no samples in ../samples")
	}
	for _, path := range samples {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		// The same sample in Windows line endings and decomposed Unicode.
		f.Add([]byte(strings.ReplaceAll(string(data), "\n", "\r\n")))
		f.Add(norm.NFD.Bytes(data))
	}
	for _, s := range brokenSeeds {
		f.Add([]byte(s))
	}

	const name = "hồ sơ/báo cáo.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, ps := layouts.Load(name, data, input.Options{})
		if doc != nil && ps.HasErrors() {
			t.Fatalf("document together with errors:\n%s", ps.Error())
		}
		if doc == nil && !ps.HasErrors() {
			t.Fatalf("no document and no error; problems: %#v", ps)
		}
		for _, p := range ps {
			// A consolidated report also reports the problems of its cells' files.
			if p.File == "" {
				t.Errorf("problem names no file: %#v", p)
			}
			if p.Line < 0 {
				t.Errorf("problem with line %d: %#v", p.Line, p)
			}
			if p.Message == "" {
				t.Errorf("problem without a message: %#v", p)
			}
		}
		if doc != nil {
			checkDocument(t, doc)
		}
	})
}

// checkDocument checks what render.Document promises a backend: every string is valid UTF-8, NFC,
// and drawable by the embedded font (input.md: never a box in the output).
func checkDocument(t *testing.T, doc *render.Document) {
	t.Helper()
	texts := []string{
		doc.Meta.Title, doc.Meta.Author, doc.Meta.Date,
		doc.Header.ParentOrg, doc.Header.Org, doc.Header.Number, doc.Header.PlaceDate,
		doc.Title.Kind, doc.Title.Subject,
		doc.Signer.Authority, doc.Signer.Position, doc.Signer.Name,
	}
	texts = append(texts, doc.Recipients...)
	for _, b := range doc.Body {
		switch b := b.(type) {
		case render.Heading:
			texts = append(texts, b.Text)
		case render.Paragraph:
			texts = append(texts, b.Text)
		case render.Item:
			texts = append(texts, b.Label, b.Text)
		default:
			t.Errorf("unknown block %T", b)
		}
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			t.Errorf("document text is not UTF-8: %q", s)
		}
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("document text is not NFC: %q", s)
		}
		missing, err := fonts.Missing(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(missing) > 0 {
			t.Errorf("document text %q has characters the font cannot draw: %q", s, missing)
		}
	}
	if doc.Signer.Name == "" || doc.Header.Org == "" || doc.Header.PlaceDate == "" {
		t.Errorf("document without signer, organisation or date: %#v %#v", doc.Header, doc.Signer)
	}
}
