package samples_test

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
)

// TestDOCXBytes holds the DOCX of every sample, of every YAML test case of the repository and of
// the generated fidelity documents to the bytes they had when the golden file was written: the
// SHA-256 of each file, in testdata/docx-sha256.txt. A change of the base template or of what a
// document prints changes them (then run -update, and check the DOCX goldens' diff); a change of
// how the package is zipped must not.
func TestDOCXBytes(t *testing.T) {
	docs := fidelityDocuments(t)
	var files []string
	for _, g := range []string{"*.yaml", "testdata/legacy/*.yaml", "../layouts/importer/testdata/handtyped/*.yaml", "../cmd/baocao/web/testdata/*.yaml"} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	loaded := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if doc, _ := layouts.Load(f, data, input.Options{}); doc != nil {
			docs[strings.TrimPrefix(f, "../")] = doc
			loaded++
		}
	}
	if loaded < 20 {
		t.Fatalf("only %d YAML files load", loaded)
	}
	// Without data: the package then has no custom XML part.
	bare := *loadSample(t, "chi-bo-so-tai-chinh.yaml")
	bare.Data = nil
	docs["chi-bo-so-tai-chinh.yaml without data"] = &bare
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(renderDOCX(t, docs[name])), name)
	}
	checkGolden(t, "docx-sha256.txt", []byte(b.String()))
}
