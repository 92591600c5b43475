package embedded

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// CustomXML is the custom XML part that carries data in a DOCX: the data as the text of the root
// element <du-lieu xmlns="urn:baocao:du-lieu:1">, escaped so that every byte comes back (line
// ends included). Data that XML cannot hold (not UTF-8, or with a control character other than
// tab, line feed and carriage return) is an error: the canonical YAML never holds such text.
func CustomXML(data []byte) ([]byte, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("embedded: data is not UTF-8")
	}
	for i, r := range string(data) {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return nil, fmt.Errorf("embedded: data has a character XML cannot hold at byte %d", i)
		}
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<` + RootElement + ` xmlns="` + Namespace + `">`)
	if err := xml.EscapeText(&b, data); err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	b.WriteString(`</` + RootElement + `>`)
	return b.Bytes(), nil
}

// Limits of the DOCX reader.
const (
	// maxParts is the most entries a DOCX may have.
	maxParts = 5000
	// maxItem is the largest custom XML part read: the data, escaped.
	maxItem = 6*MaxData + 4096
)

// itemRE matches the names of custom XML data parts (not their properties).
var itemRE = regexp.MustCompile(`^customXml/item[0-9]{1,6}\.xml$`)

// FromDOCX reads back the data a DOCX written by baocao carries (the custom XML part made by
// CustomXML), byte for byte. It looks at the parts themselves, not at their relationships, so a
// file whose relationships an office suite rewrote still gives its data. A DOCX that is readable
// but carries none gives ErrNoData; one protected by a password gives ErrEncrypted.
func FromDOCX(data []byte) ([]byte, error) {
	if len(data) > MaxFile {
		return nil, ErrTooLarge
	}
	// A DOCX protected by a password is not a zip but a compound file holding an EncryptionInfo
	// stream.
	if bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) && bytes.Contains(data, utf16le("EncryptionInfo")) {
		return nil, ErrEncrypted
	}
	if n, ok := zipEntries(data); !ok {
		return nil, ErrCorrupt
	} else if n > maxParts {
		return nil, ErrTooLarge
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, ErrCorrupt
	}
	var found []byte
	for _, f := range zr.File {
		if !itemRE.MatchString(f.Name) {
			continue
		}
		if f.UncompressedSize64 > maxItem {
			return nil, ErrTooLarge
		}
		rc, err := f.Open()
		if err != nil {
			return nil, ErrCorrupt
		}
		part, err := io.ReadAll(io.LimitReader(rc, maxItem+1))
		rc.Close()
		if err != nil {
			return nil, ErrCorrupt
		}
		if len(part) > maxItem {
			return nil, ErrTooLarge
		}
		d, ours, err := parseItem(part)
		if !ours {
			continue
		}
		if err != nil {
			return nil, err
		}
		if found != nil {
			return nil, ErrCorrupt // two data parts: which one is the report's is unknown
		}
		found = d
	}
	if found == nil {
		return nil, ErrNoData
	}
	return found, nil
}

// parseItem reads a custom XML part: ours reports whether its root is our element; data is its
// text when it is.
func parseItem(part []byte) (data []byte, ours bool, err error) {
	// An office suite may write the part again in UTF-16, or with a byte order mark.
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(part, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(part, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	}
	if enc != nil {
		if part, err = enc.NewDecoder().Bytes(part); err != nil {
			return nil, false, ErrCorrupt
		}
	}
	part = bytes.TrimPrefix(part, []byte("\uFEFF"))
	dec := xml.NewDecoder(bytes.NewReader(part))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "utf-16" || l == "utf-16le" || l == "utf-16be" {
			return r, nil // already turned into UTF-8 above
		}
		return nil, ErrCorrupt
	}
	depth := 0
	var text bytes.Buffer
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !ours || depth != 0 {
				return nil, ours, ErrCorrupt
			}
			return text.Bytes(), true, nil
		}
		if err != nil {
			return nil, ours, ErrCorrupt
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth > 0 {
				return nil, ours, ErrCorrupt // the data is text only
			}
			if t.Name.Space != Namespace || t.Name.Local != RootElement {
				return nil, false, nil
			}
			ours = true
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 1 {
				if text.Len()+len(t) > MaxData {
					return nil, true, ErrTooLarge
				}
				text.Write(t)
			}
		}
	}
}

// zipEntries reads the number of entries from a zip's end-of-central-directory record, before
// archive/zip reads them all; ok is false when there is no such record.
func zipEntries(data []byte) (n int, ok bool) {
	const eocdLen = 22
	start := max(0, len(data)-eocdLen-0xFFFF)
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 || start+i+eocdLen > len(data) {
		return 0, false
	}
	rec := data[start+i:]
	total := binary.LittleEndian.Uint16(rec[10:12])
	if total == 0xFFFF { // ZIP64: more entries than a document has
		return maxParts + 1, true
	}
	return int(total), true
}

// utf16le is s (ASCII) in UTF-16LE, as compound files write their stream names.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}
