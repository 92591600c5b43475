package main

import (
	"fmt"
	"strings"

	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
	"baocao/render/xlsx"
)

// format is one output format: its name for --format, its file extension, its MIME type and its
// renderer. A workbook format writes the document's workbook, which only a consolidated report
// has.
type format struct {
	name, ext, mime string
	renderer        render.Renderer
	workbook        bool
}

// formats are the output formats, in the order the help lists them.
var formats = []format{
	{name: "pdf", ext: ".pdf", mime: "application/pdf", renderer: pdf.Renderer{}},
	{name: "docx", ext: ".docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", renderer: docx.Renderer{}},
	{name: "xlsx", ext: ".xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", renderer: xlsx.Renderer{}, workbook: true},
}

// allFormats are what --format all writes: the document in both page formats.
var allFormats = []string{"pdf", "docx"}

// formatNamed finds a format by its name.
func formatNamed(name string) (format, bool) {
	for _, f := range formats {
		if f.name == name {
			return f, true
		}
	}
	return format{}, false
}

// formatField lists one field of every format: their names, their extensions.
func formatField(field func(format) string) []string {
	var out []string
	for _, f := range formats {
		out = append(out, field(f))
	}
	return out
}

// joinOr joins the items of a list for a message: "pdf, docx hoặc xlsx".
func joinOr(items ...string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " hoặc " + items[len(items)-1]
}

// check says why the format cannot write the document of file, nil when it can.
func (f format) check(file string, doc *render.Document) error {
	if f.workbook && doc.Workbook == nil {
		return fmt.Errorf("%s: định dạng %s (Excel) chỉ dùng cho báo cáo tổng hợp (mau: tong-hop); văn bản này tạo được PDF hoặc DOCX", file, f.name)
	}
	return nil
}
