package docxtest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// reduceMCE rewrites a part that uses Markup Compatibility as a consumer that understands only the
// ISO namespaces sees it: elements (with their content) and attributes of the namespaces
// mc:Ignorable lists are dropped, mc:AlternateContent is replaced by the content of its
// mc:Fallback, and every mc: attribute is removed. Prefixes are kept as written.
func reduceMCE(data []byte) ([]byte, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	// One frame per open element: its prefix map and its ignorable namespaces.
	type frame struct {
		prefixes  map[string]string
		ignorable map[string]bool
		written   bool
	}
	stack := []frame{{prefixes: map[string]string{"xml": xmlNS}, ignorable: map[string]bool{}}}
	var out bytes.Buffer
	skip := 0 // depth of a dropped subtree being skipped, 0 when writing
	escape := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return strings.ReplaceAll(b.String(), `"`, "&quot;")
	}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			f := frame{prefixes: map[string]string{}, ignorable: map[string]bool{}}
			for k, v := range top.prefixes {
				f.prefixes[k] = v
			}
			for k, v := range top.ignorable {
				f.ignorable[k] = v
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					f.prefixes[a.Name.Local] = a.Value
				} else if a.Name.Space == "" && a.Name.Local == "xmlns" {
					f.prefixes[""] = a.Value
				}
			}
			for _, a := range t.Attr {
				if f.prefixes[a.Name.Space] == mcNS && a.Name.Local == "Ignorable" {
					for _, p := range strings.Fields(a.Value) {
						if uri, ok := f.prefixes[p]; ok {
							f.ignorable[uri] = true
						}
					}
				}
			}
			uri := f.prefixes[t.Name.Space]
			switch {
			case skip > 0:
				skip++
			case uri == mcNS && t.Name.Local == "Choice", f.ignorable[uri]:
				skip = 1
			case uri == mcNS:
				// mc:AlternateContent and mc:Fallback themselves are not written; the content
				// of mc:Fallback is.
			default:
				out.WriteString("<" + qname(t.Name))
				for _, a := range t.Attr {
					au := f.prefixes[a.Name.Space]
					if a.Name.Space != "" && a.Name.Space != "xmlns" && (au == mcNS || f.ignorable[au]) {
						continue
					}
					out.WriteString(" " + qname(a.Name) + `="` + escape(a.Value) + `"`)
				}
				out.WriteString(">")
				f.written = true
			}
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) < 2 {
				return nil, fmt.Errorf("unbalanced end element %s", qname(t.Name))
			}
			switch {
			case skip > 0:
				skip--
			case top.written:
				out.WriteString("</" + qname(t.Name) + ">")
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip == 0 {
				out.WriteString(textEscaper.Replace(string(t)))
			}
		case xml.ProcInst:
			if t.Target == "xml" {
				out.WriteString("<?xml " + string(t.Inst) + "?>")
			}
		}
	}
	return out.Bytes(), nil
}

// textEscaper escapes character data, leaving white space as it is (outside the root element only
// white space is allowed, and it must stay white space).
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
