package pdfatest

import (
	"fmt"

	"baocao/render/pdfsyntax"
)

// token is one token of a content stream: an operator, a string's bytes, or any other operand
// (number, name, array bracket) as written.
type token struct {
	s   string
	op  bool
	str bool
}

// tokens cuts a content stream into tokens. It knows literal and hexadecimal strings, names,
// numbers, arrays, dictionaries and comments: all that content streams hold besides inline images,
// which the caller refuses. A string not closed, or a hexadecimal one holding anything but
// digits and white space, is an error.
func tokens(b []byte) ([]token, error) {
	var out []token
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case pdfsyntax.IsSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, token{s: string(b[i : i+2])})
			i += 2
		case c == '(' || c == '<':
			read := pdfsyntax.Literal
			if c == '<' {
				read = pdfsyntax.Hex
			}
			str, next, err := read(b, i)
			if err != nil {
				return nil, fmt.Errorf("at byte %d: %w", i, err)
			}
			out = append(out, token{s: string(str), str: true})
			i = next
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, token{s: string(c)})
			i++
		default:
			start := i
			i++
			for i < len(b) && !pdfsyntax.IsDelim(b[i]) {
				i++
			}
			w := string(b[start:i])
			first := w[0]
			op := first != '/' && first != '+' && first != '-' && first != '.' && (first < '0' || first > '9')
			out = append(out, token{s: w, op: op && w != "true" && w != "false" && w != "null"})
		}
	}
	return out, nil
}
