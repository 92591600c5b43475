package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestResolveVersion: the version set at build time wins, then the module's version.
func TestResolveVersion(t *testing.T) {
	info := func(v string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Path: "baocao", Version: v}}, true
		}
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	tests := []struct {
		name, injected string
		info           func() (*debug.BuildInfo, bool)
		want           string
	}{
		{"injected", "1.2.0", info("v1.1.0"), "1.2.0"},
		{"tagged module", "", info("v1.1.0"), "v1.1.0"},
		{"pseudo-version", "", info("v0.0.0-20261201120000-abcdef123456"), "v0.0.0-20261201120000-abcdef123456"},
		{"built in a clone", "", info("(devel)"), "(devel)"},
		{"module version empty", "", info(""), "(devel)"},
		{"no build info", "", none, "(devel)"},
	}
	for _, tc := range tests {
		if got := resolveVersion(tc.injected, tc.info); got != tc.want {
			t.Errorf("%s: resolveVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVersionInjectedAtBuild builds the program with -ldflags -X, as a release does, and runs
// --version, which must print the injected version.
func TestVersionInjectedAtBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	exe := filepath.Join(t.TempDir(), "baocao")
	build := exec.Command("go", "build", "-ldflags", "-s -w -X main.version=9.8.7-thu", "-o", exe, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "baocao 9.8.7-thu\n" {
		t.Errorf("--version printed %q", out)
	}
}
