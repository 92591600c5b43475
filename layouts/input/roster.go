package input

import (
	"fmt"
	"iter"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Keys of a roster file, which holds many documents of one kind: shared values in "chung", one
// document per item of "danh_sach".
const (
	RosterDefaults = "chung"
	RosterList     = "danh_sach"
)

// Entry is one document of a file: the whole file, or one item of a roster with the roster's
// shared values merged in. Its problems go to a reader of its own.
type Entry struct {
	Item int // 1-based position in the roster's list; 0 when the file is one document
	Top  *Object
}

// IsRoster reports whether a file's top-level object is a roster.
func (o *Object) IsRoster() bool { return o.Has(RosterList) }

// Entries returns how many documents a parsed file holds, and the documents, one at a time: a
// roster's items are parsed as they are handed over (see parseRoster), so that a caller that
// drops each entry reads a roster of any size in bounded memory; ranging again parses them again.
// Each item has a reader of its own, which reads text as the whole file's encoding says. A
// roster's own problems (its structure, unknown keys in its shared values) go to the file's
// reader r, all of them before Entries returns; known lists the keys a document may have.
func Entries(r *Reader, top *Object, known []string) (int, iter.Seq[Entry]) {
	if !top.IsRoster() {
		return 1, func(yield func(Entry) bool) { yield(Entry{Top: top}) }
	}
	top.Known("mau", RosterDefaults, RosterList)
	var defaults *yaml.Node
	if chung := top.Object(RosterDefaults); chung != nil {
		chung.Known(known...)
		defaults = top.fields[RosterDefaults]
	}
	entry := func(i int, item *yaml.Node) Entry {
		own := &Reader{file: r.file, opts: r.opts, legacy: r.legacy} // read as the whole file says
		return Entry{Item: i + 1, Top: own.object(merge(defaults, item, known), fmt.Sprintf("%s[%d]", RosterList, i+1))}
	}
	if list := top.roster; list != nil {
		return len(list.items), func(yield func(Entry) bool) {
			for i := range list.items {
				if !yield(entry(i, list.item(i))) {
					return
				}
			}
		}
	}
	items, _ := top.sequence(RosterList)
	if len(items) == 0 {
		top.Errorf(RosterList, "danh sách trống: chưa có chi bộ, đảng bộ nào")
	}
	var groups []int // the items that are groups of keys
	for i, item := range items {
		if item.Kind != yaml.MappingNode {
			r.Add(item.Line, fmt.Sprintf("%s[%d]", RosterList, i+1), false, "mỗi mục phải gồm các khóa con, không phải %s", kindName(item))
			continue
		}
		groups = append(groups, i)
	}
	return len(groups), func(yield func(Entry) bool) {
		for _, i := range groups {
			if !yield(entry(i, items[i])) {
				return
			}
		}
	}
}

// merge returns item with the keys of defaults it lacks (those in known only), merging mappings
// present in both, key by key. Values keep their own lines, so that a problem in a shared value is
// reported where it was written; a key taken from defaults stands on the item's first line, so
// that a key missing inside it is reported at the item.
func merge(defaults, item *yaml.Node, known []string) *yaml.Node {
	if defaults == nil {
		return item
	}
	out := *item
	out.Content = append([]*yaml.Node(nil), item.Content...)
	index := map[string]int{}
	for i := 0; i+1 < len(out.Content); i += 2 {
		if _, seen := index[out.Content[i].Value]; !seen {
			index[out.Content[i].Value] = i
		}
	}
	for i := 0; i+1 < len(defaults.Content); i += 2 {
		k, v := defaults.Content[i], defaults.Content[i+1]
		if known != nil && !slices.Contains(known, k.Value) {
			continue
		}
		at, ok := index[k.Value]
		switch {
		case !ok:
			atItem := *k
			atItem.Line = item.Line
			out.Content = append(out.Content, &atItem, v)
		case v.Kind == yaml.MappingNode && out.Content[at+1].Kind == yaml.MappingNode:
			out.Content[at+1] = merge(v, out.Content[at+1], nil)
		}
	}
	return &out
}
