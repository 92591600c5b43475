package workbook

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// template is the empty roster workbook, opened for filling.
func template(t testing.TB) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Template(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// bytesOf saves a workbook.
func bytesOf(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTemplateExampleReads(t *testing.T) {
	data := bytesOf(t, template(t))
	r, problems := ReadRoster("danh-sach.xlsx", data)
	if r == nil {
		t.Fatal(problems.Error())
	}
	t.Logf("%s\n%v", r.YAML, problems)
}
