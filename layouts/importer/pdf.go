package importer

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"baocao/layouts/input"
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
	case errors.Is(err, embedded.ErrEncrypted):
		return refuse(file, MsgEncryptedPDF)
	case err != nil:
		return refuse(file, classifyPDF(data))
	}
	c := &collector{file: file}
	for i, yaml := range reports {
		if kindOf(file, yaml) == "tong-hop" {
			return refuse(file, MsgConsolidated)
		}
		if parsed(file, yaml) == nil {
			c.errorf(embedded.AttachmentName(i, len(reports)), "dữ liệu báo cáo đính kèm PDF có lỗi; hãy kiểm tra tệp YAML nhập ra bằng \"baocao validate\"")
		}
	}
	if c.problems.HasErrors() {
		return Result{Problems: c.problems}
	}
	return Result{Reports: reports}
}

// Limits on what pdfcpu inflates while it parses: the object and cross-reference streams.
const (
	maxIndexStreams = 10000    // object and cross-reference streams
	maxIndexBytes   = 64 << 20 // their inflated bytes, together
)

// indexStreamRE finds the dictionaries of object streams and cross-reference streams, which
// pdfcpu inflates when it parses a file (the other streams it leaves alone).
var indexStreamRE = regexp.MustCompile(`/Type\s*/(?:ObjStm|XRef)\b`)

// indexStreamsBounded inflates, within limits, every object and cross-reference stream of a PDF
// before pdfcpu does so without any: a stream of a few kilobytes can inflate to gigabytes.
func indexStreamsBounded(data []byte) bool {
	locs := indexStreamRE.FindAllIndex(data, maxIndexStreams+1)
	if len(locs) > maxIndexStreams {
		return false
	}
	total := int64(0)
	for _, loc := range locs {
		rest := data[loc[1]:]
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			continue
		}
		body := rest[i+len("stream"):]
		if bytes.HasPrefix(body, []byte("\r\n")) {
			body = body[2:]
		} else if len(body) > 0 && (body[0] == '\n' || body[0] == '\r') {
			body = body[1:]
		}
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			continue // not deflated, or damaged: pdfcpu will say
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, maxIndexBytes-total+1))
		zr.Close()
		if total += n; total > maxIndexBytes {
			return false
		}
	}
	return true
}

// classifyPDF says why a PDF carries no report data.
func classifyPDF(data []byte) (msg string) {
	if !indexStreamsBounded(data) {
		return MsgPDFDataTooLarge
	}
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

// kindOf is the "mau" of a document's YAML, "" when it cannot be read.
func kindOf(file string, yaml []byte) string {
	_, top := input.Parse(file, yaml, input.Options{})
	if top == nil {
		return ""
	}
	return top.StringOr("mau", "")
}
