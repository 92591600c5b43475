package importer

import (
	"errors"
	"fmt"
	"strings"

	"baocao/layouts/dangky"
	"baocao/layouts/input"
)

// ReadDOCX reads a report from a DOCX: typed by hand after the KH 46 template, or made by baocao
// (then its visible text is checked against the data part it carries, and wins where they differ).
func ReadDOCX(file string, data []byte) Result {
	if len(data) > MaxFileSize {
		return refuse(file, MsgTooLarge)
	}
	p, err := openPackage(data)
	if err != nil {
		return refuse(file, err.Error())
	}
	if !p.has("word/document.xml") {
		if p.has("EncryptedPackage") {
			return refuse(file, MsgEncryptedDOCX)
		}
		return refuse(file, MsgNotDOCX)
	}
	c := &collector{file: file}
	blocks, conv, err := visibleText(p)
	if err != nil {
		return refuse(file, describe(err))
	}
	if conv.paras > 0 {
		c.warnf("", "có %d đoạn gõ bằng phông chữ cũ (%s); đã chuyển sang Unicode, hãy soát lại", conv.paras, strings.Join(conv.fonts, ", "))
	}
	for _, t := range conv.failed {
		c.errorf("", "không chuyển được sang Unicode đoạn chữ %s gõ bằng phông chữ cũ; hãy gõ lại bằng Unicode", quote(t))
	}
	rep := readReport(c, blocks)
	if rep == nil {
		return Result{Problems: c.problems}
	}
	embedded, err := embeddedData(data)
	if err != nil {
		c.warnf("", "%s", err)
	}
	if embedded != nil && !c.problems.HasErrors() {
		if same := compareEmbedded(c, rep, embedded); same != nil {
			return Result{Reports: [][]byte{same}, Problems: c.problems}
		}
	}
	guessUnseen(c, rep)
	out, err := encodeYAML(rep)
	if err != nil {
		c.errorf("", "không ghi được YAML: %v", err)
		return Result{Problems: c.problems}
	}
	if c.problems.HasErrors() {
		return Result{Problems: c.problems}
	}
	check(c, out)
	if c.problems.HasErrors() {
		return Result{Problems: c.problems}
	}
	return Result{Reports: [][]byte{out}, Problems: c.problems}
}

// visibleText reads the parts that hold a document's text and its formatting.
func visibleText(p *docxPackage) ([]block, *conversion, error) {
	doc, err := p.read("word/document.xml", maxPartSize)
	if err != nil {
		return nil, nil, err
	}
	stylesXML, err := p.read("word/styles.xml", maxPartSize)
	if err != nil {
		return nil, nil, err
	}
	numberingXML, err := p.read("word/numbering.xml", maxPartSize)
	if err != nil {
		return nil, nil, err
	}
	st, err := readStyles(stylesXML)
	if err != nil {
		return nil, nil, err
	}
	numbering, err := readNumbering(numberingXML)
	if err != nil {
		return nil, nil, err
	}
	return readDocument(doc, st, numbering)
}

// describe turns a reading error into its message.
func describe(err error) string {
	switch {
	case errors.Is(err, errCorrupt), errors.Is(err, errZipBomb), errors.Is(err, errTooComplex):
		return err.Error()
	}
	return fmt.Sprintf("%s (%v)", errCorrupt, err)
}

// check reads the YAML made from a document as render will, and adds what render would say of
// it (a name too long for the header, a kind not meant for the cell's sector, a report after the
// deadline), by the key it concerns.
func check(c *collector, yamlText []byte) {
	r, top := input.Parse(c.file, yamlText, input.Options{})
	if top != nil {
		dangky.Read(top)
	}
	for _, p := range r.Problems() {
		p.File, p.Line = c.file, 0
		c.problems = append(c.problems, p)
	}
}
