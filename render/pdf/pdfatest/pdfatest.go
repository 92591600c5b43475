// Package pdfatest checks, for tests, that a PDF meets the PDF/A-3b requirements that can be read
// from the file itself, and that it carries the data it should. It reads the file with qpdf
// (qpdf --check, and qpdf --json with the streams decoded), and checks:
//
//   - qpdf finds no syntax or stream error, and no encryption;
//   - the trailer has a file identifier (/ID);
//   - the XMP metadata says pdfaid:part 3 and pdfaid:conformance B, and its dc:title, dc:creator,
//     xmp:CreatorTool, pdf:Producer, xmp:CreateDate and xmp:ModifyDate say what the Info
//     dictionary says;
//   - the catalog has /Lang and a GTS_PDFA1 output intent whose profile is an ICC stream with /N 3;
//   - every font is a Type0 font over an embedded TrueType CIDFont (FontFile2) with a CIDToGIDMap, and
//     every glyph a page shows is in the font program (not .notdef) and has a width in /W equal to
//     its advance there;
//   - the header and its binary comment, nothing after the last %%EOF;
//   - no JavaScript (/JS, /JavaScript), no transparency group, soft mask or constant alpha below 1,
//     no annotation (baocao draws none);
//   - the catalog's /AF lists one file specification per document with data, each with
//     /AFRelationship /Source, its name (render/embedded.AttachmentName), an embedded file of type
//     application/yaml with /Params /ModDate and /Size, and content equal to the data byte for byte.
package pdfatest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"baocao/render/embedded"
)

// Check fails t with every requirement the PDF breaks. data holds the data of each document of the
// file in order, nil for a document without data (which attaches nothing).
func Check(t testing.TB, pdf []byte, data [][]byte) {
	t.Helper()
	c := &checker{t: t}
	c.load(pdf)
	if c.objects == nil {
		return
	}
	c.fileStructure(pdf)
	c.trailer()
	c.metadata()
	c.outputIntent()
	c.fonts()
	c.forbidden()
	c.attachments(data)
}

type checker struct {
	t       testing.TB
	objects map[string]json.RawMessage // "obj:N 0 R" and "trailer"
	root    map[string]any
	info    map[string]any
}

func (c *checker) errorf(format string, args ...any) {
	c.t.Helper()
	c.t.Errorf("PDF/A: "+format, args...)
}

// load runs qpdf on the file.
func (c *checker) load(pdf []byte) {
	c.t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") != "" {
			c.t.Fatal("qpdf is not installed; .ci/run must install it")
		}
		c.t.Skip("qpdf is not installed (apt-get install qpdf)")
	}
	path := filepath.Join(c.t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		c.t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		c.errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		c.t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		Encrypt struct {
			Encrypted bool `json:"encrypted"`
		} `json:"encrypt"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		c.t.Fatalf("qpdf --json: %v", err)
	}
	if doc.Encrypt.Encrypted {
		c.errorf("the file is encrypted")
	}
	if err := json.Unmarshal(doc.QPDF[1], &c.objects); err != nil {
		c.t.Fatal(err)
	}
	tr, _ := c.value("trailer").(map[string]any)
	c.root, _ = c.deref(tr["/Root"]).(map[string]any)
	c.info, _ = c.deref(tr["/Info"]).(map[string]any)
	if c.root == nil || c.info == nil {
		c.t.Fatalf("no catalog or Info dictionary: trailer %v", tr)
	}
}

// object returns the value of an object ("obj:N 0 R" or "trailer"), or for a stream its
// dictionary and decoded data.
func (c *checker) object(key string) (value any, dict map[string]any, data []byte) {
	var o struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
			Data string         `json:"data"`
		} `json:"stream"`
	}
	raw, ok := c.objects[key]
	if !ok || json.Unmarshal(raw, &o) != nil {
		return nil, nil, nil
	}
	if o.Stream != nil {
		d, _ := base64.StdEncoding.DecodeString(o.Stream.Data)
		return nil, o.Stream.Dict, d
	}
	return o.Value, nil, nil
}

func (c *checker) value(key string) any { v, _, _ := c.object(key); return v }

// deref follows a reference ("N 0 R") to its value; any other value is returned as it is.
func (c *checker) deref(v any) any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		return c.value("obj:" + s)
	}
	return v
}

// stream follows a reference to a stream.
func (c *checker) stream(v any) (map[string]any, []byte) {
	s, _ := v.(string)
	_, d, data := c.object("obj:" + s)
	return d, data
}

// text is a string value of qpdf's JSON ("u:…" text), or "".
func text(v any) string {
	s, _ := v.(string)
	if t, ok := strings.CutPrefix(s, "u:"); ok {
		return t
	}
	return ""
}

// fileStructure checks the header and the end of the file: a comment of at least four bytes above
// 127 on the second line, and nothing after %%EOF but one end of line.
func (c *checker) fileStructure(pdf []byte) {
	lines := bytes.SplitN(pdf, []byte("\n"), 3)
	if len(lines) < 3 || !bytes.HasPrefix(lines[0], []byte("%PDF-1.")) || len(lines[0]) != 8 {
		c.errorf("the header is not %%PDF-1.n on a line of its own")
	} else if high := bytes.IndexFunc(lines[1], func(r rune) bool { return r < 128 && r != '%' }); !bytes.HasPrefix(lines[1], []byte("%")) || high >= 0 || len(lines[1]) < 5 {
		c.errorf("the second line is not a comment of at least four bytes above 127: %q", lines[1])
	}
	if !bytes.HasSuffix(pdf, []byte("%%EOF\n")) && !bytes.HasSuffix(pdf, []byte("%%EOF")) {
		c.errorf("something follows the last %%%%EOF")
	}
}

func (c *checker) trailer() {
	tr, _ := c.value("trailer").(map[string]any)
	if _, ok := tr["/Encrypt"]; ok {
		c.errorf("the trailer has /Encrypt")
	}
	if id, _ := tr["/ID"].([]any); len(id) != 2 {
		c.errorf("the trailer has no file identifier /ID: %v", tr["/ID"])
	}
}

// xmpValues reads the XMP properties (by "prefix:name", the text of the property or of its first
// rdf:li) from a packet.
func xmpValues(packet []byte) (map[string]string, error) {
	prefixes := map[string]string{
		"http://www.aiim.org/pdfa/ns/id/":  "pdfaid",
		"http://purl.org/dc/elements/1.1/": "dc",
		"http://ns.adobe.com/xap/1.0/":     "xmp",
		"http://ns.adobe.com/pdf/1.3/":     "pdf",
	}
	values := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(packet))
	var prop string
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return values, nil
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p, ok := prefixes[t.Name.Space]; ok {
				prop = p + ":" + t.Name.Local
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" && prop != "" {
				if _, seen := values[prop]; !seen {
					values[prop] = string(t)
				}
			}
		case xml.EndElement:
			if _, ok := prefixes[t.Name.Space]; ok {
				prop = ""
			}
		}
	}
}

// infoDate turns an Info date, D:YYYYMMDDHHmmSS with an optional zone, into a time.
func infoDate(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	for _, layout := range []string{"20060102150405Z07'00'", "20060102150405Z", "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

func (c *checker) metadata() {
	d, packet := c.stream(c.root["/Metadata"])
	if d == nil || d["/Type"] != "/Metadata" || d["/Subtype"] != "/XML" {
		c.errorf("the catalog has no XMP metadata stream")
		return
	}
	v, err := xmpValues(packet)
	if err != nil {
		c.errorf("XMP: %v", err)
		return
	}
	if v["pdfaid:part"] != "3" || v["pdfaid:conformance"] != "B" {
		c.errorf("XMP pdfaid part %q conformance %q, want 3 and B", v["pdfaid:part"], v["pdfaid:conformance"])
	}
	for prop, key := range map[string]string{"dc:title": "/Title", "dc:creator": "/Author", "xmp:CreatorTool": "/Creator", "pdf:Producer": "/Producer"} {
		if got, want := v[prop], text(c.info[key]); got != want {
			c.errorf("XMP %s is %q, Info %s is %q", prop, got, key, want)
		}
	}
	for prop, key := range map[string]string{"xmp:CreateDate": "/CreationDate", "xmp:ModifyDate": "/ModDate"} {
		want, err := infoDate(text(c.info[key]))
		if err != nil {
			c.errorf("Info %s: %v", key, err)
			continue
		}
		got, err := time.Parse("2006-01-02T15:04:05", v[prop])
		if err != nil {
			got, err = time.Parse(time.RFC3339, v[prop])
		}
		if err != nil || !got.Equal(want) {
			c.errorf("XMP %s is %q, Info %s is %s", prop, v[prop], key, text(c.info[key]))
		}
	}
}

func (c *checker) outputIntent() {
	if text(c.root["/Lang"]) == "" {
		c.errorf("the catalog has no /Lang")
	}
	intents, _ := c.deref(c.root["/OutputIntents"]).([]any)
	found := false
	for _, oi := range intents {
		m, _ := c.deref(oi).(map[string]any)
		if m["/S"] != "/GTS_PDFA1" {
			continue
		}
		d, profile := c.stream(m["/DestOutputProfile"])
		if d == nil || d["/N"] != 3.0 || len(profile) < 128 || string(profile[36:40]) != "acsp" || string(profile[16:20]) != "RGB " {
			c.errorf("the output intent's profile is not an RGB ICC stream with /N 3: %v", d)
		}
		found = true
	}
	if !found {
		c.errorf("no GTS_PDFA1 output intent: %v", c.root["/OutputIntents"])
	}
}

// widthsOf reads a CIDFont's /W array into widths by CID.
func widthsOf(w []any) (map[int]float64, error) {
	out := map[int]float64{}
	for i := 0; i < len(w); {
		first, ok := w[i].(float64)
		if !ok || i+1 >= len(w) {
			return nil, fmt.Errorf("bad /W at %d", i)
		}
		if list, ok := w[i+1].([]any); ok {
			for j, x := range list {
				out[int(first)+j], _ = x.(float64)
			}
			i += 2
			continue
		}
		last, ok1 := w[i+1].(float64)
		if i+2 >= len(w) {
			return nil, fmt.Errorf("bad /W at %d", i)
		}
		width, ok2 := w[i+2].(float64)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("bad /W at %d", i)
		}
		for cid := int(first); cid <= int(last); cid++ {
			out[cid] = width
		}
		i += 3
	}
	return out, nil
}

// embeddedFont is a font as the pages use it: its widths and its embedded program.
type embeddedFont struct {
	name     string
	widths   map[int]float64 // by CID
	cidToGID []byte
	program  *sfnt.Font
}

// fonts checks every font of every page's resources, and the glyphs each page shows.
func (c *checker) fonts() {
	pages := 0
	for key := range c.objects {
		page, _ := c.value(key).(map[string]any)
		if page["/Type"] != "/Page" {
			continue
		}
		pages++
		res, _ := c.deref(page["/Resources"]).(map[string]any)
		fontRes, _ := c.deref(res["/Font"]).(map[string]any)
		fonts := map[string]*embeddedFont{}
		for name, ref := range fontRes {
			fonts[name] = c.font(name, ref)
		}
		var content []byte
		switch v := page["/Contents"].(type) {
		case string:
			_, content = c.stream(v)
		case []any:
			for _, s := range v {
				_, d := c.stream(s)
				content = append(append(content, d...), '\n')
			}
		}
		c.shownGlyphs(key, content, fonts)
	}
	if pages == 0 {
		c.errorf("no page")
	}
}

// font reads one font resource and checks that it is embedded with widths.
func (c *checker) font(name string, ref any) *embeddedFont {
	f, _ := c.deref(ref).(map[string]any)
	switch f["/Subtype"] {
	case "/Type0":
		desc, _ := f["/DescendantFonts"].([]any)
		if len(desc) != 1 {
			c.errorf("font %s: no descendant font", name)
			return nil
		}
		cid, _ := c.deref(desc[0]).(map[string]any)
		if cid["/Subtype"] != "/CIDFontType2" {
			c.errorf("font %s: descendant %v is not a TrueType CIDFont", name, cid["/Subtype"])
			return nil
		}
		w, _ := c.deref(cid["/W"]).([]any)
		widths, err := widthsOf(w)
		if err != nil || len(widths) == 0 {
			c.errorf("font %s: no /W widths (%v)", name, err)
			return nil
		}
		fd, _ := c.deref(cid["/FontDescriptor"]).(map[string]any)
		_, program := c.stream(fd["/FontFile2"])
		parsed, err := sfnt.Parse(program)
		if err != nil {
			c.errorf("font %s: not embedded (FontFile2): %v", name, err)
			return nil
		}
		var cidToGID []byte
		switch m, _ := cid["/CIDToGIDMap"].(string); {
		case m == "":
			c.errorf("font %s: a CIDFontType2 without /CIDToGIDMap", name)
		case m != "/Identity":
			_, cidToGID = c.stream(m)
		}
		return &embeddedFont{name: name, widths: widths, cidToGID: cidToGID, program: parsed}
	default:
		// baocao draws only with embedded TrueType CIDFonts; any other font is a change to check.
		c.errorf("font %s: subtype %v, want /Type0 over an embedded CIDFontType2", name, f["/Subtype"])
		return nil
	}
}

// shownGlyphs checks that every glyph a content stream shows has its width, equal to the embedded
// program's advance.
func (c *checker) shownGlyphs(page string, content []byte, fonts map[string]*embeddedFont) {
	var current *embeddedFont
	var stack []*embeddedFont
	var operands []token
	var buf sfnt.Buffer
	checked := map[*embeddedFont]map[int]bool{}
	show := func(s string) {
		if current == nil {
			c.errorf("%s: text shown with no usable font", page)
			return
		}
		if checked[current] == nil {
			checked[current] = map[int]bool{}
		}
		for i := 0; i+1 < len(s); i += 2 {
			cid := int(s[i])<<8 | int(s[i+1])
			if checked[current][cid] {
				continue
			}
			checked[current][cid] = true
			w, ok := current.widths[cid]
			if !ok {
				c.errorf("%s: font %s shows CID %d (U+%04X) without a width in /W", page, current.name, cid, cid)
				continue
			}
			gid := cid
			if current.cidToGID != nil {
				if 2*cid+1 >= len(current.cidToGID) {
					c.errorf("%s: font %s: CID %d outside CIDToGIDMap", page, current.name, cid)
					continue
				}
				gid = int(current.cidToGID[2*cid])<<8 | int(current.cidToGID[2*cid+1])
			}
			if gid == 0 {
				c.errorf("%s: font %s shows CID %d (U+%04X) as .notdef", page, current.name, cid, cid)
				continue
			}
			upem := current.program.UnitsPerEm()
			adv, err := current.program.GlyphAdvance(&buf, sfnt.GlyphIndex(gid), fixed.I(int(upem)), font.HintingNone)
			if err != nil {
				c.errorf("%s: font %s: glyph %d of CID %d: %v", page, current.name, gid, cid, err)
				continue
			}
			if want := float64(adv) / 64 * 1000 / float64(upem); math.Abs(want-w) > 1 {
				c.errorf("%s: font %s: CID %d (U+%04X) has width %v in /W, %.1f in the font program", page, current.name, cid, cid, w, want)
			}
		}
	}
	toks, err := tokens(content)
	if err != nil {
		c.errorf("%s: content stream: %v", page, err)
	}
	for _, tok := range toks {
		if !tok.op {
			operands = append(operands, tok)
			continue
		}
		switch tok.s {
		case "q":
			stack = append(stack, current)
		case "Q":
			if n := len(stack); n > 0 {
				current, stack = stack[n-1], stack[:n-1]
			}
		case "Tf":
			if n := len(operands); n >= 2 {
				current = fonts[operands[n-2].s]
			}
		case "Tj", "'", "\"":
			if n := len(operands); n >= 1 && operands[n-1].str {
				show(operands[n-1].s)
			}
		case "TJ":
			for _, o := range operands {
				if o.str {
					show(o.s)
				}
			}
		case "BI":
			c.errorf("%s: inline image", page)
		}
		operands = operands[:0]
	}
}

// forbidden walks every object for what PDF/A forbids or this project rules out.
func (c *checker) forbidden() {
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range c.objects {
			if !yield(k) {
				return
			}
		}
	})
	for _, key := range keys {
		v, d, _ := c.object(key)
		if d != nil {
			v = d
		}
		c.walk(key, v)
	}
}

func (c *checker) walk(where string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "/JS", "/JavaScript":
				c.errorf("%s: %s", where, k)
			case "/SMask":
				if x != "/None" {
					c.errorf("%s: soft mask", where)
				}
			case "/CA", "/ca":
				if f, ok := x.(float64); ok && f < 1 {
					c.errorf("%s: constant alpha %s %v", where, k, f)
				}
			case "/Annots":
				// baocao draws no annotation; one would need an appearance stream to be checked.
				c.errorf("%s: annotations", where)
			case "/S":
				if x == "/Transparency" {
					c.errorf("%s: transparency group", where)
				}
			}
			c.walk(where, x)
		}
	case []any:
		for _, x := range v {
			c.walk(where, x)
		}
	}
}

// attachments checks the associated files against the documents' data.
func (c *checker) attachments(data [][]byte) {
	var want []int // indexes of the documents with data
	for i, d := range data {
		if d != nil {
			want = append(want, i)
		}
	}
	af, _ := c.deref(c.root["/AF"]).([]any)
	if len(af) != len(want) {
		c.errorf("the catalog's /AF lists %d files, want %d", len(af), len(want))
		return
	}
	names, _ := c.deref(c.root["/Names"]).(map[string]any)
	tree, _ := c.deref(names["/EmbeddedFiles"]).(map[string]any)
	treeNames, _ := tree["/Names"].([]any)
	if len(treeNames) != 2*len(want) {
		c.errorf("the name tree of embedded files has %d entries, want %d", len(treeNames)/2, len(want))
	}
	for j, ref := range af {
		i := want[j]
		spec, _ := c.deref(ref).(map[string]any)
		name := embedded.AttachmentName(i, len(data))
		if spec["/Type"] != "/Filespec" || text(spec["/F"]) != name || text(spec["/UF"]) != name {
			c.errorf("attachment %d: file specification %v, want the name %s", j, spec, name)
		}
		if spec["/AFRelationship"] != "/Source" {
			c.errorf("attachment %s: /AFRelationship %v, want /Source", name, spec["/AFRelationship"])
		}
		if 2*j+1 < len(treeNames) && (text(treeNames[2*j]) != name || treeNames[2*j+1] != ref) {
			c.errorf("attachment %s: name tree entry %v %v", name, treeNames[2*j], treeNames[2*j+1])
		}
		ef, _ := c.deref(spec["/EF"]).(map[string]any)
		d, content := c.stream(ef["/F"])
		if d == nil {
			c.errorf("attachment %s: no embedded file stream", name)
			continue
		}
		if d["/Type"] != "/EmbeddedFile" || d["/Subtype"] != "/"+embedded.MIME {
			c.errorf("attachment %s: stream type %v subtype %v, want /EmbeddedFile %s", name, d["/Type"], d["/Subtype"], embedded.MIME)
		}
		params, _ := c.deref(d["/Params"]).(map[string]any)
		if _, err := infoDate(text(params["/ModDate"])); err != nil {
			c.errorf("attachment %s: /Params /ModDate: %v", name, err)
		}
		if params["/Size"] != float64(len(data[i])) {
			c.errorf("attachment %s: /Params /Size %v, want %d", name, params["/Size"], len(data[i]))
		}
		if !bytes.Equal(content, data[i]) {
			c.errorf("attachment %s: content differs from the document's data (%d bytes, want %d)", name, len(content), len(data[i]))
		}
	}
}

// ReadsBack checks that embedded.FromPDF gives back the data of every document of the file that
// has some (a nil entry of data attaches nothing), in order, byte for byte.
func ReadsBack(t testing.TB, pdf []byte, data [][]byte) {
	t.Helper()
	got, err := embedded.FromPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var want [][]byte
	for _, d := range data {
		if d != nil {
			want = append(want, d)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("FromPDF: %d files, want %d", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("FromPDF: file %d differs", i)
		}
	}
}
