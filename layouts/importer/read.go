package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"baocao/layouts/input"
	"baocao/layouts/kh46"
)

// line is one line of the document: a paragraph, or a part of one cut at a manual line break.
type line struct {
	text string // trimmed; tabs kept
	b    *block
	f    string // text folded, for recognising words; set by newLine
}

// newLine makes a line of a block, with its folded text.
func newLine(text string, b *block) line { return line{text: text, b: b, f: fold(text)} }

// folded is the line's text folded (as fold does), computed once.
func (l line) folded() string {
	if l.f == "" && l.text != "" {
		return fold(l.text)
	}
	return l.f
}

// where names the paragraph of a line for a message.
func (l line) where() string {
	if l.b.table > 0 {
		return fmt.Sprintf("đoạn %d (bảng %d, hàng %d, ô %d)", l.b.index, l.b.table, l.b.row, l.b.col)
	}
	return fmt.Sprintf("đoạn %d", l.b.index)
}

// flat is the line with its tabs as spaces.
func (l line) flat() string { return collapse(strings.ReplaceAll(l.text, "\t", " ")) }

// quote shortens a paragraph for a message.
func quote(s string) string {
	s = collapse(strings.ReplaceAll(s, "\t", " "))
	if utf8.RuneCountInString(s) > 120 {
		s = string([]rune(s)[:117]) + "…"
	}
	return strconv.Quote(s)
}

// collapse trims s and collapses its spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// splitLines cuts the blocks into lines at manual breaks, dropping empty ones.
func splitLines(blocks []block) []line {
	var out []line
	for i := range blocks {
		for _, t := range strings.Split(blocks[i].text, "\n") {
			t = strings.Trim(t, " ")
			if strings.Trim(t, "\t ") == "" {
				continue
			}
			out = append(out, newLine(t, &blocks[i]))
		}
	}
	return out
}

// errNotReport is the message of a Word document that is not a registration report.
const msgNotReport = "tệp Word này không phải báo cáo kết quả đăng ký mô hình, điển hình theo mẫu của Kế hoạch 46-KH/ĐUK (không thấy tên văn bản \"BÁO CÁO\" và trích yếu \"Kết quả đăng ký …\")"

// reader recognises a report in a document's lines.
type reader struct {
	c            *collector
	rep          *report
	consolidated bool // the document is the Board's consolidated report
}

// readReport recognises the report in the blocks of a document. It returns nil when the document
// is not a registration report (the problem says so).
func readReport(c *collector, blocks []block) *report {
	lines := splitLines(blocks)
	title := -1
	var body []line
	for i, l := range lines {
		f := l.folded()
		if f == "bao cao" {
			title, body = i, lines[i+1:]
			break
		}
		// The title and the subject typed on one line: "BÁO CÁO kết quả đăng ký …".
		if strings.HasPrefix(f, "bao cao ") && strings.Contains(f, "dang ky") && !strings.HasPrefix(f, "bao cao ket qua xay dung") {
			rest := strings.TrimSpace(collapse(l.flat())[len("BÁO CÁO"):])
			title = i
			body = append([]line{{text: rest, b: l.b}}, lines[i+1:]...)
			break
		}
	}
	if title < 0 {
		c.errorf("", "%s", msgNotReport)
		return nil
	}
	r := &reader{c: c, rep: &report{}}
	n, ok := r.subject(body)
	switch {
	case r.consolidated:
		c.errorf("", "%s", MsgConsolidated)
		return nil
	case !ok:
		c.errorf("", "%s", msgNotReport)
		return nil
	}
	body = body[n:]
	name, closingName := r.opening(body)
	if name == "" {
		name = closingName
	}
	r.header(lines[:title], name)
	r.body(joinBreaks(body))
	r.finish()
	return r.rep
}

var phaseRE = regexp.MustCompile(`(?i)giai\s*đoạn\s*:?\s*(\d{4})\s*[-–—]\s*(\d{4})`)

// itemText is the text of a line of a list of models or exemplars without its label, and whether
// it may be an item: a count line ("- Số mô hình …: 02") sets count instead, a line left as the
// template's placeholder is warned of, and "Gồm:" is passed over.
func (r *reader) itemText(l line, count *int) (string, bool) {
	if n, ok := countIn(l); ok {
		*count = n
		return "", false
	}
	text, _ := stripLabel(l.flat())
	if isPlaceholder(text) {
		r.c.warnf(l.where(), "dòng %s còn để trống như mẫu; bỏ qua", quote(l.text))
		return "", false
	}
	if f := fold(text); f == "gom:" || f == "gom" {
		return "", false
	}
	return text, true
}

// subject reads the lines after "BÁO CÁO" up to the rule under them: the subject must be the
// registration report's; its last period is the phase. It returns how many lines it took.
func (r *reader) subject(body []line) (int, bool) {
	var text []string
	n := 0
	for ; n < len(body) && n < 6; n++ {
		f := fold(body[n].flat())
		if strings.Trim(f, "-_* ") == "" {
			n++
			break
		}
		if strings.HasPrefix(f, "thuc hien") || strings.HasPrefix(f, "can cu") {
			break
		}
		text = append(text, body[n].flat())
	}
	subject := strings.Join(text, " ")
	if !strings.Contains(fold(subject), "dang ky") {
		return 0, false
	}
	if strings.Contains(fold(subject), "tong hop") {
		r.consolidated = true
		return 0, false
	}
	if m := phaseRE.FindAllStringSubmatch(subject, -1); m != nil {
		last := m[len(m)-1]
		r.rep.Phase = last[1] + "-" + last[2]
	} else {
		r.c.warnf("giai_doan", "trích yếu %s không ghi giai đoạn; dùng giai đoạn %s", quote(subject), kh46.RegistrationPhase)
	}
	return n, true
}

var (
	numberRE = regexp.MustCompile(`(?i)^số\s*:?\s*(\d*)\s*[-–]?\s*(.*)$`)
	dateRE   = regexp.MustCompile(`(?i)ngày\s*(\d{0,2})\s*,?\s*tháng\s*(\d{1,2})\s*,?\s*năm\s*(\d{4})`)
	slashRE  = regexp.MustCompile(`(\d{0,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`)
)

// blanks turns the dots and ellipses that stand for a value to be filled in into spaces.
func blanks(s string) string {
	s = strings.ReplaceAll(s, "…", " ")
	return dotsRE.ReplaceAllString(s, " ")
}

var dotsRE = regexp.MustCompile(`\.{2,}|_{2,}`)

// findDate reads the first date of s: "ngày 02 tháng 4 năm 2021" (the day may be blank) or
// "02/4/2021"; the text before it is returned too.
func findDate(s string) (d input.Date, before string, ok bool) {
	s = blanks(s)
	if m := dateRE.FindStringSubmatchIndex(s); m != nil {
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		month, _ := strconv.Atoi(s[m[4]:m[5]])
		year, _ := strconv.Atoi(s[m[6]:m[7]])
		d = input.Date{Year: year, Month: month, Day: day}
		return d, s[:m[0]], validDate(d)
	}
	if m := slashRE.FindStringSubmatchIndex(s); m != nil {
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		month, _ := strconv.Atoi(s[m[4]:m[5]])
		year, _ := strconv.Atoi(s[m[6]:m[7]])
		d = input.Date{Year: year, Month: month, Day: day}
		return d, s[:m[0]], validDate(d)
	}
	return input.Date{}, s, false
}

// validDate checks a date read from text as the contract would.
func validDate(d input.Date) bool {
	_, err := input.ParseDate(dateValue(d))
	return err == nil
}

// header reads the lines before the title: the superior and the cell, the number, the place and
// date. The name lines may be table cells, lines with tabs, or lines alone. opening is the cell's
// name as the opening sentence writes it, which tells where the superior's lines end.
func (r *reader) header(lines []line, opening string) {
	rep := r.rep
	var names []line
	namesDone, gotNumber, gotDate := false, false, false
	for _, l := range lines {
		for _, part := range glue(strings.Split(l.text, "\t")) {
			f := fold(part)
			switch {
			case f == "":
			case f == "dang cong san viet nam" || strings.HasPrefix(f, "doc lap"):
			case strings.Trim(f, "*-_ ") == "":
				namesDone = true
			case numberRE.MatchString(part) && !gotNumber:
				gotNumber = true
				namesDone = true
				r.number(l, part)
			case (dateRE.MatchString(blanks(part)) || slashRE.MatchString(part) && strings.Contains(fold(part), "ngay")) && !gotDate:
				gotDate = true
				r.placeDate(l, part)
			case !namesDone:
				names = append(names, line{text: part, b: l.b})
			default:
				r.c.errorf(l.where(), "không hiểu dòng %s ở phần đầu văn bản (trước tên \"BÁO CÁO\"); dòng này bị bỏ qua", quote(part))
			}
		}
	}
	if !gotNumber {
		r.c.warnf("so", "không thấy dòng số văn bản (\"Số …-BC/CB\"); coi như chưa lấy số")
	}
	if !gotDate {
		r.c.errorf("ngay", "không thấy dòng địa danh, ngày tháng (\"Yên Bái, ngày … tháng 4 năm 2021\") ở phần đầu văn bản")
	}
	var texts []string
	for _, n := range names {
		texts = append(texts, n.text)
	}
	// The superior's lines are those before the cell's name: the split where the rest is the
	// cell's name as the opening sentence writes it, else the first line is the superior when
	// there are two or more.
	split := -1
	for k := 0; k < len(texts) && opening != ""; k++ {
		if input.Upper(collapse(strings.Join(texts[k:], " "))) == input.Upper(opening) {
			split = k
			break
		}
	}
	if split < 0 {
		switch {
		case len(texts) >= 2:
			split = 1
		case len(texts) == 1 && strings.HasPrefix(fold(texts[0]), "dang uy khoi"):
			split = 1
		default:
			split = 0
		}
		if opening != "" && len(texts) > 0 {
			r.c.warnf("co_quan.ten", "tên ở phần đầu %s khác tên trong câu mở đầu %s; dùng tên trong câu mở đầu", quote(strings.Join(texts[split:], " ")), quote(opening))
		}
	}
	parent := collapse(strings.Join(texts[:split], " "))
	if split > 1 && !oneParagraph(names[:split]) {
		r.c.warnf("co_quan.cap_tren", "phần đầu có %d dòng tên cấp trên; đã ghép thành một dòng %q, hãy kiểm tra", split, parent)
	}
	switch {
	case parent == input.Upper(kh46.ParentOrg):
	case parent == "":
		rep.HasParentOrg = true
	default:
		rep.ParentOrg, rep.HasParentOrg = parent, true
	}
	if opening != "" {
		rep.Org = opening
	} else if split < len(texts) {
		rep.Org = collapse(strings.Join(texts[split:], " "))
		r.c.warnf("co_quan.ten", "câu mở đầu và câu kết không ghi tên chi, đảng bộ; đã lấy tên in hoa ở phần đầu %q, hãy sửa lại chữ hoa, chữ thường", rep.Org)
	}
}

// oneParagraph reports whether the lines are one paragraph's, broken by manual breaks (as baocao
// breaks a long name into balanced lines): one name, not several.
func oneParagraph(lines []line) bool {
	for _, l := range lines[1:] {
		if l.b != lines[0].b {
			return false
		}
	}
	return true
}

// joinBreaks joins the lines of one paragraph outside tables again: in the body a manual line
// break only wraps a sentence. The closing band keeps its lines, which a tab or a break
// separates into the two columns.
func joinBreaks(body []line) []line {
	var out []line
	band := false
	for _, l := range body {
		if f := l.folded(); strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "tren day la bao cao") {
			band = true
		}
		if n := len(out); !band && n > 0 && out[n-1].b == l.b && l.b.table == 0 {
			out[n-1] = newLine(out[n-1].text+" "+l.text, l.b)
			continue
		}
		out = append(out, l)
	}
	return out
}

// glue joins again the parts of a header line that a wide gap cut inside one item: a blank
// number ("Số" | "-BC/CB") or a blank day ("Yên Bái, ngày" | "tháng 4 năm 2021").
func glue(parts []string) []string {
	var out []string
	for _, p := range parts {
		p = collapse(p)
		if p == "" {
			continue
		}
		if n := len(out); n > 0 {
			prev, cur := fold(out[n-1]), fold(p)
			number := (prev == "so" || prev == "so:") || (strings.HasPrefix(prev, "so") && strings.HasPrefix(cur, "-"))
			day := prev == "ngay" || strings.HasSuffix(prev, " ngay") || strings.HasPrefix(cur, "thang ")
			if number || day {
				out[n-1] += " " + p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

var codeRE = regexp.MustCompile(`^BC/(CB|ĐB)$`)

// number reads "Số 05-BC/CB", "Số: 05-BC/CB", "Số 05 - BC/CB" or a blank number.
func (r *reader) number(l line, part string) {
	m := numberRE.FindStringSubmatch(collapse(blanks(part)))
	if m[1] != "" {
		n, err := strconv.Atoi(m[1])
		if err != nil || n <= 0 {
			r.c.errorf("so", "số văn bản %s không phải là số nguyên dương (%s)", quote(m[1]), l.where())
		}
		r.rep.Number = n
	}
	code := strings.Join(strings.Fields(strings.TrimLeft(m[2], "-– ")), "")
	code = strings.ToUpper(code)
	switch {
	case code == "":
		r.c.warnf("ky_hieu", "dòng số %s không có ký hiệu (BC/CB hoặc BC/ĐB) (%s)", quote(part), l.where())
	case codeRE.MatchString(code):
		r.rep.Code = code
	case strings.ContainsAny(code, "()"):
		r.c.warnf("ky_hieu", "ký hiệu %s còn để nguyên như mẫu; dùng ký hiệu mặc định theo loại chi, đảng bộ (%s)", quote(m[2]), l.where())
	default:
		r.rep.Code = code
	}
}

// placeDate reads "Yên Bái, ngày 02 tháng 4 năm 2021", with or without leading zeros, with the
// day blank.
func (r *reader) placeDate(l line, part string) {
	d, before, ok := findDate(part)
	if !ok {
		r.c.errorf("ngay", "ngày %s không hợp lệ (%s)", quote(part), l.where())
		return
	}
	r.rep.Date = d
	place := strings.TrimRight(collapse(before), ", ")
	if f := fold(place); f == "ngay" || strings.HasSuffix(f, " ngay") {
		place = strings.TrimRight(place[:strings.LastIndex(place, " ")+1], ", ")
		if f == "ngay" {
			place = ""
		}
	}
	if place == "" {
		r.c.warnf("dia_danh", "dòng ngày tháng %s không ghi địa danh; dùng %q (%s)", quote(part), kh46.Place, l.where())
		place = kh46.Place
	}
	r.rep.Place = place
}

var (
	openingPlanRE = regexp.MustCompile(`(?i)kế\s*hoạch\s*(?:số)?\s*:?\s*([0-9]*\s*-?\s*KH\s*/\s*[^\s,;]+)`)
	issuerRE      = regexp.MustCompile(`(?i)\s(?:của|do)\s+(.+?)\s+(?:về|v/v)\s`)
	reportsRE     = regexp.MustCompile(`(?i)^(.*?)\s*(?:đã\s+)?báo\s+cáo\s+(?:kết\s+quả|như\s+sau)`)
)

// opening finds the opening sentence ("Thực hiện Kế hoạch số 46-KH/ĐUK, ngày 02/4/2021 của …
// giai đoạn 2021-2025. Chi bộ … báo cáo kết quả …") and reads the plan it answers. It returns the
// cell's name as the sentence writes it, and the name the closing sentence gives when the
// opening has none.
func (r *reader) opening(body []line) (org, closingOrg string) {
	for _, l := range body {
		f := l.folded()
		if strings.HasPrefix(f, "tren day la bao cao") {
			text := l.flat()
			if i := strings.LastIndex(text, " của "); i >= 0 {
				closingOrg = strings.TrimRight(collapse(blanks(text[i+len(" của "):])), ". ")
			}
		}
	}
	for _, l := range body {
		f := l.folded()
		if !strings.HasPrefix(f, "thuc hien") && !strings.HasPrefix(f, "can cu") {
			continue
		}
		text := l.flat()
		r.basis(l, text)
		// The cell's name: the sentence after the plan's, before "báo cáo kết quả".
		if m := reportsRE.FindStringSubmatch(text); m != nil {
			name := m[1]
			if i := strings.LastIndex(name, ". "); i >= 0 {
				name = name[i+2:]
			}
			name = collapse(blanks(name))
			if f := fold(name); strings.HasPrefix(f, "chi bo") || strings.HasPrefix(f, "dang bo") {
				return name, closingOrg
			}
		}
		r.c.warnf(l.where(), "câu mở đầu %s không ghi tên chi, đảng bộ trước \"báo cáo kết quả\"", quote(text))
		return "", closingOrg
	}
	r.c.warnf("can_cu", "không thấy câu mở đầu \"Thực hiện Kế hoạch số …\"; dùng căn cứ mặc định là Kế hoạch %s", kh46.PlanNumber)
	return "", closingOrg
}

// basis reads the superior's plan cited in the opening sentence; one that cannot be read is
// left to the default, with a warning.
func (r *reader) basis(l line, text string) {
	b := basis{Number: kh46.PlanNumber, Date: kh46.Plan.Date, Issuer: kh46.PlanIssuer, Phase: kh46.PlanPhase}
	m := openingPlanRE.FindStringSubmatch(blanks(text))
	number := ""
	if m != nil {
		number = strings.Join(strings.Fields(m[1]), "")
	}
	if number == "" || !unicode.IsDigit([]rune(number)[0]) {
		r.c.warnf("can_cu.so", "câu mở đầu %s không ghi rõ số kế hoạch của cấp trên; dùng %s (%s)", quote(text), kh46.PlanNumber, l.where())
	} else {
		b.Number = number
	}
	if d, _, ok := findDate(text); ok && d.Day > 0 {
		b.Date = d
	} else {
		r.c.warnf("can_cu.ngay", "câu mở đầu %s không ghi rõ ngày của kế hoạch cấp trên; dùng %s (%s)", quote(text), kh46.Plan.Date.Short(), l.where())
	}
	if m := issuerRE.FindStringSubmatch(text); m != nil {
		b.Issuer = collapse(m[1])
	}
	if m := phaseRE.FindStringSubmatch(text); m != nil {
		b.Phase = m[1] + "-" + m[2]
	}
	if b != (basis{Number: kh46.PlanNumber, Date: kh46.Plan.Date, Issuer: kh46.PlanIssuer, Phase: kh46.PlanPhase}) {
		r.rep.Basis = &b
	}
}

// sections of the body.
const (
	secOpening = iota
	secPlan
	secModels
	secPeople
	secEnd
)

var countRE = regexp.MustCompile(`:?\s*(\d+)`)

// heading tells which section a line opens, or -1.
func heading(l line) int {
	f := l.folded()
	f = strings.TrimLeft(f, "0123456789.)-: ")
	short := utf8.RuneCountInString(f) < 90
	switch {
	case !short:
	case strings.HasPrefix(f, "so mo hinh") || strings.HasPrefix(f, "so guong"):
	case strings.Contains(f, "xay dung ke hoach") && !strings.HasPrefix(f, "da ") && !strings.HasPrefix(f, "chua"):
		return secPlan
	case strings.Contains(f, "mo hinh tap the") || strings.Contains(f, "dang ky mo hinh"):
		return secModels
	case strings.Contains(f, "guong ca nhan") || strings.Contains(f, "guong dien hinh") || strings.Contains(f, "ca nhan dien hinh"):
		return secPeople
	}
	return -1
}

// body reads the sections of the report and its closing band.
func (r *reader) body(body []line) {
	sec := secOpening
	var planLines, modelLines, peopleLines, band []line
	closing := -1
	for i, l := range body {
		f := l.folded()
		if sec != secEnd && (strings.HasPrefix(f, "tren day la bao cao") || strings.HasPrefix(f, "noi nhan")) {
			if strings.HasPrefix(f, "tren day") {
				closing = i
				band = body[i+1:]
			} else {
				band = body[i:]
			}
			sec = secEnd
			break
		}
		if h := heading(l); h >= 0 {
			sec = h
			continue
		}
		switch sec {
		case secOpening:
			if !strings.HasPrefix(f, "thuc hien") && !strings.HasPrefix(f, "can cu") {
				r.c.warnf(l.where(), "đoạn %s trước mục 1 không thuộc mẫu báo cáo; bỏ qua", quote(l.text))
			}
		case secPlan:
			planLines = append(planLines, l)
		case secModels:
			modelLines = append(modelLines, l)
		case secPeople:
			peopleLines = append(peopleLines, l)
		}
	}
	if closing < 0 {
		r.c.warnf("", "không thấy câu kết \"Trên đây là báo cáo kết quả …\"")
	}
	r.plan(planLines)
	r.rep.Models = r.models(modelLines)
	r.rep.Exemplars = r.people(peopleLines)
	r.band(band)
}

var planRE = regexp.MustCompile(`(?i)kế\s*hoạch\s*(?:thực\s*hiện\s*)?(?:số)?\s*:?\s*(\d*)\s*[-–]?\s*(KH\s*/\s*[^\s,;]+)`)

// plan reads section 1: the cell's own plan, in its common wordings, or that it has none.
func (r *reader) plan(lines []line) {
	if len(lines) == 0 {
		r.c.warnf("ke_hoach", "không thấy mục 1 (kế hoạch của chi, đảng bộ); coi như chưa xây dựng kế hoạch")
		return
	}
	// The paragraph that cites the plan (or says there is none) is read; the section's other
	// paragraphs have no place in the contract and are said to be left out.
	pick := -1
	for _, test := range []func(l line) bool{
		func(l line) bool { return planRE.MatchString(blanks(l.flat())) },
		func(l line) bool {
			f := l.folded()
			return strings.HasPrefix(f, "chua") || strings.Contains(f, "chua xay dung")
		},
		func(l line) bool { return strings.Contains(l.folded(), "ke hoach") },
	} {
		for i, l := range lines {
			if pick < 0 && test(l) {
				pick = i
			}
		}
	}
	if pick < 0 {
		pick = 0
	}
	for i, l := range lines {
		if i != pick {
			r.c.warnf(l.where(), "đoạn %s ở mục 1 không có chỗ trong mẫu báo cáo; bỏ qua", quote(l.text))
		}
	}
	text := collapse(lines[pick].flat())
	f := fold(text)
	if strings.HasPrefix(f, "chua") || strings.Contains(f, "chua xay dung") || strings.Contains(f, "chua ban hanh") {
		return
	}
	m := planRE.FindStringSubmatch(blanks(text))
	d, _, dateOK := findDate(text)
	if m == nil && !dateOK {
		r.c.errorf(lines[0].where(), "không đọc được kế hoạch của chi, đảng bộ trong %s: thiếu số hiệu \"Kế hoạch số …-KH/…\" và ngày", quote(text))
		return
	}
	p := &plan{}
	if m != nil {
		if m[1] != "" {
			p.Number, _ = strconv.Atoi(m[1])
		}
		p.Code = strings.ToUpper(strings.Join(strings.Fields(m[2]), ""))
	} else {
		r.c.warnf("ke_hoach.so", "mục 1 %s không ghi số hiệu kế hoạch; coi như chưa có số (%s)", quote(text), lines[0].where())
	}
	if !dateOK {
		r.c.errorf("ke_hoach.ngay", "mục 1 %s không ghi ngày của kế hoạch (%s)", quote(text), lines[0].where())
	}
	p.Date = d
	r.rep.Plan = p
}

var labelRE = regexp.MustCompile(`^\s*(?:\(\s*\d+\s*\)|\d+\s*[.)]|[a-zđ]\s*\)|[-+•–*·])\s*[:.\-–]?\s*`)

// stripLabel removes an item's label: "(1):", "1.", "a)", "-", "+", "•".
func stripLabel(s string) (string, bool) {
	if loc := labelRE.FindStringIndex(s); loc != nil {
		return s[loc[1]:], true
	}
	return s, false
}

// isPlaceholder reports a line of the template left unfilled: only dots, ellipses, dashes.
func isPlaceholder(s string) bool {
	return strings.Trim(s, ".…_-–—:;, ()") == ""
}

// tableCells groups lines of one table into its rows' cells: text per (row, col).
type tableRows struct {
	table int
	rows  [][]string
	first line // the first line of each row, for messages
	lines []line
}

// splitTables separates the lines held in tables from the others, keeping order.
func splitTables(lines []line) (loose []line, tables []*tableRows) {
	for _, l := range lines {
		if l.b.table == 0 {
			loose = append(loose, l)
			continue
		}
		var t *tableRows
		if n := len(tables); n > 0 && tables[n-1].table == l.b.table {
			t = tables[n-1]
		} else {
			t = &tableRows{table: l.b.table, first: l}
			tables = append(tables, t)
		}
		for len(t.rows) < l.b.row {
			t.rows = append(t.rows, nil)
		}
		row := t.rows[l.b.row-1]
		for len(row) < l.b.col {
			row = append(row, "")
		}
		row[l.b.col-1] = collapse(row[l.b.col-1] + " " + l.flat())
		t.rows[l.b.row-1] = row
		t.lines = append(t.lines, l)
	}
	return loose, tables
}

// columns finds the header row of a table of items and the column of each field named in want
// (by folded words, any of which names the column).
func columns(rows [][]string, want map[string][]string) (header int, col map[string]int) {
	for i, row := range rows {
		col = map[string]int{}
		for j, cell := range row {
			f := fold(cell)
			for field, words := range want {
				if _, done := col[field]; done {
					continue
				}
				for _, w := range words {
					if strings.Contains(f, w) {
						col[field] = j
						break
					}
				}
			}
		}
		if len(col) >= 2 {
			return i, col
		}
	}
	return -1, nil
}

// countIn reads the number of a count line ("- Số mô hình đăng ký thực hiện: 02. Gồm:").
func countIn(l line) (int, bool) {
	f := l.folded()
	if !strings.HasPrefix(strings.TrimLeft(f, "-+• "), "so mo hinh") && !strings.HasPrefix(strings.TrimLeft(f, "-+• "), "so guong") {
		return 0, false
	}
	if m := countRE.FindStringSubmatch(f); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, true
	}
	return -1, true
}

// models reads section 2: a count line, then one model a line or a table row.
func (r *reader) models(lines []line) []model {
	var out []model
	count := -1
	loose, tables := splitTables(lines)
	// A model may take two lines: its name, then "Đơn vị thực hiện: …".
	var pending *model
	var pendingLine line
	flush := func() {
		if pending != nil {
			r.c.errorf(pendingLine.where(), "không đọc được mô hình %s: thiếu đơn vị thực hiện (viết \"tên mô hình — đơn vị thực hiện\")", quote(pendingLine.text))
		}
		pending = nil
	}
	for _, l := range loose {
		text, ok := r.itemText(l, &count)
		if !ok {
			continue
		}
		if field, value, ok := fieldLine(text); ok {
			switch {
			case field == "don_vi" && pending != nil:
				pending.Unit = value
				out = append(out, *pending)
				pending = nil
			case field == "ten":
				flush()
				pending, pendingLine = &model{Name: value}, l
			default:
				r.c.errorf(l.where(), "dòng %s không thuộc mô hình nào; bỏ qua", quote(l.text))
			}
			continue
		}
		flush()
		name, unit, ok := splitModel(text)
		if !ok {
			pending, pendingLine = &model{Name: trimItem(text)}, l
			continue
		}
		out = append(out, model{Name: name, Unit: unit})
	}
	flush()
	for _, t := range tables {
		header, col := columns(t.rows, map[string][]string{"ten": {"ten mo hinh", "mo hinh", "ten"}, "don_vi": {"don vi"}})
		if header < 0 || !hasKeys(col, "ten", "don_vi") {
			r.c.errorf(t.first.where(), "bảng mô hình không có hàng tiêu đề với cột \"Tên mô hình\" và \"Đơn vị thực hiện\"; không đọc được bảng")
			continue
		}
		for i, row := range t.rows[header+1:] {
			name, unit := cell(row, col["ten"]), cell(row, col["don_vi"])
			if name == "" && unit == "" {
				continue
			}
			if name == "" || unit == "" {
				r.c.errorf(fmt.Sprintf("bảng %d, hàng %d", t.table, header+2+i), "hàng %s thiếu tên mô hình hoặc đơn vị thực hiện", quote(strings.Join(row, " | ")))
				continue
			}
			out = append(out, model{Name: trimItem(name), Unit: trimItem(unit)})
		}
	}
	if count >= 0 && count != len(out) {
		r.c.warnf("mo_hinh", "báo cáo ghi %d mô hình nhưng đọc được %d", count, len(out))
	}
	return out
}

func hasKeys(m map[string]int, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

func cell(row []string, i int) string {
	if i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// trimItem trims an item's value of the spaces and final punctuation around it.
func trimItem(s string) string {
	return strings.TrimRight(collapse(s), ".;, ")
}

// dashes are the separators between an item's parts, strongest first.
var dashes = []string{" — ", " – ", " -- "}

// splitModel cuts "tên — đơn vị", "tên: đơn vị", "tên (đơn vị)" or "tên - đơn vị".
func splitModel(s string) (name, unit string, ok bool) {
	s = trimItem(s)
	for _, d := range dashes {
		if i := strings.Index(s, d); i > 0 {
			return trimItem(s[:i]), trimItem(s[i+len(d):]), trimItem(s[i+len(d):]) != ""
		}
	}
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i > 0 {
			return trimItem(s[:i]), trimItem(s[i+2 : len(s)-1]), true
		}
	}
	if i := strings.LastIndex(s, ": "); i > 0 {
		unit := trimItem(s[i+2:])
		unit = strings.TrimSpace(strings.TrimPrefix(unit, "đơn vị thực hiện"))
		return trimItem(s[:i]), trimItem(unit), unit != ""
	}
	if i := strings.LastIndex(s, " - "); i > 0 {
		return trimItem(s[:i]), trimItem(s[i+3:]), true
	}
	return "", "", false
}

// people reads section 3: a count line, then one exemplar a line or a table row.
func (r *reader) people(lines []line) []exemplar {
	var out []exemplar
	count := -1
	loose, tables := splitTables(lines)
	// An exemplar may take several lines: the name, then "Chức vụ: …" and "Đơn vị: …".
	var pending *exemplar
	var pendingLine line
	flush := func() {
		switch {
		case pending == nil:
		case pending.Position != "" && pending.Unit != "":
			out = append(out, *pending)
		default:
			r.c.errorf(pendingLine.where(), "không đọc được gương điển hình %s: cần họ tên, chức vụ và đơn vị (viết \"họ tên, chức vụ, đơn vị\")", quote(pendingLine.text))
		}
		pending = nil
	}
	for _, l := range loose {
		text, ok := r.itemText(l, &count)
		if !ok {
			continue
		}
		if field, value, ok := fieldLine(text); ok {
			switch {
			case field == "ho_ten":
				flush()
				pending, pendingLine = &exemplar{Name: comradeRE.ReplaceAllString(value, "")}, l
			case field == "chuc_vu" && pending != nil:
				pending.Position = value
			case field == "don_vi" && pending != nil:
				pending.Unit = value
			default:
				r.c.errorf(l.where(), "dòng %s không thuộc gương điển hình nào; bỏ qua", quote(l.text))
			}
			continue
		}
		flush()
		e, ok := splitPerson(text)
		if !ok {
			pending, pendingLine = &exemplar{Name: comradeRE.ReplaceAllString(trimItem(text), "")}, l
			continue
		}
		out = append(out, e)
	}
	flush()
	for _, t := range tables {
		header, col := columns(t.rows, map[string][]string{"ho_ten": {"ho ten", "ho va ten", "ten"}, "chuc_vu": {"chuc vu"}, "don_vi": {"don vi", "noi cong tac"}})
		if header < 0 || !hasKeys(col, "ho_ten", "chuc_vu", "don_vi") {
			r.c.errorf(t.first.where(), "bảng gương điển hình không có hàng tiêu đề với cột \"Họ tên\", \"Chức vụ\" và \"Đơn vị\"; không đọc được bảng")
			continue
		}
		for i, row := range t.rows[header+1:] {
			e := exemplar{Name: trimItem(cell(row, col["ho_ten"])), Position: trimItem(cell(row, col["chuc_vu"])), Unit: trimItem(cell(row, col["don_vi"]))}
			if e == (exemplar{}) {
				continue
			}
			if e.Name == "" || e.Position == "" || e.Unit == "" {
				r.c.errorf(fmt.Sprintf("bảng %d, hàng %d", t.table, header+2+i), "hàng %s thiếu họ tên, chức vụ hoặc đơn vị", quote(strings.Join(row, " | ")))
				continue
			}
			out = append(out, e)
		}
	}
	if count >= 0 && count != len(out) {
		r.c.warnf("guong", "báo cáo ghi %d gương điển hình nhưng đọc được %d", count, len(out))
	}
	return out
}

// fieldWords name the fields of an item written one a line ("Đơn vị thực hiện: …"), folded.
var fieldWords = []struct{ field, words string }{
	{"ten", "ten mo hinh"}, {"ho_ten", "ho va ten"}, {"ho_ten", "ho ten"}, {"chuc_vu", "chuc vu"},
	{"don_vi", "don vi thuc hien"}, {"don_vi", "don vi cong tac"}, {"don_vi", "noi cong tac"}, {"don_vi", "don vi"},
}

// fieldLine reads a line "Tên mô hình: …", "Họ tên: …", "Chức vụ: …" or "Đơn vị (thực hiện): …".
func fieldLine(s string) (field, value string, ok bool) {
	i := strings.Index(s, ":")
	if i < 0 {
		return "", "", false
	}
	key := strings.TrimLeft(fold(s[:i]), "-+• ")
	for _, f := range fieldWords {
		if key == f.words {
			value = trimItem(s[i+1:])
			return f.field, value, value != ""
		}
	}
	return "", "", false
}

var comradeRE = regexp.MustCompile(`(?i)^(?:đồng\s+chí|đ/c)\s+`)

// splitPerson cuts "họ tên, chức vụ, đơn vị", "họ tên — chức vụ, đơn vị", "họ tên: chức vụ,
// đơn vị", "họ tên, chức vụ (đơn vị)" and the same with " - ".
func splitPerson(s string) (exemplar, bool) {
	s = comradeRE.ReplaceAllString(trimItem(s), "")
	var e exemplar
	rest := ""
	for _, sep := range append(append([]string{}, dashes...), ": ", ", ", " - ") {
		if i := strings.Index(s, sep); i > 0 {
			e.Name, rest = trimItem(s[:i]), trimItem(s[i+len(sep):])
			break
		}
	}
	if e.Name == "" {
		return e, false
	}
	if strings.HasSuffix(rest, ")") {
		if i := strings.LastIndex(rest, " ("); i > 0 {
			e.Position, e.Unit = trimItem(rest[:i]), trimItem(rest[i+2:len(rest)-1])
			return e, e.Position != "" && e.Unit != ""
		}
	}
	for _, sep := range append(append([]string{}, dashes...), ", ", " - ") {
		if i := strings.Index(rest, sep); i > 0 {
			e.Position, e.Unit = trimItem(rest[:i]), trimItem(rest[i+len(sep):])
			return e, e.Position != "" && e.Unit != ""
		}
	}
	return e, false
}

// stateFormRE matches a signing line in the State's forms ("TM.", "KT.", "TL.", "TUQ."), and
// partyForms gives the Party's form of each, which the contract requires.
var (
	stateFormRE = regexp.MustCompile(`^(TM|KT|TL|TUQ)\.?\s`)
	partyForms  = map[string]string{"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/L"}
)

var authorityRE = regexp.MustCompile(`^(T/M|K/T|T/L|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)\s`)

// band reads the closing band: "Nơi nhận:" and its lines on the left, the signer on the right;
// as a table's two cells or as lines cut by tabs.
func (r *reader) band(lines []line) {
	var left, right []line
	for _, l := range lines {
		if l.b.table > 0 {
			if l.b.col <= 1 {
				left = append(left, l)
			} else {
				right = append(right, l)
			}
			continue
		}
		parts := strings.Split(l.text, "\t")
		first, last := collapse(parts[0]), collapse(parts[len(parts)-1])
		switch {
		case strings.HasPrefix(fold(first+" "+last), "noi nhan") && first == "":
			left = append(left, line{text: last, b: l.b}) // "Nơi nhận:" is the left column's, however indented
		case len(parts) > 1 && first == "":
			right = append(right, line{text: last, b: l.b})
		case len(parts) > 1:
			left = append(left, line{text: first, b: l.b})
			if last != first {
				right = append(right, line{text: last, b: l.b})
			}
			for _, mid := range parts[1 : len(parts)-1] {
				if mid = collapse(mid); mid != "" {
					r.c.errorf(l.where(), "không hiểu phần %s giữa hai cột của khối nơi nhận và chữ ký; bỏ qua", quote(mid))
				}
			}
		case strings.HasPrefix(first, "-") || strings.HasPrefix(first, "+") || strings.HasPrefix(fold(first), "noi nhan"):
			left = append(left, l)
		default:
			right = append(right, l)
		}
	}
	r.recipients(left)
	r.signer(right)
}

// recipients reads "Nơi nhận:" and the lines under it.
func (r *reader) recipients(lines []line) {
	started := false
	for _, l := range lines {
		text := collapse(l.text)
		if strings.HasPrefix(fold(text), "noi nhan") {
			started = true
			r.rep.HasRecip = true
			if i := strings.Index(text, ":"); i >= 0 {
				text = strings.TrimSpace(text[i+1:])
			} else {
				text = ""
			}
			if text == "" {
				continue
			}
		}
		if !started {
			r.c.errorf(l.where(), "không hiểu dòng %s trước \"Nơi nhận:\"; bỏ qua", quote(text))
			continue
		}
		item := strings.TrimRight(strings.TrimSpace(strings.TrimLeft(text, "-+•– ")), ";.,")
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		r.rep.Recipients = append(r.rep.Recipients, item)
	}
	if !started {
		r.c.warnf("noi_nhan", "không thấy \"Nơi nhận:\"; dùng nơi nhận mặc định")
	}
}

// signer reads the signing block: the signing line (T/M …), the title, "(Đã ký)" and the name.
func (r *reader) signer(lines []line) {
	s := &r.rep.Signer
	s.HasAuthority = true
	var rest []line
	for _, l := range lines {
		text := collapse(l.text)
		f := fold(text)
		switch {
		case authorityRE.MatchString(input.Upper(text)) && s.Authority == "":
			s.Authority = input.Upper(text)
			if m := stateFormRE.FindStringSubmatch(s.Authority); m != nil {
				party := partyForms[m[1]] + " " + strings.TrimSpace(s.Authority[len(m[0]):])
				r.c.warnf("ky.quyen", "văn bản ghi %q theo cách của văn bản nhà nước; văn bản của Đảng viết %q, đã ghi như vậy", s.Authority, party)
				s.Authority = party
			}
		case strings.HasPrefix(f, "(da ky") || f == "da ky":
			s.Signed = true
		case strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")"):
			// "(Ký, ghi rõ họ tên)" and the like: the template's hints.
		default:
			rest = append(rest, line{text: text, b: l.b})
		}
	}
	switch len(rest) {
	case 0:
		r.c.errorf("ky", "không thấy khối chữ ký (chức vụ và họ tên người ký) sau \"Nơi nhận\" hoặc câu kết")
		return
	case 1:
		r.c.errorf("ky.chuc_vu", "khối chữ ký chỉ có một dòng %s; thiếu chức vụ hoặc họ tên người ký", quote(rest[0].text))
		s.Name = rest[0].text
		return
	}
	s.Position = input.Upper(collapse(joinText(rest[:len(rest)-1])))
	s.Name = rest[len(rest)-1].text
}

func joinText(lines []line) string {
	var parts []string
	for _, l := range lines {
		parts = append(parts, l.text)
	}
	return strings.Join(parts, " ")
}

// finish settles what the text does not say outright, the cell's type from its code or name and
// the defaults' codes, and reports what is missing.
func (r *reader) finish() {
	rep := r.rep
	switch {
	case rep.Code == "BC/CB":
		rep.CellType = "chi-bo"
	case rep.Code == "BC/ĐB":
		rep.CellType = "dang-bo"
	case strings.HasPrefix(fold(rep.Org), "chi bo"):
		rep.CellType = "chi-bo"
	case strings.HasPrefix(fold(rep.Org), "dang bo"):
		rep.CellType = "dang-bo"
	default:
		r.c.errorf("co_quan.loai", "không biết là chi bộ hay đảng bộ: ký hiệu %q và tên %q không nói rõ", rep.Code, rep.Org)
	}
	typeCode := "CB"
	if rep.CellType == "dang-bo" {
		typeCode = "ĐB"
	}
	if rep.Code == "BC/"+typeCode {
		rep.Code = ""
	}
	if rep.Plan != nil && rep.Plan.Code == "KH/"+typeCode {
		rep.Plan.Code = ""
	}
	switch f := fold(rep.Org); {
	case rep.Org == "":
		r.c.errorf("co_quan.ten", "không thấy tên chi, đảng bộ (ở phần đầu văn bản hoặc câu mở đầu)")
	case strings.Contains(f, "( dang bo)") || strings.Contains(f, "(dang bo)") || strings.Contains(f, "(dang) bo"):
		r.c.errorf("co_quan.ten", "tên chi, đảng bộ %q còn để nguyên như mẫu; hãy ghi tên thật", rep.Org)
	}
	if rep.Signer.Position == "" && rep.Signer.Name != "" {
		r.c.errorf("ky.chuc_vu", "không thấy chức vụ người ký")
	}
}

// guessUnseen guesses what a typed report never shows, the sector and the models' kinds, where
// they are not known already; each guess is marked in the YAML and warned of.
func guessUnseen(c *collector, rep *report) {
	r := &reader{c: c, rep: rep}
	if rep.Sector == "" {
		sector, word := guessSector(rep.Org)
		rep.Sector = string(sector)
		if word != "" {
			rep.SectorNote = fmt.Sprintf("đoán từ chữ %q trong tên; hãy kiểm tra", word)
			r.c.warnf("co_quan.khoi", "báo cáo không ghi khối; đã đoán là %q (%s) vì tên có chữ %q; hãy kiểm tra", sector, kh46.SectorName(sector), word)
		} else {
			rep.SectorNote = "đoán: tên không cho biết khối; hãy kiểm tra"
			r.c.warnf("co_quan.khoi", "báo cáo không ghi khối; đã đoán là %q (%s); hãy kiểm tra", sector, kh46.SectorName(sector))
		}
	}
	for i := range rep.Models {
		m := &rep.Models[i]
		if m.Kind != "" {
			continue
		}
		code, word := guessKind(m.Name)
		m.Kind = code
		key := fmt.Sprintf("mo_hinh[%d].loai", i+1)
		if word == "" {
			m.KindNote = "đoán: không khớp loại nào của KH 46; hãy kiểm tra"
			r.c.warnf(key, "mô hình %q không ghi loại; tên không khớp loại nào của KH 46 nên đã ghi %q; hãy kiểm tra", m.Name, code)
			continue
		}
		m.KindNote = fmt.Sprintf("đoán từ chữ %q trong tên; hãy kiểm tra", word)
		r.c.warnf(key, "mô hình %q không ghi loại; đã đoán là %q (%s) vì tên có chữ %q; hãy kiểm tra", m.Name, code, kindName(code), word)
	}
}
