package pdfatest

import "strings"

// token is one token of a content stream: an operator, a string's bytes, or any other operand
// (number, name, array bracket) as written.
type token struct {
	s   string
	op  bool
	str bool
}

// tokens cuts a content stream into tokens. It knows literal and hexadecimal strings, names,
// numbers, arrays, dictionaries and comments: all that content streams hold besides inline images,
// which the caller refuses.
func tokens(b []byte) []token {
	var out []token
	isSpace := func(c byte) bool { return strings.IndexByte(" \t\r\n\f\x00", c) >= 0 }
	isDelim := func(c byte) bool { return isSpace(c) || strings.IndexByte("()<>[]{}/%", c) >= 0 }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			var s []byte
			depth := 1
			i++
			for i < len(b) && depth > 0 {
				c := b[i]
				i++
				switch c {
				case '(':
					depth++
				case ')':
					if depth--; depth == 0 {
						continue
					}
				case '\\':
					if i >= len(b) {
						continue
					}
					e := b[i]
					i++
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
					case '\n':
						continue
					case '\r':
						if i < len(b) && b[i] == '\n' {
							i++
						}
						continue
					default:
						if e >= '0' && e <= '7' {
							v := int(e - '0')
							for k := 0; k < 2 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
								v = v*8 + int(b[i]-'0')
								i++
							}
							c = byte(v)
						} else {
							c = e
						}
					}
				}
				s = append(s, c)
			}
			out = append(out, token{s: string(s), str: true})
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, token{s: string(b[i : i+2])})
			i += 2
		case c == '<':
			var s []byte
			var digits []byte
			i++
			for i < len(b) && b[i] != '>' {
				if !isSpace(b[i]) {
					digits = append(digits, b[i])
				}
				i++
			}
			i++
			if len(digits)%2 == 1 {
				digits = append(digits, '0')
			}
			for k := 0; k+1 < len(digits); k += 2 {
				s = append(s, hexVal(digits[k])<<4|hexVal(digits[k+1]))
			}
			out = append(out, token{s: string(s), str: true})
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, token{s: string(c)})
			i++
		default:
			start := i
			i++
			for i < len(b) && !isDelim(b[i]) {
				i++
			}
			w := string(b[start:i])
			first := w[0]
			op := first != '/' && first != '+' && first != '-' && first != '.' && (first < '0' || first > '9')
			out = append(out, token{s: w, op: op && w != "true" && w != "false" && w != "null"})
		}
	}
	return out
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}
