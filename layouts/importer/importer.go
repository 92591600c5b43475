// Package importer reads received reports back into the input contract: a cell's registration
// report ("mau: dang-ky") typed by hand in Word after the template of Kế hoạch 46-KH/ĐUK, a DOCX
// made by baocao (its visible text, checked against the data it carries), or a PDF made by baocao
// (the YAML attached to it). Readers take the file's bytes, never a path, and return the YAML with
// every problem in Vietnamese; a file that cannot be read is refused with a message that says why.
package importer

import (
	"bytes"
	"errors"
	"fmt"

	"baocao/layouts/input"
)

// Result is what was read from one file.
type Result struct {
	// Reports are the YAML of the contract of each report the file holds, in order: one for a
	// report, several for a PDF that combines many; none when the file yields no report or any
	// of its problems is an error (a report with a part that cannot be read is not half-given).
	Reports [][]byte
	// Problems are everything that could not be read or was guessed, errors and warnings, each
	// with the file, where in it, and a Vietnamese message.
	Problems input.Problems
}

// Messages of the files refused whole.
var (
	errCorrupt = errors.New("tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx")
	// MsgDoc is the refusal of a Word 97–2003 file.
	MsgDoc = "đây là tệp Word 97–2003 (.doc), chương trình không đọc được; hãy mở bằng Word và lưu thành .docx"
	// MsgEncryptedDOCX is the refusal of a DOCX protected by a password.
	MsgEncryptedDOCX = "tệp Word có đặt mật khẩu, không đọc được; hãy mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại"
	// MsgOLE is the refusal of an old Office file that is neither clearly a .doc nor encrypted.
	MsgOLE = "tệp Office đời cũ (.doc, .xls) hoặc tệp có đặt mật khẩu, không đọc được; hãy mở bằng Word, bỏ mật khẩu nếu có, và lưu thành .docx"
	// MsgNotBaocaoPDF is the refusal of a PDF that carries no report data.
	MsgNotBaocaoPDF = "PDF không do baocao tạo (không có dữ liệu báo cáo đính kèm), không đọc được nội dung; hãy gửi tệp Word (.docx) của báo cáo"
	// MsgScannedPDF is the refusal of a PDF with no text at all.
	MsgScannedPDF = "PDF này là bản chụp (quét), không có chữ để đọc; hãy gửi tệp Word (.docx) của báo cáo"
	// MsgEncryptedPDF is the refusal of a PDF protected by a password.
	MsgEncryptedPDF = "PDF có đặt mật khẩu, không đọc được; hãy gửi bản không đặt mật khẩu"
	// MsgPDFDataTooLarge is the refusal of a PDF whose attached data exceeds the readers' limits.
	MsgPDFDataTooLarge = "PDF hoặc dữ liệu báo cáo đính kèm quá lớn so với một báo cáo (có thể là tệp độc hại); không đọc tệp này"
	// MsgCorruptPDF is the refusal of a PDF that cannot be parsed.
	MsgCorruptPDF = "tệp PDF bị hỏng, không đọc được"
	// MsgConsolidated is the refusal of the Board's consolidated report, which is no cell's report.
	MsgConsolidated = "đây là báo cáo tổng hợp (mau: tong-hop), không phải báo cáo kết quả đăng ký của một chi, đảng bộ; chỉ nhập được báo cáo của chi, đảng bộ"
	// MsgNotDOCX is the refusal of a zip file that is no Word document.
	MsgNotDOCX = "tệp nén này không phải văn bản Word (.docx)"
	// MsgUnknown is the refusal of a file that is neither DOCX nor PDF.
	MsgUnknown = "không phải tệp Word (.docx) hay PDF; chỉ nhập được báo cáo dạng .docx hoặc .pdf"
	// MsgTooLarge is the refusal of a file above MaxFileSize.
	MsgTooLarge = fmt.Sprintf("tệp quá lớn (giới hạn %d MiB); một báo cáo chỉ vài chục nghìn byte", MaxFileSize>>20)
)

// Import reads one received file, telling its kind by its first bytes: a DOCX, a PDF, or an old
// Office file (refused). file names the file in the problems.
func Import(file string, data []byte) Result {
	switch {
	case len(data) > MaxFileSize:
		return refuse(file, MsgTooLarge)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return ReadDOCX(file, data)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return ReadPDF(file, data)
	case IsOLE(data):
		return refuse(file, oleMessage(data))
	}
	return refuse(file, MsgUnknown)
}

// refuse is the result of a file that yields no report.
func refuse(file, msg string) Result {
	return Result{Problems: input.Problems{{File: file, Message: msg}}}
}

// oleMessage tells an encrypted OOXML file (an OLE compound file holding the streams
// EncryptionInfo and EncryptedPackage) from a Word 97–2003 document (stream WordDocument).
func oleMessage(data []byte) string {
	switch {
	case HasOLEStream(data, "EncryptionInfo") && HasOLEStream(data, "EncryptedPackage"):
		return MsgEncryptedDOCX
	case HasOLEStream(data, "WordDocument"):
		return MsgDoc
	}
	return MsgOLE
}

// IsOLE reports whether data is an OLE compound file: an Office 97–2003 document, or an Office
// file protected by a password.
func IsOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
}

// HasOLEStream reports whether an OLE compound file's directory names a stream, by its 128-byte
// entries whose name is UTF-16LE.
func HasOLEStream(data []byte, name string) bool {
	var u []byte
	for _, c := range name {
		u = append(u, byte(c), 0)
	}
	for off := 0; ; {
		i := bytes.Index(data[off:], u)
		if i < 0 {
			return false
		}
		if (off+i)%128 == 0 {
			return true
		}
		off += i + 1
	}
}

// collector gathers the problems of one file.
type collector struct {
	file     string
	problems input.Problems
}

// errorf records an error at where: a field of the contract ("mo_hinh[2].don_vi") or a place in
// the file ("đoạn 14").
func (c *collector) errorf(where, format string, args ...any) {
	c.problems = append(c.problems, input.Problem{File: c.file, Key: where, Message: fmt.Sprintf(format, args...)})
}

// warnf records a warning at where.
func (c *collector) warnf(where, format string, args ...any) {
	c.problems = append(c.problems, input.Problem{File: c.file, Key: where, Warning: true, Message: fmt.Sprintf(format, args...)})
}
