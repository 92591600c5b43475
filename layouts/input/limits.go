package input

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits that depend on what a file is. A cell's own report is small: MaxFileSize and MaxItems
// hold it. The Board's files (a roster of cells, a consolidated report listing every cell due and
// the folders of their reports) grow with the number of cells, so they are sized for 100,000
// cells; every value inside them is still bounded as in a cell's report, and nesting and aliases
// are still refused.
const (
	// MaxFileSize is the largest cell's report accepted. A real report is a few kilobytes.
	MaxFileSize = 1 << 20
	// MaxBoardFileSize is the largest Board's file accepted: a generated roster of 100,000 cells
	// (two models and one or two exemplars each, short names) is about 45 MiB; this leaves room
	// for longer names.
	MaxBoardFileSize = 64 << 20
	// MaxBoardItems is the most items of one of the Board's lists (boardLists).
	MaxBoardItems = 100000
	// MaxBoardNodes bounds nodeEstimate before a file is parsed: the YAML library builds the whole
	// tree before any list is counted, so a file of millions of one-letter items would cost
	// gigabytes to refuse. The sample roster counts about 25 a cell: 2.5 million for 100,000.
	MaxBoardNodes = 4000000
	// ConsolidatedKind is the "mau" of the Board's consolidated report.
	ConsolidatedKind = "tong-hop"
)

// boardLists are the top-level lists of a Board's file that hold one item per cell: a roster's
// cells, and a consolidated report's cells due and its sources.
var boardLists = []string{RosterList, "phai_bao_cao", "nguon"}

// isBoard reports whether a file's top-level node is one of the Board's files: a roster (it has
// "danh_sach") or a consolidated report ("mau: tong-hop"). It is the one place that decides
// which limits a file gets.
func isBoard(root *yaml.Node) bool {
	if root == nil || root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case k.Value == RosterList:
			return true
		case k.Value == "mau" && v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == ConsolidatedKind:
			return true
		}
	}
	return false
}

// mayBeBoard reports whether a file's text may be one of the Board's files, before it is parsed:
// whether a line at the left margin starts the key "danh_sach" or says "mau: tong-hop". A file
// over MaxFileSize that cannot be one is refused without parsing it; isBoard decides the rest.
func mayBeBoard(text []byte) bool {
	for line := range strings.SplitSeq(string(text), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if rest, ok := strings.CutPrefix(line, RosterList); ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), ":") {
			return true
		}
		if rest, ok := strings.CutPrefix(line, "mau"); ok {
			rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), ":")
			value, _, _ := strings.Cut(rest, "#")
			if ok && strings.Trim(strings.TrimSpace(value), `"'`) == ConsolidatedKind {
				return true
			}
		}
	}
	return false
}

// itemLimit is the most items the list under key of o may hold: MaxBoardItems for a Board's
// list (boardLists, at the top of a Board's file), MaxItems for every other.
func (o *Object) itemLimit(key string) int {
	if o.r.board && o.path == "" && slices.Contains(boardLists, key) {
		return MaxBoardItems
	}
	return MaxItems
}

// nodeEstimate is an upper bound, cheap to count, of how many nodes parsing text builds: each
// line and each comma (which separates items of a flow list or mapping) may start one.
func nodeEstimate(text []byte) int {
	n := 1
	for _, c := range text {
		if c == '\n' || c == ',' {
			n++
		}
	}
	return n
}
