package pdf

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"hash"
	"io"
	"regexp"
	"slices"
	"strconv"

	"baocao/fonts"
	"baocao/render"
	"baocao/render/embedded"
)

// Combining finished reports into one file.
//
// Every file Renderer.Render writes has the same fonts under the same resource names (the three
// faces, added in the same order, are named /F and the SHA-1 of fpdf's font definition), and
// writes its text as CIDs that are the characters' code points, which each font's CIDToGIDMap maps
// to the glyphs of the subset it embeds. A page's content stream therefore does not depend on the
// subset its file embedded: a combined file copies every page's compressed content stream as it
// is and draws all of them with one set of fonts that holds every character the faces have. Those
// fonts, with the resource dictionary, the XMP metadata, the output intent, the Info dictionary
// and the catalog, come from a carrier: a file made as the reports are, whose one page draws
// every character of every face, and is then dropped.

// ErrNotReport is wrapped by the errors of Combiner.Add for a file that is not a PDF
// Renderer.Render wrote; the error says what did not match.
var ErrNotReport = errors.New("pdf: not a report made by baocao")

// Object numbers the combined file gives first: the page tree and the catalog are written last,
// when every page and attachment is known, but the pages point to the tree as they are written.
const (
	pagesNum   = 1
	catalogNum = 2
)

// Combiner writes one PDF/A-3b file of many documents that Renderer.Render made, for printing them
// at once: each starts on a new page and keeps its own page numbers, and the data attached to the
// k-th of n documents is attached under embedded.AttachmentName(k, n), as in a file of one
// document. It lays out and draws nothing again: Add copies each page's content stream and the
// attached data straight to the writer, and keeps only the object numbers of the document's pages
// and attachment, so that memory stays flat in the number of documents. The same documents added
// in the same order give the same bytes. A Combiner is not safe for concurrent use.
type Combiner struct {
	out     *hashWriter
	carrier *carrier
	next    int     // the next free object number
	offsets []int64 // by object number: where the object starts in the file (0: not yet written)
	kids    []int   // the page objects, in order
	files   []int   // per document: its embedded file stream, 0 when it attaches nothing
	started bool    // the header and the carrier's objects are written
	closed  bool
}

// NewCombiner starts a combined file that meta describes (its title, author, date and language, in
// the Info dictionary and the XMP metadata). Nothing is written to w before the first Add.
func NewCombiner(w io.Writer, meta render.Meta) (*Combiner, error) {
	car, err := newCarrier(meta)
	if err != nil {
		return nil, err
	}
	return &Combiner{
		out:     &hashWriter{w: bufio.NewWriterSize(w, 64<<10), h: md5.New()},
		carrier: car,
		next:    car.next,
		offsets: make([]int64, car.next),
	}, nil
}

// Add appends the pages of doc, a PDF Renderer.Render wrote, and its attached data. A file of
// another shape is refused with an error that wraps ErrNotReport, before anything of it is
// written: the Combiner can go on with the next document. An error of the writer is final.
func (c *Combiner) Add(doc []byte) error {
	switch {
	case c.closed:
		return errors.New("pdf: Add after Close")
	case c.out.err != nil:
		return c.out.err
	}
	r, err := parseReport(doc)
	if err != nil {
		return err
	}
	if !bytes.Equal(r.header, c.carrier.header) {
		return notReport("header")
	}
	for _, name := range r.fonts {
		if !c.carrier.fonts[name] {
			return notReport("fonts")
		}
	}
	if !c.started {
		c.started = true
		c.out.Write(c.carrier.header)
		for _, o := range c.carrier.objects {
			c.begin(o.num)
			c.out.Write(o.text)
		}
	}
	for _, p := range r.pages {
		page, contents := c.take(), c.take()
		c.kids = append(c.kids, page)
		c.begin(page)
		box := ""
		if p.box != c.carrier.box {
			box = "/MediaBox [" + p.box + "]\n"
		}
		fmt.Fprintf(c.out, "%d 0 obj\n<</Type /Page\n/Parent %d 0 R\n%s/Resources %d 0 R\n/Contents %d 0 R>>\nendobj\n",
			page, pagesNum, box, c.carrier.resources, contents)
		c.copyObject(contents, r.objects[p.contents])
	}
	file := 0
	if r.attachment != 0 {
		file = c.take()
		c.copyObject(file, r.objects[r.attachment])
	}
	c.files = append(c.files, file)
	return c.out.err
}

// Close writes the attachments' file specifications (which carry their names, known once the
// number of documents is), the page tree, the catalog, the cross-reference table and the trailer,
// whose file identifier is the MD5 digest of everything before it, and flushes the writer. A
// Combiner to which nothing was added writes nothing and gives an error.
func (c *Combiner) Close() error {
	if c.closed {
		return errors.New("pdf: Close after Close")
	}
	c.closed = true
	if c.out.err != nil {
		return c.out.err
	}
	n := len(c.files)
	if n == 0 {
		return errors.New("pdf: no document to combine")
	}
	var refs, names []byte
	for k, stream := range c.files {
		if stream == 0 {
			continue
		}
		spec := c.take()
		c.begin(spec)
		name := embedded.AttachmentName(k, n)
		c.out.Write(fileSpec(spec, stream, name))
		refs = fmt.Appendf(refs, " %d 0 R", spec)
		names = fmt.Appendf(names, " %s %d 0 R", literal(name), spec)
	}
	c.begin(pagesNum)
	fmt.Fprintf(c.out, "%d 0 obj\n<</Type /Pages\n/Kids [", pagesNum)
	for _, k := range c.kids {
		fmt.Fprintf(c.out, "%d 0 R ", k)
	}
	fmt.Fprintf(c.out, "]\n/Count %d\n/MediaBox [%s]\n>>\nendobj\n", len(c.kids), c.carrier.box)
	cat := c.carrier.catalog
	if len(refs) > 0 {
		// The carrier's catalog has the shape parseReport checked: one /Type /Catalog and one
		// empty tree of embedded files.
		cat = emptyTreeRE.ReplaceAllLiteral(cat, slices.Concat([]byte("/EmbeddedFiles << /Names ["), names[1:], []byte("] >>")))
		cat = bytes.Replace(cat, []byte("/Type /Catalog"), slices.Concat([]byte("/Type /Catalog\n/AF ["), refs[1:], []byte("]")), 1)
	}
	c.begin(catalogNum)
	c.out.Write(cat)

	id := fmt.Sprintf("%x", c.out.h.Sum(nil))
	xref := c.out.n
	fmt.Fprintf(c.out, "xref\n0 %d\n0000000000 65535 f \n", c.next)
	for _, off := range c.offsets[1:] {
		fmt.Fprintf(c.out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(c.out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		c.next, catalogNum, c.carrier.info, id, id, xref)
	if c.out.err == nil {
		c.out.err = c.out.w.Flush()
	}
	return c.out.err
}

// take gives the next object number.
func (c *Combiner) take() int {
	c.next++
	c.offsets = append(c.offsets, 0)
	return c.next - 1
}

// begin records that object num starts here.
func (c *Combiner) begin(num int) { c.offsets[num] = c.out.n }

// copyObject writes a stream object of a report under the number num: its text after
// "N 0 obj\n", which parseReport checked holds no reference.
func (c *Combiner) copyObject(num int, text []byte) {
	c.begin(num)
	fmt.Fprintf(c.out, "%d 0 obj\n", num)
	c.out.Write(text[bytes.IndexByte(text, '\n')+1:])
}

// hashWriter writes through a buffer, counting the bytes and hashing them; its first error is
// kept and stops every later write.
type hashWriter struct {
	w   *bufio.Writer
	h   hash.Hash
	n   int64
	err error
}

func (h *hashWriter) Write(p []byte) (int, error) {
	if h.err != nil {
		return 0, h.err
	}
	h.h.Write(p)
	h.n += int64(len(p))
	if _, err := h.w.Write(p); err != nil {
		h.err = fmt.Errorf("pdf: %w", err)
	}
	return len(p), h.err
}

// carrier holds what the combined file takes of a file that draws every character of every face.
type carrier struct {
	header []byte
	// objects are the carrier's resource dictionary, fonts, XMP metadata, ICC profile and Info
	// dictionary, renumbered from 3 in their order: the combined file writes them first.
	objects []object
	// catalog is the carrier's catalog, renumbered as catalogNum, with its empty tree of
	// embedded files.
	catalog         []byte
	resources, info int // the new numbers of the resource dictionary and the Info dictionary
	next            int // the first object number after those of objects
	box             string
	fonts           map[string]bool // the font resource names
}

// carrierLine is how many characters the carrier draws on a line; where they fall does not matter,
// since its page is dropped.
const carrierLine = 64

// newCarrier makes the carrier of a combined file that meta describes.
func newCarrier(meta render.Meta) (*carrier, error) {
	f, err := newFpdf(meta)
	if err != nil {
		return nil, err
	}
	f.AddPage()
	y := render.MarginTop
	for _, s := range fonts.Styles {
		runes, err := fonts.Runes(s)
		if err != nil {
			return nil, err
		}
		f.SetFont(fonts.Family, string(s), render.SizeText)
		for line := range slices.Chunk(runes, carrierLine) {
			f.Text(render.MarginLeft, y, string(line))
			y += 2
		}
	}
	var raw bytes.Buffer
	if err := f.Output(&raw); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	file, err := archive(raw.Bytes(), nil)
	if err != nil {
		return nil, err
	}
	r, err := parseReport(file)
	if err != nil {
		return nil, fmt.Errorf("pdf: the file that carries the fonts: %w", err)
	}
	// Renumber every object but the page tree, the page and its contents, and the catalog.
	drop := map[int]bool{r.pagesNum: true, r.root: true}
	for _, p := range r.pages {
		drop[p.contents], drop[p.num] = true, true
	}
	renum := map[int]int{r.pagesNum: pagesNum, r.root: catalogNum}
	next := catalogNum + 1
	var kept []int
	for _, num := range r.order {
		if !drop[num] {
			renum[num] = next
			next++
			kept = append(kept, num)
		}
	}
	car := &carrier{
		header:    r.header,
		resources: renum[r.resources],
		info:      renum[r.info],
		next:      next,
		box:       r.box,
		fonts:     map[string]bool{},
	}
	for _, name := range r.fonts {
		car.fonts[name] = true
	}
	for _, num := range kept {
		text, err := renumber(r.objects[num], renum)
		if err != nil {
			return nil, err
		}
		car.objects = append(car.objects, object{renum[num], text})
	}
	if car.catalog, err = renumber(r.objects[r.root], renum); err != nil {
		return nil, err
	}
	if len(emptyTreeRE.FindAllIndex(car.catalog, -1)) != 1 || bytes.Count(car.catalog, []byte("/Type /Catalog")) != 1 {
		return nil, fmt.Errorf("pdf: the catalog of the file that carries the fonts has an unexpected shape")
	}
	return car, nil
}

// renumber rewrites the object number of an object and every reference in it (in its dictionary:
// a stream's data is kept as it is) through renum; strings are kept as they are. A reference to an
// object renum lacks is an error.
func renumber(text []byte, renum map[int]int) ([]byte, error) {
	num, rest, ok := bytes.Cut(text, []byte(" 0 obj\n"))
	n, err := strconv.Atoi(string(num))
	if !ok || err != nil {
		return nil, fmt.Errorf("pdf: renumber: no object header")
	}
	newNum, ok := renum[n]
	if !ok {
		return nil, fmt.Errorf("pdf: renumber: object %d has no new number", n)
	}
	out := fmt.Appendf(nil, "%d 0 obj\n", newNum)
	for i := 0; i < len(rest); {
		switch ch := rest[i]; {
		case ch == '(': // a literal string, with its escapes and nested parentheses
			depth, j := 0, i
			for ; j < len(rest); j++ {
				if rest[j] == '\\' {
					j++
				} else if rest[j] == '(' {
					depth++
				} else if rest[j] == ')' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			j = min(j+1, len(rest))
			out = append(out, rest[i:j]...)
			i = j
		case bytes.HasPrefix(rest[i:], []byte("<<")):
			out = append(out, "<<"...)
			i += 2
		case ch == '<': // a hexadecimal string
			j := bytes.IndexByte(rest[i:], '>')
			if j < 0 {
				j = len(rest) - i - 1
			}
			out = append(out, rest[i:i+j+1]...)
			i += j + 1
		case bytes.HasPrefix(rest[i:], []byte("stream\n")):
			return append(out, rest[i:]...), nil
		case ch >= '0' && ch <= '9' && (i == 0 || isDelimiter(rest[i-1])):
			m := refRE.FindSubmatch(rest[i:])
			if m == nil {
				j := i
				for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
					j++
				}
				out = append(out, rest[i:j]...)
				i = j
				continue
			}
			old, err := strconv.Atoi(string(m[1]))
			to, ok := renum[old]
			if err != nil || !ok {
				return nil, fmt.Errorf("pdf: renumber: a reference to object %s, which has no new number", m[1])
			}
			out = strconv.AppendInt(out, int64(to), 10)
			out = append(out, " 0 R"...)
			i += len(m[0])
		default:
			out = append(out, ch)
			i++
		}
	}
	return out, nil
}

// refRE matches a reference at the start of the bytes.
var refRE = regexp.MustCompile(`^([0-9]{1,10}) 0 R\b`)

// isDelimiter is whether c ends a token.
func isDelimiter(c byte) bool {
	return bytes.IndexByte([]byte(" \t\r\n\f\x00()<>[]{}/%"), c) >= 0
}

// report is what parseReport read of a file Renderer.Render wrote.
type report struct {
	header  []byte
	objects map[int][]byte // each object's text, from "N 0 obj\n" to "endobj\n"
	order   []int          // the object numbers in file order
	root    int            // the catalog
	info    int            // the Info dictionary
	// pagesNum is the page tree, box its media box (that of every page that does not set one).
	pagesNum int
	box      string
	pages    []reportPage
	// resources is the resource dictionary every page uses, fonts its font resource names.
	resources int
	fonts     []string
	// attachment is the embedded file stream of the attached data, 0 when there is none.
	attachment int
}

// reportPage is a page of a report: its object, its content stream and its media box.
type reportPage struct {
	num, contents int
	box           string
}

// The objects of a report, in the shape archive writes them.
var (
	reportTrailerRE = regexp.MustCompile(`^trailer\n<<\n/Size ([0-9]{1,7})\n/Root ([0-9]{1,7}) 0 R\n/Info ([0-9]{1,7}) 0 R\n` +
		`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]\n>>\nstartxref\n([0-9]{1,10})\n%%EOF\n$`)
	reportXrefRE = regexp.MustCompile(`^xref\n0 ([0-9]{1,7})\n0000000000 65535 f \n`)
	// reportCatalogRE reads the catalog's /AF, /Pages and tree of embedded files; the lines
	// between them (output intent, language, metadata) are the combined file's own.
	reportCatalogRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<<\n/Type /Catalog\n(?:/AF \[([0-9]{1,7}) 0 R\]\n)?/Pages ([0-9]{1,7}) 0 R\n` +
		`(?:[^\n]*\n)*?/Names <<\n/EmbeddedFiles << /Names \[(?:\s*|\(bao-cao\.yaml\) ([0-9]{1,7}) 0 R)\] >>\n>>\n>>\nendobj\n$`)
	reportPagesRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<</Type /Pages\n/Kids \[((?:[0-9]{1,7} 0 R )+)\]\n/Count ([0-9]{1,7})\n` +
		`/MediaBox \[(` + boxPattern + `)\]\n>>\nendobj\n$`)
	reportPageRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<</Type /Page\n/Parent ([0-9]{1,7}) 0 R\n(?:/MediaBox \[(` + boxPattern + `)\]\n)?` +
		`/Resources ([0-9]{1,7}) 0 R\n/Contents ([0-9]{1,7}) 0 R>>\nendobj\n$`)
	reportResourcesRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<<\n/ProcSet \[/PDF /Text /ImageB /ImageC /ImageI\]\n` +
		`/Font <<\n((?:/F[0-9a-f]{40} [0-9]{1,7} 0 R\n)+)>>\n/XObject <<\n>>\n/ColorSpace <<\n>>\n>>\nendobj\n$`)
	reportFontRE     = regexp.MustCompile(`/(F[0-9a-f]{40}) `)
	reportFileSpecRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<< /Type /Filespec [^\n]*\n/EF << /F ([0-9]{1,7}) 0 R `)
	reportContentsRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<</Filter /FlateDecode /Length ([0-9]{1,10})>>\nstream\n`)
	reportEmbeddedRE = regexp.MustCompile(`^[0-9]+ 0 obj\n<< /Type /EmbeddedFile /Subtype /application#2Fyaml /Filter /FlateDecode /Length ([0-9]{1,10})\n` +
		`/Params << /Size [0-9]{1,10} /CreationDate \(D:[0-9]{14}\) /ModDate \(D:[0-9]{14}\) /CheckSum <[0-9a-f]{32}> >> >>\nstream\n`)
)

// boxPattern is a media box as fpdf writes it.
const boxPattern = `0 0 [0-9]{1,5}\.[0-9]{2} [0-9]{1,5}\.[0-9]{2}`

// streamEnd ends every stream object.
const streamEnd = "\nendstream\nendobj\n"

// notReport is the error of a file that is not a report, at what.
func notReport(what string) error { return fmt.Errorf("%w: unexpected %s", ErrNotReport, what) }

// parseReport reads a file Renderer.Render wrote: its cross-reference table and trailer, whose
// file identifier must be the digest of the body, its catalog, page tree, pages, their content
// streams and resource dictionary, and its attachment. Any other shape is refused with an error
// that wraps ErrNotReport; no count or length is trusted before it is checked against the file.
func parseReport(doc []byte) (*report, error) {
	if len(doc) > embedded.MaxFile {
		return nil, fmt.Errorf("%w: larger than %d MiB", ErrNotReport, embedded.MaxFile>>20)
	}
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		return nil, notReport("start: not a PDF")
	}
	t := bytes.LastIndex(doc, []byte("\ntrailer\n")) + 1
	if t == 0 {
		return nil, notReport("end: no trailer")
	}
	m := reportTrailerRE.FindSubmatch(doc[t:])
	if m == nil {
		return nil, notReport("trailer")
	}
	size, _ := strconv.Atoi(string(m[1]))
	root, _ := strconv.Atoi(string(m[2]))
	info, _ := strconv.Atoi(string(m[3]))
	xref, _ := strconv.Atoi(string(m[6]))
	if xref <= 0 || xref >= t {
		return nil, notReport("cross-reference offset")
	}
	x := reportXrefRE.FindSubmatch(doc[xref:t])
	if x == nil || string(x[1]) != string(m[1]) || size < 2 || len(x[0])+20*(size-1) != t-xref {
		return nil, notReport("cross-reference table")
	}
	if string(m[4]) != string(m[5]) || fmt.Sprintf("%x", md5.Sum(doc[:xref])) != string(m[4]) {
		return nil, notReport("file identifier: the file was changed or cut")
	}
	r := &report{objects: make(map[int][]byte, size), root: root, info: info}
	type span struct{ num, off int }
	spans := make([]span, 0, size-1)
	entries := doc[xref+len(x[0]) : t]
	for n := 1; n < size; n++ {
		e := entries[20*(n-1) : 20*n]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xref {
			return nil, notReport("cross-reference entry")
		}
		spans = append(spans, span{n, off})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.off - b.off })
	for i, s := range spans {
		end := xref
		if i+1 < len(spans) {
			end = spans[i+1].off
		}
		text := doc[s.off:end]
		if !bytes.HasPrefix(text, fmt.Appendf(nil, "%d 0 obj\n", s.num)) || !bytes.HasSuffix(text, []byte("\nendobj\n")) {
			return nil, notReport("object")
		}
		r.objects[s.num] = text
		r.order = append(r.order, s.num)
	}
	r.header = doc[:spans[0].off]
	if _, ok := r.objects[info]; !ok || !bytes.HasPrefix(r.objects[info], fmt.Appendf(nil, "%d 0 obj\n<<\n/Producer ", info)) {
		return nil, notReport("Info dictionary")
	}
	cat := reportCatalogRE.FindSubmatch(r.objects[root])
	if cat == nil || string(cat[1]) != string(cat[3]) {
		return nil, notReport("catalog")
	}
	r.pagesNum, _ = strconv.Atoi(string(cat[2]))
	if err := r.pageTree(); err != nil {
		return nil, err
	}
	if len(cat[1]) > 0 {
		spec, _ := strconv.Atoi(string(cat[1]))
		s := reportFileSpecRE.FindSubmatch(r.objects[spec])
		if s == nil {
			return nil, notReport("file specification")
		}
		r.attachment, _ = strconv.Atoi(string(s[1]))
		if !bytes.Equal(r.objects[spec], fileSpec(spec, r.attachment, embedded.FileName)) ||
			!isStream(r.objects[r.attachment], reportEmbeddedRE) {
			return nil, notReport("attachment")
		}
	}
	return r, nil
}

// pageTree reads the page tree, each page and its content stream, and the resource dictionary.
func (r *report) pageTree() error {
	t := reportPagesRE.FindSubmatch(r.objects[r.pagesNum])
	if t == nil {
		return notReport("page tree")
	}
	r.box = string(t[3])
	kids := bytes.Fields(t[1]) // "N", "0", "R", …
	if count, _ := strconv.Atoi(string(t[2])); count != len(kids)/3 {
		return notReport("page count")
	}
	seen := map[int]bool{}
	for i := 0; i < len(kids); i += 3 {
		num, _ := strconv.Atoi(string(kids[i]))
		p := reportPageRE.FindSubmatch(r.objects[num])
		if p == nil {
			return notReport("page")
		}
		parent, _ := strconv.Atoi(string(p[1]))
		resources, _ := strconv.Atoi(string(p[3]))
		contents, _ := strconv.Atoi(string(p[4]))
		if parent != r.pagesNum || r.resources != 0 && resources != r.resources {
			return notReport("page")
		}
		// A page or content stream listed twice would be copied twice: a small file could
		// make a large one.
		if seen[num] || seen[contents] || !isStream(r.objects[contents], reportContentsRE) {
			return notReport("page contents")
		}
		seen[num], seen[contents] = true, true
		r.resources = resources
		box := r.box
		if len(p[2]) > 0 {
			box = string(p[2])
		}
		r.pages = append(r.pages, reportPage{num: num, contents: contents, box: box})
	}
	res := reportResourcesRE.FindSubmatch(r.objects[r.resources])
	if res == nil {
		return notReport("resources")
	}
	for _, f := range reportFontRE.FindAllSubmatch(res[1], -1) {
		r.fonts = append(r.fonts, string(f[1]))
	}
	return nil
}

// isStream is whether text is a stream object whose dictionary head matches (its first
// submatch the stream's length) and whose data is exactly that long.
func isStream(text []byte, head *regexp.Regexp) bool {
	m := head.FindSubmatch(text[:min(len(text), 512)])
	if m == nil {
		return false
	}
	n, err := strconv.Atoi(string(m[1]))
	return err == nil && n == len(text)-len(m[0])-len(streamEnd) && bytes.HasSuffix(text, []byte(streamEnd))
}
