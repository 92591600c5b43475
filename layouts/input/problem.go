// Package input holds what every document kind's input shares: reading YAML with line numbers,
// collecting all problems of a file in one pass with Vietnamese messages, and the parts every
// Party document has (dates, numbers, the issuing body, recipients, signer).
package input

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one error or warning about an input file, tied to a line and a key.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Key     string `json:"key,omitempty"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// String formats the problem as "file:line: key: message"; a warning says "cảnh báo" before the
// message.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	if p.Warning {
		b.WriteString("cảnh báo: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every problem found in one or more files.
type Problems []Problem

// HasErrors reports whether any problem is an error rather than a warning.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Sorted returns the problems ordered by file and line, keeping the order of discovery on one line.
func (ps Problems) Sorted() Problems {
	out := append(Problems(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// Error joins the errors (not the warnings), one a line, so that Problems can be returned as an error.
func (ps Problems) Error() string {
	var lines []string
	for _, p := range ps.Sorted() {
		if !p.Warning {
			lines = append(lines, p.String())
		}
	}
	return strings.Join(lines, "\n")
}
