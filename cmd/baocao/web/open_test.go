package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

// documentOf builds a report's document as the command line does.
func documentOf(t *testing.T, yaml []byte) *render.Document {
	t.Helper()
	doc, problems := layouts.Load("bao-cao.yaml", yaml, input.Options{})
	if doc == nil {
		t.Fatal(problems.Error())
	}
	return doc
}

// opened posts a file to "Mở bản đã lưu" and decodes the answer.
func opened(t *testing.T, data []byte) (int, checkResult) {
	t.Helper()
	rec := openFile(t, testHandler(), data)
	var res checkResult
	if err := json.NewDecoder(rec.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return rec.Code, res
}

// TestOpenPDFAndDOCX: a PDF or a DOCX made by baocao opens in the form with the very values of
// the YAML it was made from.
func TestOpenPDFAndDOCX(t *testing.T) {
	yaml, err := os.ReadFile("testdata/moi-khoa.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := documentOf(t, yaml)
	var p, d bytes.Buffer
	if err := (pdf.Renderer{}).Render(&p, doc); err != nil {
		t.Fatal(err)
	}
	if err := (docx.Renderer{}).Render(&d, doc); err != nil {
		t.Fatal(err)
	}
	code, fromYAML := opened(t, yaml)
	if code != http.StatusOK || fromYAML.Form == nil {
		t.Fatalf("open of the YAML: %d %+v", code, fromYAML)
	}
	for name, data := range map[string][]byte{"PDF": p.Bytes(), "DOCX": d.Bytes()} {
		code, got := opened(t, data)
		if code != http.StatusOK || got.Form == nil {
			t.Errorf("open of the %s: %d %+v", name, code, got)
			continue
		}
		if !reflect.DeepEqual(got, fromYAML) {
			t.Errorf("the %s opens as\n%+v\nwant, as its YAML,\n%+v", name, got, fromYAML)
		}
	}
}

// TestOpenRefusesOtherPDFs: a combined PDF of several reports and a damaged PDF or DOCX are
// refused in plain words.
func TestOpenRefusesOtherPDFs(t *testing.T) {
	yaml, err := os.ReadFile("testdata/moi-khoa.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := documentOf(t, yaml)
	var one, combined bytes.Buffer
	if err := (pdf.Renderer{}).Render(&one, doc); err != nil {
		t.Fatal(err)
	}
	c, err := pdf.NewCombiner(&combined, doc.Meta)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := c.Add(one.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"combined", combined.Bytes(), "Tệp PDF này gộp báo cáo của 2 chi bộ, đảng bộ; biểu mẫu chỉ mở được báo cáo của một nơi. Hãy mở tệp PDF hoặc Word của riêng báo cáo cần sửa."},
		{"damaged PDF", []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"), "Không mở được tệp này: tệp PDF bị hỏng, không đọc được."},
		{"damaged DOCX", []byte("PK\x03\x04 not a zip"), "Không mở được tệp này: tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx."},
	} {
		code, res := opened(t, tc.data)
		if code != http.StatusUnprocessableEntity || res.Form != nil || len(res.Errors) != 1 || res.Errors[0].Message != tc.want {
			t.Errorf("%s: %d %+v\nwant the error %q", tc.name, code, res, tc.want)
		}
	}
}
