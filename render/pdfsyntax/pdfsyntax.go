// Package pdfsyntax reads the smallest pieces of PDF syntax (ISO 32000-1, 7.2 and 7.3.4): white
// space, delimiters, and literal and hexadecimal strings. It is shared by the reader of the data
// baocao embeds in its PDFs (render/embedded) and by the checker of the PDFs it writes
// (render/pdf/pdfatest), so that both read a string the same way.
package pdfsyntax

import (
	"errors"
	"strings"
)

// ErrString is the error of a string that is not closed, or of a hexadecimal string holding a
// character that is neither a hexadecimal digit nor white space.
var ErrString = errors.New("pdf syntax: broken string")

// IsSpace tells the six white-space characters of PDF.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// IsDelim tells white space and the delimiters, which end a name, a number or an operator.
func IsDelim(c byte) bool {
	return IsSpace(c) || strings.IndexByte("()<>[]{}/%", c) >= 0
}

// Literal reads the literal string that starts with the "(" at data[pos]: nested parentheses
// kept, escapes decoded, an escaped line break dropped. It gives the string's bytes and the
// position after its closing ")".
func Literal(data []byte, pos int) (s []byte, next int, err error) {
	pos++
	depth := 1
	for pos < len(data) {
		c := data[pos]
		pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return s, pos, nil
			}
		case '\\':
			if pos >= len(data) {
				return nil, pos, ErrString
			}
			e := data[pos]
			pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				if e == '\r' && pos < len(data) && data[pos] == '\n' {
					pos++
				}
				continue
			default:
				c = e
				if e >= '0' && e <= '7' {
					// Up to three octal digits; a value past 255 keeps its low byte.
					v := int(e - '0')
					for i := 0; i < 2 && pos < len(data) && data[pos] >= '0' && data[pos] <= '7'; i++ {
						v = v*8 + int(data[pos]-'0')
						pos++
					}
					c = byte(v)
				}
			}
		}
		s = append(s, c)
	}
	return nil, pos, ErrString
}

// Hex reads the hexadecimal string that starts with the "<" at data[pos], white space skipped and
// a last odd digit taken as followed by 0. It gives the string's bytes and the position after its
// closing ">".
func Hex(data []byte, pos int) (s []byte, next int, err error) {
	pos++
	var half byte
	odd := false
	for pos < len(data) {
		c := data[pos]
		pos++
		var v byte
		switch {
		case c == '>':
			if odd {
				s = append(s, half<<4)
			}
			return s, pos, nil
		case IsSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return nil, pos, ErrString
		}
		if odd {
			s = append(s, half<<4|v)
		} else {
			half = v
		}
		odd = !odd
	}
	return nil, pos, ErrString
}
