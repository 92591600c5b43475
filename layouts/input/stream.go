package input

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A roster is read item by item. Its parse tree costs some twenty times its text (a yaml.Node of
// about 200 bytes for every key and value), so a roster parsed whole would cost memory in the
// number of its cells, and a batch of a roster would hold it until the last cell is written.
// Parse therefore splits a roster's list at the lines where its items' dashes stand, checks every
// item as it checks a whole file (YAML syntax, anchors, nesting, tags and commas; legacy
// encodings counted for the file's verdict), and keeps only the text: Entries parses each item
// again as it hands it over, and drops its tree with it.
//
// The split is taken only where it is sure to read as the whole file would: a block list under a
// key "danh_sach:" at the left margin with nothing after its colon, every item starting with a
// dash in the list's column, the list ending at the left margin or at the end of the file. Since
// an item's text is parsed on its own, a quotation, a bracket or a block of text cannot run from
// one item into the next: it would leave its item unparsable. Any problem at all, or anything
// else (a list in brackets, document markers, an item that is not a group of keys, more items
// than the Board's limit), and the file is parsed whole, its problems told as always.

// rosterItems is a roster's list kept as text, one span per item.
type rosterItems struct {
	text  []byte
	items []itemText
}

// itemText is where one item of a roster's list stands in the file's text.
type itemText struct {
	start, end int // its bytes, from the start of its dash's line
	line       int // the line of its dash, from 1
	column     int // the column of its dash, from 1
}

// parse parses the item's text alone, its nodes keeping their lines in the item's text.
func (it itemText) parse(text []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text[it.start:it.end:it.end], &doc); err != nil || len(doc.Content) != 1 {
		return nil, false
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode || list.Style&yaml.FlowStyle != 0 || len(list.Content) != 1 {
		return nil, false
	}
	return list.Content[0], true
}

// item parses the i-th item again, its nodes at their lines in the file. Every item parsed when
// the roster was split: failing now would be a bug.
func (l *rosterItems) item(i int) *yaml.Node {
	it := l.items[i]
	n, ok := it.parse(l.text)
	if !ok {
		panic(fmt.Sprintf("input: item %d of a roster, read when the file was split, no longer parses", i+1))
	}
	moveLines(n, it.line-1)
	return n
}

// listNode is the list's node, at its first dash, without its items: what the top object holds.
func (l *rosterItems) listNode() yaml.Node {
	first := l.items[0]
	return yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: first.line, Column: first.column}
}

// list is the whole list, every item parsed: for a reader that wants it as one node, not Entries.
func (l *rosterItems) list() *yaml.Node {
	n := l.listNode()
	for i := range l.items {
		n.Content = append(n.Content, l.item(i))
	}
	return &n
}

// moveLines moves every node of a tree down by lines.
func moveLines(n *yaml.Node, lines int) {
	n.Line += lines
	for _, c := range n.Content {
		moveLines(c, lines)
	}
}

// parseRoster reads text as a roster kept as text, when it is one and the split is sure (see
// above): the top-level object, whose list Entries reads item by item; nil when the file must be
// parsed whole. It records no problem.
func (r *Reader) parseRoster(text []byte) *Object {
	head, keyLine, items, ok := splitRoster(text)
	if !ok || len(items) > MaxBoardItems {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(head, &doc); err != nil || len(doc.Content) != 1 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return nil
	}
	var list *yaml.Node // the list's key in the head, its value empty
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != RosterList {
			continue
		}
		if list != nil || k.Line != keyLine || k.Column != 1 || k.Style != 0 || !isNull(v) || v.Style != 0 {
			return nil
		}
		list = v
	}
	check := &Reader{file: r.file, opts: r.opts} // its problems only say the split is not taken
	if list == nil || !check.checkTree(root, 0) || len(flowMistakes(root, strings.Split(string(head), "\n"))) > 0 {
		return nil
	}
	var legacy legacyCount
	legacy.add(root)
	for _, it := range items {
		item, ok := it.parse(text)
		if !ok || item.Kind != yaml.MappingNode || !check.checkTree(item, 2) || len(flowMistakes(item, strings.Split(string(text[it.start:it.end]), "\n"))) > 0 {
			return nil
		}
		legacy.add(item)
	}
	r.board = true
	r.legacy = legacy.verdict()
	roster := &rosterItems{text: text, items: items}
	*list = roster.listNode()
	top := r.object(root, "")
	top.roster = roster
	return top
}

// splitRoster finds, in a file's text, a roster's list under a key "danh_sach:" at the left
// margin, written as a block of items each starting with a dash in one column. It returns the
// text with the list's lines left empty (head, which keeps every other line where it was), the
// key's line, and each item's span; ok is false when the text holds no such list, or anything
// that would make the split unsure (a document marker or directive at the left margin, a second
// such key, a line of the list less indented than its dashes but not at the margin, a carriage
// return alone, which YAML takes for a line break).
func splitRoster(text []byte) (head []byte, keyLine int, items []itemText, ok bool) {
	const (
		before  = iota // looking for the key
		opening        // after the key, before the first item
		inList         // in the list
		after          // past the list
	)
	state := before
	column := 0 // the dashes' column, from 0
	listStart, listEnd := -1, len(text)
	listLines := 0 // the lines from the first item to the end of the list
	line := 0
	for start := 0; start < len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += start
			next = end + 1
		}
		line++
		l := bytes.TrimSuffix(text[start:end], []byte("\r"))
		if bytes.IndexByte(l, '\r') >= 0 {
			return nil, 0, nil, false // a line break to YAML, not to this split
		}
		content := bytes.TrimLeft(l, " ")
		indent := len(l) - len(content)
		blank := len(bytes.TrimSpace(content)) == 0 || content[0] == '#'
		if indent == 0 && (bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("...")) || bytes.HasPrefix(l, []byte("%"))) {
			return nil, 0, nil, false
		}
		dash := !blank && content[0] == '-' && (len(content) == 1 || content[1] == ' ')
		switch state {
		case before, after:
			if indent == 0 && isListKey(l) {
				if state == after {
					return nil, 0, nil, false
				}
				state, keyLine = opening, line
			}
		case opening:
			switch {
			case blank:
			case dash:
				state, column, listStart = inList, indent, start
				items = append(items, itemText{start: start, line: line, column: indent + 1})
			default:
				return nil, 0, nil, false // the list is not a block of dashes
			}
		case inList:
			switch {
			case blank || indent > column:
			case indent == column && dash:
				items[len(items)-1].end = start
				items = append(items, itemText{start: start, line: line, column: indent + 1})
			case indent == 0:
				state, listEnd = after, start
			default:
				return nil, 0, nil, false
			}
		}
		if state == inList {
			listLines++
		}
		start = next
	}
	if len(items) == 0 {
		return nil, 0, nil, false
	}
	items[len(items)-1].end = listEnd
	head = make([]byte, 0, listStart+listLines+len(text)-listEnd)
	head = append(head, text[:listStart]...)
	head = append(head, bytes.Repeat([]byte("\n"), listLines)...)
	head = append(head, text[listEnd:]...)
	return head, keyLine, items, true
}

// isListKey reports whether a line at the left margin is the key "danh_sach:" alone, or with a
// comment after it.
func isListKey(l []byte) bool {
	rest, ok := bytes.CutPrefix(l, []byte(RosterList+":"))
	if !ok {
		return false
	}
	if len(rest) > 0 && rest[0] != ' ' {
		return false
	}
	rest = bytes.TrimLeft(rest, " ")
	return len(rest) == 0 || rest[0] == '#'
}
