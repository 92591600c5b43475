package input

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// parseOK parses src and fails the test unless it gives a top-level object with no problem.
func parseOK(t *testing.T, src string) (*Reader, *Object) {
	t.Helper()
	r, o := Parse("t.yaml", []byte(src), Options{})
	if o == nil {
		t.Fatalf("Parse(%q, Options{}) gave no object; problems: %v", src, r.Problems())
	}
	if len(r.Problems()) != 0 {
		t.Fatalf("Parse(%q, Options{}) problems: %#v", src, r.Problems())
	}
	return r, o
}

// onlyProblem checks that r holds exactly want.
func onlyProblem(t *testing.T, r *Reader, want Problem) {
	t.Helper()
	got := r.Problems()
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems = %#v\nwant exactly %#v", got, want)
	}
}

func TestParseNFDBecomesNFC(t *testing.T) {
	names := []string{
		"Chi bộ Sở Tài chính",
		"Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh",
		"Nguyễn Thị Thanh Hương",
		"Mô hình thi đua thực hiện văn hóa công sở",
	}
	for _, nfc := range names {
		nfd := norm.NFD.String(nfc)
		if nfd == nfc {
			t.Fatalf("test setup: NFD of %q is the same bytes", nfc)
		}
		if !norm.NFC.IsNormalString(nfc) {
			t.Fatalf("test setup: %q is not NFC", nfc)
		}
		src := "# chú thích: " + nfd + "\nten: " + nfd + "\nds:\n  - " + nfd + "\n"
		_, o := parseOK(t, src)
		if got := o.String("ten", true); got != nfc {
			t.Errorf("ten from NFD input = %q (% x), want NFC %q (% x)", got, got, nfc, nfc)
		}
		list, _ := o.Strings("ds")
		if !reflect.DeepEqual(list, []string{nfc}) {
			t.Errorf("ds from NFD input = %q, want [%q]", list, nfc)
		}
		// Capitals of NFC text are NFC as well.
		if up := Upper(o.String("ten", true)); !norm.NFC.IsNormalString(up) {
			t.Errorf("Upper(%q) = %q is not NFC", nfc, up)
		}
	}
}

func TestParseBOM(t *testing.T) {
	src := "\ufeffmau: dang-ky\nten: Chi bộ Sở Tài chính\n"
	_, o := parseOK(t, src)
	if !o.Has("mau") {
		t.Fatalf("after a BOM, key mau is not found (keys read as %v)", o.keys)
	}
	if got := o.String("mau", true); got != "dang-ky" {
		t.Errorf("mau = %q, want dang-ky", got)
	}
	// The BOM does not shift the lines.
	if got := o.KeyLine("ten"); got != 2 {
		t.Errorf("line of ten = %d, want 2", got)
	}
	// A BOM with NFD text.
	_, o = parseOK(t, "\ufefften: "+norm.NFD.String("Đảng bộ")+"\n")
	if got := o.String("ten", true); got != "Đảng bộ" {
		t.Errorf("ten = %q, want NFC Đảng bộ", got)
	}
}

func TestParseInvalidUTF8Line(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
	}{
		{"first byte", "\xff", 1},
		{"line 1 after Vietnamese text", "ten: Chi bộ Sở \xe0 chính\n", 1},
		{"line 3", "mau: dang-ky\n# chú thích\nten: Chi b\xf4\n", 3},
		{"truncated sequence at the end", "mau: dang-ky\nten: Chi b\xe1\xbb", 2},
		{"after a blank line", "a: 1\n\n\nb: \xc3\x28\n", 4},
		{"Latin-1 text on line 2", "mau: dang-ky\nten: Chi b\xf4 S\xf4\n", 2},
		{"after a BOM", "\ufeffa: 1\nb: \x80\n", 2},
		{"surrogate encoded in UTF-8", "a: 1\nb: 2\nc: \xed\xa0\x80\n", 3},
		{"overlong encoding", "a: 1\nb: \xc0\xaf\n", 2},
		{"CRLF lines", "a: 1\r\nb: 2\r\nc: \xff\r\n", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, o := Parse("t.yaml", []byte(tc.src), Options{})
			if o != nil {
				t.Fatalf("Parse accepted invalid UTF-8")
			}
			ps := r.Problems()
			if len(ps) != 1 {
				t.Fatalf("problems = %#v, want one", ps)
			}
			p := ps[0]
			if p.File != "t.yaml" || p.Line != tc.line || p.Warning || !strings.Contains(p.Message, "UTF-8") {
				t.Errorf("problem = %#v, want an error on t.yaml line %d that names UTF-8", p, tc.line)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	data := bytes.Repeat([]byte("# chú thích\n"), MaxFileSize/10)
	r, o := Parse("big.yaml", data, Options{})
	if o != nil {
		t.Fatal("Parse accepted a file larger than MaxFileSize")
	}
	ps := r.Problems()
	if len(ps) != 1 || ps[0].File != "big.yaml" || ps[0].Warning {
		t.Fatalf("problems = %#v, want one error", ps)
	}
}

func TestParseNotAMapping(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# chỉ có chú thích\n", "\ufeff", "dang-ky\n", "- a\n- b\n", "[1, 2]\n", "---\n"} {
		r, o := Parse("t.yaml", []byte(src), Options{})
		if o != nil {
			t.Errorf("Parse(%q, Options{}) gave an object", src)
			continue
		}
		ps := r.Problems()
		if len(ps) != 1 || ps[0].File != "t.yaml" || ps[0].Warning || ps[0].Line < 1 {
			t.Errorf("Parse(%q, Options{}) problems = %#v, want one error with a line", src, ps)
		}
	}
}

// english reports whether a message holds words of the YAML library's English messages.
func english(msg string) bool {
	for _, w := range []string{"yaml: line", "found", "did not", "expected", "mapping", "context", "line", "character", "token", "stream", "anchor"} {
		if strings.Contains(strings.ToLower(msg), w) {
			return true
		}
	}
	return false
}

func TestParseSyntaxErrorLines(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
	}{
		{"tab indent", "a: 1\nb:\n\tc: 2\n", 3},
		{"unclosed quote", "a: 1\nb: \"abc\n", 2},
		{"colon in value", "a: 1\nb: c: d\n", 2},
		{"@ at start", "a: 1\nb: @x\n", 2},
		{"over-indented key", "a: 1\n  b: 2\n", 2},
		{"outdented key", "ky:\n  ho_ten: A\n chuc_vu: B\n", 3},
		{"outdented key further down", "a: 1\nb:\n  c: 1\n d: 2\ne: 3\n", 4},
		{"list after a key", "a: 1\n- b\n", 2},
		{"unclosed bracket", "a: 1\nb: [1, 2\nc: 3\n", 2},
		{"tab indent further down", "a: 1\nb:\n  c: 1\n  d: 2\n\te: 3\n", 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, o := Parse("t.yaml", []byte(tc.src), Options{})
			if o != nil {
				t.Fatal("Parse accepted bad YAML")
			}
			ps := r.Problems()
			if len(ps) != 1 || ps[0].Line != tc.line || ps[0].Warning || english(ps[0].Message) {
				t.Errorf("problems = %#v, want one Vietnamese YAML error on line %d", ps, tc.line)
			}
		})
	}
}

// TestParseSyntaxErrorLinesBug: input.md says every error names its line. These name the line of
// the enclosing list item, or no line at all for a control character.
func TestParseSyntaxErrorLinesBug(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
	}{
		{"list item indent", "mo_hinh:\n  - ten: a\n   loai: b\n", 3},
		{"vertical tab pasted from Word", "a: 1\nb: 2\nc: x\vy\n", 3},
		{"control character", "a: 1\nb: \x01\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := Parse("t.yaml", []byte(tc.src), Options{})
			ps := r.Problems()
			if len(ps) != 1 || ps[0].Line != tc.line || strings.Contains(ps[0].Message, "did not") {
				t.Errorf("problems = %#v, want one Vietnamese YAML error on line %d", ps, tc.line)
			}
		})
	}
}

func TestObjectKnownNearest(t *testing.T) {
	r, o := Parse("t.yaml", []byte("ho_ten: A\nchucvu: B\ndon_vi: C\n"), Options{})
	o.Known("ho_ten", "chuc_vu", "don_vi")
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 2, Key: "chucvu", Message: `khóa không có trong mẫu; có phải là "chuc_vu"?`})

	r, o = Parse("t.yaml", []byte("guong:\n  - hoten: A\n"), Options{})
	items := o.List("guong")
	if len(items) != 1 {
		t.Fatalf("List = %d items, want 1", len(items))
	}
	items[0].Known("ho_ten", "chuc_vu", "don_vi")
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 2, Key: "guong[1].hoten", Message: `khóa không có trong mẫu; có phải là "ho_ten"?`})
}

func TestObjectDuplicateKey(t *testing.T) {
	r, o := Parse("t.yaml", []byte("a: 1\nb: 2\na: 3\n"), Options{})
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 3, Key: "a", Message: "khóa bị lặp lại (đã có ở dòng 1)"})
	if got := o.String("a", true); got != "1" {
		t.Errorf("a = %q, want the first value 1", got)
	}
}

func TestObjectValues(t *testing.T) {
	src := `so: 5
bad_so: 0
neg: -3
text: "  Chi bộ  "
empty: ""
null_key:
yes: true
co: có
date: 12/4/2021
month: 2021-04
bad_date: 31/02/2021
list: [a, b]
map: {x: 1}
`
	r, o := Parse("t.yaml", []byte(src), Options{})
	if o == nil {
		t.Fatalf("Parse: %v", r.Problems())
	}
	if n, ok := o.Int("so"); n != 5 || !ok {
		t.Errorf("Int(so) = %d, %v", n, ok)
	}
	if n, ok := o.Int("absent"); n != 0 || ok {
		t.Errorf("Int(absent) = %d, %v", n, ok)
	}
	if got := o.String("text", true); got != "Chi bộ" {
		t.Errorf("String(text) = %q, want trimmed", got)
	}
	if got := o.StringOr("empty", "def"); got != "" {
		t.Errorf("StringOr(empty) = %q, want explicit empty", got)
	}
	if got := o.StringOr("null_key", "def"); got != "" {
		t.Errorf("StringOr(null) = %q, want explicit empty", got)
	}
	if got := o.StringOr("absent", "def"); got != "def" {
		t.Errorf("StringOr(absent) = %q, want def", got)
	}
	if got := o.StringDefault("absent", "def"); got != "def" {
		t.Errorf("StringDefault(absent) = %q, want def", got)
	}
	if !o.Bool("yes") || !o.Bool("co") || o.Bool("absent") {
		t.Error("Bool: true / có / absent wrong")
	}
	if d, ok := o.Date("date", true); !ok || d != (Date{2021, 4, 12}) {
		t.Errorf("Date(date) = %+v, %v", d, ok)
	}
	if d, ok := o.Date("month", true); !ok || d != (Date{2021, 4, 0}) {
		t.Errorf("Date(month) = %+v, %v", d, ok)
	}
	if len(r.Problems()) != 0 {
		t.Fatalf("unexpected problems so far: %v", r.Problems())
	}

	// Now the bad ones, each an error on its own line.
	o.Int("bad_so")
	o.Int("neg")
	o.String("empty", true)
	o.Date("bad_date", true)
	o.String("list", false)
	o.Object("list")
	o.String("absent", true)
	want := []struct {
		line int
		key  string
	}{{2, "bad_so"}, {3, "neg"}, {5, "empty"}, {11, "bad_date"}, {12, "list"}, {12, "list"}, {1, "absent"}}
	ps := r.Problems()
	if len(ps) != len(want) {
		t.Fatalf("problems = %v, want %d", ps, len(want))
	}
	for i, w := range want {
		if ps[i].Line != w.line || ps[i].Key != w.key || ps[i].Warning || ps[i].File != "t.yaml" {
			t.Errorf("problem %d = %#v, want an error at line %d key %s", i, ps[i], w.line, w.key)
		}
	}
	if want := `"31/02/2021" không phải là ngày hợp lệ`; !strings.HasPrefix(ps[3].Message, want) {
		t.Errorf("bad date message = %q, want it to start with %q", ps[3].Message, want)
	}
}

func TestObjectGlyphs(t *testing.T) {
	r, o := Parse("t.yaml", []byte("a: 1\nten: Chi bộ 😀 中\n"), Options{})
	got := o.String("ten", true)
	if got != "Chi bộ 😀 中" {
		t.Errorf("String = %q", got)
	}
	ps := r.Problems()
	if len(ps) != 1 || ps[0].Line != 2 || ps[0].Key != "ten" || ps[0].Warning ||
		!strings.Contains(ps[0].Message, "😀") || !strings.Contains(ps[0].Message, "中") ||
		!strings.Contains(ps[0].Message, "U+1F600") || !strings.Contains(ps[0].Message, "U+4E2D") {
		t.Errorf("problems = %#v, want one error on line 2 that lists 😀 (U+1F600) and 中 (U+4E2D)", ps)
	}
}

func TestReadSigner(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Signer
	}{
		{"defaults", "ky:\n  ho_ten: Trần Văn Bình\n",
			Signer{Authority: "T/M BAN CHI ỦY", Position: "BÍ THƯ", Name: "Trần Văn Bình"}},
		{"explicit", "ky:\n  quyen: T/M ĐẢNG ỦY\n  chuc_vu: PHÓ BÍ THƯ\n  ho_ten: Nguyễn Thị Thanh Hương\n  da_ky: true\n",
			Signer{Authority: "T/M ĐẢNG ỦY", Position: "PHÓ BÍ THƯ", Name: "Nguyễn Thị Thanh Hương", Signed: true}},
		{"lower case is put in capitals", "ky:\n  quyen: t/m ban chi uỷ\n  chuc_vu: phó bí thư\n  ho_ten: A\n",
			Signer{Authority: "T/M BAN CHI UỶ", Position: "PHÓ BÍ THƯ", Name: "A"}},
		{"head signs in person", "ky:\n  quyen: \"\"\n  ho_ten: A\n",
			Signer{Authority: "", Position: "BÍ THƯ", Name: "A"}},
		{"null quyen", "ky:\n  quyen:\n  ho_ten: A\n",
			Signer{Authority: "", Position: "BÍ THƯ", Name: "A"}},
		{"acting", "ky:\n  quyen: Q. BÍ THƯ\n  chuc_vu: PHÓ BÍ THƯ\n  ho_ten: A\n  da_ky: false\n",
			Signer{Authority: "Q. BÍ THƯ", Position: "PHÓ BÍ THƯ", Name: "A"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, top := parseOK(t, tc.src)
			got, ky := ReadSigner(top, "T/M BAN CHI ỦY", "BÍ THƯ")
			if ky == nil {
				t.Fatal("ReadSigner returned no ky object")
			}
			if got != tc.want {
				t.Errorf("ReadSigner = %#v, want %#v", got, tc.want)
			}
			if len(r.Problems()) != 0 {
				t.Errorf("problems: %v", r.Problems())
			}
		})
	}
}

func TestReadSignerStateForms(t *testing.T) {
	// input.md: a quyen in the State forms (TM., KT., TUQ.) is an error that shows the Party form.
	tests := []struct{ quyen, party string }{
		{"TM. BAN CHI ỦY", "T/M BAN CHI ỦY"},
		{"TM BAN CHI ỦY", "T/M BAN CHI ỦY"},
		{"tm. đảng ủy", "T/M ĐẢNG ỦY"},
		{"KT. BÍ THƯ", "K/T BÍ THƯ"},
		{"TL. BAN THƯỜNG VỤ", "T/L BAN THƯỜNG VỤ"},
		{"TUQ. BÍ THƯ", "T/L BÍ THƯ"},
		{"T/UQ. BÍ THƯ", "T/L BÍ THƯ"},
	}
	for _, tc := range tests {
		t.Run(tc.quyen, func(t *testing.T) {
			r, top := parseOK(t, "ky:\n  ho_ten: A\n  quyen: "+tc.quyen+"\n")
			ReadSigner(top, "T/M BAN CHI ỦY", "BÍ THƯ")
			ps := r.Problems()
			if len(ps) != 1 || ps[0].Line != 3 || ps[0].Key != "ky.quyen" || ps[0].Warning ||
				!strings.Contains(ps[0].Message, `"`+tc.party+`"`) {
				t.Errorf("problems = %#v, want one error on line 3, key ky.quyen, that shows %q", ps, tc.party)
			}
		})
	}
	// The Party forms are not errors.
	for _, q := range []string{"T/M BAN CHI ỦY", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ", "Q. BÍ THƯ", "T/M BAN THƯỜNG VỤ"} {
		r, top := parseOK(t, "ky:\n  ho_ten: A\n  quyen: "+q+"\n")
		ReadSigner(top, "T/M BAN CHI ỦY", "BÍ THƯ")
		if len(r.Problems()) != 0 {
			t.Errorf("quyen %q: problems %v", q, r.Problems())
		}
	}
}

func TestReadSignerErrors(t *testing.T) {
	r, top := parseOK(t, "mau: dang-ky\n")
	if _, ky := ReadSigner(top, "T/M BAN CHI ỦY", "BÍ THƯ"); ky != nil {
		t.Error("ReadSigner without ky returned an object")
	}
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 1, Key: "ky", Message: "thiếu khóa bắt buộc (người ký: quyen, chuc_vu, ho_ten)"})

	r, top = parseOK(t, "ky:\n  quyen: T/M BAN CHI ỦY\n")
	ReadSigner(top, "T/M BAN CHI ỦY", "BÍ THƯ")
	if ps := r.Problems(); len(ps) != 1 || ps[0].Key != "ky.ho_ten" || ps[0].Warning {
		t.Errorf("missing ho_ten: problems %#v", ps)
	}

	r, top = parseOK(t, "ky:\n  ho_ten: A\n  hoten: B\n")
	ReadSigner(top, "T/M BAN CHI ỦY", "BÍ THƯ")
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 3, Key: "ky.hoten", Message: `khóa không có trong mẫu; có phải là "ho_ten"?`})
}

func TestReadRecipients(t *testing.T) {
	def := []string{"Ban Tuyên giáo ĐUK", "Lưu Chi bộ"}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"default", "a: 1\n", []string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."}},
		{"user list", "noi_nhan:\n  - Ban Thường vụ Đảng ủy Khối (b/c)\n  - Ban Tuyên giáo ĐUK\n  - Lưu Văn phòng Đảng ủy\n",
			[]string{"- Ban Thường vụ Đảng ủy Khối (b/c);", "- Ban Tuyên giáo ĐUK;", "- Lưu Văn phòng Đảng ủy."}},
		{"punctuation typed by the user is not doubled", "noi_nhan:\n  - \"- Ban Tuyên giáo ĐUK;\"\n  - Lưu Chi bộ.\n",
			[]string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."}},
		{"wrong punctuation is replaced", "noi_nhan:\n  - Ban Tuyên giáo ĐUK.\n  - Lưu Chi bộ;\n",
			[]string{"- Ban Tuyên giáo ĐUK;", "- Lưu Chi bộ."}},
		{"one", "noi_nhan: [Lưu Chi bộ]\n", []string{"- Lưu Chi bộ."}},
		{"empty list: no bullet", "noi_nhan: []\n", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, top := parseOK(t, tc.src)
			got := ReadRecipients(top, def)
			if len(got) != len(tc.want) || (len(got) > 0 && !reflect.DeepEqual(got, tc.want)) {
				t.Errorf("ReadRecipients = %q, want %q", got, tc.want)
			}
			if len(r.Problems()) != 0 {
				t.Errorf("problems: %v", r.Problems())
			}
		})
	}
}
