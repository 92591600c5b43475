package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// Limits on a DOCX package: far above any real report (a typed report is a few tens of kilobytes),
// low enough that no file can exhaust memory or time.
const (
	// MaxFileSize is the largest file import reads.
	MaxFileSize = 32 << 20
	maxEntries  = 1000     // parts in one package
	maxPartSize = 16 << 20 // uncompressed bytes of one XML part read
	maxRatio    = 200      // uncompressed to compressed size of a large part
)

// errZipBomb is a package whose parts inflate far beyond what a document holds.
var errZipBomb = errors.New("tệp nén giải nén ra quá lớn so với kích thước của nó (có thể là tệp độc hại kiểu \"zip bomb\"); không đọc tệp này")

// docxPackage is an opened DOCX: its parts by name, read lazily and within bounds.
type docxPackage struct {
	files map[string]*zip.File
	names []string
}

// openPackage opens the zip container of a DOCX, refusing one with too many parts or parts that
// claim impossible sizes.
func openPackage(data []byte) (*docxPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errCorrupt
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("tệp nén có quá nhiều phần (%d; tối đa %d); không đọc tệp này", len(zr.File), maxEntries)
	}
	p := &docxPackage{files: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > 4*maxPartSize {
			return nil, errZipBomb
		}
		name := strings.TrimPrefix(f.Name, "/")
		if _, dup := p.files[name]; dup {
			return nil, errCorrupt
		}
		p.files[name] = f
		p.names = append(p.names, name)
	}
	return p, nil
}

// has reports whether the package holds a part.
func (p *docxPackage) has(name string) bool {
	_, ok := p.files[name]
	return ok
}

// read returns a part's bytes, nil when it is absent. A part larger than limit once inflated,
// or inflating far beyond its compressed size, is refused as a zip bomb.
func (p *docxPackage) read(name string, limit int64) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, errZipBomb
	}
	if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > maxRatio*f.CompressedSize64 {
		return nil, errZipBomb
	}
	// Inflate the raw stream here rather than through archive/zip, whose reader cannot tell a part
	// that inflates beyond the size it claims from a damaged one.
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, errCorrupt
	}
	var r io.Reader
	switch f.Method {
	case zip.Store:
		r = raw
	case zip.Deflate:
		fr := flate.NewReader(raw)
		defer fr.Close()
		r = fr
	default:
		return nil, errCorrupt
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	switch {
	case int64(len(data)) > limit, uint64(len(data)) > f.UncompressedSize64:
		return nil, errZipBomb
	case err != nil, uint64(len(data)) != f.UncompressedSize64, crc32.ChecksumIEEE(data) != f.CRC32:
		return nil, errCorrupt
	}
	return data, nil
}
