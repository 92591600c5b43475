package importer

// ReadPDF reads the report attached to a PDF made by baocao.
func ReadPDF(file string, data []byte) Result { return refuse(file, MsgNotBaocaoPDF) }
