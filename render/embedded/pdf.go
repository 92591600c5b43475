package embedded

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf16"

	"baocao/render/pdfsyntax"
)

// FromPDF reads back the data of every document a PDF written by baocao carries, in the documents'
// order: one for a report, several for a combined file. It finds the attached files by their names
// (FileName, or bao-cao-01.yaml, …) among the file's objects themselves (at the top level and in
// object streams) rather than through the cross-reference table, so that it also reads a file that
// was signed, updated or saved again by another program after baocao wrote it. A PDF that is
// readable but carries none gives ErrNoData, or ErrEncrypted when it is encrypted.
func FromPDF(data []byte) ([][]byte, error) {
	if len(data) > MaxFile {
		return nil, ErrTooLarge
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, ErrCorrupt
	}
	objects, err := scanObjects(data)
	if err != nil {
		return nil, err
	}
	if err := objects.unpackStreams(); err != nil {
		return nil, err
	}
	// The file specifications of our attachments, by name; a later definition replaces an earlier.
	specs := map[string]pdfDict{}
	for _, num := range objects.order {
		o := objects.byNum[num]
		if o.dict["Type"] != pdfName("Filespec") {
			continue
		}
		name := textString(o.dict["UF"])
		if name == "" {
			name = textString(o.dict["F"])
		}
		if attachmentNameRE.MatchString(name) {
			specs[name] = o.dict
		}
	}
	if len(specs) == 0 {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return nil, ErrEncrypted // its strings, our file names among them, are encrypted
		}
		return nil, ErrNoData
	}
	if len(specs) > MaxDocuments {
		return nil, ErrTooLarge
	}
	names := make([]string, 0, len(specs))
	for n := range specs {
		names = append(names, n)
	}
	slices.Sort(names)
	if len(names) > 1 && slices.Contains(names, FileName) {
		return nil, ErrCorrupt
	}
	out := make([][]byte, len(names))
	for i, n := range names {
		if out[i], err = objects.content(specs[n]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// attachmentNameRE matches the names AttachmentName gives.
var attachmentNameRE = regexp.MustCompile(`^bao-cao(-[0-9]{2,6})?\.yaml$`)

// Limits of the PDF scanner.
const (
	maxObjects = 1 << 20
	maxDepth   = 32
)

// pdfObject is an indirect object: its dictionary (nil for another kind of object) and, for a
// stream, the stream's raw bytes.
type pdfObject struct {
	dict   pdfDict
	stream []byte
}

type (
	pdfDict map[string]any
	pdfName string
	pdfRef  struct{ num, gen int }
)

// pdfObjects are the indirect objects of a file, by number, with the numbers in file order.
type pdfObjects struct {
	byNum map[int]pdfObject
	order []int
}

var objRE = regexp.MustCompile(`(?:^|[\r\n\t\f ])([0-9]{1,10})[\r\n\t\f ]+([0-9]{1,5})[\r\n\t\f ]+obj\b`)

// scanObjects finds the indirect objects of data from beginning to end, stepping over the content
// of every stream whose length it can read, so that bytes inside a stream are never taken for an
// object.
func scanObjects(data []byte) (pdfObjects, error) {
	objs := pdfObjects{byNum: map[int]pdfObject{}}
	pos := 0
	for len(objs.order) < maxObjects {
		loc := objRE.FindSubmatchIndex(data[pos:])
		if loc == nil {
			return objs, nil
		}
		num, _ := strconv.Atoi(string(data[pos+loc[2] : pos+loc[3]]))
		p := &parser{data: data, pos: pos + loc[1]}
		pos += loc[1]
		v, err := p.value(0)
		if err != nil {
			// Not an object we can read: go on after what was read of it, so that no byte is
			// read twice.
			pos = max(pos, p.pos)
			continue
		}
		d, _ := v.(pdfDict)
		o := pdfObject{dict: d}
		p.space()
		if d != nil && bytes.HasPrefix(data[p.pos:], []byte("stream")) {
			start := p.pos + len("stream")
			if bytes.HasPrefix(data[start:], []byte("\r\n")) {
				start += 2
			} else if bytes.HasPrefix(data[start:], []byte("\n")) {
				start++
			}
			n, ok := d["Length"].(int)
			if !ok || n < 0 || start+n > len(data) {
				// An indirect or wrong length: the stream ends at its keyword.
				end := bytes.Index(data[start:], []byte("endstream"))
				if end < 0 {
					return objs, nil
				}
				n = end
			}
			o.stream = data[start : start+n]
			pos = start + n
		} else {
			pos = p.pos
		}
		if _, seen := objs.byNum[num]; !seen {
			objs.order = append(objs.order, num)
		}
		objs.byNum[num] = o
	}
	return objs, ErrTooLarge
}

// maxUnpacked is the most bytes of object streams FromPDF decompresses in one file.
const maxUnpacked = 16 << 20

// unpackStreams adds the objects held in object streams (/Type /ObjStm, which a PDF 1.5 writer
// uses when it saves a file again) to those found at the top level; an object found at the top
// level is kept.
func (objs *pdfObjects) unpackStreams() error {
	budget := maxUnpacked
	for _, num := range slices.Clone(objs.order) {
		o := objs.byNum[num]
		if o.dict["Type"] != pdfName("ObjStm") {
			continue
		}
		n, ok1 := o.dict["N"].(int)
		first, ok2 := o.dict["First"].(int)
		if !ok1 || !ok2 || n < 0 || n > maxObjects || first < 0 {
			continue
		}
		data, err := objs.decode(o, budget)
		if err == ErrTooLarge {
			return err
		}
		if err != nil {
			continue // a damaged object stream: what it held is not there
		}
		budget -= len(data)
		if first > len(data) {
			continue
		}
		header := &parser{data: data[:first]}
		for range n {
			num, err1 := header.value(0)
			off, err2 := header.value(0)
			objNum, ok1 := num.(int)
			offset, ok2 := off.(int)
			if err1 != nil || err2 != nil || !ok1 || !ok2 || offset < 0 || first+offset > len(data) {
				break
			}
			if _, seen := objs.byNum[objNum]; seen {
				continue
			}
			p := &parser{data: data, pos: first + offset}
			v, err := p.value(0)
			if err != nil {
				continue
			}
			d, _ := v.(pdfDict)
			objs.byNum[objNum] = pdfObject{dict: d}
			objs.order = append(objs.order, objNum)
			if len(objs.order) > maxObjects {
				return ErrTooLarge
			}
		}
	}
	return nil
}

// content is the decoded content of the embedded file a file specification points to.
func (objs pdfObjects) content(spec pdfDict) ([]byte, error) {
	ef, _ := objs.resolve(spec["EF"]).(pdfDict)
	if ef == nil {
		return nil, ErrCorrupt
	}
	ref, ok := ef["UF"].(pdfRef)
	if !ok {
		ref, ok = ef["F"].(pdfRef)
	}
	o, found := objs.byNum[ref.num]
	if !ok || !found || o.dict == nil || o.stream == nil {
		return nil, ErrCorrupt
	}
	return objs.decode(o, MaxData)
}

// decode is a stream's content, unfiltered (no filter, or FlateDecode), at most limit bytes.
func (objs pdfObjects) decode(o pdfObject, limit int) ([]byte, error) {
	filter := o.dict["Filter"]
	if a, ok := filter.([]any); ok && len(a) == 1 {
		filter = a[0]
	}
	switch filter {
	case nil:
		if len(o.stream) > limit {
			return nil, ErrTooLarge
		}
		return bytes.Clone(o.stream), nil
	case pdfName("FlateDecode"):
	default:
		return nil, ErrCorrupt
	}
	zr, err := zlib.NewReader(bytes.NewReader(o.stream))
	if err != nil {
		return nil, ErrCorrupt
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, ErrCorrupt
	}
	if len(out) > limit {
		return nil, ErrTooLarge
	}
	return out, nil
}

// resolve follows a reference to a direct object (a dictionary's value), once.
func (objs pdfObjects) resolve(v any) any {
	if r, ok := v.(pdfRef); ok {
		if o, ok := objs.byNum[r.num]; ok && o.dict != nil {
			return o.dict
		}
		return nil
	}
	return v
}

// textString decodes a PDF text string (PDFDocEncoding's ASCII part, or UTF-16BE with its byte
// order mark); anything else gives "".
func textString(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	if b := []byte(s); len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	return s
}

// parser reads PDF objects from data at pos.
type parser struct {
	data []byte
	pos  int
}

var errSyntax = errors.New("pdf syntax")

// space skips white space and comments.
func (p *parser) space() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case pdfsyntax.IsSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// value reads one object: a dictionary, array, name, string, number, reference, boolean or null.
func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, errSyntax
	}
	p.space()
	if p.pos >= len(p.data) {
		return nil, errSyntax
	}
	switch c := p.data[p.pos]; {
	case bytes.HasPrefix(p.data[p.pos:], []byte("<<")):
		p.pos += 2
		d := pdfDict{}
		for {
			p.space()
			if bytes.HasPrefix(p.data[p.pos:], []byte(">>")) {
				p.pos += 2
				return d, nil
			}
			k, err := p.value(depth + 1)
			name, ok := k.(pdfName)
			if err != nil || !ok {
				return nil, errSyntax
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			d[string(name)] = v
		}
	case c == '[':
		p.pos++
		var a []any
		for {
			p.space()
			if p.pos < len(p.data) && p.data[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '/':
		start := p.pos + 1
		p.pos++
		for p.pos < len(p.data) && !pdfsyntax.IsDelim(p.data[p.pos]) {
			p.pos++
		}
		return pdfName(p.data[start:p.pos]), nil
	case c == '(':
		return p.str(pdfsyntax.Literal)
	case c == '<':
		return p.str(pdfsyntax.Hex)
	default:
		return p.atom()
	}
}

// str reads the literal or hexadecimal string at p.pos with read, and moves past it.
func (p *parser) str(read func([]byte, int) ([]byte, int, error)) (any, error) {
	b, next, err := read(p.data, p.pos)
	if err != nil {
		return nil, errSyntax
	}
	p.pos = next
	return string(b), nil
}

// atom reads a number, a reference (two integers and R), true, false or null.
func (p *parser) atom() (any, error) {
	word := func() string {
		start := p.pos
		for p.pos < len(p.data) && !pdfsyntax.IsDelim(p.data[p.pos]) {
			p.pos++
		}
		return string(p.data[start:p.pos])
	}
	w := word()
	switch w {
	case "":
		return nil, errSyntax
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	n, err := strconv.Atoi(w)
	if err != nil {
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return nil, errSyntax
		}
		return f, nil
	}
	// "n g R" is a reference: look ahead without consuming otherwise.
	save := p.pos
	p.space()
	if g, err := strconv.Atoi(word()); err == nil && n >= 0 && g >= 0 {
		p.space()
		if word() == "R" {
			return pdfRef{n, g}, nil
		}
	}
	p.pos = save
	return n, nil
}
