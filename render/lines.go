package render

import (
	"fmt"
	"math"
	"strings"

	"baocao/fonts"
)

// Measure gives the width in millimetres of a text set in one face and size.
type Measure func(text string) float64

// FontMeasure measures text set in the embedded font's face at size points, as both backends set
// it (no kerning).
func FontMeasure(face fonts.Style, size float64) (Measure, error) {
	if _, err := fonts.Width(face, size, ""); err != nil {
		return nil, err
	}
	return func(text string) float64 {
		w, _ := fonts.Width(face, size, text) // the fonts were read above: no error is left
		return PtToMM(w)
	}, nil
}

// HeaderSlack is what a header line leaves free of its column: a line that filled the column to
// the last hundredth of a millimetre could be measured a little wider by Word or LibreOffice and
// broken again there.
const HeaderSlack = 0.5

// HeaderLines decides the lines of the header's left column: the superior body (regular) and the
// issuing body (bold), each broken by BalancedLines in the column's width. Both backends print
// exactly these lines, the PDF one a line, the DOCX with a line break between them, so that Word
// and LibreOffice do not break them again. parent is nil when the header has no superior body.
func HeaderLines(h Header) (parent, org []string, err error) {
	regular, err := FontMeasure(fonts.Regular, SizeText)
	if err != nil {
		return nil, nil, fmt.Errorf("render: %w", err)
	}
	bold, err := FontMeasure(fonts.Bold, SizeText)
	if err != nil {
		return nil, nil, fmt.Errorf("render: %w", err)
	}
	width := HeaderLeftWidth - HeaderSlack
	if h.ParentOrg != "" {
		parent = BalancedLines(h.ParentOrg, width, regular)
	}
	return parent, BalancedLines(h.Org, width, bold), nil
}

// BalancedLines breaks a name as a person sets it in a narrow centred column: in the fewest lines
// no wider than width (as greedy filling would need), and among those the most even ones, so that
// no word is left alone on the last line when the text can balance. Where the choice is close it
// breaks after a comma, before a conjunction ("VÀ"), and not between the syllables of a common
// word ("ĐÀO TẠO", "CAO ĐẲNG"). A newline in text is a line break. Words break at spaces only; a
// word wider than the column is cut between letters, as the body's lines are.
func BalancedLines(text string, width float64, measure Measure) []string {
	var out []string
	for _, segment := range strings.Split(text, "\n") {
		out = append(out, balanceSegment(splitWords(segment), width, measure)...)
	}
	return out
}

// splitWords splits at spaces and tabs only: a no-break space stays inside its word.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' })
}

// balanceSegment breaks the words of one segment (no newline) into balanced lines.
func balanceSegment(words []string, width float64, measure Measure) []string {
	if len(words) == 0 {
		return []string{""}
	}
	n := len(words)
	ww := make([]float64, n)
	for i, w := range words {
		ww[i] = measure(w)
		if ww[i] > width+1e-9 {
			return greedyLines(words, width, measure)
		}
	}
	space := measure(" ")
	// lineWidth(i, j) is the width of words[i:j] on one line.
	prefix := make([]float64, n+1)
	for i, w := range ww {
		prefix[i+1] = prefix[i] + w
	}
	lineWidth := func(i, j int) float64 { return prefix[j] - prefix[i] + float64(j-i-1)*space }

	k := len(greedyLines(words, width, measure))
	if k == 1 {
		return []string{strings.Join(words, " ")}
	}
	target := lineWidth(0, n) / float64(k)
	lineCost := func(i, j int) float64 {
		w := lineWidth(i, j)
		c := (w - target) * (w - target)
		// A line of one short word, when the text has more words than lines, is what a person
		// never sets.
		if j-i == 1 && n > k && w < width/3 {
			c += loneWordPenalty
		}
		return c
	}
	// best[l][j]: the least cost of setting words[:j] in l lines; from[l][j] where the last starts.
	inf := math.Inf(1)
	best := make([][]float64, k+1)
	from := make([][]int, k+1)
	for l := range best {
		best[l] = make([]float64, n+1)
		from[l] = make([]int, n+1)
		for j := range best[l] {
			best[l][j] = inf
		}
	}
	best[0][0] = 0
	for l := 1; l <= k; l++ {
		for j := l; j <= n; j++ {
			for i := j - 1; i >= l-1; i-- {
				if lineWidth(i, j) > width+1e-9 {
					break
				}
				if best[l-1][i] == inf {
					continue
				}
				c := best[l-1][i] + lineCost(i, j)
				if i > 0 {
					c += breakCost(words[i-1], words[i])
				}
				// Strict <: of equal costs the first found wins, the same every time.
				if c < best[l][j]-1e-9 {
					best[l][j], from[l][j] = c, i
				}
			}
		}
	}
	if best[k][n] == inf { // only if rounding made greedy filling's own k lines too wide here
		return greedyLines(words, width, measure)
	}
	lines := make([]string, k)
	j := n
	for l := k; l >= 1; l-- {
		i := from[l][j]
		lines[l-1] = strings.Join(words[i:j], " ")
		j = i
	}
	return lines
}

// Costs of the balanced breaking, in square millimetres like the unevenness they weigh against:
// a break after a comma is worth lines about 7 mm less even, one inside a common word costs about
// 10 mm.
const (
	loneWordPenalty = 1e6
	commaBonus      = 200.0
	conjBonus       = 100.0
	compoundPenalty = 400.0
)

// conjunctions are the words a person starts a header line with rather than ends one with.
var conjunctions = map[string]bool{"VÀ": true, "HOẶC": true, "CÙNG": true, "VỚI": true, "THUỘC": true, "TRỰC": true}

// compounds are common words of two syllables in the names of Party bodies and their units,
// which a person does not break across lines.
var compounds = map[string]bool{}

func init() {
	for _, c := range []string{
		"ĐẢNG BỘ", "CHI BỘ", "ĐẢNG ỦY", "ĐẢNG UỶ", "TỈNH ỦY", "TỈNH UỶ", "HUYỆN ỦY", "HUYỆN UỶ",
		"THÀNH ỦY", "THÀNH UỶ", "CƠ QUAN", "DOANH NGHIỆP", "CÔNG TY", "CỔ PHẦN", "TRÁCH NHIỆM",
		"HỮU HẠN", "MỘT THÀNH", "THÀNH VIÊN", "TRUNG TÂM", "BỆNH VIỆN", "ĐA KHOA", "CAO ĐẲNG",
		"ĐẠI HỌC", "TRUNG HỌC", "PHỔ THÔNG", "TIỂU HỌC", "MẦM NON", "DÂN TỘC", "NỘI TRÚ", "ĐÀO TẠO",
		"DU LỊCH", "CÔNG NGHỆ", "NÔNG LÂM", "NÔNG NGHIỆP", "NÔNG THÔN", "PHÁT TRIỂN", "MÔI TRƯỜNG",
		"DỊCH VỤ", "ĐÔ THỊ", "TÀI CHÍNH", "TÀI NGUYÊN", "Y TẾ", "GIÁO DỤC", "VĂN PHÒNG", "ỦY BAN",
		"UỶ BAN", "NHÂN DÂN", "HỘI ĐỒNG", "KHOA HỌC", "KỸ THUẬT", "KĨ THUẬT", "THƯƠNG MẠI",
		"NGÂN HÀNG", "XÂY DỰNG", "GIAO THÔNG", "VẬN TẢI", "KẾ HOẠCH", "ĐẦU TƯ", "TƯ PHÁP", "NỘI VỤ",
		"LAO ĐỘNG", "THƯƠNG BINH", "XÃ HỘI", "CÔNG THƯƠNG", "THÔNG TIN", "TRUYỀN THÔNG", "VĂN HÓA",
		"VĂN HOÁ", "THỂ THAO", "TUYÊN GIÁO", "KIỂM TRA", "DÂN VẬN", "TỔ CHỨC", "THANH TRA", "KHO BẠC",
		"BẢO HIỂM", "THỐNG KÊ", "CÔNG AN", "QUÂN SỰ", "ĐIỆN LỰC", "THỦY LỢI", "THUỶ LỢI", "NHÀ NƯỚC",
		"THÀNH PHỐ", "THỊ XÃ", "SẢN XUẤT", "KINH DOANH", "HÀNH CHÍNH", "SỰ NGHIỆP", "CHÍNH TRỊ",
		"QUẢN LÝ", "DỰ ÁN", "CÔNG NHÂN", "CÔNG ĐOÀN", "THANH NIÊN", "PHỤ NỮ", "CỰU CHIẾN", "CHIẾN BINH",
		"MẶT TRẬN", "TỔ QUỐC", "VIỆT NAM", "NGHỀ NGHIỆP", "GIÁO VIÊN", "SINH VIÊN", "HỌC SINH",
		"KIỂM SOÁT", "BỆNH TẬT", "KHU VỰC", "PHÒNG KHÁM", "CHĂM SÓC", "SỨC KHỎE", "SỨC KHOẺ",
		"QUY HOẠCH", "KHOÁNG SẢN", "LÂM NGHIỆP", "CÔNG NGHIỆP", "HẢI QUAN", "BƯU ĐIỆN", "VIỄN THÔNG",
		"PHÁT THANH", "TRUYỀN HÌNH", "BÁO CHÍ", "XUẤT BẢN", "CHI NHÁNH", "TỔNG CÔNG", "HỢP TÁC",
		"YÊN BÁI", "NGHĨA LỘ", "VĂN CHẤN", "VĂN YÊN", "LỤC YÊN", "TRẤN YÊN", "YÊN BÌNH", "TRẠM TẤU",
		"HÀ NỘI", "LÀO CAI", "HÀ GIANG", "TUYÊN QUANG", "PHÚ THỌ", "SƠN LA", "LAI CHÂU", "ĐIỆN BIÊN",
	} {
		compounds[c] = true
	}
}

// breakCost weighs a line break between the words a and b: negative where a person likes to
// break, positive where they would not.
func breakCost(a, b string) float64 {
	ua, ub := strings.ToUpper(a), strings.ToUpper(strings.TrimRight(b, ",;.:"))
	switch {
	case strings.HasSuffix(a, ",") || strings.HasSuffix(a, ";"):
		return -commaBonus
	case conjunctions[ub]:
		return -conjBonus
	case compounds[ua+" "+ub]:
		return compoundPenalty
	}
	return 0
}

// greedyLines fills each line with as many words as fit, as the body is set; a word wider than a
// whole line is cut between letters (at least one letter a line).
func greedyLines(words []string, width float64, measure Measure) []string {
	space := measure(" ")
	var lines, cur []string
	curW := 0.0
	flush := func() {
		lines = append(lines, strings.Join(cur, " "))
		cur, curW = nil, 0
	}
	for _, word := range words {
		w := measure(word)
		if len(cur) > 0 && curW+space+w > width+1e-9 {
			flush()
		}
		for len(cur) == 0 && w > width+1e-9 {
			runes := []rune(word)
			n, hw := 1, measure(string(runes[0]))
			for n < len(runes) {
				next := hw + measure(string(runes[n]))
				if next > width {
					break
				}
				n, hw = n+1, next
			}
			cur = []string{string(runes[:n])}
			flush()
			word = string(runes[n:])
			w = measure(word)
		}
		if len(cur) > 0 {
			curW += space
		}
		cur = append(cur, word)
		curW += w
	}
	if len(cur) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}
