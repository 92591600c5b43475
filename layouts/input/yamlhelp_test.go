package input

import (
	"strings"
	"testing"
)

// TestYAMLMistakes: the mistakes people make typing YAML by hand are explained in Vietnamese at
// the line of the mistake, with the line as it should be written, never in the library's English.
func TestYAMLMistakes(t *testing.T) {
	const head = "mau: dang-ky\nco_quan:\n  loai: chi-bo\n"
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"tab", head + "\tten: Chi bộ\n", 4, "thụt lề bằng phím Tab; hãy dùng dấu cách"},
		{"tab after spaces", head + "  \tten: Chi bộ\n", 4, "thụt lề bằng phím Tab; hãy dùng dấu cách"},
		{"non-breaking spaces", head + "\u00a0\u00a0ten: Chi bộ\n", 4,
			"thụt lề bằng dấu cách đặc biệt (U+00A0, thường có khi chép từ Word hoặc trang web); hãy xóa khoảng trắng đầu dòng rồi gõ lại bằng phím cách"},
		{"a space then a non-breaking space", head + " \u00a0ten: Chi bộ\n", 4,
			"thụt lề bằng dấu cách đặc biệt (U+00A0, thường có khi chép từ Word hoặc trang web); hãy xóa khoảng trắng đầu dòng rồi gõ lại bằng phím cách"},
		{"ideographic space", head + "\u3000ten: Chi bộ\n", 4,
			"thụt lề bằng dấu cách đặc biệt (U+3000, thường có khi chép từ Word hoặc trang web); hãy xóa khoảng trắng đầu dòng rồi gõ lại bằng phím cách"},
		{"colon in a value", head + "  ten: Chi bộ: Sở Y tế\n", 4,
			`giá trị có dấu hai chấm và dấu cách (": "); hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "Chi bộ: Sở Y tế"`},
		{"colon in a top value", "mau: dang-ky\nten: Chi bộ: Sở Y tế\n", 2,
			`giá trị có dấu hai chấm và dấu cách (": "); hãy đặt cả giá trị trong dấu ngoặc kép: ten: "Chi bộ: Sở Y tế"`},
		{"colon in a list item's value", "mau: dang-ky\nmo_hinh:\n  - ten: Mô hình: Dân vận khéo # hay\n", 3,
			`giá trị có dấu hai chấm và dấu cách (": "); hãy đặt cả giá trị trong dấu ngoặc kép:   - ten: "Mô hình: Dân vận khéo"  # hay`},
		{"colon in a list item of text", "mau: dang-ky\nnoi_nhan:\n  - Ban Tuyên giáo ĐUK\n  - Lưu: VT\n", 4,
			`giá trị có dấu hai chấm và dấu cách (": "); hãy đặt cả giá trị trong dấu ngoặc kép:   - "Lưu: VT"`},
		{"star", head + "  ten: *Chi bộ\n", 4, `giá trị bắt đầu bằng ký tự "*"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "*Chi bộ"`},
		{"ampersand", head + "  ten: &Chi bộ\n", 4, `giá trị bắt đầu bằng ký tự "&"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "&Chi bộ"`},
		{"exclamation", head + "  ten: !Chi bộ\n", 4, `giá trị bắt đầu bằng ký tự "!"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "!Chi bộ"`},
		{"percent", "mau: dang-ky\nso: %5\n", 2, `giá trị bắt đầu bằng ký tự "%"; hãy đặt cả giá trị trong dấu ngoặc kép: so: "%5"`},
		{"at", head + "  ten: @Chi bộ\n", 4, `giá trị bắt đầu bằng ký tự "@"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: "@Chi bộ"`},
		{"backquote", head + "  ten: `Chi bộ`\n", 4, "giá trị bắt đầu bằng ký tự \"`\"; hãy đặt cả giá trị trong dấu ngoặc kép:   ten: \"`Chi bộ`\""},
		{"quote that does not close the value", "mau: dang-ky\nten: \"5S\" tại Khoa Dược\n", 2,
			`giá trị mở bằng dấu ngoặc nhưng còn chữ sau dấu đóng ngoặc; hãy đặt cả giá trị trong dấu nháy đơn (vì bên trong đã có dấu ngoặc kép): ten: '"5S" tại Khoa Dược'`},
		{"single quote that does not close the value", "mau: dang-ky\nten: 'Xanh' và sạch\n", 2,
			`giá trị mở bằng dấu ngoặc nhưng còn chữ sau dấu đóng ngoặc; hãy đặt cả giá trị trong dấu ngoặc kép: ten: "'Xanh' và sạch"`},
		{"unclosed quote", "mau: dang-ky\nten: \"5S tại Khoa Dược\nso: 5\n", 2,
			`dấu " mở ở dòng này chưa được đóng; hãy thêm dấu " ở cuối giá trị: ten: "5S tại Khoa Dược"`},
		{"comma in braces", "mau: dang-ky\nco_quan: {ten: Chi bộ Sở Y tế, Dân số, loai: chi-bo}\n", 2,
			`dấu phẩy trong {…} ngăn cách các khóa nên "Dân số" bị hiểu là một khóa; giá trị có dấu phẩy phải đặt trong dấu ngoặc kép: co_quan: {ten: "Chi bộ Sở Y tế, Dân số", loai: chi-bo}`},
		{"no space after the colon", "mau: dang-ky\ndia_danh:Yên Bái\nso: 5\n", 2, "thiếu dấu cách sau dấu hai chấm; hãy viết: dia_danh: Yên Bái"},
		{"no space after the colon, nested", "mau: dang-ky\nky:\n  ho_ten:Trần Văn Bình\n  chuc_vu: BÍ THƯ\n", 3, "thiếu dấu cách sau dấu hai chấm; hãy viết:   ho_ten: Trần Văn Bình"},
		{"no space after the colon, in a list", "mau: dang-ky\nmo_hinh:\n  - ten:Văn hóa\n", 3, "thiếu dấu cách sau dấu hai chấm; hãy viết:   - ten: Văn hóa"},
		{"non-breaking space after the colon", "mau: dang-ky\ndia_danh:\u00a0Yên Bái\n", 2,
			"sau dấu hai chấm là dấu cách đặc biệt (U+00A0, thường có khi chép từ Word hoặc trang web); hãy xóa rồi gõ lại bằng phím cách: dia_danh: Yên Bái"},
		{"two documents", "mau: dang-ky\nso: 5\n---\nmau: dang-ky\nso: 6\n", 3,
			`dòng "---" bắt đầu một văn bản thứ hai, nhưng mỗi tệp chỉ được có một báo cáo; hãy chuyển phần từ dòng này trở đi sang một tệp khác`},
		{"unknown anchor", "mau: dang-ky\nso: 5\nten: *a\n", 3, "không dùng tham chiếu YAML (& và *); hãy viết đầy đủ giá trị"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, o := Parse("t.yaml", []byte(tc.src), Options{})
			if o != nil {
				t.Fatal("Parse accepted the mistake")
			}
			onlyProblem(t, r, Problem{File: "t.yaml", Line: tc.line, Message: tc.want})
			for _, p := range r.Problems() {
				if english(p.Message) {
					t.Errorf("English in %q", p.Message)
				}
			}
		})
	}
}

// TestYAMLNotMistakes: what looks like a mistake but is what the author meant stays accepted.
func TestYAMLNotMistakes(t *testing.T) {
	for _, src := range []string{
		"---\nmau: dang-ky\n",                        // a document start before any content
		"# ghi chú\n---\nmau: dang-ky\n",             // after a comment only
		"mau: dang-ky\nten: \"Chi bộ: Sở Y tế\"\n",   // quoted
		"mau: dang-ky\nten: 'Chi bộ: Sở'\n",          // single-quoted
		"mau: dang-ky\nten: Chi bộ # ghi chú: x\n",   // a colon in a comment
		"mau: dang-ky\nweb: http://a.vn\n",           // "//" after the colon
		"mau: dang-ky\nten: '''Xanh'' và sạch'\n",    // a doubled single quote
		"mau: dang-ky\nten: \"a \\\" b\"\n",          // an escaped double quote
		"mau: dang-ky\nco_quan: {ten: a, loai: b}\n", // braces without a stray comma
		"mau: dang-ky\nds:\n  - a\n  - b\n",
		"mau: dang-ky\nten: \"Chi bộ\n  Sở Y tế\"\n", // a quoted value on two lines
		"mau: dang-ky\nten: 5%\n",
		// A block of text holds what it holds, colons and dashes included.
		"mau: tong-hop\ndanh_gia: |   # đánh giá\n  - Ưu điểm: tốt\n  ten:x\n\n  *Chú ý*: @ban\nde_xuat: >-\n  a: b\n",
		"mau: dang-ky\nmo_hinh:\n  - ten: a\n    loai: khac\n", // a list item of keys
		"mau: dang-ky\nmo_hinh:\n  - ten : a\n",
		"mau: dang-ky\nds:\n  - Lưu VT\n  - \"Lưu: VT\"\n",
	} {
		r, o := Parse("t.yaml", []byte(src), Options{})
		if o == nil || len(r.Problems()) > 0 {
			t.Errorf("Parse(%q) problems %#v", src, r.Problems())
		}
	}
}

// TestOverMarked: more than two combining marks on one letter is an error at the value's line and
// key; Vietnamese letters, decomposed or not, are not.
func TestOverMarked(t *testing.T) {
	r, o := Parse("t.yaml", []byte("mau: dang-ky\nky:\n  ho_ten: Tra\u0302\u0300\u0301n Văn Bình\n"), Options{})
	o.Object("ky").String("ho_ten", true)
	onlyProblem(t, r, Problem{File: "t.yaml", Line: 3, Key: "ky.ho_ten",
		Message: `chữ "a" mang 3 dấu chồng lên nhau (một chữ tiếng Việt có nhiều nhất 2 dấu); hãy xóa và gõ lại chữ đó`})
	zalgo := "Chi bo" + strings.Repeat("\u0300", 40)
	r, o = Parse("t.yaml", []byte("ten: "+zalgo+"\n"), Options{})
	o.String("ten", true)
	if ps := r.Problems(); len(ps) != 1 || !strings.HasPrefix(ps[0].Message, `chữ "o" mang 40 dấu`) || ps[0].Key != "ten" || ps[0].Line != 1 {
		t.Errorf("problems %#v", ps)
	}
	for _, s := range []string{"Nguyễn Thị Ánh", "Nguye\u0302\u0303n", "ĐẢNG ỦY", "Hoà"} {
		if l, n, ok := overMarked(s); ok {
			t.Errorf("overMarked(%q) = %q, %d", s, l, n)
		}
	}
}
