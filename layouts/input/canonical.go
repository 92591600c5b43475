package input

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// canonicalHeader opens every canonical YAML: what the file is, for the person who opens it.
const canonicalHeader = "# Dữ liệu của văn bản, do baocao ghi. Mở lại trong biểu mẫu của baocao để sửa tiếp.\n"

// Canonical is the object as the contract's YAML, the one text baocao writes for a document's
// data (the form's saved file, the data carried in the PDF and the DOCX): every key as the user
// gave it, in the user's order, each text value as read (legacy encodings converted, invisible
// characters removed, NFC), the user's comments left out, indented by two spaces. Only values
// already read by the document's reader are cleaned: call it after reading. A document without
// "mau" (an item of a roster) gets mau: kind first, so that the text stands on its own.
func (o *Object) Canonical(kind string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(canonicalHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	root := withoutComments(o.node)
	if o.roster != nil {
		for i := 0; i+1 < len(o.node.Content); i += 2 {
			if o.node.Content[i+1] == o.fields[RosterList] {
				root.Content[i+1] = withoutComments(o.roster.list())
			}
		}
	}
	if !o.Has("mau") && kind != "" {
		root.Content = append([]*yaml.Node{{Kind: yaml.ScalarNode, Value: "mau"}, {Kind: yaml.ScalarNode, Value: kind}}, root.Content...)
	}
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// withoutComments copies a node tree without its comments and source positions, in block style:
// mappings and lists one item a line, text quoted only where YAML needs it, text of several lines
// as a literal block. Scalars lose their tags, which the readers never use (they read the text),
// so that "so: 5" and "so: \"5\"" are written alike; only null stays null, and a text that would
// read as null is quoted.
func withoutComments(n *yaml.Node) *yaml.Node {
	c := &yaml.Node{Kind: n.Kind, Value: n.Value}
	if n.Kind == yaml.ScalarNode {
		switch {
		case isNull(n):
			c.Tag = "!!null"
		case readsAsNull(n.Value):
			c.Tag, c.Style = "!!str", yaml.DoubleQuotedStyle
		case strings.Contains(n.Value, "\n"):
			c.Style = yaml.LiteralStyle
		}
	}
	for _, child := range n.Content {
		c.Content = append(c.Content, withoutComments(child))
	}
	return c
}

// readsAsNull reports whether a plain scalar with this text would be read as null.
func readsAsNull(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}
