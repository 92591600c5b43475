package workbook

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"baocao/layouts/input"
	"baocao/layouts/kh46"
)

// valueKind is how a column's cells are read.
type valueKind int

const (
	textValue valueKind = iota
	wholeValue
	dateValue
	choiceValue // one of a list of names (or their codes)
)

// column is one column of a roster sheet: its header, the key of the YAML it fills (a path
// under the cell's item, or the model's or exemplar's), how it is read, and for a choice the
// names it offers with their codes.
type column struct {
	header  string
	key     string
	kind    valueKind
	choices []choice
	width   float64
	example string
}

// choice is one name a choice column offers, and the code the YAML takes.
type choice struct{ name, code string }

// layout is one sheet of the roster workbook.
type layout struct {
	name    string
	about   string // what the sheet holds, for the message of a missing sheet
	columns []column
}

// The names of the roster workbook's sheets.
const (
	CellsSheet     = "Danh sách"
	ModelsSheet    = "Mô hình"
	ExemplarsSheet = "Gương"
	listsSheet     = "Danh mục" // the names the choice columns offer, for Excel's drop-down lists
)

// cellHeader is the header of the column of the cell's name, on every sheet.
const cellHeader = "Tên chi bộ, đảng bộ"

// cellTypes, sectors and modelKinds are the names the choice columns offer, from layouts/kh46.
var (
	cellTypes = []choice{{"Chi bộ", "chi-bo"}, {"Đảng bộ", "dang-bo"}}
	sectors   = func() []choice {
		var out []choice
		for _, s := range kh46.Sectors {
			out = append(out, choice{kh46.SectorName(kh46.Sector(s)), s})
		}
		return out
	}()
	modelKinds = func() []choice {
		var out []choice
		for _, k := range kh46.Kinds {
			out = append(out, choice{k.Name, k.Code})
		}
		return append(out, choice{otherKindName, kh46.OtherKind})
	}()
)

// otherKindName is the name of a model of the cell's own choosing.
const otherKindName = "Mô hình khác do chi, đảng bộ lựa chọn"

// The three sheets of a roster workbook.
var (
	cellsLayout = layout{CellsSheet, "mỗi dòng một chi, đảng bộ", []column{
		{header: cellHeader, key: "co_quan.ten", width: 40, example: "Chi bộ Sở Tài chính"},
		{header: "Loại", key: "co_quan.loai", kind: choiceValue, choices: cellTypes, width: 12, example: "Chi bộ"},
		{header: "Khối", key: "co_quan.khoi", kind: choiceValue, choices: sectors, width: 20, example: kh46.SectorName(kh46.Agencies)},
		{header: "Số báo cáo", key: "so", kind: wholeValue, width: 12, example: "5"},
		{header: "Ngày báo cáo", key: "ngay", kind: dateValue, width: 14, example: "2021-04-12"},
		{header: "Số kế hoạch", key: "ke_hoach.so", kind: wholeValue, width: 12, example: "3"},
		{header: "Ngày kế hoạch", key: "ke_hoach.ngay", kind: dateValue, width: 14, example: "2021-04-08"},
		{header: "Thẩm quyền ký", key: "ky.quyen", width: 18, example: "T/M BAN CHI ỦY"},
		{header: "Chức vụ người ký", key: "ky.chuc_vu", width: 18, example: "BÍ THƯ"},
		{header: "Người ký", key: "ky.ho_ten", width: 24, example: "Trần Văn Bình"},
	}}
	modelsLayout = layout{ModelsSheet, "các mô hình tập thể, mỗi dòng một mô hình, cột đầu là tên chi, đảng bộ", []column{
		{header: cellHeader, width: 40, example: "Chi bộ Sở Tài chính"},
		{header: "Tên mô hình", key: "ten", width: 50, example: "Văn hóa công sở tại Văn phòng Sở"},
		{header: "Loại mô hình", key: "loai", kind: choiceValue, choices: modelKinds, width: 50, example: "Mô hình thi đua thực hiện văn hóa công sở"},
		{header: "Đơn vị thực hiện", key: "don_vi", width: 30, example: "Văn phòng Sở Tài chính"},
	}}
	exemplarsLayout = layout{ExemplarsSheet, "các gương cá nhân, mỗi dòng một người, cột đầu là tên chi, đảng bộ", []column{
		{header: cellHeader, width: 40, example: "Chi bộ Sở Tài chính"},
		{header: "Họ và tên", key: "ho_ten", width: 28, example: "Nguyễn Thị Hoa"},
		{header: "Chức vụ", key: "chuc_vu", width: 24, example: "Phó Chánh Văn phòng"},
		{header: "Đơn vị", key: "don_vi", width: 30, example: "Văn phòng Sở Tài chính"},
	}}
)

// Roster is a roster workbook read: the roster YAML ("mau: dang-ky", "danh_sach") the cells
// loader reads, and where in the workbook each of its positions comes from.
type Roster struct {
	YAML   []byte
	file   string
	places map[string]string      // a YAML position ("danh_sach[2].mo_hinh[1].loai"): "Mô hình!C3"
	items  map[int]input.Problems // the problems of the rows of each item of danh_sach (1-based)
}

// CellProblems is every problem of the roster's item-th cell (1-based, as cells.Cell.Item):
// those of its rows in the workbook (a value that cannot be read, which the YAML then lacks),
// then the loader's, located by Locate; a loader's problem at a cell that has one already is
// left out, since it is only the consequence.
func (r *Roster) CellProblems(item int, loader input.Problems) input.Problems {
	own := r.items[item]
	out := append(input.Problems(nil), own...)
	taken := map[string]bool{}
	for _, p := range own {
		taken[p.File] = true
	}
	for _, p := range r.Locate(loader) {
		if !taken[p.File] || p.File == r.file {
			out = append(out, p)
		}
	}
	return out
}

// Locate points problems found in the roster's YAML at the workbook's cells: each with a YAML
// position becomes "danh-sach.xlsx:Mô hình!C14: message", the nearest position that has a cell
// taken when the exact one has none (a missing key: its cell, left blank). The YAML's line
// numbers, which the user never sees, are dropped.
func (r *Roster) Locate(problems input.Problems) input.Problems {
	out := make(input.Problems, 0, len(problems))
	for _, p := range problems {
		p.Line = 0
		for key := p.Key; key != ""; key = parent(key) {
			if place, ok := r.places[key]; ok {
				p.File, p.Key = r.file+":"+place, ""
				break
			}
		}
		out = append(out, p)
	}
	return out
}

// parent is a YAML position one step up: "a[2].b" gives "a[2]", "a[2]" gives "a".
func parent(key string) string {
	i := strings.LastIndexAny(key, ".[")
	if i < 0 {
		return ""
	}
	return key[:i]
}

// located is a problem at a sheet's cell.
func located(file string, s *sheet, ref, format string, args ...any) input.Problem {
	return input.Problem{File: file + ":" + s.place(ref), Message: fmt.Sprintf(format, args...)}
}

// ReadRoster reads a roster workbook: the sheet "Danh sách" (one row per cell), "Mô hình" and
// "Gương" (keyed by the cell's name in their first column), their columns found by their
// headers in row 1. Every problem is given at once, each at its sheet, row and column. The
// roster is nil when the workbook as a whole cannot be read (not a workbook, a sheet or a
// column missing, merged cells); else the problems are those of the workbook as a whole (rows
// that belong to no cell, columns passed over), and CellProblems gives each cell's.
func ReadRoster(file string, data []byte) (roster *Roster, problems input.Problems) {
	defer func() {
		// excelize is not proof against every malformed file: a panic in it is a damaged file.
		if recover() != nil {
			roster, problems = nil, refusal(file, MsgCorrupt)
		}
	}()
	f, problems := open(file, data)
	if problems != nil {
		return nil, problems
	}
	defer f.Close()
	sheets := map[string]string{} // folded name: the sheet's own name
	for _, name := range f.GetSheetList() {
		sheets[fold(name)] = name
	}
	rd := &rosterReader{file: file, places: map[string]string{}}
	var read [3]*sheet
	var cols [3][]int
	for i, l := range []layout{cellsLayout, modelsLayout, exemplarsLayout} {
		name, ok := sheets[fold(l.name)]
		if !ok {
			rd.problems = append(rd.problems, input.Problem{File: file, Message: fmt.Sprintf("thiếu trang tính %q (%s); hãy lấy lại từ tệp mẫu: baocao template export --xlsx", l.name, l.about)})
			continue
		}
		s, problems := readSheet(f, file, name, true)
		rd.problems = append(rd.problems, problems...)
		if s == nil {
			continue
		}
		read[i], cols[i] = s, rd.headers(s, l)
	}
	if rd.problems.HasErrors() {
		return nil, rd.problems
	}

	items := rd.cells(read[0], cols[0])
	if len(items) == 0 {
		return nil, rd.problems
	}
	rd.attach(items, "mo_hinh", read[1], modelsLayout, cols[1])
	rd.attach(items, "guong", read[2], exemplarsLayout, cols[2])
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		list.Content = append(list.Content, it.node)
	}
	doc := mapping()
	set(doc, "mau", str("dang-ky"))
	set(doc, input.RosterList, list)
	out, err := yaml.Marshal(doc)
	if err != nil {
		return nil, refusal(file, MsgCorrupt)
	}
	rd.places[input.RosterList] = CellsSheet + "!A1"
	return &Roster{YAML: out, file: file, places: rd.places, items: rd.items}, rd.problems
}

// rosterReader gathers the roster's problems and positions while it reads the sheets.
type rosterReader struct {
	file     string
	problems input.Problems // of the workbook as a whole
	places   map[string]string
	item     int                    // the item of danh_sach the rows being read belong to; 0 none
	items    map[int]input.Problems // the problems of each item's rows
}

// add records a problem at a sheet's cell, with the item being read, or the workbook as a whole.
func (rd *rosterReader) add(s *sheet, ref, format string, args ...any) {
	p := located(rd.file, s, ref, format, args...)
	if rd.item == 0 {
		rd.problems = append(rd.problems, p)
		return
	}
	if rd.items == nil {
		rd.items = map[int]input.Problems{}
	}
	rd.items[rd.item] = append(rd.items[rd.item], p)
}

// item is one cell's entry of the roster YAML.
type item struct {
	name  string
	node  *yaml.Node
	path  string // "danh_sach[2]"
	index int    // its place in danh_sach, 1-based
}

// headers finds each column of the layout in the sheet's first row, by its header: the column
// index of each, -1 for one that is absent. A missing column is an error (on the sheet of cells
// only the name's: the others may be left out, and the loader says which values it needs), a
// header that is not the layout's a warning.
func (rd *rosterReader) headers(s *sheet, l layout) []int {
	idx := make([]int, len(l.columns))
	for i := range idx {
		idx[i] = -1
	}
	var first []cell
	if len(s.rows) > 0 {
		first = s.rows[0]
	}
	for c, cl := range first {
		h := fold(cl.value)
		if h == "" {
			continue
		}
		found := false
		for i, col := range l.columns {
			if h == fold(col.header) && idx[i] < 0 {
				idx[i], found = c, true
				break
			}
		}
		if !found {
			rd.problems = append(rd.problems, input.Problem{File: rd.file + ":" + s.place(cl.ref), Warning: true,
				Message: fmt.Sprintf("cột %q không có trong mẫu; bỏ qua cột này", clean(cl.value))})
		}
	}
	if idx[0] < 0 {
		rd.problems = append(rd.problems, located(rd.file, s, "A1", "thiếu cột %q ở dòng 1 (dòng tiêu đề)", l.columns[0].header))
	}
	for i, col := range l.columns {
		if idx[i] < 0 && i > 0 && s.name != CellsSheet {
			rd.problems = append(rd.problems, located(rd.file, s, "A1", "thiếu cột %q ở dòng 1 (dòng tiêu đề)", col.header))
		}
	}
	return idx
}

// cells reads the sheet of cells: one item per row that is not blank.
func (rd *rosterReader) cells(s *sheet, cols []int) []*item {
	var items []*item
	seen := map[string]int{}
	for r := 1; r < len(s.rows); r++ {
		if blankRow(s.rows[r]) {
			continue
		}
		rd.item = len(items) + 1
		it := &item{node: mapping(), path: fmt.Sprintf("%s[%d]", input.RosterList, rd.item), index: rd.item}
		name := at(s.rows[r], cols[0], r+1)
		it.name = clean(name.value)
		if prev, ok := seen[input.NameKey(it.name)]; ok && it.name != "" {
			rd.add(s, name.ref, "%q đã có ở dòng %d; mỗi chi, đảng bộ một dòng", it.name, prev)
		}
		seen[input.NameKey(it.name)] = r + 1
		rd.fill(it.node, it.path, s, r, cellsLayout.columns, cols)
		rd.places[it.path] = s.place(name.ref)
		items = append(items, it)
	}
	rd.item = 0
	if len(items) == 0 {
		rd.problems = append(rd.problems, located(rd.file, s, "A2", "chưa có chi, đảng bộ nào (từ dòng 2, mỗi dòng một nơi)"))
	}
	return items
}

// attach reads a sheet of models or exemplars into the list under key of each cell's item, by
// the cell's name in its first column; every cell gets its list, empty when it has none.
func (rd *rosterReader) attach(items []*item, key string, s *sheet, l layout, cols []int) {
	byName := map[string]*item{}
	lists := map[*item]*yaml.Node{}
	for _, it := range items {
		byName[input.NameKey(it.name)] = it
		lists[it] = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		rd.places[it.path+"."+key] = s.place(fmt.Sprintf("A%d", min(2, len(s.rows)+1)))
	}
	for r := 1; r < len(s.rows); r++ {
		if blankRow(s.rows[r]) {
			continue
		}
		owner := at(s.rows[r], cols[0], r+1)
		name := clean(owner.value)
		it, ok := byName[input.NameKey(name)]
		rd.item = 0
		switch {
		case name == "":
			rd.add(s, owner.ref, "thiếu tên chi, đảng bộ của dòng này")
			continue
		case !ok:
			rd.add(s, owner.ref, "%q không có trong trang %q", name, CellsSheet)
			continue
		}
		rd.item = it.index
		list := lists[it]
		entry := mapping()
		path := fmt.Sprintf("%s.%s[%d]", it.path, key, len(list.Content)+1)
		rd.fill(entry, path, s, r, l.columns, cols)
		rd.places[path] = s.place(owner.ref)
		list.Content = append(list.Content, entry)
	}
	rd.item = 0
	for _, it := range items {
		set(it.node, key, lists[it])
	}
}

// fill reads the columns of row r into a mapping, recording where each key comes from; a blank
// cell gives no key (the loader says when one is needed, at that cell).
func (rd *rosterReader) fill(m *yaml.Node, path string, s *sheet, r int, columns []column, cols []int) {
	for i, col := range columns {
		if col.key == "" {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(max(cols[i], 0)+1, r+1)
		if cols[i] < 0 {
			ref = fmt.Sprintf("A%d", r+1)
		}
		rd.places[path+"."+col.key] = s.place(ref)
		if head, _, ok := strings.Cut(col.key, "."); ok {
			if _, has := rd.places[path+"."+head]; !has {
				rd.places[path+"."+head] = s.place(ref)
			}
		}
		if cols[i] < 0 {
			continue
		}
		c := at(s.rows[r], cols[i], r+1)
		v, ok := rd.value(s, c, col)
		if !ok {
			continue
		}
		target, key := m, col.key
		if head, rest, nested := strings.Cut(col.key, "."); nested {
			target, key = child(m, head), rest
		}
		set(target, key, v)
	}
}

// value reads one cell as its column wants it; false for a blank cell or one with a problem.
func (rd *rosterReader) value(s *sheet, c cell, col column) (*yaml.Node, bool) {
	bad := func(format string, args ...any) (*yaml.Node, bool) {
		rd.add(s, c.ref, format, args...)
		return nil, false
	}
	switch c.kind {
	case blank:
		return nil, false
	case noValue:
		return bad("%s", msgNoValue)
	}
	v := clean(c.value)
	switch col.kind {
	case wholeValue:
		n, ok := whole(c)
		if !ok || n < 0 {
			return bad("%q không phải là một số nguyên (cột %q)", v, col.header)
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(n)}, true
	case dateValue:
		if c.kind != number {
			return bad("ngày %q được gõ dạng chữ; hãy nhập lại thành ngày của Excel (định dạng ô: Date, như 12/04/2021)", v)
		}
		serial, ok := parseFloat(c.value)
		if !ok {
			return bad("%q không phải là ngày (cột %q)", v, col.header)
		}
		t, err := excelize.ExcelDateToTime(serial, s.date1904)
		if err != nil || t.Year() < 1990 || t.Year() > 2100 {
			return bad("%q không phải là ngày hợp lệ (cột %q)", v, col.header)
		}
		return str(t.Format(time.DateOnly)), true
	case choiceValue:
		key := fold(v)
		var names []string
		for _, ch := range col.choices {
			if key == fold(ch.name) || key == fold(ch.code) {
				return str(ch.code), true
			}
			names = append(names, ch.name)
		}
		return bad("%q không phải là %s đã biết; chọn trong danh sách của ô: %s", v, strings.ToLower(col.header), strings.Join(names, "; "))
	}
	if c.kind == flag {
		return bad("ô chứa giá trị TRUE/FALSE, không phải văn bản (cột %q)", col.header)
	}
	return str(v), true
}

func parseFloat(s string) (float64, bool) {
	var f float64
	_, err := fmt.Sscan(strings.TrimSpace(s), &f)
	return f, err == nil
}

// mapping, str, set and child build the YAML tree.
func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func set(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

// child is the mapping under key of m, made when absent.
func child(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	c := mapping()
	set(m, key, c)
	return c
}
