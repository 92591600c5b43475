package docxtest

import (
	"bytes"
	"encoding/xml"
	"io"
)

// element is a parsed XML element, with its names resolved to namespaces.
type element struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*element
	line  int
}

// parse reads an XML part into a tree.
func parse(data []byte) (*element, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*element
	var root *element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if root == nil {
				return nil, io.ErrUnexpectedEOF
			}
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			e := &element{name: t.Name, attrs: t.Attr, line: line}
			if n := len(stack); n > 0 {
				stack[n-1].kids = append(stack[n-1].kids, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// wellFormed reports the first XML syntax error in data.
func wellFormed(data []byte) error {
	_, err := parse(data)
	return err
}

func (e *element) is(space, local string) bool {
	return e.name.Space == space && e.name.Local == local
}

// attr is the value of an attribute ("" when absent).
func (e *element) attr(space, local string) string {
	for _, a := range e.attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child is the first child element of that name.
func (e *element) child(space, local string) *element {
	for _, k := range e.kids {
		if k.is(space, local) {
			return k
		}
	}
	return nil
}

// walk calls f on e and every element under it, in document order.
func (e *element) walk(f func(*element)) {
	f(e)
	for _, k := range e.kids {
		k.walk(f)
	}
}

// all lists e and the elements under it of that name.
func (e *element) all(space, local string) []*element {
	var out []*element
	e.walk(func(x *element) {
		if x.is(space, local) {
			out = append(out, x)
		}
	})
	return out
}

// first is the first of all.
func (e *element) first(space, local string) *element {
	if a := e.all(space, local); len(a) > 0 {
		return a[0]
	}
	return nil
}
