package importer

import (
	"bytes"
	"errors"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"baocao/render/embedded"
)

// maxPDFPages bounds the pages looked at for text.
const maxPDFPages = 2000

var pdfcpuOnce sync.Once

// pdfConfig is pdfcpu's configuration for reading: no configuration folder on disk, streams left
// encoded, relaxed validation (a PDF signed or updated by another program still reads).
func pdfConfig() *pdfmodel.Configuration {
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := pdfmodel.NewDefaultConfiguration()
	conf.DecodeAllStreams = false
	conf.ValidationMode = pdfmodel.ValidationRelaxed
	return conf
}

// ReadPDF reads the reports a PDF made by baocao carries: the YAML attached to it (bao-cao.yaml,
// or one per report of a combined PDF), byte for byte, as render/embedded reads it. A PDF
// without it is refused, saying why as far as github.com/pdfcpu/pdfcpu can tell: protected by a
// password, a scan (no page uses a font), damaged, or simply not made by baocao.
func ReadPDF(file string, data []byte) Result {
	if len(data) > MaxFileSize {
		return refuse(file, MsgTooLarge)
	}
	reports, err := embedded.FromPDF(data)
	switch {
	case errors.Is(err, embedded.ErrTooLarge):
		return refuse(file, MsgPDFDataTooLarge)
	case err != nil:
		return refuse(file, classifyPDF(data))
	}
	c := &collector{file: file}
	for i, yaml := range reports {
		if parsed(file, yaml) == nil {
			c.errorf(embedded.AttachmentName(i, len(reports)), "dữ liệu báo cáo đính kèm PDF có lỗi; hãy kiểm tra tệp YAML nhập ra bằng \"baocao validate\"")
		}
	}
	if c.problems.HasErrors() {
		return Result{Problems: c.problems}
	}
	return Result{Reports: reports}
}

// classifyPDF says why a PDF carries no report data.
func classifyPDF(data []byte) (msg string) {
	defer func() {
		// pdfcpu is not proof against every malformed file: a panic in it is a damaged file.
		if recover() != nil {
			msg = MsgCorruptPDF
		}
	}()
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfConfig())
	switch {
	case err != nil && strings.Contains(err.Error(), "password"):
		return MsgEncryptedPDF
	case err != nil:
		return MsgCorruptPDF
	case ctx.Encrypt != nil || ctx.E != nil:
		return MsgEncryptedPDF
	case !hasText(ctx.XRefTable):
		return MsgScannedPDF
	}
	return MsgNotBaocaoPDF
}

// hasText reports whether some page uses a font: a PDF whose pages have none is a scan.
func hasText(x *pdfmodel.XRefTable) bool {
	if err := x.EnsurePageCount(); err != nil {
		return false
	}
	for p := 1; p <= x.PageCount && p <= maxPDFPages; p++ {
		page, _, inh, err := x.PageDict(p, true)
		if err != nil || page == nil {
			continue
		}
		res := page.DictEntry("Resources")
		if res == nil && inh != nil {
			res = inh.Resources
		}
		if res == nil {
			continue
		}
		if fonts, err := x.DereferenceDict(res["Font"]); err == nil && len(fonts) > 0 {
			return true
		}
	}
	return false
}
