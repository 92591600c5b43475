package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bcryptprimitivesDef describes a stand-in for Windows' bcryptprimitives.dll, which Go programs
// load at start-up for ProcessPrng and Wine 8 lacks: its one export forwards to advapi32's
// RtlGenRandom (SystemFunction036), which fills a buffer with random bytes and returns TRUE too.
const bcryptprimitivesDef = `LIBRARY bcryptprimitives
EXPORTS
ProcessPrng = advapi32.SystemFunction036
`

// TestWindowsExeUnderWine builds baocao.exe for windows/amd64, runs "render --format all" on
// every sample under Wine, in a folder with a Vietnamese name, and requires the same bytes as
// this platform's render. It needs Debian's wine and binutils-mingw-w64-x86-64 (for the stand-in
// DLL): skipped without them, except in CI.
func TestWindowsExeUnderWine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and starts Wine")
	}
	var missing []string
	for _, tool := range []string{"wine", "x86_64-w64-mingw32-as", "x86_64-w64-mingw32-ld"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI lacks %v", missing)
		}
		t.Skipf("no %v", missing)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	command := func(dir string, env []string, name string, args ...string) {
		t.Helper()
		c := exec.CommandContext(ctx, name, args...)
		c.Dir = dir
		c.Env = append(os.Environ(), env...)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}

	exe := filepath.Join(tmp, "baocao.exe")
	command(".", []string{"GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0"}, "go", "build", "-trimpath", "-o", exe, ".")

	prefix := filepath.Join(tmp, "wine")
	wine := []string{"WINEPREFIX=" + prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml="}
	command(tmp, wine, "wineboot", "--init")
	t.Cleanup(func() { // the prefix's wineserver, which outlives its programs for a while
		k := exec.Command("wineserver", "-k")
		k.Env = append(os.Environ(), wine...)
		k.Run()
	})
	if err := os.WriteFile(filepath.Join(tmp, "bcp.def"), []byte(bcryptprimitivesDef), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "empty.s"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	command(tmp, nil, "x86_64-w64-mingw32-as", "-o", "empty.o", "empty.s")
	// Go loads it from System32 only.
	command(tmp, nil, "x86_64-w64-mingw32-ld", "--dll", "-e", "0", "-o",
		filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"), "empty.o", "bcp.def")

	samples, err := filepath.Glob("../../samples/*.yaml")
	if err != nil || len(samples) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	winDir, linuxDir := filepath.Join(tmp, "Báo cáo chi bộ"), filepath.Join(tmp, "linux")
	var inputs []string
	for _, dir := range []string{winDir, linuxDir} {
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, s := range samples {
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), readFile(t, s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range samples {
		if name := filepath.Base(s); name != "danh-sach-khoi.yaml" { // a roster, for batch
			inputs = append(inputs, name)
		}
	}

	command(winDir, wine, "wine", append([]string{exe, "render", "--format", "all"}, inputs...)...)
	var linuxInputs []string
	for _, in := range inputs {
		linuxInputs = append(linuxInputs, filepath.Join(linuxDir, in))
	}
	if r := runMain(append([]string{"render", "--format", "all"}, linuxInputs...)...); r.code != exitOK {
		t.Fatalf("render here: %d\n%s", r.code, r.stderr)
	}
	compared := 0
	for _, in := range inputs {
		for _, ext := range []string{".pdf", ".docx"} {
			name := replaceExt(in, ext)
			if !bytes.Equal(readFile(t, filepath.Join(winDir, name)), readFile(t, filepath.Join(linuxDir, name))) {
				t.Errorf("%s: baocao.exe under Wine wrote other bytes", name)
			}
			compared++
		}
	}
	if compared < 6 {
		t.Errorf("only %d outputs compared", compared)
	}
}
