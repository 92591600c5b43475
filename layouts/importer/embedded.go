package importer

// embeddedData returns the canonical YAML a DOCX made by baocao carries, nil when there is none.
func embeddedData(p *docxPackage) ([]byte, error) { return nil, nil }

func compareEmbedded(c *collector, rep *report, data []byte) Result { return Result{} }
