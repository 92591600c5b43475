package input

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Limits on what one input may hold: far above any real report, low enough that no input can
// exhaust memory or time.
const (
	MaxValueRunes = 5000 // characters in one value
	MaxItems      = 2000 // items in one list (but a Board's list: MaxBoardItems)
	MaxDepth      = 12   // levels of nesting
	// MaxLineRunes bounds the values printed in the header and the closing band (names, the
	// signer, each recipient), which must fit on page 1 and beside the signature.
	MaxLineRunes = 150
	// MaxRecipients bounds the lines under "Nơi nhận:".
	MaxRecipients = 12
)

// decodeFile turns a file's bytes into UTF-8 text: UTF-8 with or without a byte-order mark,
// UTF-16 with one, or Windows-1258 (then composed, as it writes tone marks apart). A file saved in
// TCVN3 or VNI bytes is read as Windows-1252, whose characters Parse then judges with the file's
// other values. It returns a note for a converted file, or an error that says what the file looks like
// with the line it concerns (0 for the whole file).
func decodeFile(data []byte) (text []byte, note string, line int, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(out) {
			return nil, "", 0, fmt.Errorf("tệp UTF-16 bị hỏng; hãy lưu lại tệp với bảng mã UTF-8")
		}
		return out, "", 0, nil
	}
	if kind := binaryKind(data); kind != "" {
		return nil, "", 0, fmt.Errorf("đây là %s, không phải tệp YAML", kind)
	}
	if utf8.Valid(data) {
		return data, "", 0, nil
	}
	line = invalidUTF8Line(data)
	if hasUTF8Sequence(data) {
		// Mostly UTF-8 with a few broken bytes: an 8-bit file has no such sequences.
		return nil, "", line, fmt.Errorf("tệp không phải văn bản UTF-8 hợp lệ: dòng này có byte hỏng; hãy lưu lại tệp với bảng mã UTF-8")
	}
	latin, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	if legacyText(string(latin)) {
		return latin, "tệp không lưu bằng UTF-8 mà bằng bảng mã 8 bit; đã đọc theo Windows-1252", 0, nil
	}
	if out, err := charmap.Windows1258.NewDecoder().Bytes(data); err == nil && vietnamese1258(data) && !bytes.ContainsRune(out, utf8.RuneError) {
		return norm.NFC.Bytes(out), "tệp lưu bằng bảng mã Windows-1258; đã chuyển sang Unicode", 0, nil
	}
	return nil, "", line, fmt.Errorf("tệp không phải văn bản UTF-8 và không giống bảng mã tiếng Việt nào; hãy lưu lại tệp với bảng mã UTF-8")
}

// hasUTF8Sequence reports whether data holds a valid UTF-8 sequence of two bytes or more.
func hasUTF8Sequence(data []byte) bool {
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r != utf8.RuneError && size > 1 {
			return true
		}
		data = data[size:]
	}
	return false
}

// binaryKind names a file that is not text at all by its first bytes.
func binaryKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "một tệp PDF"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "một tệp nén (Word .docx, Excel .xlsx hoặc .zip)"
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return "một tệp Word hoặc Excel đời cũ (.doc, .xls)"
	case bytes.Count(data, []byte{0}) > len(data)/8:
		return "một tệp UTF-16 không có dấu BOM hoặc một tệp nhị phân"
	}
	return ""
}

// legacyText reports whether most lines with accented characters read as TCVN3 or VNI, and
// there are enough of them (three) to tell.
func legacyText(s string) bool {
	found, total := 0, 0
	for _, line := range strings.Split(s, "\n") {
		if !hasHighRune(line) {
			continue
		}
		total++
		if _, _, ok := DetectLegacy(line); ok {
			found++
		}
	}
	return found >= 3 && 2*found >= total
}

func hasHighRune(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return true
		}
	}
	return false
}

// vietnamese1258 reports whether bytes use Windows-1258's Vietnamese codes, three times at least:
// a tone mark (0xCC 0xD2 0xDE 0xEC 0xF2) or Ă ă Ơ ơ Ư ư Đ đ.
func vietnamese1258(data []byte) bool {
	n := 0
	for _, b := range data {
		switch b {
		case 0xCC, 0xD2, 0xDE, 0xEC, 0xF2, 0xC3, 0xE3, 0xD5, 0xF5, 0xDD, 0xFD, 0xD0, 0xF0:
			n++
		}
	}
	return n >= 3
}

// invisible are characters that show nothing but change how text is compared or shown:
// zero-width spaces and joiners, bidi controls, the soft hyphen and the byte-order mark.
func invisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064,
		r >= 0x2066 && r <= 0x2069, r == 0xFEFF, r == 0x00AD:
		return true
	}
	return false
}

// clean checks and tidies one text value at a line: text in a legacy encoding (the file's, or one
// the value alone shows) is converted with a warning, or refused under NoConvert (first: TCVN3
// writes ư as the soft hyphen), and text of a Unicode file that reads as both TCVN3 and VNI is
// warned of; invisible characters are removed with a warning; a value too long or with characters
// the font cannot draw is an error.
func (r *Reader) clean(line int, keyPath, s string) string {
	enc, converted := fromFileLegacy(r.legacy, s)
	if tcvn, vni, ok := ambiguousLegacy(s); enc == "" && ok {
		r.Add(line, keyPath, true, "%q có thể là chữ gõ bằng bảng mã TCVN3 (%q) hoặc VNI (%q) nên chưa chuyển; hãy gõ lại bằng Unicode", s, tcvn, vni)
	}
	if enc != "" {
		if r.opts.NoConvert {
			r.Add(line, keyPath, false, "%q có vẻ được gõ bằng bảng mã %s; hãy chuyển sang Unicode (Unikey: Ctrl+Shift+F6), hoặc bỏ --no-convert để chương trình tự chuyển", s, enc)
			return "" // refused: no further checks on text that is not what it shows
		}
		r.Add(line, keyPath, true, "đã chuyển từ bảng mã %s sang Unicode: %q thành %q", enc, s, converted)
		s = converted
	}
	if strings.IndexFunc(s, invisible) >= 0 {
		var codes []string
		seen := map[rune]bool{}
		for _, c := range s {
			if invisible(c) && !seen[c] {
				seen[c] = true
				codes = append(codes, fmt.Sprintf("U+%04X", c))
			}
		}
		s = strings.TrimSpace(strings.Map(func(c rune) rune {
			if invisible(c) {
				return -1
			}
			return c
		}, s))
		r.Add(line, keyPath, true, "đã bỏ ký tự vô hình (%s), thường có khi chép từ web hoặc Word", strings.Join(codes, ", "))
	}
	if letter, marks, ok := overMarked(s); ok {
		r.Add(line, keyPath, false, "chữ %q mang %d dấu chồng lên nhau (một chữ tiếng Việt có nhiều nhất %d dấu); hãy xóa và gõ lại chữ đó", letter, marks, MaxMarks)
		return s
	}
	if n := utf8.RuneCountInString(s); n > MaxValueRunes {
		r.Add(line, keyPath, false, "quá dài (%d ký tự; tối đa %d)", n, MaxValueRunes)
		return s
	}
	r.checkGlyphs(line, keyPath, s)
	return s
}
