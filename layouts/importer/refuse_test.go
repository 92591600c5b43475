package importer_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"baocao/layouts"
	"baocao/layouts/importer"
	"baocao/layouts/input"
)

// zipOf zips parts in order.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[i+1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oleFile is an OLE compound file (the container of .doc and of an encrypted OOXML file) whose
// directory holds streams of the given names: a 512-byte header, then one directory sector of
// 128-byte entries with UTF-16LE names.
func oleFile(names ...string) []byte {
	b := make([]byte, 512+512)
	copy(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	b[0x1E] = 9 // 512-byte sectors
	for i, name := range append([]string{"Root Entry"}, names...) {
		e := b[512+128*i:]
		for j, c := range name {
			e[2*j] = byte(c)
		}
		e[64] = byte(2 * (len(name) + 1))
		e[66] = 2 // stream
	}
	b[512+66] = 5 // root storage
	return b
}

// textPDF is a one-page PDF with a line of text in Helvetica, written by hand with its
// cross-reference table: a PDF that carries no data of baocao.
func textPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	content := "BT /F1 12 Tf 72 770 Td (Bao cao) Tj ET"
	objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// objectStreamBomb is textPDF with an object stream of a few kilobytes that inflates to 80 MiB.
func objectStreamBomb(t testing.TB) []byte {
	t.Helper()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(make([]byte, 80<<20))
	zw.Close()
	pdf := textPDF()
	i := bytes.Index(pdf, []byte("xref\n"))
	obj := fmt.Sprintf("6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n", z.Len())
	return append(append(append(append([]byte{}, pdf[:i]...), obj...), z.Bytes()...), append([]byte("\nendstream\nendobj\n"), pdf[i:]...)...)
}

// scannedPDF is a PDF whose one page is an image, as a scanner makes.
func scannedPDF(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 60, 80))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(3, 3, color.Black)
	var pngData, out bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	if err := api.ImportImages(nil, &out, []io.Reader{&pngData}, nil, pdfcpuConf()); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func pdfcpuConf() *model.Configuration {
	api.DisableConfigDir()
	return model.NewDefaultConfiguration()
}

// encryptedPDF is textPDF protected by a password.
func encryptedPDF(t testing.TB) []byte {
	t.Helper()
	conf := pdfcpuConf()
	conf.UserPW, conf.OwnerPW = "matkhau", "chuso"
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(textPDF()), &out, conf); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// bomb is a DOCX whose document part inflates to 20 MiB from a few kilobytes. With lie, the zip's
// directory claims the part is small.
func bomb(t testing.TB, lie bool) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	body := bytes.Repeat([]byte(" "), 20<<20)
	fw.Write(body)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	io.WriteString(w, "<Types/>")
	size := uint64(len(body))
	if lie {
		size = 1000
	}
	rw, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(raw.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	rw.Write(raw.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestRefusals: every file that yields no report is refused with its exact message.
func TestRefusals(t *testing.T) {
	word97, err := os.ReadFile(filepath.Join("testdata", "refuse", "word-97.doc"))
	if err != nil {
		t.Fatal(err)
	}
	manyParts := []string{"word/document.xml", "<w:document/>"}
	for i := 0; i < 1001; i++ {
		manyParts = append(manyParts, fmt.Sprintf("x/%d.xml", i), "")
	}
	deep := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + strings.Repeat("<w:p>", 300) + strings.Repeat("</w:p>", 300) + `</w:body></w:document>`
	consolidatedYAML, err := os.ReadFile("../../samples/tong-hop-ban-tuyen-giao.yaml")
	if err != nil {
		t.Fatal(err)
	}
	consolidated, problems := layouts.Load("../../samples/tong-hop-ban-tuyen-giao.yaml", consolidatedYAML, input.Options{Files: input.OSFiles})
	if consolidated == nil {
		t.Fatal(problems.Error())
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"the consolidated report's DOCX", renderDOCX(t, consolidated), importer.MsgConsolidated},
		{"the consolidated report's DOCX without its data", withoutData(t, renderDOCX(t, consolidated)), importer.MsgConsolidated},
		{"the consolidated report's PDF", renderPDF(t, consolidated), importer.MsgConsolidated},
		{"Word 97-2003 made by LibreOffice", word97, importer.MsgDoc},
		{"Word 97-2003", oleFile("WordDocument", "1Table", "\x05SummaryInformation"), importer.MsgDoc},
		{"DOCX with a password", oleFile("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"), importer.MsgEncryptedDOCX},
		{"another old Office file", oleFile("Workbook"), importer.MsgOLE},
		{"PDF not made by baocao", textPDF(), importer.MsgNotBaocaoPDF},
		{"scanned PDF", scannedPDF(t), importer.MsgScannedPDF},
		{"PDF with a password", encryptedPDF(t), importer.MsgEncryptedPDF},
		{"PDF with an object stream bomb", objectStreamBomb(t), importer.MsgPDFDataTooLarge},
		{"corrupt PDF", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog"), importer.MsgCorruptPDF},
		{"zip bomb", bomb(t, false), "tệp nén giải nén ra quá lớn so với kích thước của nó (có thể là tệp độc hại kiểu \"zip bomb\"); không đọc tệp này"},
		{"zip bomb lying about its size", bomb(t, true), "tệp nén giải nén ra quá lớn so với kích thước của nó (có thể là tệp độc hại kiểu \"zip bomb\"); không đọc tệp này"},
		{"too many parts", zipOf(t, manyParts...), "tệp nén có quá nhiều phần (1002; tối đa 1000); không đọc tệp này"},
		{"corrupt zip", []byte("PK\x03\x04 this is not a zip"), "tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx"},
		{"zip that is no DOCX", zipOf(t, "ghi-chu.txt", "xin chào"), importer.MsgNotDOCX},
		{"broken XML", zipOf(t, "word/document.xml", "<w:document><w:body><w:p>"), "tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx"},
		{"XML nested too deep", zipOf(t, "word/document.xml", deep), "nội dung tệp Word lồng quá sâu hoặc quá nhiều phần tử so với một báo cáo; không đọc tệp này"},
		{"empty DOCX", zipOf(t, "word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`), "tệp Word này không phải báo cáo kết quả đăng ký mô hình, điển hình theo mẫu của Kế hoạch 46-KH/ĐUK (không thấy tên văn bản \"BÁO CÁO\" và trích yếu \"Kết quả đăng ký …\")"},
		{"text file", []byte("mau: dang-ky\n"), importer.MsgUnknown},
		{"too large", append([]byte("PK\x03\x04"), make([]byte, importer.MaxFileSize)...), importer.MsgTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := importer.Import("tep", c.data)
			checkProblems(t, res.Problems, []string{"tep: " + c.want})
			if len(res.Reports) != 0 {
				t.Errorf("a refused file gave %d reports", len(res.Reports))
			}
		})
	}
}
