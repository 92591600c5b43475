package importer

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits of the PDF reader.
const (
	maxPDFPages    = 2000  // pages looked at for text
	maxNameEntries = 10000 // entries of the embedded files' name tree
	maxTreeDepth   = 16    // levels of that tree
)

// attachmentRE matches the names baocao gives the data it attaches: bao-cao.yaml for one report,
// bao-cao-01.yaml, bao-cao-02.yaml, … for a PDF that combines many.
var attachmentRE = regexp.MustCompile(`^bao-cao(-[0-9]{2,6})?\.yaml$`)

var pdfcpuOnce sync.Once

// pdfConfig is pdfcpu's configuration for reading: no configuration folder on disk, streams left
// encoded until asked for, relaxed validation (a PDF signed or updated by another program still
// reads).
func pdfConfig() *pdfmodel.Configuration {
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := pdfmodel.NewDefaultConfiguration()
	conf.DecodeAllStreams = false
	conf.ValidationMode = pdfmodel.ValidationRelaxed
	return conf
}

// ReadPDF reads the reports a PDF made by baocao carries: the YAML attached to it as an embedded
// file (bao-cao.yaml, or one per report of a combined PDF), byte for byte. A PDF without it is
// refused, saying whether it has text at all (a scan) or not.
//
// The PDF is parsed by github.com/pdfcpu/pdfcpu, with its streams left encoded; the attachment's
// stream is inflated here, within the data limit.
func ReadPDF(file string, data []byte) (res Result) {
	if len(data) > MaxFileSize {
		return refuse(file, MsgTooLarge)
	}
	defer func() {
		// pdfcpu is not proof against every malformed file: a panic in it is a corrupt file.
		if recover() != nil {
			res = refuse(file, MsgCorruptPDF)
		}
	}()
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfConfig())
	if err != nil {
		if strings.Contains(err.Error(), "password") {
			return refuse(file, MsgEncryptedPDF)
		}
		return refuse(file, MsgCorruptPDF)
	}
	if ctx.Encrypt != nil || ctx.E != nil {
		return refuse(file, MsgEncryptedPDF)
	}
	files, err := embeddedFiles(ctx.XRefTable)
	if err != nil {
		return refuse(file, describePDF(err))
	}
	var names []string
	for name := range files {
		if attachmentRE.MatchString(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		if hasText(ctx.XRefTable) {
			return refuse(file, MsgNotBaocaoPDF)
		}
		return refuse(file, MsgScannedPDF)
	}
	sort.Strings(names)
	c := &collector{file: file}
	var reports [][]byte
	for _, name := range names {
		yaml, err := attachment(ctx.XRefTable, files[name])
		if err != nil {
			c.errorf(name, "%s", describePDF(err))
			continue
		}
		if parsed(file, yaml) == nil {
			c.errorf(name, "dữ liệu báo cáo đính kèm PDF có lỗi; hãy kiểm tra tệp YAML nhập ra bằng \"baocao validate\"")
		}
		reports = append(reports, yaml)
	}
	if c.problems.HasErrors() {
		return Result{Problems: c.problems}
	}
	return Result{Reports: reports, Problems: c.problems}
}

var errPDFData = errors.New("pdf data")

// describePDF turns a reading error into its message.
func describePDF(err error) string {
	if errors.Is(err, errZipBomb) || errors.Is(err, errTooComplex) {
		return err.Error()
	}
	return MsgCorruptPDF
}

// embeddedFiles walks the catalog's /Names /EmbeddedFiles name tree into its file
// specifications by name, within bounds.
func embeddedFiles(x *pdfmodel.XRefTable) (map[string]types.Object, error) {
	out := map[string]types.Object{}
	root, err := x.Catalog()
	if err != nil {
		return nil, errPDFData
	}
	names, err := x.DereferenceDict(root["Names"])
	if err != nil || names == nil {
		return out, nil
	}
	tree, err := x.DereferenceDict(names["EmbeddedFiles"])
	if err != nil || tree == nil {
		return out, nil
	}
	count := 0
	var walk func(d types.Dict, depth int) error
	walk = func(d types.Dict, depth int) error {
		if depth > maxTreeDepth {
			return errTooComplex
		}
		if arr, err := x.DereferenceArray(d["Names"]); err == nil {
			for i := 0; i+1 < len(arr); i += 2 {
				if count++; count > maxNameEntries {
					return errTooComplex
				}
				key, err := x.Dereference(arr[i])
				if err != nil {
					return errPDFData
				}
				var name string
				switch k := key.(type) {
				case types.StringLiteral:
					name, err = types.StringLiteralToString(k)
				case types.HexLiteral:
					name, err = types.HexLiteralToString(k)
				default:
					continue
				}
				if err != nil {
					continue
				}
				out[name] = arr[i+1]
			}
		}
		if kids, err := x.DereferenceArray(d["Kids"]); err == nil {
			for _, k := range kids {
				kid, err := x.DereferenceDict(k)
				if err != nil || kid == nil {
					return errPDFData
				}
				if err := walk(kid, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(tree, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// attachment decodes the embedded file of a file specification, refusing more than the data
// limit.
func attachment(x *pdfmodel.XRefTable, spec types.Object) ([]byte, error) {
	fs, err := x.DereferenceDict(spec)
	if err != nil || fs == nil {
		return nil, errPDFData
	}
	ef, err := x.DereferenceDict(fs["EF"])
	if err != nil || ef == nil {
		return nil, errPDFData
	}
	ref := ef["F"]
	if ref == nil {
		ref = ef["UF"]
	}
	sd, _, err := x.DereferenceStreamDict(ref)
	if err != nil || sd == nil {
		return nil, errPDFData
	}
	for _, f := range sd.FilterPipeline {
		if f.Name != "FlateDecode" {
			return nil, fmt.Errorf("%w: filter %s", errPDFData, f.Name)
		}
	}
	if len(sd.FilterPipeline) > 1 {
		return nil, fmt.Errorf("%w: %d filters", errPDFData, len(sd.FilterPipeline))
	}
	if len(sd.FilterPipeline) == 0 {
		if len(sd.Raw) > maxDataPart {
			return nil, errZipBomb
		}
		return sd.Raw, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(sd.Raw))
	if err != nil {
		return nil, errPDFData
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxDataPart+1))
	switch {
	case len(out) > maxDataPart:
		return nil, errZipBomb
	case err != nil:
		return nil, errPDFData
	}
	return out, nil
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
		fonts, err := x.DereferenceDict(res["Font"])
		if err == nil && len(fonts) > 0 {
			return true
		}
	}
	return false
}
