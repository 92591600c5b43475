// Package samples_test runs every sample input through the whole path (input, Document, PDF) and
// checks the result: golden files of the model and of the PDF's text, the layout measured from the
// PDF itself, and byte-for-byte determinism.
package samples_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleFiles lists every sample input that is one document (not a roster of many).
func sampleFiles(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if !isRoster(t, f) {
			files = append(files, f)
		}
	}
	if len(files) < 4 {
		t.Fatalf("samples: want at least 4 documents, found %d", len(files))
	}
	return files
}

// isRoster reports whether a sample is a roster of many cells.
func isRoster(t testing.TB, file string) bool {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, top := input.Parse(file, data, input.Options{})
	return top != nil && top.IsRoster()
}

// loadDocument builds the document of an input, failing on any error (warnings are allowed).
func loadDocument(t testing.TB, name string, data []byte) *render.Document {
	t.Helper()
	doc, problems := layouts.Load(name, data, input.Options{Files: input.OSFiles})
	if problems.HasErrors() || doc == nil {
		t.Fatalf("%s: unexpected errors:\n%s", name, problems.Error())
	}
	return doc
}

// loadSample builds the document of a sample file.
func loadSample(t testing.TB, file string) *render.Document {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return loadDocument(t, file, data)
}

// renderPDF renders a document to PDF bytes.
func renderPDF(t testing.TB, doc *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// needTool returns the path of a command-line tool. Without it the test is skipped on a
// developer's machine, but fails in CI, where .ci/run installs it.
func needTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run must install it", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils)", name)
	}
	return path
}

// pdfToText runs pdftotext with the given options on PDF bytes and returns its output.
func pdfToText(t testing.TB, pdfBytes []byte, opts ...string) []byte {
	t.Helper()
	tool := needTool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdfBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{}, opts...), in, "-")
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("pdftotext %v: %v", opts, err)
	}
	return out
}

// checkGolden compares got with testdata/name, or rewrites it under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./samples -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./samples -update and review the diff.\ngot:\n%s", path, got)
	}
}

// baseName is a sample's name without its extension.
func baseName(file string) string { return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) }

func TestGoldenModel(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			got, err := json.MarshalIndent(loadSample(t, file), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, baseName(file)+".json", append(got, '\n'))
		})
	}
}

func TestGoldenPDFText(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			text := pdfToText(t, renderPDF(t, loadSample(t, file)), "-layout")
			checkGolden(t, baseName(file)+".txt", text)
		})
	}
}

func TestSameInputSameBytes(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			first := renderPDF(t, loadSample(t, file))
			second := renderPDF(t, loadSample(t, file))
			if !bytes.Equal(first, second) {
				t.Fatal("two renderings of the same input differ")
			}
		})
	}
}

// TestDecomposedInput feeds each sample in Unicode NFD, as macOS and Unikey's "Unicode tổ hợp" write
// it: the PDF must be the same bytes as from the composed text.
func TestDecomposedInput(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			nfd := norm.NFD.Bytes(data)
			if bytes.Equal(nfd, data) {
				t.Fatal("the sample has no composed characters to decompose")
			}
			want := renderPDF(t, loadDocument(t, file, data))
			got := renderPDF(t, loadDocument(t, file, nfd))
			if !bytes.Equal(got, want) {
				t.Fatal("decomposed input gives a different PDF")
			}
		})
	}
}

// BenchmarkRenderPDF measures rendering one sample, from its Document to PDF bytes.
func BenchmarkRenderPDF(b *testing.B) {
	doc := loadSample(b, "chi-bo-so-tai-chinh.yaml")
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures reading and checking one sample input into its Document.
func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile("chi-bo-so-tai-chinh.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if doc, _ := layouts.Load("chi-bo-so-tai-chinh.yaml", data, input.Options{}); doc == nil {
			b.Fatal("no document")
		}
	}
}

// TestMetadata checks the PDF's document information and that only the three faces a report uses
// are embedded.
func TestMetadata(t *testing.T) {
	file := "dang-bo-cong-ty-moi-truong.yaml"
	doc := loadSample(t, file)
	pdfBytes := renderPDF(t, doc)
	info := pdfInfo(t, pdfBytes)
	want := map[string]string{
		"Title":        "Báo cáo kết quả đăng ký xây dựng, nhân rộng các mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, giai đoạn 2021-2023",
		"Author":       "Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị Yên Bái",
		"CreationDate": "2021-04-14T00:00:00Z",
		"Page size":    "595.28 x 841.89 pts (A4)",
		"Pages":        "3",
	}
	for key, value := range want {
		if info[key] != value {
			t.Errorf("pdfinfo %s: got %q, want %q", key, info[key], value)
		}
	}
	if !bytes.Contains(pdfBytes, []byte("/Lang (vi)")) {
		t.Error("the catalog does not declare the language vi")
	}
	if n := bytes.Count(pdfBytes, []byte("/FontFile2")); n != 3 {
		t.Errorf("%d embedded font files, want 3 (regular, bold, italic)", n)
	}
}

// pdfInfo runs pdfinfo on PDF bytes and returns its fields.
func pdfInfo(t testing.TB, pdfBytes []byte) map[string]string {
	t.Helper()
	tool := needTool(t, "pdfinfo")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdfBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-isodates", in).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if key, value, ok := strings.Cut(line, ":"); ok {
			fields[key] = strings.TrimSpace(value)
		}
	}
	return fields
}

// TestLegacyTwins renders the chi bộ sample as typed in TCVN3 and in VNI (testdata/legacy, kept by
// go test ./layouts/input -run LegacyTwins): each converts, with warnings, to the same PDF text as
// the Unicode sample, and --no-convert refuses it.
func TestLegacyTwins(t *testing.T) {
	want := pdfToText(t, renderPDF(t, loadSample(t, "chi-bo-so-tai-chinh.yaml")), "-layout")
	for _, twin := range []string{"chi-bo-so-tai-chinh.tcvn3.yaml", "chi-bo-so-tai-chinh.vni.yaml"} {
		t.Run(twin, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "legacy", twin))
			if err != nil {
				t.Fatal(err)
			}
			doc, problems := layouts.Load(twin, data, input.Options{})
			if doc == nil {
				t.Fatalf("errors:\n%s", problems.Error())
			}
			converted := 0
			for _, p := range problems {
				if p.Warning && strings.HasPrefix(p.Message, "đã chuyển từ bảng mã") {
					converted++
				}
			}
			if converted < 10 {
				t.Errorf("%d conversions warned of, want one for each Vietnamese value", converted)
			}
			if got := pdfToText(t, renderPDF(t, doc), "-layout"); !bytes.Equal(got, want) {
				t.Errorf("PDF text differs from the Unicode sample's:\n%s", got)
			}
			if doc, _ := layouts.Load(twin, data, input.Options{NoConvert: true}); doc != nil {
				t.Error("--no-convert accepted legacy text")
			}
		})
	}
}
