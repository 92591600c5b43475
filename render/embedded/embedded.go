// Package embedded says how baocao carries a report's data inside the PDF and DOCX files it writes
// (render.Document.Data: the canonical YAML of the input), and reads that data back out of such
// files: the PDF backend attaches it as an associated file, the DOCX backend stores it as a custom
// XML part, and the import command takes it out again with FromPDF and FromDOCX.
//
// The readers take files from outside: they bound every size and count, follow no path from inside
// a file, and answer every failure with one of the errors below, whose text is Vietnamese.
package embedded

import (
	"errors"
	"fmt"
)

// MIME is the media type of the data.
const MIME = "application/yaml"

// FileName is the name of the data attached to a PDF that holds one document.
const FileName = "bao-cao.yaml"

// Namespace is the XML namespace of the DOCX custom XML part, and RootElement its root element:
// <du-lieu xmlns="urn:baocao:du-lieu:1">YAML</du-lieu>.
const (
	Namespace   = "urn:baocao:du-lieu:1"
	RootElement = "du-lieu"
)

// Limits of the readers.
const (
	// MaxFile is the largest PDF or DOCX the readers open, in bytes.
	MaxFile = 64 << 20
	// MaxData is the largest data of one document, in bytes.
	MaxData = 4 << 20
	// MaxDocuments is the most documents one file may carry.
	MaxDocuments = 10000
)

// Errors of the readers.
var (
	// ErrNoData: the file is readable but carries no data of baocao (not made by baocao, or the
	// data was removed).
	ErrNoData = errors.New("tệp không mang dữ liệu báo cáo của baocao (không phải do baocao tạo ra)")
	// ErrTooLarge: the file, or the data inside it, is larger than the limits above.
	ErrTooLarge = errors.New("tệp hoặc dữ liệu bên trong quá lớn")
	// ErrCorrupt: the file is damaged, or is not a PDF or DOCX.
	ErrCorrupt = errors.New("tệp bị hỏng hoặc không đúng định dạng")
	// ErrEncrypted: the file is protected by a password.
	ErrEncrypted = errors.New("tệp được bảo vệ bằng mật khẩu; hãy mở tệp, bỏ mật khẩu rồi lưu lại")
)

// AttachmentName is the file name of the data of document i (from 0) of a PDF that holds n
// documents: FileName when n is 1, else bao-cao-01.yaml, bao-cao-02.yaml, … (with as many digits as
// n needs, at least two, so that the names sort in the documents' order).
func AttachmentName(i, n int) string {
	if n == 1 {
		return FileName
	}
	width := max(2, len(fmt.Sprint(n)))
	return fmt.Sprintf("bao-cao-%0*d.yaml", width, i+1)
}
