// Package tonghop is the Board's consolidated report ("mau: tong-hop"): the Ban Tuyên giáo of the
// Đảng ủy Khối turns every cell's registration report into one report for the Ban Thường vụ, with
// who has and has not reported, the totals by model kind, and the lists of models and exemplars
// in two appendices. Its data are the cells' own files, never typed twice.
package tonghop

import (
	"fmt"
	"path/filepath"
	"strings"

	"baocao/layouts/cells"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	xlsxin "baocao/layouts/workbook"
)

// Name is the value of "mau" for this document kind.
const Name = "tong-hop"

// Keys of the input.
var (
	Keys    = []string{"mau", "co_quan", "so", "ky_hieu", "dia_danh", "ngay", "giai_doan", "can_cu", "ke_hoach_tinh", "han_bao_cao", "nguon", "phai_bao_cao", "danh_gia", "de_xuat", "noi_nhan", "ky"}
	orgKeys = []string{"cap_tren", "ten", "ten_day_du"}
)

// Defaults of the issuing body and of the provincial plan.
const (
	defaultBoard     = "Ban Tuyên giáo"
	defaultBoardFull = "Ban Tuyên giáo Đảng ủy Khối"
	defaultCode      = "BC/BTGĐUK"
)

// Report is the consolidated report as read from its input, with the cells it draws on.
type Report struct {
	ParentOrg  string // co_quan.cap_tren
	Org        string // co_quan.ten: "Ban Tuyên giáo"
	OrgFull    string // co_quan.ten_day_du: the name in sentences
	Number     int
	Code       string
	Place      string
	Date       input.Date
	Phase      string
	Basis      input.PlanRef  // can_cu: KH 46
	Provincial *input.PlanRef // ke_hoach_tinh: the province's plan, when given
	Deadline   input.Date     // han_bao_cao
	Due        []string       // phai_bao_cao: every cell due to report, as named
	Cells      []cells.Cell   // the reports read from nguon, in order, each cell once
	Assessment string         // danh_gia
	Proposals  string         // de_xuat
	Recipients []string
	Signer     input.Signer

	// SourceProblems are the errors of the cells' files, the warnings of the files received (what
	// the importer guessed), and the problems of the file of the cells due when phai_bao_cao
	// names one: the counts cannot be trusted until the errors are fixed.
	SourceProblems input.Problems
	// Skipped are the source files left out because they cannot be read or have errors, with
	// input.Options.SkipUnreadable; each is a warning, and the report lists them.
	Skipped []cells.Cell
}

// Read reads the consolidated report from its file's top-level object; dir is the file's folder,
// against which the sources are found.
func Read(top *input.Object, dir string) *Report {
	top.Known(Keys...)
	rep := &Report{ParentOrg: kh46.ParentOrg, Org: defaultBoard, OrgFull: defaultBoardFull}
	if org := top.Object("co_quan"); org != nil {
		org.Known(orgKeys...)
		rep.ParentOrg = org.StringOr("cap_tren", kh46.ParentOrg)
		rep.Org = org.StringDefault("ten", defaultBoard)
		rep.OrgFull = org.StringDefault("ten_day_du", rep.Org)
		org.Limit("cap_tren", rep.ParentOrg, input.MaxLineRunes)
		org.Limit("ten", rep.Org, input.MaxLineRunes)
		org.Limit("ten_day_du", rep.OrgFull, input.MaxLineRunes)
	}
	rep.Number, _ = top.Int("so")
	rep.Code = top.StringDefault("ky_hieu", defaultCode)
	rep.Place = top.StringDefault("dia_danh", kh46.Place)
	rep.Date, _ = top.Date("ngay", true)
	rep.Phase = input.ReadPhase(top, "giai_doan", kh46.RegistrationPhase)
	rep.Basis = input.ReadPlanRef(top, "can_cu", kh46.Plan)
	if top.Has("ke_hoach_tinh") {
		ref := input.ReadPlanRef(top, "ke_hoach_tinh", input.PlanRef{})
		if ref.Number == "" || ref.Issuer == "" {
			top.Errorf("ke_hoach_tinh", "cần đủ số (so), ngày (ngay) và cơ quan ban hành (co_quan) của kế hoạch của Tỉnh ủy")
		}
		rep.Provincial = &ref
	}
	rep.Deadline = kh46.RegistrationDeadline
	if d, ok := top.Date("han_bao_cao", false); ok {
		rep.Deadline = d
	}
	rep.Assessment = top.String("danh_gia", false)
	rep.Proposals = top.String("de_xuat", false)
	rep.Recipients = input.ReadRecipients(top, []string{"Ban Thường vụ Đảng ủy Khối (b/c)", "Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu " + defaultBoard})
	rep.Signer, _ = input.ReadSigner(top, "", "TRƯỞNG BAN")

	var due []string
	if top.IsText("phai_bao_cao") {
		due = rep.dueFromFile(top, dir)
	} else {
		due, _ = top.Strings("phai_bao_cao")
	}
	if len(due) == 0 && !top.Reader().Problems().HasErrors() && !top.IsText("phai_bao_cao") {
		top.Errorf("phai_bao_cao", "cần danh sách mọi chi, đảng bộ phải báo cáo, để biết nơi nào chưa báo cáo")
	}
	seenDue := map[string]int{}
	for i, name := range due {
		key := input.NameKey(name)
		if prev, ok := seenDue[key]; ok {
			top.Warnf("phai_bao_cao", "%q có hai lần trong danh sách (mục %d và %d)", name, prev, i+1)
			continue
		}
		seenDue[key] = i + 1
		rep.Due = append(rep.Due, name)
	}

	sources, _ := top.Strings("nguon")
	if len(sources) == 0 && !top.Reader().Problems().HasErrors() {
		top.Errorf("nguon", "cần ít nhất một thư mục hoặc tệp báo cáo của các chi, đảng bộ")
	}
	paths := make([]string, len(sources))
	for i, s := range sources {
		paths[i] = s
		if !filepath.IsAbs(s) {
			paths[i] = filepath.Join(dir, s)
		}
	}
	opts := top.Reader().Options()
	seen := map[string]int{} // a cell's name key: its place in rep.Cells
	for _, c := range cells.Collect(paths, opts) {
		if !c.OK() {
			var errs input.Problems
			for _, p := range c.Problems {
				if !p.Warning {
					errs = append(errs, p)
				}
			}
			if !opts.SkipUnreadable {
				rep.SourceProblems = append(rep.SourceProblems, errs...)
				continue
			}
			why := "không đọc được"
			if len(errs) > 0 {
				why = errs[0].Message
				if len(errs) > 1 {
					why += fmt.Sprintf(" (và %d lỗi khác)", len(errs)-1)
				}
			}
			top.Warnf("nguon", "%s: bỏ qua, không tính vào báo cáo tổng hợp: %s", c.Source(), why)
			rep.Skipped = append(rep.Skipped, c)
			continue
		}
		if c.Received { // what the importer guessed (a model's kind, the khối) is to be checked
			for _, p := range c.Problems {
				if p.Warning {
					rep.SourceProblems = append(rep.SourceProblems, p)
				}
			}
		}
		key := input.NameKey(c.Report.Org)
		if i, ok := seen[key]; ok {
			kept, why := rep.Cells[i], "báo cáo thứ nhất vì ngày báo cáo muộn hơn"
			if Supersedes(c, kept) {
				rep.Cells[i], why = c, "báo cáo thứ hai vì ngày báo cáo muộn hơn"
				if !kept.Report.Date.Before(c.Report.Date) {
					why = "báo cáo thứ hai vì cùng ngày báo cáo và tệp được đọc sau"
				}
			}
			top.Warnf("nguon", "%s có hai báo cáo: %s (ngày %s) và %s (ngày %s); dùng %s",
				c.Report.Org, kept.Source(), kept.Report.Date.Describe(), c.Source(), c.Report.Date.Describe(), why)
			continue
		}
		seen[key] = len(rep.Cells)
		if _, ok := seenDue[key]; !ok && len(rep.Due) > 0 {
			top.Warnf("phai_bao_cao", "%s (%s) đã báo cáo nhưng không có trong danh sách phải báo cáo", c.Report.Org, c.Source())
		}
		rep.Cells = append(rep.Cells, c)
	}
	return rep
}

// dueFromFile reads the list of cells due from the Excel (.xlsx) or CSV file phai_bao_cao names,
// found against dir through the reader's Files, its problems kept with the sources'.
func (rep *Report) dueFromFile(top *input.Object, dir string) []string {
	name := top.String("phai_bao_cao", true)
	if ext := strings.ToLower(filepath.Ext(name)); ext != ".xlsx" && ext != ".csv" {
		top.Errorf("phai_bao_cao", "phải là danh sách tên các chi, đảng bộ (mỗi dòng bắt đầu bằng \"- \"), hoặc tên một tệp Excel (.xlsx) hay CSV chứa danh sách ấy, không phải %q", name)
		return nil
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	data, problems := cells.ReadSource(top.Reader().Options().Files, path, xlsxin.MaxFileSize)
	if problems == nil {
		var names []string
		names, problems = xlsxin.Names(path, data)
		if !problems.HasErrors() {
			rep.SourceProblems = append(rep.SourceProblems, problems...)
			return names
		}
	}
	rep.SourceProblems = append(rep.SourceProblems, problems...)
	return nil
}

// Supersedes reports whether a cell's report read later replaces one of the same cell read
// before: when its report date is later, or the same (a PDF and its DOCX, a report sent twice),
// since the file read later (by the order of nguon, then by name in a folder) is taken as the
// newer. A blank day counts as the month's first; a report with no date is the oldest.
func Supersedes(later, earlier cells.Cell) bool {
	return !later.Report.Date.Before(earlier.Report.Date)
}

// Status is what the consolidated report counts, computed from the cells' reports.
type Status struct {
	Reported    []cells.Cell // due cells that reported, in the order of the due list
	Extra       []cells.Cell // cells that reported without being on the due list
	NotReported []string     // due cells without a report
	WithPlan    int          // reported cells (due or extra) that built their own plan
	Late        []cells.Cell // reported cells whose report is dated after the deadline
	Models      int
	Exemplars   int
	ByKind      map[string]int // models by kind code, kh46.OtherKind included
	// ByCell is every due cell in the order of the due list, then the extra cells.
	ByCell []CellStatus
}

// CellStatus is where one cell stands.
type CellStatus struct {
	Name string      // the report's name when it reported, else the due list's
	Cell *cells.Cell // nil when it has not reported
	Due  bool        // on the due list
	Late bool        // reported after the deadline
}

// Count works out the report's figures.
func (rep *Report) Count() Status {
	st := Status{ByKind: map[string]int{}}
	byKey := map[string]cells.Cell{}
	for _, c := range rep.Cells {
		byKey[input.NameKey(c.Report.Org)] = c
	}
	due := map[string]bool{}
	for _, name := range rep.Due {
		key := input.NameKey(name)
		due[key] = true
		if c, ok := byKey[key]; ok {
			st.Reported = append(st.Reported, c)
			st.ByCell = append(st.ByCell, CellStatus{Name: c.Report.Org, Cell: &c, Due: true})
		} else {
			st.NotReported = append(st.NotReported, name)
			st.ByCell = append(st.ByCell, CellStatus{Name: name, Due: true})
		}
	}
	for _, c := range rep.Cells {
		if !due[input.NameKey(c.Report.Org)] {
			st.Extra = append(st.Extra, c)
			st.ByCell = append(st.ByCell, CellStatus{Name: c.Report.Org, Cell: &c})
		}
	}
	for i := range st.ByCell {
		cs := &st.ByCell[i]
		if cs.Cell == nil {
			continue
		}
		r := cs.Cell.Report
		if r.Plan != nil {
			st.WithPlan++
		}
		if r.Date.After(rep.Deadline) {
			cs.Late = true
			st.Late = append(st.Late, *cs.Cell)
		}
		st.Models += len(r.Models)
		st.Exemplars += len(r.Exemplars)
		for _, m := range r.Models {
			st.ByKind[m.Kind]++
		}
	}
	return st
}

// percent writes a share as Vietnamese writes it: "83,3%", "100%".
func percent(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	s := fmt.Sprintf("%.1f", 100*float64(part)/float64(whole))
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + "%"
}
