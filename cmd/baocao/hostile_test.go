package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"baocao/layouts/input/inputtest"
)

// hostileCase is one hostile input to "baocao render": the bytes of the file, and either the
// errors that refuse it (exit 3, nothing written beside it) or the warnings it is accepted with
// (exit 0, the PDF written).
type hostileCase struct {
	name      string
	input     func(t *testing.T) []byte
	noConvert bool // render with --no-convert
	accepted  bool // exit 0 and a PDF; otherwise exit 3 and only the input left in the folder
	// want is every line printed to stderr before the summary, "FILE" standing for the input's path.
	want []string
	// pdfText, when set, are phrases the PDF's text must hold (read with pdftotext, when installed).
	pdfText []string
	// prepare, when set, readies the folder or the output before the run (a folder in the PDF's
	// place, a full disk); such a case fails to write (exit 1), "OUT" standing for the PDF's path in
	// want, and leaves the folder holding the input and keep.
	prepare func(t *testing.T, dir string)
	keep    []string
}

// report returns an input function giving minimalReport with old replaced by new, as UTF-8.
func report(old, new string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte { return []byte(edit(t, minimalReport, old, new)) }
}

// raw returns an input function giving exactly data.
func raw(data []byte) func(t *testing.T) []byte {
	return func(*testing.T) []byte { return data }
}

// encoded returns an input function giving minimalReport (NFC, as editors write it) encoded with
// enc and preceded by prefix, such as a byte-order mark.
func encoded(enc encoding.Encoding, prefix string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		out, err := enc.NewEncoder().Bytes([]byte(minimalReport))
		if err != nil {
			t.Fatal(err)
		}
		return append([]byte(prefix), out...)
	}
}

// windows1258 encodes s as Windows-1258 writes Vietnamese.
func windows1258(t *testing.T, s string) []byte {
	t.Helper()
	out, err := inputtest.Windows1258(s)
	if err != nil {
		t.Fatalf("windows1258: %v", err)
	}
	return out
}

// models returns minimalReport with n models, one under the other.
func models(n int) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		model := "  - ten: Văn hóa công sở tại Văn phòng Sở\n    loai: van-hoa-cong-so\n    don_vi: Văn phòng Sở Tài chính\n"
		return []byte(edit(t, minimalReport, model, strings.Repeat(model, n)))
	}
}

// aliasBomb is minimalReport followed by a "billion laughs": nine levels of lists, each holding its
// previous level nine times, which would expand to 9^9 strings.
func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString(minimalReport)
	b.WriteString(`ghi_chu: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]` + "\n")
	for i := 1; i < 9; i++ {
		ref := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "l%d: &a%d [%s]\n", i, i, strings.Repeat(ref+", ", 8)+ref)
	}
	return []byte(b.String())
}

// nested is minimalReport followed by n levels of mappings, each key on its own line, indented
// under the one before.
func nested(n int) []byte {
	var b strings.Builder
	b.WriteString(minimalReport)
	b.WriteString("ghi_chu:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%sc%d:\n", strings.Repeat("  ", i), i)
	}
	return []byte(b.String())
}

// docxFile is the start of a Word document: a zip archive holding its content types.
func docxFile(t *testing.T) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="xml" ContentType="application/xml"/></Types>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oleHeader is the first sector of an old Word .doc (an OLE compound file).
func oleHeader() []byte {
	b := make([]byte, 512)
	copy(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	copy(b[0x18:], "\x3E\x00\x03\x00\xFE\xFF\x09\x00\x06\x00")
	for i := 0x4C; i < len(b); i++ {
		b[i] = 0xFF
	}
	return b
}

// binaryNoise is 4 KiB of seeded random bytes, one in four a NUL, as in an executable or an image.
func binaryNoise() []byte {
	rng := rand.New(rand.NewPCG(5, 5))
	b := make([]byte, 4096)
	for i := range b {
		if i%4 != 0 {
			b[i] = byte(rng.UintN(256))
		}
	}
	return b
}

// vn3 writes s as TCVN3 typed with the common .VnTime fonts and pasted into a UTF-8 file (TCVN 5712
// VN3, each code read as Windows-1252): those fonts have the small letters and Ă Â Ê Ô Ơ Ư Đ, so
// any other capital beyond ASCII is typed in its small letter's code (a .VnTimeH font prints it as
// a capital).
func vn3(s string) string {
	const letters = "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
	const codes = "¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ"
	code := map[rune]rune{}
	cs := []rune(codes)
	for i, l := range []rune(letters) {
		code[l] = cs[i]
	}
	var b strings.Builder
	for _, r := range s {
		if c, ok := code[r]; ok {
			b.WriteRune(c)
		} else if c, ok := code[[]rune(strings.ToLower(string(r)))[0]]; ok {
			b.WriteRune(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// inVN3 returns an input function giving minimalReport with old replaced by new, all typed in
// TCVN3 with the .VnTime fonts.
func inVN3(old, new string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte { return []byte(vn3(edit(t, minimalReport, old, new))) }
}

// vn3Value is one value of minimalReport as vn3 types it.
type vn3Value struct {
	line                 int
	key, legacy, unicode string
}

// vn3Report are the values of minimalReport that vn3 changes, with what they read in Unicode.
var vn3Report = []vn3Value{
	{3, "co_quan.ten", "Chi bé Së Tµi chÝnh", "Chi bộ Sở Tài chính"},
	{7, "dia_danh", "Yªn B¸i", "Yên Bái"},
	{14, "mo_hinh[1].ten", "V¨n hãa c«ng së t¹i V¨n phßng Së", "Văn hóa công sở tại Văn phòng Sở"},
	{16, "mo_hinh[1].don_vi", "V¨n phßng Së Tµi chÝnh", "Văn phòng Sở Tài chính"},
	{18, "guong[1].ho_ten", "NguyÔn ThÞ Hoa", "Nguyễn Thị Hoa"},
	{19, "guong[1].chuc_vu", "Phã Ch¸nh V¨n phßng", "Phó Chánh Văn phòng"},
	{20, "guong[1].don_vi", "V¨n phßng Së Tµi chÝnh", "Văn phòng Sở Tài chính"},
	{22, "noi_nhan[1]", "Ban Tuyªn gi¸o §UK", "Ban Tuyên giáo ĐUK"},
	{23, "noi_nhan[2]", "L\u00adu Chi bé", "Lưu Chi bộ"},
	{25, "ky.quyen", "T/M BAN CHI ñY", "T/M BAN CHI ỦY"},
	{26, "ky.chuc_vu", "BÝ TH¦", "BÍ THƯ"},
	{27, "ky.ho_ten", "TrÇn V¨n B×nh", "Trần Văn Bình"},
}

// vn3Messages are the messages about vn3Report, with replace's values in place of those on the
// same lines: a warning for each converted value, or with refused the error of --no-convert.
func vn3Messages(refused bool, replace ...vn3Value) []string {
	var out []string
	for _, v := range vn3Report {
		for _, r := range replace {
			if r.line == v.line {
				v = r
			}
		}
		out = append(out, tcvn3Message(refused, v))
	}
	return out
}

// tcvn3Message is the message about one value typed in TCVN3: converted, or refused.
func tcvn3Message(refused bool, v vn3Value) string {
	if refused {
		return fmt.Sprintf("FILE:%d: %s: %q có vẻ được gõ bằng bảng mã TCVN3 (ABC); hãy chuyển sang Unicode (Unikey: Ctrl+Shift+F6), hoặc bỏ --no-convert để chương trình tự chuyển", v.line, v.key, v.legacy)
	}
	return fmt.Sprintf("FILE:%d: %s: cảnh báo: đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode: %q thành %q", v.line, v.key, v.legacy, v.unicode)
}

// The messages shared by several cases.
const (
	controlFromWord = "có ký tự điều khiển không in được (U+%04X), thường do dán từ Word; hãy xóa hoặc gõ lại chữ đó"
	notYAML         = "FILE: đây là %s, không phải tệp YAML"
)

var hostileInputs = []hostileCase{
	// Characters that cannot be in a report.
	{
		name:  "vertical tab pasted in a name",
		input: report("ten: Chi bộ Sở Tài chính", "ten: Chi bộ Sở\vTài chính"),
		want:  []string{"FILE:3: " + fmt.Sprintf(controlFromWord, 0x0B)},
	},
	{
		name:  "U+0001 in a name",
		input: report("  ho_ten: Trần Văn Bình", "  ho_ten: Trần Văn\x01 Bình"),
		want:  []string{"FILE:27: " + fmt.Sprintf(controlFromWord, 0x01)},
	},
	{
		name:  "C1 control U+0090 in a value",
		input: report("  - Lưu Chi bộ", "  - Lưu Chi b\u0090"),
		want:  []string{"FILE:23: có ký tự điều khiển không in được (U+0090), thường do dán văn bản gõ bằng bảng mã TCVN3 có chữ hoa; hãy xóa hoặc gõ lại chữ đó"},
	},
	{
		name:  "line separator U+2028 in a name",
		input: report("  ho_ten: Trần Văn Bình", "  ho_ten: Trần Văn\u2028 Bình"),
		want:  []string{"FILE:27: " + fmt.Sprintf(controlFromWord, 0x2028)},
	},
	{
		name:  "emoji in a name",
		input: report("ten: Chi bộ Sở Tài chính", "ten: Chi bộ Sở Tài chính 🎉"),
		want:  []string{`FILE:3: co_quan.ten: có ký tự mà phông chữ không in được: "🎉" (U+1F389)`},
	},
	{
		name:  "CJK characters in a name",
		input: report("  ho_ten: Trần Văn Bình", "  ho_ten: Trần Văn Bình 陳文平"),
		want:  []string{`FILE:27: ky.ho_ten: có ký tự mà phông chữ không in được: "陳" (U+9673), "文" (U+6587), "平" (U+5E73)`},
	},
	{
		name:  "private-use character",
		input: report("    don_vi: Văn phòng Sở Tài chính\nguong:", "    don_vi: Văn phòng Sở Tài chính\ue000\nguong:"),
		want:  []string{`FILE:16: mo_hinh[1].don_vi: có ký tự mà phông chữ không in được: "\ue000" (U+E000)`},
	},
	// Limits.
	{
		name:  "value over 5000 characters",
		input: report("  - Lưu Chi bộ", "  - Lưu Chi bộ "+strings.Repeat("ạ", 5000)),
		want:  []string{"FILE:23: noi_nhan[2]: quá dài (5011 ký tự; tối đa 5000)"},
	},
	{
		name:  "signer's name too long for the signature block",
		input: report("  ho_ten: Trần Văn Bình", "  ho_ten: Trần Văn Bình"+strings.Repeat(" Bình", 30)),
		want:  []string{"FILE:27: ky.ho_ten: quá dài (163 ký tự; tối đa 150 ở chỗ này của văn bản)"},
	},
	{
		name:  "thirteen recipients",
		input: report("  - Lưu Chi bộ", "  - Lưu Chi bộ"+strings.Repeat("\n  - Các chi bộ trực thuộc", 11)),
		want:  []string{"FILE:22: noi_nhan: quá nhiều nơi nhận (13; tối đa 12): khối \"Nơi nhận\" phải nằm gọn một trang cùng chữ ký"},
	},
	{
		name:  "2001 models",
		input: models(2001),
		want:  []string{"FILE:14: mo_hinh: quá nhiều mục (2001; tối đa 2000)"},
	},
	{
		name:  "YAML alias bomb",
		input: raw(aliasBomb()),
		want:  []string{"FILE:29: không dùng tham chiếu YAML (& và *); hãy viết đầy đủ giá trị"},
	},
	{
		name:  "nesting deeper than 12 levels",
		input: raw(nested(13)),
		want:  []string{"FILE:41: lồng quá sâu (hơn 12 cấp)"}, // c12, the 13th level of keys
	},
	{
		name: "file over 1 MiB",
		input: func(t *testing.T) []byte {
			return []byte(oversized(1<<20 + 1)(t))
		},
		want: []string{"FILE: tệp quá lớn: giới hạn là 1048576 byte (1 MiB); một báo cáo thường chỉ vài nghìn byte"},
	},
	// Files that are not text.
	{
		name:  "PDF renamed .yaml",
		input: raw([]byte("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")),
		want:  []string{fmt.Sprintf(notYAML, "một tệp PDF")},
	},
	{
		name:  "PDF with no binary comment renamed .yaml",
		input: raw([]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")),
		want:  []string{fmt.Sprintf(notYAML, "một tệp PDF")},
	},
	{
		name:  "DOCX renamed .yaml",
		input: docxFile,
		want:  []string{fmt.Sprintf(notYAML, "một tệp nén (Word .docx, Excel .xlsx hoặc .zip)")},
	},
	{
		name:  "old Word .doc renamed .yaml",
		input: raw(oleHeader()),
		want:  []string{fmt.Sprintf(notYAML, "một tệp Word hoặc Excel đời cũ (.doc, .xls)")},
	},
	{
		name:  "random binary with NUL bytes",
		input: raw(binaryNoise()),
		want:  []string{fmt.Sprintf(notYAML, "một tệp UTF-16 không có dấu BOM hoặc một tệp nhị phân")},
	},
	{
		name:  "UTF-16LE without BOM",
		input: encoded(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), ""),
		want:  []string{fmt.Sprintf(notYAML, "một tệp UTF-16 không có dấu BOM hoặc một tệp nhị phân")},
	},
	{
		name: "ASCII YAML in UTF-16LE without BOM",
		input: func(t *testing.T) []byte {
			out, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("mau: dang-ky\nso: 5\n"))
			if err != nil {
				t.Fatal(err)
			}
			return out
		},
		want: []string{fmt.Sprintf(notYAML, "một tệp UTF-16 không có dấu BOM hoặc một tệp nhị phân")},
	},
	{
		name:  "UTF-8 with one broken byte",
		input: report("  ho_ten: Trần Văn Bình", "  ho_ten: Tr\xe2n Văn Bình"),
		want:  []string{"FILE:27: tệp không phải văn bản UTF-8 hợp lệ: dòng này có byte hỏng; hãy lưu lại tệp với bảng mã UTF-8"},
	},
	// Legacy encodings refused under --no-convert.
	{
		name:      "TCVN3 name with --no-convert",
		input:     report("  ho_ten: Trần Văn Bình", "  ho_ten: TrÇn V¨n B×nh"),
		noConvert: true,
		want:      []string{`FILE:27: ky.ho_ten: "TrÇn V¨n B×nh" có vẻ được gõ bằng bảng mã TCVN3 (ABC); hãy chuyển sang Unicode (Unikey: Ctrl+Shift+F6), hoặc bỏ --no-convert để chương trình tự chuyển`},
	},
	{
		name:      "VNI name with --no-convert",
		input:     report("  ho_ten: Trần Văn Bình", "  ho_ten: Traàn Vaên Bình"),
		noConvert: true,
		want:      []string{`FILE:27: ky.ho_ten: "Traàn Vaên Bình" có vẻ được gõ bằng bảng mã VNI; hãy chuyển sang Unicode (Unikey: Ctrl+Shift+F6), hoặc bỏ --no-convert để chương trình tự chuyển`},
	},
	{
		name:      "TCVN3 cell name with --no-convert",
		input:     report("ten: Chi bộ Sở Tài chính", "ten: Chi bé Së Tµi chÝnh"),
		noConvert: true,
		want:      []string{`FILE:3: co_quan.ten: "Chi bé Së Tµi chÝnh" có vẻ được gõ bằng bảng mã TCVN3 (ABC); hãy chuyển sang Unicode (Unikey: Ctrl+Shift+F6), hoặc bỏ --no-convert để chương trình tự chuyển`},
	},
	{
		name:  "tab used for indentation",
		input: report("  loai: chi-bo", "\tloai: chi-bo"),
		want:  []string{"FILE:4: thụt lề bằng phím Tab; hãy dùng dấu cách"},
	},
	// YAML mistakes explained at their line (issue 11).
	{name: "non-breaking spaces for indentation", input: report("  loai: chi-bo", "\u00a0\u00a0loai: chi-bo"), want: []string{`FILE:4: thụt lề bằng dấu cách đặc biệt (U+00A0, thường có khi chép từ Word hoặc trang web); hãy xóa khoảng trắng đầu dòng rồi gõ lại bằng phím cách`}},
	{name: "colon and space in a value", input: report("ten: Chi bộ Sở Tài chính", "ten: Chi bộ: Sở Tài chính"), want: []string{`FILE:3: giá trị có dấu hai chấm và dấu cách (": "); hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "Chi bộ: Sở Tài chính"`}},
	{name: "colon and space in a recipient", input: report("  - Lưu Chi bộ", "  - Lưu: VT"), want: []string{`FILE:23: giá trị có dấu hai chấm và dấu cách (": "); hãy đặt cả giá trị trong dấu ngoặc kép:   - "Lưu: VT"`}},
	{name: "value starting with a star", input: report("ten: Chi bộ Sở Tài chính", "ten: *Chi bộ Sở Tài chính"), want: []string{`FILE:3: giá trị bắt đầu bằng ký tự "*"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "*Chi bộ Sở Tài chính"`}},
	{name: "value starting with an ampersand", input: report("ten: Chi bộ Sở Tài chính", "ten: &Chi bộ Sở Tài chính"), want: []string{`FILE:3: giá trị bắt đầu bằng ký tự "&"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "&Chi bộ Sở Tài chính"`}},
	{name: "value starting with an exclamation mark", input: report("ten: Chi bộ Sở Tài chính", "ten: !Chi bộ Sở Tài chính"), want: []string{`FILE:3: giá trị bắt đầu bằng ký tự "!"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "!Chi bộ Sở Tài chính"`}},
	{name: "value starting with a percent sign", input: report("  - Lưu Chi bộ", "  - Lưu Chi bộ\ndia_danh: %Yên Bái"), want: []string{`FILE:24: giá trị bắt đầu bằng ký tự "%"; hãy đặt cả giá trị trong dấu ngoặc kép: dia_danh: "%Yên Bái"`}},
	{name: "value starting with an at sign", input: report("  ho_ten: Trần Văn Bình", "  ho_ten: @Trần Văn Bình"), want: []string{`FILE:27: giá trị bắt đầu bằng ký tự "@"; hãy đặt cả giá trị trong dấu ngoặc kép:   ho_ten: "@Trần Văn Bình"`}},
	{name: "value starting with a backquote", input: report("  ho_ten: Trần Văn Bình", "  ho_ten: `Trần Văn Bình`"), want: []string{"FILE:27: giá trị bắt đầu bằng ký tự \"`\"; hãy đặt cả giá trị trong dấu ngoặc kép:   ho_ten: \"`Trần Văn Bình`\""}},
	{name: "quote that does not close the value", input: report("  - ten: Văn hóa công sở tại Văn phòng Sở", `  - ten: "5S" tại Khoa Dược`), want: []string{`FILE:14: giá trị mở bằng dấu ngoặc nhưng còn chữ sau dấu đóng ngoặc; hãy đặt cả giá trị trong dấu nháy đơn (vì bên trong đã có dấu ngoặc kép):   - ten: '"5S" tại Khoa Dược'`}},
	{name: "comma inside braces", input: report("co_quan:\n  ten: Chi bộ Sở Tài chính\n  loai: chi-bo\n  khoi: co-quan", "co_quan: {ten: Chi bộ Sở Tài chính, Kế hoạch, loai: chi-bo, khoi: co-quan}"), want: []string{`FILE:2: dấu phẩy trong {…} ngăn cách các khóa nên "Kế hoạch" bị hiểu là một khóa; giá trị có dấu phẩy phải đặt trong dấu ngoặc kép: co_quan: {ten: "Chi bộ Sở Tài chính, Kế hoạch", loai: chi-bo, khoi: co-quan}`}},
	{name: "no space after the colon", input: report("dia_danh: Yên Bái", "dia_danh:Yên Bái"), want: []string{`FILE:7: thiếu dấu cách sau dấu hai chấm; hãy viết: dia_danh: Yên Bái`}},
	{name: "two documents in one file", input: func(t *testing.T) []byte { return []byte(minimalReport + "---\n" + minimalReport) }, want: []string{`FILE:29: dòng "---" bắt đầu một văn bản thứ hai, nhưng mỗi tệp chỉ được có một báo cáo; hãy chuyển phần từ dòng này trở đi sang một tệp khác`}},
	{name: "English key place", input: report("dia_danh: Yên Bái", "place: Yên Bái"), want: []string{`FILE:7: place: khóa không có trong mẫu; có phải là "dia_danh"?`}},
	{name: "English key name", input: report("  ho_ten: Trần Văn Bình", "  name: Trần Văn Bình"), want: []string{`FILE:24: ky.ho_ten: thiếu khóa bắt buộc`, `FILE:27: ky.name: khóa không có trong mẫu; có phải là "ho_ten"?`}},
	{name: "Vietnamese key with diacritics", input: report("ngay: 2021-04-12", "ngày: 2021-04-12"), want: []string{`FILE:1: ngay: thiếu khóa bắt buộc`, `FILE:8: ngày: khóa không có trong mẫu; có phải là "ngay"?`}},
	{name: "unknown key with nothing close", input: report("  - Lưu Chi bộ", "  - Lưu Chi bộ\nnguoi_lap: Nguyễn Văn A"), want: []string{`FILE:24: nguoi_lap: khóa không có trong mẫu; ở đây chỉ dùng: mau, co_quan, so, ky_hieu, dia_danh, ngay, giai_doan, can_cu, ke_hoach, mo_hinh, guong, noi_nhan, ky`}},
	{name: "three marks on one letter", input: report("  ho_ten: Trần Văn Bình", "  ho_ten: Tra\u0302\u0300\u0301n Văn Bình"), want: []string{`FILE:27: ky.ho_ten: chữ "a" mang 3 dấu chồng lên nhau (một chữ tiếng Việt có nhiều nhất 2 dấu); hãy xóa và gõ lại chữ đó`}},
	{
		name:  "empty file",
		input: raw(nil),
		want:  []string{"FILE:1: tệp trống"},
	},
	{
		name:  "only comments",
		input: raw([]byte("# Báo cáo đăng ký mô hình\n# (chưa viết)\n")),
		want:  []string{"FILE:1: tệp trống"},
	},
	{
		name:  "a list at the top",
		input: raw([]byte("- mau: dang-ky\n- so: 5\n")),
		want:  []string{`FILE:1: tệp phải gồm các khóa, mỗi dòng một khóa (ví dụ "mau: dang-ky")`},
	},
	// Accepted with a warning.
	{
		name:     "zero-width space in a name",
		input:    report("ten: Chi bộ Sở Tài chính", "ten: Chi bộ Sở Tài\u200b chính"),
		accepted: true,
		want:     []string{"FILE:3: co_quan.ten: cảnh báo: đã bỏ ký tự vô hình (U+200B), thường có khi chép từ web hoặc Word"},
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH"},
	},
	{
		name:     "right-to-left override in a unit",
		input:    report("    don_vi: Văn phòng Sở Tài chính\nguong:", "    don_vi: Văn phòng Sở \u202eTài chính\nguong:"),
		accepted: true,
		want:     []string{"FILE:16: mo_hinh[1].don_vi: cảnh báo: đã bỏ ký tự vô hình (U+202E), thường có khi chép từ web hoặc Word"},
		pdfText:  []string{"Văn phòng Sở — Văn phòng Sở Tài chính."},
	},
	{
		name:     "soft hyphen in a Unicode word",
		input:    report("Phó Chánh Văn phòng\n    don_vi: Văn phòng Sở Tài chính", "Phó Chánh Văn phòng\n    don_vi: Phòng Kế to\u00adán"),
		accepted: true,
		want:     []string{"FILE:20: guong[1].don_vi: cảnh báo: đã bỏ ký tự vô hình (U+00AD), thường có khi chép từ web hoặc Word"},
		pdfText:  []string{"Phó Chánh Văn phòng, Phòng Kế toán."},
	},
	{
		name:     "soft hyphen in a Unicode word with Latin-1 letters only",
		input:    report("Phó Chánh Văn phòng\n    don_vi: Văn phòng Sở Tài chính", "Phó Chánh Văn phòng\n    don_vi: Phòng Tài chí\u00adnh"),
		accepted: true,
		want:     []string{"FILE:20: guong[1].don_vi: cảnh báo: đã bỏ ký tự vô hình (U+00AD), thường có khi chép từ web hoặc Word"},
		pdfText:  []string{"Phó Chánh Văn phòng, Phòng Tài chính."},
	},
	{
		name:     "TCVN3 name",
		input:    report("ten: Chi bộ Sở Tài chính", "ten: Chi bé Së Tµi chÝnh"),
		accepted: true,
		want:     []string{`FILE:3: co_quan.ten: cảnh báo: đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode: "Chi bé Së Tµi chÝnh" thành "Chi bộ Sở Tài chính"`},
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH"},
	},
	{
		name:     "VNI name",
		input:    report("ten: Chi bộ Sở Tài chính", "ten: Chi boä Sôû Taøi chính"),
		accepted: true,
		want:     []string{`FILE:3: co_quan.ten: cảnh báo: đã chuyển từ bảng mã VNI sang Unicode: "Chi boä Sôû Taøi chính" thành "Chi bộ Sở Tài chính"`},
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH"},
	},
	// Dates typed as people write them, and numbers typed whole (issue 9).
	{
		name:     "date with dots, day first",
		input:    report("ngay: 2021-04-12", "ngay: 12.4.2021"),
		accepted: true,
		pdfText:  []string{"Yên Bái, ngày 12 tháng 4 năm 2021"},
	},
	{
		name:     "date with hyphens, day first",
		input:    report("ngay: 2021-04-12", "ngay: 12-4-2021"),
		accepted: true,
		pdfText:  []string{"Yên Bái, ngày 12 tháng 4 năm 2021"},
	},
	{
		name:     "month only with a dot",
		input:    report("ngay: 2021-04-12", "ngay: 4.2021"),
		accepted: true,
		pdfText:  []string{"Yên Bái, ngày tháng 4 năm 2021"},
	},
	{
		name:  "date with dots that does not exist",
		input: report("ngay: 2021-04-12", "ngay: 31.4.2021"),
		want:  []string{`FILE:8: ngay: "31.4.2021" không phải là ngày hợp lệ: tháng 4/2021 chỉ có 30 ngày`},
	},
	{
		name:  "month and day swapped",
		input: report("ngay: 2021-04-12", "ngay: 4/13/2021"),
		want:  []string{`FILE:8: ngay: "4/13/2021" không phải là ngày hợp lệ: không có tháng 13 (viết ngày trước, tháng sau, như 12/4/2021)`},
	},
	{
		name:  "two-digit year",
		input: report("ngay: 2021-04-12", "ngay: 12.4.21"),
		want:  []string{`FILE:8: ngay: "12.4.21" không phải là ngày hợp lệ: năm phải viết đủ bốn chữ số (như 12/4/2021)`},
	},
	{
		name:  "whole number with its code in so",
		input: report("so: 5", "so: 05-BC/CB"),
		want:  []string{`FILE:6: so: chỉ ghi số (5); ký hiệu "BC/CB" ghi ở ô ký hiệu`},
	},
	{
		name:  "number with a slash and code in so",
		input: report("so: 5", "so: 5/BC-CB"),
		want:  []string{`FILE:6: so: chỉ ghi số (5); ký hiệu "BC-CB" ghi ở ô ký hiệu`},
	},
	{
		name:  "the word Số in the plan's number",
		input: report("  so: 3", "  so: Số 03"),
		want:  []string{`FILE:11: ke_hoach.so: chỉ ghi số (3), không ghi chữ "Số"`},
	},
	// Legacy text judged with the whole file (issue 11).
	{
		name:     "whole report in TCVN3",
		input:    inVN3("  - ho_ten: Nguyễn Thị Hoa", "  - ho_ten: Lê Thị Ánh"),
		accepted: true,
		want:     vn3Messages(false, vn3Value{18, "guong[1].ho_ten", "Lª ThÞ ¸nh", "Lê Thị Ánh"}),
		pdfText:  []string{"T/M BAN CHI ỦY", "BÍ THƯ", "Trần Văn Bình", "Lê Thị Ánh, Phó Chánh Văn phòng", "CHI BỘ SỞ TÀI CHÍNH"},
	},
	{
		name:      "whole report in TCVN3 with --no-convert",
		input:     inVN3("mau: dang-ky", "mau: dang-ky"),
		noConvert: true,
		want:      vn3Messages(true),
	},
	{
		name:     "whole report in TCVN3 capitals",
		input:    inVN3("ten: Chi bộ Sở Tài chính", "ten: CHI BỘ SỞ TÀI CHÍNH"),
		accepted: true,
		want:     vn3Messages(false, vn3Value{3, "co_quan.ten", "CHI Bé Së TµI CHÝNH", "CHI BỘ SỞ TÀI CHÍNH"}),
		pdfText:  []string{"T/M BAN CHI ỦY", "BÍ THƯ", "CHI BỘ SỞ TÀI CHÍNH"},
	},
	{
		name: "letters that differ between TCVN3 and VNI in a TCVN3 file",
		input: func(t *testing.T) []byte {
			return []byte(edit(t, vn3(minimalReport), "    don_vi: V¨n phßng Së Tµi chÝnh\nnoi_nhan", "    don_vi: ban ñ Ñ ô Ô Ö Ý\nnoi_nhan"))
		},
		accepted: true,
		want:     vn3Messages(false, vn3Value{20, "guong[1].don_vi", "ban ñ Ñ ô Ô Ö Ý", "ban ủ ẹ ụ ễ ệ í"}),
		pdfText:  []string{"Phó Chánh Văn phòng, ban ủ ẹ ụ ễ ệ í."},
	},
	{
		name:     "letters that differ between TCVN3 and VNI in a Unicode file",
		input:    report("Phó Chánh Văn phòng\n    don_vi: Văn phòng Sở Tài chính", "Phó Chánh Văn phòng\n    don_vi: ban ñ Ñ ô Ô Ö Ý"),
		accepted: true,
		want:     []string{`FILE:20: guong[1].don_vi: cảnh báo: "ban ñ Ñ ô Ô Ö Ý" có thể là chữ gõ bằng bảng mã TCVN3 ("ban ủ ẹ ụ ễ ệ í") hoặc VNI ("ban đ Đ ơ Ơ Ư Ý") nên chưa chuyển; hãy gõ lại bằng Unicode`},
		pdfText:  []string{"Phó Chánh Văn phòng, ban ñ Ñ ô Ô Ö Ý."},
	},
	{
		name:     "office in TCVN3 in a Unicode file",
		input:    report("  chuc_vu: BÍ THƯ", "  chuc_vu: BÝ TH¦"),
		accepted: true,
		want:     []string{tcvn3Message(false, vn3Report[10])},
		pdfText:  []string{"BÍ THƯ"},
	},
	{
		name:      "office in TCVN3 in a Unicode file with --no-convert",
		input:     report("  chuc_vu: BÍ THƯ", "  chuc_vu: BÝ TH¦"),
		noConvert: true,
		want:      []string{tcvn3Message(true, vn3Report[10])},
	},
	{
		name:     "cell name in TCVN3 capitals in a Unicode file",
		input:    report("ten: Chi bộ Sở Tài chính", "ten: CHI Bé Së TµI CHÝNH"),
		accepted: true,
		want:     []string{tcvn3Message(false, vn3Value{3, "co_quan.ten", "CHI Bé Së TµI CHÝNH", "CHI BỘ SỞ TÀI CHÍNH"})},
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH"},
	},
	{
		name:     "name in TCVN3 keeps its capitals in a Unicode file",
		input:    report("  - ho_ten: Nguyễn Thị Hoa", "  - ho_ten: Lª ThÞ ¸nh"),
		accepted: true,
		want:     []string{tcvn3Message(false, vn3Value{18, "guong[1].ho_ten", "Lª ThÞ ¸nh", "Lê Thị Ánh"})},
		pdfText:  []string{"Lê Thị Ánh, Phó Chánh Văn phòng"},
	},
	{
		name:     "signing line in TCVN3 in a Unicode file",
		input:    report("  quyen: T/M BAN CHI ỦY", "  quyen: T/M BAN CHI ñY"),
		accepted: true,
		want:     []string{tcvn3Message(false, vn3Report[9])},
		pdfText:  []string{"T/M BAN CHI ỦY"},
	},
	{
		name:     "name that reads as TCVN3 and as VNI in a Unicode file",
		input:    report("  - ho_ten: Nguyễn Thị Hoa", "  - ho_ten: Thñy"),
		accepted: true,
		want:     []string{`FILE:18: guong[1].ho_ten: cảnh báo: "Thñy" có thể là chữ gõ bằng bảng mã TCVN3 ("Thủy") hoặc VNI ("Thđy") nên chưa chuyển; hãy gõ lại bằng Unicode`},
	},
	// Outputs that cannot be written, said in Vietnamese with what to do (issue 11).
	{
		name:  "a folder in the PDF's place",
		input: raw([]byte(minimalReport)),
		prepare: func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "bao-cao.pdf"), 0o755); err != nil {
				t.Fatal(err)
			}
		},
		keep: []string{"bao-cao.pdf"},
		want: []string{"OUT: đã có một thư mục trùng tên; hãy chọn tên tệp khác"},
	},
	{
		name:    "disk full",
		input:   raw([]byte(minimalReport)),
		prepare: func(t *testing.T, _ string) { withFullDisk(t, 1000) },
		want:    []string{"OUT: ổ đĩa đã đầy; không ghi được tệp"},
	},

	{
		name:     "UTF-16LE with BOM",
		input:    encoded(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), ""),
		accepted: true,
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH", "Nguyễn Thị Hoa"},
	},
	{
		name:     "UTF-16BE with BOM",
		input:    encoded(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), ""),
		accepted: true,
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH", "Nguyễn Thị Hoa"},
	},
	{
		name:     "UTF-8 with BOM",
		input:    encoded(encoding.Nop, "\uFEFF"),
		accepted: true,
		pdfText:  []string{"CHI BỘ SỞ TÀI CHÍNH"},
	},
	{
		name: "CRLF line ends",
		input: func(*testing.T) []byte {
			return []byte(strings.ReplaceAll(minimalReport, "\n", "\r\n"))
		},
		accepted: true,
		pdfText:  []string{"Trần Văn Bình"},
	},
	{
		name:     "whole file in Windows-1258",
		input:    func(t *testing.T) []byte { return windows1258(t, minimalReport) },
		accepted: true,
		want:     []string{"FILE: cảnh báo: tệp lưu bằng bảng mã Windows-1258; đã chuyển sang Unicode"},
		pdfText: []string{"CHI BỘ SỞ TÀI CHÍNH", "Nguyễn Thị Hoa, Phó Chánh Văn phòng, Văn phòng Sở Tài chính.",
			"Văn hóa công sở tại Văn phòng Sở", "Trần Văn Bình", "Lưu Chi bộ"},
	},
}

// TestRenderHostileInput renders each hostile input as "bao-cao.yaml": a refused one exits 3 with
// exactly its error lines and the summary, and leaves the folder holding the input alone; an
// accepted one exits 0 with exactly its warnings, and the folder holds the input and a whole PDF
// whose text, when pdftotext is installed, holds the expected phrases.
func TestRenderHostileInput(t *testing.T) {
	for _, tc := range hostileInputs {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "bao-cao.yaml")
			if err := os.WriteFile(in, tc.input(t), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "bao-cao.pdf")
			if tc.prepare != nil {
				tc.prepare(t, dir)
			}
			args := []string{"render", in}
			if tc.noConvert {
				args = []string{"render", "--no-convert", in}
			}
			r := runMain(args...)

			// Whatever the outcome, nothing is left that should not be: the input alone when
			// refused, a whole PDF beside it when accepted.
			if tc.prepare != nil {
				if r.code != exitFailure {
					t.Errorf("exit code = %d, want %d", r.code, exitFailure)
				}
				assertDirHolds(t, dir, append([]string{"bao-cao.yaml"}, tc.keep...)...)
				var want []string
				for _, w := range tc.want {
					want = append(want, strings.Replace(w, "OUT", out, 1))
				}
				if got := lines(append(want, "baocao: 1 tệp không tạo được")...); r.stderr != got || r.stdout != "" {
					t.Errorf("stdout:\n%s\nstderr:\n%s\nwant stderr:\n%s", r.stdout, r.stderr, got)
				}
				return
			}
			if r.code == exitOK {
				assertDirHolds(t, dir, "bao-cao.yaml", "bao-cao.pdf")
				assertPDF(t, out)
			} else {
				assertDirHolds(t, dir, "bao-cao.yaml")
			}

			var failures []string
			code, stdout, stderr := exitInvalid, "", lines(append(atFile(in, tc.want), invalidOneFile)...)
			if tc.accepted {
				code, stdout, stderr = exitOK, lines("đã tạo "+out), lines(atFile(in, tc.want)...)
			}
			if r.code != code {
				failures = append(failures, fmt.Sprintf("exit code = %d, want %d", r.code, code))
			}
			if r.stdout != stdout {
				failures = append(failures, fmt.Sprintf("stdout:\n%s\nwant:\n%s", r.stdout, stdout))
			}
			if r.stderr != stderr {
				failures = append(failures, fmt.Sprintf("stderr:\n%s\nwant:\n%s", r.stderr, stderr))
			}
			if r.code == exitOK {
				failures = append(failures, missingPDFText(t, out, tc.pdfText)...)
			}
			for _, f := range failures {
				t.Error(f)
			}
		})
	}
}

// missingPDFText returns a failure for each phrase that the text of the PDF at path, its runs of
// white space made single spaces, does not hold. Without pdftotext it only logs that it cannot tell.
func missingPDFText(t *testing.T, path string, phrases []string) []string {
	t.Helper()
	if len(phrases) == 0 {
		return nil
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is not installed: the PDF's text is not checked")
		return nil
	}
	text, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return []string{fmt.Sprintf("pdftotext %s: %v", path, err)}
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	var failures []string
	for _, p := range phrases {
		if !strings.Contains(flat, p) {
			failures = append(failures, fmt.Sprintf("the PDF's text lacks %q:\n%s", p, flat))
		}
	}
	return failures
}
