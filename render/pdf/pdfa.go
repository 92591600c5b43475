package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	_ "embed"
	"encoding/xml"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"baocao/render"
	"baocao/render/embedded"
)

// The PDF/A-3b parts of the file. fpdf writes the XMP metadata, the output intent and the catalog's
// /Lang; what it cannot express (associated files with their relationship, media type and
// parameters, the file identifier) or gets wrong (the trailer's /Info when there is an output
// intent, a transparency group on every page) archive adds or mends in the file fpdf finished.

// srgbProfile is the ICC profile of the output intent: see icc/SOURCE.txt.
//
//go:embed icc/sRGB.icc
var srgbProfile []byte

// producer is the PDF producer, in the Info dictionary and in the XMP metadata alike.
const producer = "baocao (codeberg.org/go-pdf/fpdf)"

// creator is the creating application, in the Info dictionary and in the XMP metadata alike.
const creator = "baocao"

// attachmentDesc describes each attached file to a reader's attachment panel.
const attachmentDesc = "Dữ liệu của báo cáo, để baocao đọc lại"

// archival sets on f everything of PDF/A-3b that fpdf writes itself: the document information,
// the XMP metadata that repeats it and the language. The output intent is archive's.
func archival(f *fpdf.Fpdf, meta render.Meta, created time.Time) {
	f.SetTitle(meta.Title, true)
	f.SetAuthor(meta.Author, true)
	f.SetCreator(creator, true)
	f.SetProducer(producer, true)
	f.SetLang(meta.Lang)
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetXmpMetadata(xmpMetadata(meta, created))
}

// outputIntent is the sRGB output intent of the catalog, written as fpdf would write it; its
// profile is the object numbered %d.
const outputIntent = "/OutputIntents [\n<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) " +
	"/Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R >>\n]\n"

// iccStream is the stream of the output intent's profile, compressed once per process as fpdf
// compresses it for every file (a new zlib writer at best speed, the same bytes); the object's
// number goes first.
var iccStream = sync.OnceValue(func() []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed) // a valid level
	zw.Write(srgbProfile)                            // writing to a bytes.Buffer cannot fail
	zw.Close()
	var b bytes.Buffer
	fmt.Fprintf(&b, " 0 obj\n<< /N 3 /Alternate /DeviceRGB /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
})

// xmpDate is the XMP form of a date written in the Info dictionary as D:YYYYMMDDHHmmSS: both
// without a time zone, so that they say the same.
const xmpDate = "2006-01-02T15:04:05"

// xmpMetadata is the document's XMP packet: the PDF/A-3b identification, and the title, author,
// tools and dates of the Info dictionary.
func xmpMetadata(meta render.Meta, created time.Time) []byte {
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := created.Format(xmpDate)
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` +
		`<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:format>application/pdf</dc:format>` +
		`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(meta.Title) + `</rdf:li></rdf:Alt></dc:title>` +
		`<dc:creator><rdf:Seq><rdf:li>` + esc(meta.Author) + `</rdf:li></rdf:Seq></dc:creator>` +
		`<dc:language><rdf:Bag><rdf:li>` + esc(meta.Lang) + `</rdf:li></rdf:Bag></dc:language>` +
		`</rdf:Description>` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` +
		`<xmp:CreatorTool>` + creator + `</xmp:CreatorTool>` +
		`<xmp:CreateDate>` + date + `</xmp:CreateDate>` +
		`<xmp:ModifyDate>` + date + `</xmp:ModifyDate>` +
		`<xmp:MetadataDate>` + date + `</xmp:MetadataDate>` +
		`</rdf:Description>` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` +
		`<pdf:Producer>` + esc(producer) + `</pdf:Producer></rdf:Description>` + "\n")
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="r"?>`)
	return []byte(b.String())
}

// attachment is a file attached to the PDF as an associated file of the whole document.
type attachment struct {
	name string
	data []byte
	date time.Time // its modification date: the document's date
}

// attachments lists the data of the document, under embedded.FileName; a document without data
// attaches nothing.
func attachments(d *render.Document) ([]attachment, error) {
	if d.Data == nil {
		return nil, nil
	}
	date, err := time.Parse("2006-01-02", d.Meta.Date)
	if err != nil {
		return nil, fmt.Errorf("pdf: document date %q: %w", d.Meta.Date, err)
	}
	return []attachment{{name: embedded.FileName, data: d.Data, date: date}}, nil
}

// object is one indirect object of a file, as its bytes from "N 0 obj" to the end of "endobj".
type object struct {
	num  int
	text []byte
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRE   = regexp.MustCompile(`(?s)^trailer\s*<<\s*/Size (\d+)\s*/Root (\d+) 0 R\s*/Info \d+ 0 R\s*>>`)
	// emptyTreeRE is the empty name tree of embedded files fpdf writes in the catalog when it
	// attaches nothing itself.
	emptyTreeRE = regexp.MustCompile(`/EmbeddedFiles << /Names \[\s*\] >>`)
)

// archive rewrites the file fpdf finished, raw, into the archival file: the same header and objects
// in the same order (the pages' contents compressed), the sRGB output intent and its profile
// between the Info dictionary and the catalog, then each attachment as an embedded file stream and
// its file specification (associated with the document, relationship Source), named in the
// catalog's /AF and its name tree of embedded files, and a new cross-reference table whose trailer
// carries the file identifier PDF/A requires, an MD5 digest of the file's body, so that the same
// input still gives the same bytes. The output is byte for byte what fpdf writes when it is given
// the output intent itself, which costs it a new zlib writer and compressing the profile anew for
// every file.
//
// It reads only the shape fpdf writes (one classic cross-reference table, a trailer with /Size,
// /Root and /Info, the catalog last, and its empty tree of embedded files) and fails on any other.
func archive(raw []byte, files []attachment) ([]byte, error) {
	header, objects, root, info, err := splitObjects(raw)
	if err != nil {
		return nil, err
	}
	if err := compressPages(objects); err != nil {
		return nil, err
	}
	// The output intent: fpdf's header says PDF 1.4 when it writes one (PDF 1.3 has no output
	// intents), and its profile is the object after the Info dictionary, which the catalog follows.
	header, ok := bytes.CutPrefix(header, []byte("%PDF-1.3\n"))
	last := len(objects) - 1
	catHead := fmt.Appendf(nil, "%d 0 obj\n<<\n/Type /Catalog\n/Pages 1 0 R\n", root)
	if !ok || root != info+1 || objects[last].num != root || !bytes.HasPrefix(objects[last].text, catHead) {
		return nil, fmt.Errorf("pdf: the file fpdf wrote has an unexpected header or catalog")
	}
	header = append([]byte("%PDF-1.4\n"), header...)
	profile := object{info + 1, append(strconv.AppendInt(nil, int64(info+1), 10), iccStream()...)}
	root = info + 2
	catalog := fmt.Appendf(nil, "%d 0 obj\n<<\n/Type /Catalog\n/Pages 1 0 R\n"+outputIntent, root, profile.num)
	objects[last] = object{root, append(catalog, objects[last].text[len(catHead):]...)}
	objects = slices.Insert(objects, last, profile)
	next := len(objects) + 1
	var refs, names []string
	var added []object
	for _, a := range files {
		stream, spec := next, next+1
		next += 2
		added = append(added,
			object{stream, embeddedFile(stream, a)},
			object{spec, fileSpec(spec, stream, a.name)})
		refs = append(refs, fmt.Sprintf("%d 0 R", spec))
		names = append(names, fmt.Sprintf("%s %d 0 R", literal(a.name), spec))
	}
	if len(files) > 0 {
		i := slices.IndexFunc(objects, func(o object) bool { return o.num == root })
		cat := objects[i].text
		if len(emptyTreeRE.FindAllIndex(cat, -1)) != 1 || bytes.Count(cat, []byte("/Type /Catalog")) != 1 {
			return nil, fmt.Errorf("pdf: the catalog fpdf wrote has an unexpected shape")
		}
		cat = emptyTreeRE.ReplaceAll(cat, []byte("/EmbeddedFiles << /Names ["+strings.Join(names, " ")+"] >>"))
		cat = bytes.Replace(cat, []byte("/Type /Catalog"), []byte("/Type /Catalog\n/AF ["+strings.Join(refs, " ")+"]"), 1)
		objects[i].text = cat
	}

	var out bytes.Buffer
	out.Write(header)
	offsets := map[int]int{}
	for _, o := range slices.Concat(objects, added) {
		offsets[o.num] = out.Len()
		out.Write(o.text)
	}
	id := fmt.Sprintf("%x", md5.Sum(out.Bytes()))
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		next, root, info, id, id, xref)
	return out.Bytes(), nil
}

// splitObjects cuts fpdf's file into its header and its objects, in the order they appear, from its
// cross-reference table, and returns them with the numbers of the catalog and of the Info
// dictionary.
func splitObjects(raw []byte) (header []byte, objects []object, root, info int, err error) {
	bad := func(what string) ([]byte, []object, int, int, error) {
		return nil, nil, 0, 0, fmt.Errorf("pdf: the file fpdf wrote has an unexpected %s", what)
	}
	m := startxrefRE.FindSubmatch(raw)
	if m == nil {
		return bad("end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(raw) {
		return bad("cross-reference offset")
	}
	var size int
	rest := raw[xref:]
	if _, err := fmt.Fscanf(bytes.NewReader(rest), "xref\n0 %d\n", &size); err != nil || size < 2 {
		return bad("cross-reference table")
	}
	entries := rest[len(fmt.Sprintf("xref\n0 %d\n", size)):]
	if len(entries) < 20*size {
		return bad("cross-reference table")
	}
	t := trailerRE.FindSubmatch(entries[20*size:])
	if t == nil || string(t[1]) != strconv.Itoa(size) {
		return bad("trailer")
	}
	root, _ = strconv.Atoi(string(t[2]))
	type span struct{ num, off int }
	var spans []span
	for n := 1; n < size; n++ {
		e := entries[20*n : 20*n+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return bad("cross-reference entry")
		}
		spans = append(spans, span{n, off})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.off - b.off })
	objects = make([]object, len(spans))
	for i, s := range spans {
		end := xref
		if i+1 < len(spans) {
			end = spans[i+1].off
		}
		text := raw[s.off:end]
		if !bytes.HasPrefix(text, fmt.Appendf(nil, "%d 0 obj", s.num)) {
			return bad("object")
		}
		objects[i] = object{s.num, text} // raw is never written to: edits make new slices
		// fpdf's trailer names the object before the catalog as the Info dictionary, which is
		// the ICC profile when there is an output intent: find the dictionary by its content.
		if bytes.HasPrefix(text, fmt.Appendf(nil, "%d 0 obj\n<<\n/Producer ", s.num)) {
			if info != 0 {
				return bad("Info dictionary")
			}
			info = s.num
		}
	}
	if root < 1 || root >= size || info == 0 {
		return bad("trailer or Info dictionary")
	}
	return raw[:spans[0].off], objects, root, info, nil
}

// embeddedFile is the object of a's content: a compressed stream with its media type, size,
// modification date and checksum.
func embeddedFile(num int, a attachment) []byte {
	z := deflate(zlib.DefaultCompression, a.data)
	mime := strings.ReplaceAll(embedded.MIME, "/", "#2F")
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /EmbeddedFile /Subtype /%s /Filter /FlateDecode /Length %d\n"+
		"/Params << /Size %d /CreationDate (D:%s) /ModDate (D:%s) /CheckSum <%x> >> >>\nstream\n",
		num, mime, len(z), len(a.data), a.date.Format("20060102150405"), a.date.Format("20060102150405"), md5.Sum(a.data))
	b.Write(z)
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}

// zlibWriters keeps idle zlib writers for reuse, by level: a new writer allocates about a
// megabyte. It is a bounded free list rather than a sync.Pool, which the garbage collector empties
// every cycle or two, several times in one render: then nearly every stream made a new writer.
var zlibWriters = map[int]chan *zlib.Writer{
	zlib.BestSpeed:          make(chan *zlib.Writer, runtime.GOMAXPROCS(0)),
	zlib.DefaultCompression: make(chan *zlib.Writer, runtime.GOMAXPROCS(0)),
}

// deflate compresses data with zlib at a level of zlibWriters, as a new zlib writer would.
func deflate(level int, data []byte) []byte {
	var z bytes.Buffer
	z.Grow(len(data)/2 + 64)
	idle := zlibWriters[level]
	var zw *zlib.Writer
	select {
	case zw = <-idle:
		zw.Reset(&z)
	default:
		zw, _ = zlib.NewWriterLevel(&z, level) // the levels of zlibWriters are valid
	}
	zw.Write(data) // writing to a bytes.Buffer cannot fail
	zw.Close()
	select {
	case idle <- zw:
	default: // enough idle writers already: this one goes to the garbage collector
	}
	return z.Bytes()
}

// compressPages compresses the content stream of every page, as fpdf does when its compression is
// on (zlib, best speed, /Filter /FlateDecode): fpdf writes them uncompressed, since it would make
// a new zlib writer for each page, and this reuses them.
func compressPages(objects []object) error {
	contents := map[int]bool{}
	for _, o := range objects {
		if bytes.HasPrefix(o.text, fmt.Appendf(nil, "%d 0 obj\n<</Type /Page\n", o.num)) {
			m := contentsRE.FindSubmatch(o.text)
			if m == nil {
				return fmt.Errorf("pdf: a page fpdf wrote has no contents")
			}
			n, _ := strconv.Atoi(string(m[1]))
			contents[n] = true
		}
	}
	for i, o := range objects {
		if !contents[o.num] {
			continue
		}
		head := fmt.Appendf(nil, "%d 0 obj\n<</Length ", o.num)
		const tail = "\nendstream\nendobj\n"
		rest, ok := bytes.CutPrefix(o.text, head)
		lenText, data, ok2 := bytes.Cut(rest, []byte(">>\nstream\n"))
		n, err := strconv.Atoi(string(lenText))
		if !ok || !ok2 || err != nil || !bytes.HasSuffix(data, []byte(tail)) || len(data)-len(tail) != n {
			return fmt.Errorf("pdf: a page's contents fpdf wrote have an unexpected shape")
		}
		z := deflate(zlib.BestSpeed, data[:n])
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, len(z))
		b.Write(z)
		b.WriteString(tail)
		objects[i].text = b.Bytes()
	}
	return nil
}

// contentsRE finds a page's content stream.
var contentsRE = regexp.MustCompile(`/Contents (\d+) 0 R>>`)

// fileSpec is the file specification of an attached file: its name, description, relationship to
// the document and stream.
func fileSpec(num, stream int, name string) []byte {
	return fmt.Appendf(nil, "%d 0 obj\n<< /Type /Filespec /F %s /UF %s /Desc %s /AFRelationship /Source\n"+
		"/EF << /F %d 0 R /UF %d 0 R >> >>\nendobj\n",
		num, literal(name), literal(name), utf16Text(attachmentDesc), stream, stream)
}

// literal writes an ASCII string as a PDF literal string.
func literal(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// utf16Text writes a text string as UTF-16BE with its byte order mark, in hexadecimal.
func utf16Text(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
