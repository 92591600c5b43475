// Package rendertest builds render.Documents from arbitrary bytes, for the fuzz tests of the
// backends: whatever the bytes, the Document is valid (NFC text the embedded font can draw, a
// date), so that any failure to render it is the backend's.
package rendertest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"baocao/fonts"
	"baocao/render"
)

// Document builds a valid Document from data: fields and blocks are cut at 0x00 bytes, and a
// block's first byte chooses its kind (heading, paragraph, item, table, appendix) and is not part
// of its text. Unless data's length is a multiple of 3, the Document carries data as well: data
// itself, made valid UTF-8 without control characters other than tab and line ends, as the
// canonical YAML of an input is.
func Document(data []byte) *render.Document {
	parts := strings.Split(string(data), "\x00")
	next := func() string {
		if len(parts) == 0 {
			return ""
		}
		s := Text(parts[0])
		parts = parts[1:]
		return s
	}
	d := &render.Document{
		Meta:   render.Meta{Title: next(), Author: next(), Lang: "vi", Date: "2021-04-12"},
		Header: render.Header{ParentOrg: next(), Org: next(), Number: next(), PlaceDate: next()},
		Title:  render.Title{Kind: next(), Subject: next()},
		Signer: render.Signer{Authority: next(), Position: next(), Name: next(), Signed: len(data)%2 == 0},
	}
	if len(data)%3 != 0 {
		d.Data = []byte(strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(string(data), "?")))
	}
	d.Recipients = strings.Split(next(), "\n")
	var appendix *render.Appendix
	for len(parts) > 0 {
		raw := parts[0]
		kind := byte(0)
		if raw != "" {
			kind, parts[0] = raw[0]%5, raw[1:]
		}
		text := next()
		var b render.Block
		switch kind {
		case 0:
			b = render.Heading{Text: text}
		case 1:
			b = render.Paragraph{Text: text}
		case 2:
			b = render.Item{Label: "(1):", Text: text}
		case 3:
			cells := strings.Fields(text)
			title, _, _ := strings.Cut(text, " ")
			t := render.Table{Columns: []render.Column{{Title: "STT", Width: 1, Align: render.AlignCenter}, {Title: title, Width: 5}, {Title: "Số", Width: 2, Align: render.AlignRight}}}
			for i, c := range cells {
				t.Rows = append(t.Rows, []string{c, strings.Repeat(c+" ", i%7), c})
			}
			if len(text) > 1000 {
				t.Rows = append(t.Rows, []string{"1", text, "1"}) // a row taller than a page
			}
			if len(cells)%2 == 1 {
				t.Total = []string{"", "Tổng cộng", text}
			}
			b = t
		case 4:
			d.Appendices = append(d.Appendices, render.Appendix{Label: "Phụ lục", Title: text, Subtitle: text, Landscape: len(text)%2 == 0})
			appendix = &d.Appendices[len(d.Appendices)-1]
			continue
		}
		if appendix != nil {
			appendix.Body = append(appendix.Body, b)
		} else {
			d.Body = append(d.Body, b)
		}
	}
	return d
}

// Text makes s valid Document text: UTF-8, NFC, without control characters other than the newline,
// every character one the embedded font can draw ('?' for the others), at most 3,000 characters.
func Text(s string) string {
	s = strings.ToValidUTF8(s, "?")
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			r = ' '
		default:
			if missing, _ := fonts.Missing(string(r)); len(missing) > 0 {
				r = '?'
			}
		}
		b.WriteRune(r)
		if b.Len() > 3*3000 || utf8.RuneCountInString(b.String()) >= 3000 {
			break
		}
	}
	return norm.NFC.String(b.String())
}

// Seeds are starting inputs for the fuzz tests: a small report, hostile text, long words, many
// blocks, tables and appendices.
var Seeds = []string{
	"Báo cáo\x00Chi bộ\x00ĐẢNG UỶ KHỐI\x00CHI BỘ SỞ TÀI CHÍNH\x00Số 05-BC/CB\x00Yên Bái, ngày 12 tháng 4 năm 2021\x00BÁO CÁO\x00kết quả đăng ký\x00T/M BAN CHI ỦY\x00BÍ THƯ\x00Trần Văn Bình\x00- Ban Tuyên giáo ĐUK;\n- Lưu Chi bộ.\x00\x011. Về xây dựng\x00\x02Nội dung đoạn văn dài dài dài dài dài dài dài dài dài dài dài dài dài dài dài dài.",
	"<w:p>&amp;\"'{{ho_ten}}\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\n\n\n\x00\x03a b c d e f g h i j k l m n o p\x00\x04Phụ lục\x00\x03x y z",
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02" + string(bytes2000()),
	// A table whose cells are taller than a page.
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03" + strings.Repeat("Phòng Hành chính tư pháp ", 400),
}

func bytes2000() []byte {
	b := make([]byte, 2000)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return b
}
