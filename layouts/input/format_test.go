package input

import (
	"strings"
	"testing"
	"unicode/utf8"

	"baocao/fonts"
)

// The expectations below come from ../../shared/spec/the-thuc.md and input.md, not from the code.

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want Date
	}{
		// ISO, as the samples write it.
		{"2021-04-12", Date{2021, 4, 12}},
		{"2021-04-02", Date{2021, 4, 2}},
		{"2026-02-03", Date{2026, 2, 3}},
		{"2021-12-31", Date{2021, 12, 31}},
		{"2021-01-01", Date{2021, 1, 1}},
		// d/m/yyyy, with and without leading zeros.
		{"12/4/2021", Date{2021, 4, 12}},
		{"14/4/2021", Date{2021, 4, 14}},
		{"02/04/2021", Date{2021, 4, 2}},
		{"2/4/2021", Date{2021, 4, 2}},
		{"31/12/2021", Date{2021, 12, 31}},
		// Day first with hyphens or dots, as people also write it (issue 9).
		{"12-4-2021", Date{2021, 4, 12}},
		{"02-04-2021", Date{2021, 4, 2}},
		{"12.4.2021", Date{2021, 4, 12}},
		{"2.04.2021", Date{2021, 4, 2}},
		{" 31.12.2021 ", Date{2021, 12, 31}},
		// Month only: the day is left blank (0) to be written by hand.
		{"2021-04", Date{2021, 4, 0}},
		{"2021-12", Date{2021, 12, 0}},
		{"4/2021", Date{2021, 4, 0}},
		{"04/2021", Date{2021, 4, 0}},
		{"12/2021", Date{2021, 12, 0}},
		{"4-2021", Date{2021, 4, 0}},
		{"04-2021", Date{2021, 4, 0}},
		{"4.2021", Date{2021, 4, 0}},
		{"12.2021", Date{2021, 12, 0}},
		// Leap years.
		{"29/02/2020", Date{2020, 2, 29}},
		{"2020-02-29", Date{2020, 2, 29}},
		{"29/2/2024", Date{2024, 2, 29}},
		{"29/02/2000", Date{2000, 2, 29}},
	}
	for _, tc := range valid {
		t.Run("valid/"+tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): unexpected error %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}

	invalid := []string{
		// Days that do not exist.
		"29/02/2021", "2021-02-29", "29/2/2100", // 2100 is not a leap year
		"31/4/2021", "31/04/2021", "2021-04-31",
		"31/02/2021", "30/02/2020",
		"32/1/2021", "2021-01-32",
		"0/4/2021", "00/04/2021", "2021-04-00",
		// Months that do not exist.
		"2021-13-01", "2021-00-10", "12/13/2021", "12/0/2021", "13/2021", "0/2021", "2021-13", "2021-00",
		// Garbage.
		"", " ", "abc", "2021", "12", "ngày 12 tháng 4 năm 2021", "12 4 2021",
		"2021-04-12-01", "1/2/3/4", "2021--12", "2021-04-", "-04-12", "/4/2021", "12//2021", "12/4/",
		"a/b/c", "12/tư/2021", "2021-04-12T00:00:00Z", "2021-4-1x", "１２/４/２０２１",
		"12/4-2021", "-12/4/2021", "12.4-2021", "12-4.2021", "12..2021", "12.4.", ".4.2021", "2021.04.12",
		"2021/04/12", "2021.04", "2021/04", "12-4-2021-", "1.2.3.4", "12,4,2021", "12-04-2021.",
		"31.4.2021", "29-2-2021", "0.4.2021", "13.2021", "13-2021", "0-2021", "12.13.2021",
		// Years out of range: two-digit, zero, far past, far future, five digits.
		"12/4/21", "2021-04-12x", "21-04-12", "0000-04-12", "12/4/0021", "12/4/0999", "1000-01-01",
		"9999-12-31", "12/4/9999", "4/9999", "20210-04-12", "12/4/20210", "4/21",
		"12-4-21", "12.4.21", "4.21", "12-4-0999", "4.2101",
	}
	for _, in := range invalid {
		t.Run("invalid/"+in, func(t *testing.T) {
			got, err := ParseDate(in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %+v, want an error", in, got)
			}
			if got != (Date{}) {
				t.Errorf("ParseDate(%q) returned %+v with its error, want the zero Date", in, got)
			}
			// input.md: `ngay: "31/02/2021" không phải là ngày hợp lệ`.
			want := `"` + strings.TrimSpace(in) + `" không phải là ngày hợp lệ`
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("ParseDate(%q) error = %q, want it to start with %q", in, err, want)
			}
		})
	}
}

// TestParseDateSigns: a sign is not part of a day, month or year.
func TestParseDateSigns(t *testing.T) {
	for _, in := range []string{"+5/4/2021", "5/+4/2021", "2021-+4-+2", "+2021-04-02", "4/+2021"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %+v, want an error", in, got)
		}
	}
}

// TestParseDateMessages: each kind of mistake is explained, in Vietnamese, with the forms that are
// accepted when the text cannot be read as a date at all.
func TestParseDateMessages(t *testing.T) {
	const forms = " (viết như 12/4/2021, 12-4-2021, 12.4.2021 hoặc 2021-04-12; 4/2021 hoặc 2021-04 để trống ngày)"
	tests := []struct{ in, want string }{
		{"hôm qua", `"hôm qua" không phải là ngày hợp lệ` + forms},
		{"12 4 2021", `"12 4 2021" không phải là ngày hợp lệ` + forms},
		{"12/4-2021", `"12/4-2021" không phải là ngày hợp lệ` + forms},
		{"2021/04/12", `"2021/04/12" không phải là ngày hợp lệ` + forms},
		{"31/02/2021", `"31/02/2021" không phải là ngày hợp lệ: tháng 2/2021 chỉ có 28 ngày`},
		{"29.2.2024", ""},
		{"30-2-2024", `"30-2-2024" không phải là ngày hợp lệ: tháng 2/2024 chỉ có 29 ngày`},
		{"2021-04-31", `"2021-04-31" không phải là ngày hợp lệ: tháng 4/2021 chỉ có 30 ngày`},
		{"0.4.2021", `"0.4.2021" không phải là ngày hợp lệ: không có ngày 0`},
		{"4/13/2021", `"4/13/2021" không phải là ngày hợp lệ: không có tháng 13 (viết ngày trước, tháng sau, như 12/4/2021)`},
		{"13-2021", `"13-2021" không phải là ngày hợp lệ: không có tháng 13 (viết ngày trước, tháng sau, như 12/4/2021)`},
		{"2021-13-01", `"2021-13-01" không phải là ngày hợp lệ: không có tháng 13`},
		{"12/4/21", `"12/4/21" không phải là ngày hợp lệ: năm phải viết đủ bốn chữ số (như 12/4/2021)`},
		{"12/4", `"12/4" không phải là ngày hợp lệ: thiếu năm, hoặc năm chưa đủ bốn chữ số (viết như 12/4/2021, hoặc 4/2021 để trống ngày)`},
		{"4.21", `"4.21" không phải là ngày hợp lệ: thiếu năm, hoặc năm chưa đủ bốn chữ số (viết như 12/4/2021, hoặc 4/2021 để trống ngày)`},
		{"12.4.1900", `"12.4.1900" không phải là ngày hợp lệ: năm 1900 nằm ngoài khoảng 1930–2100`},
	}
	for _, tc := range tests {
		_, err := ParseDate(tc.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("ParseDate(%q) error = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestGap(t *testing.T) {
	// the-thuc.md: a number or day not yet known prints as a blank gap to be filled by hand. It
	// must not be stretched by justification nor broken across lines: only non-breaking spaces
	// (U+00A0 no-break space, U+2007 figure space, U+202F narrow no-break space), and ones the
	// embedded font can draw.
	if Gap == "" {
		t.Fatal("Gap is empty")
	}
	for _, r := range Gap {
		if r != '\u00a0' && r != '\u2007' && r != '\u202f' {
			t.Errorf("Gap = %q holds %U, which is not a non-breaking space", Gap, r)
		}
	}
	if n := utf8.RuneCountInString(Gap); n < 3 {
		t.Errorf("Gap is %d characters wide, too narrow to write a day or number by hand", n)
	}
	if m, err := fonts.Missing(Gap); err != nil || m != nil {
		t.Errorf("fonts.Missing(Gap) = %q, %v; the gap must be drawable", m, err)
	}
}

func TestDateDescribe(t *testing.T) {
	// For messages: a plain date, or the month when the day is blank, never the printed gap.
	tests := []struct {
		d    Date
		want string
	}{
		{Date{2021, 4, 12}, "12/4/2021"},
		{Date{2021, 4, 2}, "2/4/2021"},
		{Date{2022, 1, 10}, "10/1/2022"},
		{Date{2021, 5, 0}, "tháng 5/2021"},
		{Date{2021, 12, 0}, "tháng 12/2021"},
	}
	for _, tc := range tests {
		got := tc.d.Describe()
		if got != tc.want {
			t.Errorf("%+v.Describe() = %q, want %q", tc.d, got, tc.want)
		}
		if strings.Contains(got, Gap) {
			t.Errorf("%+v.Describe() = %q holds the gap", tc.d, got)
		}
	}
}

func TestDateLongShort(t *testing.T) {
	tests := []struct {
		d           Date
		long, short string
	}{
		// the-thuc.md: "ngày 02 tháng 4 năm 2021", "ngày 03 tháng 02 năm 2026", "02/4/2021".
		{Date{2021, 4, 2}, "ngày 02 tháng 4 năm 2021", "02/4/2021"},
		{Date{2026, 2, 3}, "ngày 03 tháng 02 năm 2026", "03/02/2026"},
		{Date{2021, 4, 12}, "ngày 12 tháng 4 năm 2021", "12/4/2021"},
		{Date{2021, 1, 15}, "ngày 15 tháng 01 năm 2021", "15/01/2021"},
		{Date{2021, 1, 9}, "ngày 09 tháng 01 năm 2021", "09/01/2021"},
		{Date{2020, 2, 29}, "ngày 29 tháng 02 năm 2020", "29/02/2020"},
		{Date{2021, 3, 10}, "ngày 10 tháng 3 năm 2021", "10/3/2021"},
		{Date{2021, 9, 1}, "ngày 01 tháng 9 năm 2021", "01/9/2021"},
		{Date{2021, 10, 5}, "ngày 05 tháng 10 năm 2021", "05/10/2021"},
		{Date{2021, 12, 31}, "ngày 31 tháng 12 năm 2021", "31/12/2021"},
		// A blank day prints as a gap to be written by hand: "ngày      tháng 4 năm 2021".
		{Date{2021, 4, 0}, "ngày " + Gap + " tháng 4 năm 2021", Gap + "/4/2021"},
		{Date{2021, 2, 0}, "ngày " + Gap + " tháng 02 năm 2021", Gap + "/02/2021"},
		{Date{2021, 12, 0}, "ngày " + Gap + " tháng 12 năm 2021", Gap + "/12/2021"},
	}
	for _, tc := range tests {
		if got := tc.d.Long(); got != tc.long {
			t.Errorf("%+v.Long() = %q, want %q", tc.d, got, tc.long)
		}
		if got := tc.d.Short(); got != tc.short {
			t.Errorf("%+v.Short() = %q, want %q", tc.d, got, tc.short)
		}
	}
}

func TestDateParseThenLong(t *testing.T) {
	// The two input forms of one date print the same.
	for _, in := range []string{"2021-04-02", "2/4/2021", "02/04/2021"} {
		d, err := ParseDate(in)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", in, err)
		}
		if got, want := d.Long(), "ngày 02 tháng 4 năm 2021"; got != want {
			t.Errorf("ParseDate(%q).Long() = %q, want %q", in, got, want)
		}
	}
	for _, in := range []string{"2021-04", "4/2021"} {
		d, err := ParseDate(in)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", in, err)
		}
		if got, want := d.Long(), "ngày "+Gap+" tháng 4 năm 2021"; got != want {
			t.Errorf("ParseDate(%q).Long() = %q, want %q", in, got, want)
		}
	}
}

func TestDateISOAndBefore(t *testing.T) {
	iso := []struct {
		d    Date
		want string
	}{
		{Date{2021, 4, 12}, "2021-04-12"},
		{Date{2021, 4, 2}, "2021-04-02"},
		{Date{2021, 12, 31}, "2021-12-31"},
		{Date{2021, 4, 0}, "2021-04-01"}, // a blank day is the first of the month
	}
	for _, tc := range iso {
		if got := tc.d.ISO(); got != tc.want {
			t.Errorf("%+v.ISO() = %q, want %q", tc.d, got, tc.want)
		}
	}

	before := []struct {
		a, b Date
		want bool
	}{
		{Date{2021, 4, 14}, Date{2021, 4, 15}, true},
		{Date{2021, 4, 15}, Date{2021, 4, 15}, false},
		{Date{2021, 4, 16}, Date{2021, 4, 15}, false},
		{Date{2021, 3, 31}, Date{2021, 4, 1}, true},
		{Date{2020, 12, 31}, Date{2021, 1, 1}, true},
		{Date{2021, 5, 1}, Date{2021, 4, 30}, false},
		{Date{2021, 4, 0}, Date{2021, 4, 2}, true},  // blank day counts as the 1st
		{Date{2021, 4, 0}, Date{2021, 4, 1}, false}, // ... so it is not before the 1st
		{Date{2021, 4, 1}, Date{2021, 4, 0}, false},
	}
	for _, tc := range before {
		if got := tc.a.Before(tc.b); got != tc.want {
			t.Errorf("%+v.Before(%+v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestNumber(t *testing.T) {
	// the-thuc.md: numbers below 10 take a leading zero; a number not yet issued is a gap.
	tests := []struct {
		n    int
		want string
	}{
		{0, Gap},
		{1, "01"},
		{5, "05"},
		{9, "09"},
		{10, "10"},
		{12, "12"},
		{46, "46"},
		{123, "123"},
	}
	for _, tc := range tests {
		if got := Number(tc.n); got != tc.want {
			t.Errorf("Number(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestCount(t *testing.T) {
	// input.md: empty lists print "0"; the sketch prints "02" and "01".
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"},
		{1, "01"},
		{2, "02"},
		{9, "09"},
		{10, "10"},
		{12, "12"},
		{100, "100"},
	}
	for _, tc := range tests {
		if got := Count(tc.n); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestUpper(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đảng uỷ Khối", "ĐẢNG UỶ KHỐI"},
		// Old and new tone placement are both kept as written (kh46.md: never rewrite it).
		{"Đảng ủy Khối", "ĐẢNG ỦY KHỐI"},
		{"Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh", "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"},
		{"Chi bộ Sở Tài chính", "CHI BỘ SỞ TÀI CHÍNH"},
		{"Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị Yên Bái", "ĐẢNG BỘ CÔNG TY CỔ PHẦN MÔI TRƯỜNG VÀ DỊCH VỤ ĐÔ THỊ YÊN BÁI"},
		{"hoà, hòa, thuỷ, thủy, khoẻ, khỏe", "HOÀ, HÒA, THUỶ, THỦY, KHOẺ, KHỎE"},
		{"t/m ban chi ủy", "T/M BAN CHI ỦY"},
		{"phó bí thư", "PHÓ BÍ THƯ"},
		{"ăâđêôơư", "ĂÂĐÊÔƠƯ"},
		{"ằẳẵắặ ầẩẫấậ ềểễếệ ồổỗốộ ờởỡớợ ừửữứự ỳỷỹýỵ", "ẰẲẴẮẶ ẦẨẪẤẬ ỀỂỄẾỆ ỒỔỖỐỘ ỜỞỠỚỢ ỪỬỮỨỰ ỲỶỸÝỴ"},
		{"chi bộ 5S", "CHI BỘ 5S"},
		// Vietnamese i has no dot in capitals (not the Turkish İ).
		{"tỉnh Yên Bái", "TỈNH YÊN BÁI"},
		{"ĐÃ HOA", "ĐÃ HOA"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Upper(tc.in); got != tc.want {
			t.Errorf("Upper(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSentence(t *testing.T) {
	tests := []struct{ in, end, want string }{
		{"Lưu Chi bộ", ".", "Lưu Chi bộ."},
		{"Lưu Chi bộ.", ".", "Lưu Chi bộ."},
		{"Ban Tuyên giáo ĐUK", ";", "Ban Tuyên giáo ĐUK;"},
		{"Ban Tuyên giáo ĐUK;", ";", "Ban Tuyên giáo ĐUK;"},
		{"Ban Tuyên giáo ĐUK;", ".", "Ban Tuyên giáo ĐUK."},
		{"Ban Tuyên giáo ĐUK.", ";", "Ban Tuyên giáo ĐUK;"},
		{"Ban Tuyên giáo ĐUK,", ";", "Ban Tuyên giáo ĐUK;"},
		{"  Lưu Văn phòng Đảng ủy  ", ".", "Lưu Văn phòng Đảng ủy."},
		{"Lưu Chi bộ.\n", ".", "Lưu Chi bộ."},
		{"Ban Thường vụ Đảng ủy Khối (b/c)", ";", "Ban Thường vụ Đảng ủy Khối (b/c);"},
		{"Văn hóa công sở — Văn phòng Sở", ".", "Văn hóa công sở — Văn phòng Sở."},
	}
	for _, tc := range tests {
		if got := Sentence(tc.in, tc.end); got != tc.want {
			t.Errorf("Sentence(%q, %q) = %q, want %q", tc.in, tc.end, got, tc.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"ho_ten", "ho_ten", 0},
		{"hoten", "ho_ten", 1},
		{"ho_ten", "hoten", 1},
		{"kitten", "sitting", 3},
		{"chucvu", "chuc_vu", 1},
		{"ngya", "ngay", 2},
		// Counted in runes, not bytes: "đ" is one letter.
		{"đ", "d", 1},
		{"ủy", "uỷ", 2},
		{"Đảng", "Dang", 2},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSuggestKey(t *testing.T) {
	exemplar := []string{"ho_ten", "chuc_vu", "don_vi"}
	signer := []string{"quyen", "chuc_vu", "ho_ten", "da_ky"}
	top := []string{"mau", "co_quan", "so", "ky_hieu", "dia_danh", "ngay", "giai_doan", "can_cu", "ke_hoach", "mo_hinh", "guong", "noi_nhan", "ky"}
	tests := []struct {
		s     string
		known []string
		want  string
	}{
		{"hoten", exemplar, "ho_ten"},
		{"chucvu", exemplar, "chuc_vu"},
		{"donvi", exemplar, "don_vi"},
		{"ho-ten", exemplar, "ho_ten"},
		{"hoten", signer, "ho_ten"},
		{"chucvu", signer, "chuc_vu"},
		{"daky", signer, "da_ky"},
		{"quyền", signer, "quyen"},
		{"ngày", top, "ngay"},
		{"kyhieu", top, "ky_hieu"},
		{"noinhan", top, "noi_nhan"},
		{"mo-hinh", top, "mo_hinh"},
		{"giaidoan", top, "giai_doan"},
		// Vietnamese words as people write them, and English words (issue 11).
		{"Ngày", top, "ngay"},
		{"họ tên", exemplar, "ho_ten"},
		{"Địa danh", top, "dia_danh"},
		{"chức vụ", signer, "chuc_vu"},
		{"place", top, "dia_danh"},
		{"date", top, "ngay"},
		{"number", top, "so"},
		{"signer", top, "ky"},
		{"name", exemplar, "ho_ten"},
		{"name", []string{"ten", "loai", "don_vi"}, "ten"},
		{"Name", signer, "ho_ten"},
		{"position", signer, "chuc_vu"},
		{"recipients", top, "noi_nhan"},
		{"place", exemplar, ""}, // no place here: nothing to suggest
		// Nothing close: no suggestion, never "mau" for everything.
		{"ghi_chu", top, ""},
		{"abc", top, ""},
		{"xyz", top, ""},
		{"nguoi_lap", top, ""},
		{"ten", top, ""},
	}
	for _, tc := range tests {
		if got := suggestKey(tc.s, tc.known); got != tc.want {
			t.Errorf("suggestKey(%q, %v) = %q, want %q", tc.s, tc.known, got, tc.want)
		}
	}
}
