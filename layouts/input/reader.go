package input

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"baocao/fonts"
)

// Options change how input is read.
type Options struct {
	// NoConvert refuses text in a legacy Vietnamese encoding instead of converting it.
	NoConvert bool
	// Files is where the files an input names inside itself are read from (a consolidated
	// report's "nguon", a batch's paths), by their native paths. Nil opens nothing: such a path is
	// refused before anything is looked at, as the web form needs.
	Files fs.FS
	// SkipUnreadable leaves out of a consolidated report every source file that cannot be read
	// or has errors, listing each, instead of stopping the report.
	SkipUnreadable bool
	// Progress, when set, is told after each source file of a consolidated report or a batch is
	// read: how many are done out of how many.
	Progress func(done, total int)
	// NoCellData leaves every cell read from a consolidated report's or a batch's files without
	// its canonical YAML (cells.Cell.Data), for a reader that never writes a cell's own document
	// or data: rendering or checking a consolidated report, which would otherwise spend a tenth
	// of its time and a quarter of its allocations encoding YAML it throws away.
	NoCellData bool
}

// Reader reads one input file and collects its problems.
type Reader struct {
	file     string
	opts     Options
	problems Problems
	legacy   Legacy // the file's legacy encoding, "" when it is Unicode
	board    bool   // the file is one of the Board's files (isBoard), with their limits
}

// Options are the options the reader was made with.
func (r *Reader) Options() Options { return r.opts }

// Problems returns everything found so far, errors and warnings, in the order found.
func (r *Reader) Problems() Problems { return r.problems }

// File is the name the reader gives in its messages.
func (r *Reader) File() string { return r.file }

// Add records a problem at a line of this file.
func (r *Reader) Add(line int, key string, warning bool, format string, args ...any) {
	r.problems = append(r.problems, Problem{
		File: r.file, Line: line, Key: key, Warning: warning,
		Message: fmt.Sprintf(format, args...),
	})
}

// Parse checks the bytes of a file (size, encoding, control characters), composes its text to NFC
// and parses it as YAML, refusing anchors, aliases and deep nesting. It returns the top-level
// mapping, or nil with the problem recorded. A file over MaxFileSize is read only when it is one
// of the Board's files (isBoard), up to MaxBoardFileSize. A roster's list is kept as text and
// parsed item by item by Entries (see parseRoster), in memory that does not grow with its items.
func Parse(file string, data []byte, opts Options) (*Reader, *Object) {
	return parse(file, data, opts, true)
}

// parse is Parse, which splits rosters; with splitRosters false, a roster is parsed whole, as
// the tests of the split read it for reference.
func parse(file string, data []byte, opts Options, splitRosters bool) (*Reader, *Object) {
	r := &Reader{file: file, opts: opts}
	if len(data) > MaxBoardFileSize {
		r.Add(0, "", false, "tệp quá lớn: giới hạn là %d byte (%d MiB), đủ cho danh sách %d chi, đảng bộ", MaxBoardFileSize, MaxBoardFileSize>>20, MaxBoardItems)
		return r, nil
	}
	big := len(data) > MaxFileSize
	tooLarge := func() (*Reader, *Object) {
		r := &Reader{file: file, opts: opts}
		r.Add(0, "", false, "tệp quá lớn: giới hạn là %d byte (1 MiB); một báo cáo thường chỉ vài nghìn byte", MaxFileSize)
		return r, nil
	}
	data, note, line, err := decodeFile(data)
	if err != nil {
		r.Add(line, "", false, "%s", err)
		return r, nil
	}
	if big && !mayBeBoard(data) {
		return tooLarge()
	}
	if n := nodeEstimate(data); n > MaxBoardNodes {
		r.Add(0, "", false, "tệp có quá nhiều dòng và mục (%d; tối đa %d, đủ cho danh sách %d chi, đảng bộ)", n, MaxBoardNodes, MaxBoardItems)
		return r, nil
	}
	if note != "" {
		r.Add(0, "", true, "%s", note)
	}
	if line, c, ok := controlCharacter(data); ok {
		hint := "thường do dán từ Word"
		if c >= 0x80 && c <= 0x9f {
			hint = "thường do dán văn bản gõ bằng bảng mã TCVN3 có chữ hoa"
		}
		r.Add(line, "", false, "có ký tự điều khiển không in được (U+%04X), %s; hãy xóa hoặc gõ lại chữ đó", c, hint)
		return r, nil
	}
	if !norm.NFC.IsNormal(data) {
		data = norm.NFC.Bytes(data)
	}
	if r.addMistakes(lineMistakes(string(data))) {
		return r, nil
	}
	if splitRosters {
		if top := r.parseRoster(data); top != nil {
			return r, top
		}
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := translateYAMLError(err, data)
		r.Add(line, "", false, "%s", msg)
		return r, nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		r.Add(1, "", false, "tệp trống")
		return r, nil
	}
	root := doc.Content[0]
	r.board = isBoard(root)
	if big && !r.board {
		return tooLarge()
	}
	if !r.checkTree(root, 0) || r.addMistakes(flowMistakes(root, strings.Split(string(data), "\n"))) {
		return r, nil
	}
	r.legacy = fileLegacy(root)
	if root.Kind != yaml.MappingNode {
		r.Add(root.Line, "", false, "tệp phải gồm các khóa, mỗi dòng một khóa (ví dụ \"mau: dang-ky\")")
		return r, nil
	}
	return r, r.object(root, "")
}

// addMistakes records each mistake as an error, and reports whether there was any.
func (r *Reader) addMistakes(ms []lineMistake) bool {
	for _, m := range ms {
		r.Add(m.line, "", false, "%s", m.msg)
	}
	return len(ms) > 0
}

// checkTree refuses anchors and aliases (a YAML alias bomb repeats one node millions of times) and
// nesting deeper than any report needs, reporting the first at its line.
func (r *Reader) checkTree(n *yaml.Node, depth int) bool {
	switch {
	case depth > MaxDepth:
		r.Add(n.Line, "", false, "lồng quá sâu (hơn %d cấp)", MaxDepth)
		return false
	case n.Kind == yaml.AliasNode || n.Anchor != "":
		r.Add(n.Line, "", false, "không dùng tham chiếu YAML (& và *); hãy viết đầy đủ giá trị")
		return false
	}
	for _, c := range n.Content {
		if !r.checkTree(c, depth+1) {
			return false
		}
	}
	return true
}

// controlCharacter finds the first control character other than tab, newline and carriage return
// (C0, DEL or C1), which YAML refuses without saying where, or a line or paragraph separator
// (U+2028, U+2029), which YAML takes for a line end.
func controlCharacter(data []byte) (line int, c rune, found bool) {
	line = 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line++
		case r == '\t' || r == '\r':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0x2028 || r == 0x2029:
			return line, r, true
		}
	}
	return 0, 0, false
}

// invalidUTF8Line returns the line of the first byte that is not UTF-8.
func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlMessages puts the parser's usual complaints into Vietnamese.
var yamlMessages = []struct{ english, vietnamese string }{
	{"mapping values are not allowed in this context", "dấu hai chấm không đúng chỗ (có thể thiếu dấu cách sau dấu hai chấm, hoặc thụt lề sai)"},
	{"did not find expected key", "thụt lề sai: các khóa cùng cấp phải thẳng cột"},
	{"could not find expected ':'", "thiếu dấu hai chấm sau tên khóa"},
	{"found character that cannot start any token", "có ký tự không được đứng đầu giá trị (ví dụ ký tự tab, @ hoặc `); hãy đặt giá trị trong dấu ngoặc kép"},
	{"found a tab character that violates indentation", "dùng ký tự tab để thụt lề; hãy dùng dấu cách"},
	{"found unexpected end of stream", "tệp kết thúc khi chưa đóng dấu ngoặc kép hoặc ngoặc"},
	{"did not find expected node content", "thiếu giá trị"},
	{"did not find expected '-' indicator", "thụt lề sai trong danh sách"},
	{"did not find expected ',' or ']'", "danh sách mở bằng dấu [ ở dòng này chưa được đóng bằng dấu ]"},
	{"did not find expected ',' or '}'", "nhóm mở bằng dấu { ở dòng này chưa được đóng bằng dấu }"},
	{"control characters are not allowed", "có ký tự điều khiển không in được"},
}

// translateYAMLError returns the line and a Vietnamese message for a YAML parser error in data.
func translateYAMLError(err error, data []byte) (int, string) {
	text := err.Error()
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) && len(typeErr.Errors) > 0 {
		text = typeErr.Errors[0]
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(text); m != nil {
		line, _ = strconv.Atoi(m[1])
		text = m[2]
		// The parser counts the lines of these from 0 (go-yaml/yaml#205).
		if strings.HasPrefix(text, "did not find expected") {
			line++
		}
		// A tab is reported on the line where the value before it started: find the tab itself.
		if strings.Contains(text, "tab character") {
			line = tabIndentedLine(data, line)
		}
		// A list item's bad indentation is reported where the list starts: find the line.
		if strings.Contains(text, "expected '-' indicator") {
			line = misindentedItemLine(data, line)
		}
	} else {
		text = strings.TrimPrefix(text, "yaml: ")
	}
	if strings.Contains(text, "unexpected end of stream") {
		if m, ok := unclosedQuote(string(data)); ok {
			return m.line, m.msg
		}
	}
	if m := unknownAnchorRE.FindStringSubmatch(text); m != nil {
		return aliasLine(data, m[1]), "không dùng tham chiếu YAML (& và *); hãy viết đầy đủ giá trị"
	}
	for _, m := range yamlMessages {
		if strings.Contains(text, m.english) {
			return line, "lỗi cú pháp YAML: " + m.vietnamese
		}
	}
	// Never the library's English: say where to look.
	return line, "lỗi cú pháp YAML: hãy xem lại dấu hai chấm, thụt lề và dấu ngoặc kép ở dòng này"
}

var unknownAnchorRE = regexp.MustCompile(`unknown anchor '(.*)' referenced`)

// aliasLine returns the first line that refers to the anchor name with "*name", or 0.
func aliasLine(data []byte, name string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, "*"+name) {
			return i + 1
		}
	}
	return 0
}

// tabIndentedLine returns the first line from line on whose indentation holds a tab, or line.
func tabIndentedLine(data []byte, line int) int {
	for i, l := range strings.Split(string(data), "\n") {
		if i+1 < line {
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if strings.Contains(indent, "\t") {
			return i + 1
		}
	}
	return line
}

// misindentedItemLine returns the first line, after the list that starts at line, that is indented
// less than its item's keys but more than the list's dashes; or line when there is none.
func misindentedItemLine(data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return line
	}
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	first := lines[line-1]
	dash := indent(first)
	if !strings.HasPrefix(first[dash:], "- ") {
		return line
	}
	content := dash + 2 + indent(first[dash+2:])
	for i := line; i < len(lines); i++ {
		l := lines[i]
		text := strings.TrimSpace(l)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		switch at := indent(l); {
		case at == dash && strings.HasPrefix(l[at:], "- "):
			content = dash + 2 + indent(l[dash+2:])
		case at < dash:
			return line
		case at < content:
			return i + 1
		}
	}
	return line
}

// Object is a YAML mapping being read: the values of its known keys, with their lines.
type Object struct {
	r      *Reader
	path   string
	line   int
	node   *yaml.Node // the mapping, whose text values are replaced by their cleaned text as read
	fields map[string]*yaml.Node
	keys   []*yaml.Node // the key nodes, in the file's order
	// roster is the list of a roster kept as text (see parseRoster), its node in fields empty;
	// nil for every other object.
	roster *rosterItems
}

// object reads a mapping node, reporting duplicate keys and keys not in known. With known nil,
// every key is accepted (the caller declares them later with Known).
func (r *Reader) object(n *yaml.Node, path string) *Object {
	o := &Object{r: r, path: path, line: n.Line, node: n, fields: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if prev, ok := o.fields[k.Value]; ok {
			r.Add(k.Line, o.keyPath(k.Value), false, "khóa bị lặp lại (đã có ở dòng %d)", prev.Line)
			continue
		}
		o.keys = append(o.keys, k)
		o.fields[k.Value] = v
	}
	return o
}

// Known reports every key of the object that is not in known, naming the known key it most likely
// means, or listing the known keys when none is close.
func (o *Object) Known(known ...string) {
	if o == nil {
		return
	}
	for _, k := range o.keys {
		if slices.Contains(known, k.Value) {
			continue
		}
		if s := suggestKey(k.Value, known); s != "" {
			o.r.Add(k.Line, o.keyPath(k.Value), false, "khóa không có trong mẫu; có phải là %q?", s)
		} else {
			o.r.Add(k.Line, o.keyPath(k.Value), false, "khóa không có trong mẫu; ở đây chỉ dùng: %s", strings.Join(known, ", "))
		}
	}
}

// Line is the line where the object starts.
func (o *Object) Line() int { return o.line }

// Path is the object's key path, e.g. "mo_hinh[2]".
func (o *Object) Path() string { return o.path }

// Reader is the reader the object belongs to.
func (o *Object) Reader() *Reader { return o.r }

// Has reports whether the key is present (even with an empty value).
func (o *Object) Has(key string) bool {
	_, ok := o.fields[key]
	return ok
}

// KeyLine is the line of a key's value, or of the object when the key is absent.
func (o *Object) KeyLine(key string) int {
	if v, ok := o.fields[key]; ok {
		return v.Line
	}
	return o.line
}

// keyNode is the node of a present key.
func (o *Object) keyNode(key string) *yaml.Node {
	for _, k := range o.keys {
		if k.Value == key {
			return k
		}
	}
	return nil
}

func (o *Object) keyPath(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// Errorf records an error about a key of this object.
func (o *Object) Errorf(key, format string, args ...any) {
	o.r.Add(o.KeyLine(key), o.keyPath(key), false, format, args...)
}

// Warnf records a warning about a key of this object.
func (o *Object) Warnf(key, format string, args ...any) {
	o.r.Add(o.KeyLine(key), o.keyPath(key), true, format, args...)
}

// scalar returns the key's scalar node, nil when absent or null, and reports a non-scalar.
func (o *Object) scalar(key, want string) *yaml.Node {
	v, ok := o.fields[key]
	if !ok || isNull(v) {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		o.Errorf(key, "phải là %s, không phải %s", want, kindName(v))
		return nil
	}
	return v
}

// String returns the key's text, trimmed. A required key that is absent or empty is an error.
// Text with characters the font cannot draw is an error that lists them.
func (o *Object) String(key string, required bool) string {
	v := o.scalar(key, "một đoạn văn bản")
	if v == nil {
		if required && (!o.Has(key) || isNull(o.fields[key])) {
			o.missing(key)
		}
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		o.Errorf(key, "không được để trống")
		return ""
	}
	s = o.r.clean(o.KeyLine(key), o.keyPath(key), s)
	keepCleaned(v, s)
	return s
}

// keepCleaned puts a value's cleaned text back into its node, so that the canonical YAML holds
// what was printed; a refused value (cleaned to nothing) keeps what was written.
func keepCleaned(n *yaml.Node, cleaned string) {
	if cleaned != "" {
		n.Value = cleaned
	}
}

// StringOr returns the key's text, or def when the key is absent. An explicitly empty value
// ("" or null) gives "".
func (o *Object) StringOr(key, def string) string {
	if !o.Has(key) {
		return def
	}
	return o.String(key, false)
}

// Limit reports a value of key longer than max characters: one that the layout prints in a place
// of bounded size. (A value over MaxValueRunes has been reported already.)
func (o *Object) Limit(key, value string, max int) {
	if n := utf8.RuneCountInString(value); n > max && n <= MaxValueRunes {
		o.Errorf(key, "quá dài (%d ký tự; tối đa %d ở chỗ này của văn bản)", n, max)
	}
}

// StringDefault returns the key's text, or def when the key is absent. Unlike StringOr, an
// explicitly empty value is an error (and gives def).
func (o *Object) StringDefault(key, def string) string {
	if !o.Has(key) {
		return def
	}
	if s := o.String(key, true); s != "" {
		return s
	}
	return def
}

func (o *Object) missing(key string) {
	if o.Has(key) {
		o.Errorf(key, "không được để trống")
		return
	}
	o.Errorf(key, "thiếu khóa bắt buộc")
}

// checkGlyphs reports the characters of s that the embedded font cannot draw.
func (r *Reader) checkGlyphs(line int, keyPath, s string) {
	missing, err := fonts.Missing(s)
	if err != nil {
		r.Add(line, keyPath, false, "không đọc được phông chữ: %v", err)
		return
	}
	if len(missing) == 0 {
		return
	}
	var list []string
	for _, c := range missing {
		list = append(list, fmt.Sprintf("%q (U+%04X)", string(c), c))
	}
	r.Add(line, keyPath, false, "có ký tự mà phông chữ không in được: %s", strings.Join(list, ", "))
}

// Int returns a positive whole number and whether the key held one. A document number written
// whole ("05-BC/CB", "Số 05") is an error that says only the figures go there.
func (o *Object) Int(key string) (int, bool) {
	v := o.scalar(key, "một số nguyên dương")
	if v == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if err != nil || n <= 0 {
		if hint := numberHint(v.Value); hint != "" {
			o.Errorf(key, "%s", hint)
			return 0, false
		}
		o.Errorf(key, "%q không phải là số nguyên dương", v.Value)
		return 0, false
	}
	return n, true
}

// Bool returns the key's true or false; absent is false.
func (o *Object) Bool(key string) bool {
	v := o.scalar(key, "true hoặc false")
	if v == nil {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(v.Value)) {
	case "true", "yes", "có":
		return true
	case "false", "no", "không":
		return false
	}
	o.Errorf(key, "%q phải là true hoặc false", v.Value)
	return false
}

// Enum returns the key's value if it is one of allowed (or def when absent); anything else is an
// error that lists the allowed values.
func (o *Object) Enum(key string, required bool, allowed ...string) string {
	s := o.String(key, required)
	if s == "" || slices.Contains(allowed, s) {
		return s
	}
	o.Errorf(key, "%q không hợp lệ; chọn một trong: %s", s, strings.Join(allowed, ", "))
	return ""
}

// Date returns the key's date. A required key that is absent is an error.
func (o *Object) Date(key string, required bool) (Date, bool) {
	v := o.scalar(key, "một ngày")
	if v == nil {
		if required {
			o.missing(key)
		}
		return Date{}, false
	}
	if strings.TrimSpace(v.Value) == "" {
		if required {
			o.Errorf(key, "không được để trống")
		}
		return Date{}, false
	}
	d, err := ParseDate(v.Value)
	if err != nil {
		o.Errorf(key, "%s", err)
		return Date{}, false
	}
	return d, true
}

// Object returns the mapping under key, or nil when the key is absent or null. Anything but a
// mapping is an error.
func (o *Object) Object(key string) *Object {
	v, ok := o.fields[key]
	if !ok || isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		o.Errorf(key, "phải gồm các khóa con, mỗi khóa một dòng thụt vào, không phải %s", kindName(v))
		return nil
	}
	child := o.r.object(v, o.keyPath(key))
	child.line = o.keyNode(key).Line // a key missing inside is reported on the parent key's line
	return child
}

// RequiredObject is Object for a key that must be there: absent or empty is an error that says
// what the key holds.
func (o *Object) RequiredObject(key, holds string) *Object {
	if v, ok := o.fields[key]; !ok || isNull(v) {
		if ok {
			o.Errorf(key, "không được để trống (%s)", holds)
		} else {
			o.Errorf(key, "thiếu khóa bắt buộc (%s)", holds)
		}
		return nil
	}
	return o.Object(key)
}

// List returns the mappings of the list under key; absent or null is an empty list. An item that is
// not a mapping is an error.
func (o *Object) List(key string) []*Object {
	items, _ := o.sequence(key)
	out := make([]*Object, 0, len(items))
	for i, item := range items {
		path := fmt.Sprintf("%s[%d]", o.keyPath(key), i+1)
		if item.Kind != yaml.MappingNode {
			o.r.Add(item.Line, path, false, "mỗi mục phải gồm các khóa con, không phải %s", kindName(item))
			continue
		}
		out = append(out, o.r.object(item, path))
	}
	return out
}

// IsText reports whether the key holds one value (a text, a number) rather than a list or a
// group of keys.
func (o *Object) IsText(key string) bool {
	v, ok := o.fields[key]
	return ok && v.Kind == yaml.ScalarNode && !isNull(v)
}

// Strings returns the texts of the list under key, and whether the key was present.
func (o *Object) Strings(key string) ([]string, bool) {
	return o.Lines(key, MaxValueRunes)
}

// Lines is Strings for lines printed in a place of bounded size: each item has at most max
// characters.
func (o *Object) Lines(key string, max int) ([]string, bool) {
	items, present := o.sequence(key)
	var out []string
	for i, item := range items {
		path := fmt.Sprintf("%s[%d]", o.keyPath(key), i+1)
		if item.Kind != yaml.ScalarNode || isNull(item) {
			o.r.Add(item.Line, path, false, "mỗi mục phải là một dòng văn bản, không phải %s", kindName(item))
			continue
		}
		s := strings.TrimSpace(item.Value)
		if s == "" {
			o.r.Add(item.Line, path, false, "không được để trống")
			continue
		}
		s = o.r.clean(item.Line, path, s)
		keepCleaned(item, s)
		if n := utf8.RuneCountInString(s); n > max && n <= MaxValueRunes {
			o.r.Add(item.Line, path, false, "quá dài (%d ký tự; tối đa %d ở chỗ này của văn bản)", n, max)
		}
		out = append(out, s)
	}
	return out, present
}

// sequence returns the items of the list under key, and whether the key is present; absent or
// null is no items, and anything but a list is an error.
func (o *Object) sequence(key string) ([]*yaml.Node, bool) {
	v, ok := o.fields[key]
	if o.roster != nil && key == RosterList {
		v = o.roster.list()
	}
	if !ok || isNull(v) {
		return nil, ok
	}
	if v.Kind != yaml.SequenceNode {
		o.Errorf(key, "phải là một danh sách, mỗi mục bắt đầu bằng dấu \"- \", không phải %s", kindName(v))
		return nil, true
	}
	if max := o.itemLimit(key); len(v.Content) > max {
		o.Errorf(key, "quá nhiều mục (%d; tối đa %d)", len(v.Content), max)
		return nil, true
	}
	return v.Content, true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// kindName names a YAML node's kind for a user.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "một nhóm khóa"
	case yaml.SequenceNode:
		return "một danh sách"
	case yaml.AliasNode:
		return "một tham chiếu (*)"
	default:
		if isNull(n) {
			return "giá trị trống"
		}
		return fmt.Sprintf("giá trị %q", n.Value)
	}
}
