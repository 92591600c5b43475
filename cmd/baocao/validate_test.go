package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestValidate checks a good file, a bad one and one with a warning: "hợp lệ" for each file
// without errors, every problem on stderr, nothing written, and exit 3 for the bad file.
func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := writeInput(t, dir, "tot.yaml", minimalReport)
	bad := writeInput(t, dir, "hong.yaml", edit(t, minimalReport, "so: 5", "so: năm"))
	late := writeInput(t, dir, "muon.yaml", edit(t, minimalReport, "ngay: 2021-04-12", "ngay: 20/4/2021"))

	runMain("validate", good, bad, late).check(t, exitInvalid,
		lines(good+": hợp lệ", late+": hợp lệ"),
		lines(
			bad+`:6: so: "năm" không phải là số nguyên dương`,
			late+":8: ngay: cảnh báo: ngày báo cáo 20/4/2021 sau hạn 15/4/2021 của giai đoạn 2021-2023",
			invalidOneFile,
		))
	assertDirHolds(t, dir, "tot.yaml", "hong.yaml", "muon.yaml")
}

// TestValidateAllGood exits 0 and prints "hợp lệ" for each file, writing nothing.
func TestValidateAllGood(t *testing.T) {
	dir := t.TempDir()
	a := writeInput(t, dir, "a.yaml", minimalReport)
	b := writeInput(t, dir, "b.yaml", edit(t, minimalReport, "ngay: 2021-04-12", "ngay: 2021-04"))
	runMain("validate", a, b).check(t, exitOK, lines(a+": hợp lệ", b+": hợp lệ"), "")
	assertDirHolds(t, dir, "a.yaml", "b.yaml")
}

// TestValidateSamples finds every sample valid, as the samples promise.
func TestValidateSamples(t *testing.T) {
	samples, err := filepath.Glob(filepath.Join("..", "..", "samples", "*.yaml"))
	if err != nil || len(samples) == 0 {
		t.Fatalf("no samples found (%v)", err)
	}
	var want []string
	for _, s := range samples {
		if strings.HasSuffix(s, "danh-sach-khoi.yaml") {
			want = append(want, s+": hợp lệ (6 báo cáo)")
			continue
		}
		want = append(want, s+": hợp lệ")
	}
	// The roster's late cell is warned of, as the sample says.
	late := filepath.Join("..", "..", "samples", "danh-sach-khoi.yaml") + ":53: danh_sach[4].ngay: cảnh báo: ngày báo cáo 16/4/2021 sau hạn 15/4/2021 của giai đoạn 2021-2023"
	runMain(append([]string{"validate"}, samples...)...).check(t, exitOK, lines(want...), lines(late))
}

// TestValidateMissingFile is a failure to read (exit 1), not an invalid input, and does not stop
// the other files.
func TestValidateMissingFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "khong-co.yaml")
	good := writeInput(t, dir, "tot.yaml", minimalReport)
	runMain("validate", missing, good).check(t, exitFailure,
		lines(good+": hợp lệ"),
		lines(missing+": không có tệp này", "baocao: 1 tệp không đọc được"))
	assertDirHolds(t, dir, "tot.yaml")
}
