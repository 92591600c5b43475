package samples_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
)

// canonical reads an input and returns its canonical YAML, failing on any error.
func canonical(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	in := layouts.Read(name, data, input.Options{Files: input.OSFiles})
	if in.Problems.HasErrors() {
		t.Fatalf("%s: errors:\n%s", name, in.Problems.Error())
	}
	out := in.Canonical()
	if len(out) == 0 {
		t.Fatalf("%s: no canonical YAML", name)
	}
	return out
}

// TestCanonicalYAML checks, for every sample, that the canonical YAML builds the same Document as
// the file it comes from, is its own canonical form, and holds no comment of the user's.
func TestCanonicalYAML(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			first := canonical(t, file, data)
			if again := canonical(t, file, first); !bytes.Equal(again, first) {
				t.Errorf("the canonical YAML is not a fixed point:\n%s\n---\n%s", first, again)
			}
			if want, got := loadDocument(t, file, data), loadDocument(t, file, first); !reflect.DeepEqual(got, want) {
				t.Errorf("the canonical YAML builds another document:\n%s", first)
			}
			for i, line := range strings.Split(string(first), "\n") {
				if i > 0 && strings.Contains(line, "#") {
					t.Errorf("line %d keeps a comment: %q", i+1, line)
				}
			}
		})
	}
}

// legacyTwins are the sample typed in TCVN3 and in VNI: their conversion recovers every letter,
// capitals included.
var legacyTwins = []string{"chi-bo-so-tai-chinh.tcvn3.yaml", "chi-bo-so-tai-chinh.vni.yaml"}

// TestCanonicalYAMLOfLegacyTwins: the chi bộ sample typed in TCVN3 or VNI has the very canonical
// YAML of the Unicode sample, its text converted.
func TestCanonicalYAMLOfLegacyTwins(t *testing.T) {
	data, err := os.ReadFile("chi-bo-so-tai-chinh.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := canonical(t, "chi-bo-so-tai-chinh.yaml", data)
	for _, twin := range legacyTwins {
		data, err := os.ReadFile(filepath.Join("testdata", "legacy", twin))
		if err != nil {
			t.Fatal(err)
		}
		if got := canonical(t, twin, data); !bytes.Equal(got, want) {
			t.Errorf("%s: canonical YAML\n%s\nwant\n%s", twin, got, want)
		}
	}
}
