package input

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// This file explains the YAML mistakes people make when they type a report by hand, in words a
// secretary understands and at the line where the mistake is, with the line as it should be
// written. The YAML library's own messages are never shown.

// lineMistake is one mistake found on a line of the file.
type lineMistake struct {
	line int
	msg  string
}

// keyLineRE splits a line that gives a key its value: indentation, an optional list dash, the key
// (the contract's keys are ASCII words with underscores), and what follows the colon.
var keyLineRE = regexp.MustCompile(`^( *)(- +)?([a-z][a-z0-9_]*):(.*)$`)

// textItemRE matches a list item of text that holds ": " ("- Lưu: VT"), which YAML reads as a
// key and its value: what comes before the colon is no key of the contract (it has capitals,
// spaces or Vietnamese letters).
var textItemRE = regexp.MustCompile(`^( *- +)([^\s"'{\[#&*!|>%@` + "`" + `][^:#]*[^a-z0-9_:#][^:#]*: .*)$`)

// blockRE matches the indicator of a block of text: "|" or ">", with its chomping and indentation.
var blockRE = regexp.MustCompile(`^[|>][-+0-9]*$`)

// keyLikeRE matches a key of the contract, with spaces before its colon ("ten :").
var keyLikeRE = regexp.MustCompile(`^[a-z][a-z0-9_]*\s*$`)

// anchorRE matches what YAML takes for an anchor or an alias on purpose: "&name [", "*name", with
// nothing but a collection after the name. checkTree refuses those with its own message.
var anchorRE = regexp.MustCompile(`^[&*][^\s\[\]{},]+(\s+[\[{].*)?$`)

// lineMistakes finds the mistakes that YAML either refuses without saying where or accepts and
// reads as something else: indentation with a tab or with non-breaking spaces, a value that needs
// quotes, a missing space after a colon, a second document after "---".
func lineMistakes(text string) []lineMistake {
	var out []lineMistake
	add := func(line int, format string, args ...any) {
		out = append(out, lineMistake{line, fmt.Sprintf(format, args...)})
	}
	content := false // a line of content came before: a "---" now starts a second document
	block := -1      // the indentation of the key whose block text ("|" or ">") the lines are
	for i, l := range strings.Split(text, "\n") {
		n := i + 1
		l = strings.TrimSuffix(l, "\r")
		trimmed := strings.TrimLeftFunc(l, isIndentSpace)
		indent := l[:len(l)-len(trimmed)]
		if trimmed == "" {
			continue
		}
		if block >= 0 && len(indent) > block && !strings.Contains(indent, "\t") {
			continue // text of a block, whatever it holds
		}
		block = -1
		if strings.HasPrefix(trimmed, "#") {
			continue
		}
		if l == "---" || strings.HasPrefix(l, "--- ") {
			if content {
				add(n, "dòng \"---\" bắt đầu một văn bản thứ hai, nhưng mỗi tệp chỉ được có một báo cáo; hãy chuyển phần từ dòng này trở đi sang một tệp khác")
				return out
			}
			continue
		}
		content = true
		switch {
		case strings.Contains(indent, "\t"):
			add(n, "thụt lề bằng phím Tab; hãy dùng dấu cách")
			continue
		case strings.TrimLeft(indent, " ") != "":
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(indent, " "))
			add(n, "thụt lề bằng dấu cách đặc biệt (U+%04X, thường có khi chép từ Word hoặc trang web); hãy xóa khoảng trắng đầu dòng rồi gõ lại bằng phím cách", r)
			continue
		}
		m := keyLineRE.FindStringSubmatch(l)
		if m == nil {
			if t := textItemRE.FindStringSubmatch(l); t != nil && !keyLikeRE.MatchString(strings.SplitN(t[2], ":", 2)[0]) {
				item, comment := splitComment(t[2])
				add(n, "giá trị có dấu hai chấm và dấu cách (\": \"); %s", quoteAdvice(item, t[1]+quote(item)+comment))
			}
			continue
		}
		head, key, rest := m[1]+m[2], m[3], m[4]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			r, _ := utf8.DecodeRuneInString(rest)
			switch {
			case isIndentSpace(r):
				add(n, "sau dấu hai chấm là dấu cách đặc biệt (U+%04X, thường có khi chép từ Word hoặc trang web); hãy xóa rồi gõ lại bằng phím cách: %s%s: %s", r, head, key, strings.TrimLeftFunc(rest, isIndentSpace))
			case !strings.HasPrefix(rest, "//"):
				add(n, "thiếu dấu cách sau dấu hai chấm; hãy viết: %s%s: %s", head, key, rest)
			}
			continue
		}
		value, comment := splitComment(strings.TrimSpace(rest))
		if blockRE.MatchString(value) {
			block = len(m[1])
			continue
		}
		if value == "" {
			continue
		}
		fixed := func() string { return head + key + ": " + quote(value) + comment }
		switch c := value[0]; {
		case c == '"' || c == '\'':
			if end := closingQuote(value); end > 0 && end < len(value)-1 {
				add(n, "giá trị mở bằng dấu ngoặc nhưng còn chữ sau dấu đóng ngoặc; %s", quoteAdvice(value, fixed()))
			}
		case c == '{' || c == '[' || c == '|' || c == '>':
		case strings.ContainsRune("*&", rune(c)) && anchorRE.MatchString(value):
		case strings.ContainsRune("*&!%@`", rune(c)):
			add(n, "giá trị bắt đầu bằng ký tự %q; %s", string(c), quoteAdvice(value, fixed()))
		case strings.Contains(value, ": "):
			add(n, "giá trị có dấu hai chấm và dấu cách (\": \"); %s", quoteAdvice(value, fixed()))
		}
	}
	return out
}

// isIndentSpace reports whether r can look like a space at the start of a line: a space, a tab,
// or a Unicode space (the non-breaking space of Word, the ideographic space, …).
func isIndentSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == 0xFEFF || (r != '\n' && r != '\r' && unicode.Is(unicode.Zs, r))
}

// splitComment splits a plain value from a comment after it (" #").
func splitComment(v string) (value, comment string) {
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		return v, ""
	}
	if i := strings.Index(v, " #"); i >= 0 {
		return strings.TrimSpace(v[:i]), "  " + strings.TrimSpace(v[i:])
	}
	return v, ""
}

// closingQuote returns the index of the quote that closes the quoted value v, or -1.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// quote writes v as a quoted YAML value: in double quotes, or in single quotes when it holds a
// double quote (which would need a backslash inside double quotes).
func quote(v string) string {
	if strings.Contains(v, `"`) {
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return `"` + strings.ReplaceAll(v, `\`, `\\`) + `"`
}

// quoteAdvice says how to quote v, showing the fixed line.
func quoteAdvice(v, fixed string) string {
	if strings.Contains(v, `"`) {
		return "hãy đặt cả giá trị trong dấu nháy đơn (vì bên trong đã có dấu ngoặc kép): " + fixed
	}
	return "hãy đặt cả giá trị trong dấu ngoặc kép: " + fixed
}

// unclosedQuote finds the first line whose value opens a quote that the rest of the file never
// closes, for a file YAML refused at its end.
func unclosedQuote(text string) (lineMistake, bool) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		m := keyLineRE.FindStringSubmatch(strings.TrimSuffix(l, "\r"))
		if m == nil {
			continue
		}
		value := strings.TrimSpace(m[4])
		if value == "" || (value[0] != '"' && value[0] != '\'') || closingQuote(value) > 0 {
			continue
		}
		rest := value + "\n" + strings.Join(lines[i+1:], "\n")
		if closingQuote(rest) < 0 {
			q := value[:1]
			return lineMistake{i + 1, fmt.Sprintf("dấu %s mở ở dòng này chưa được đóng; hãy thêm dấu %s ở cuối giá trị: %s%s: %s%s", q, q, m[1]+m[2], m[3], value, q)}, true
		}
	}
	return lineMistake{}, false
}

// flowMistakes finds, in the parsed tree, what the file's author surely did not mean: a tag
// ("!Chi bộ" reads as the tag !Chi and the text "bộ"), and a comma inside {…} that splits a value
// into a key of its own ({ten: Chi bộ Sở Y tế, Dân số} holds the key "Dân số").
func flowMistakes(n *yaml.Node, lines []string) []lineMistake {
	var out []lineMistake
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Tag != "" && !strings.HasPrefix(n.Tag, "!!") && n.Style&yaml.TaggedStyle != 0 {
			out = append(out, lineMistake{n.Line, "giá trị bắt đầu bằng ký tự \"!\"; hãy đặt cả giá trị trong dấu ngoặc kép"})
		}
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 {
			for i := 2; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if !isNull(v) || k.Style != 0 || !keyWithoutColon(lines, k) {
					continue
				}
				prev := n.Content[i-1]
				msg := fmt.Sprintf("dấu phẩy trong {…} ngăn cách các khóa nên %q bị hiểu là một khóa; giá trị có dấu phẩy phải đặt trong dấu ngoặc kép", k.Value)
				if k.Line >= 1 && k.Line <= len(lines) && prev.Kind == yaml.ScalarNode && prev.Style == 0 {
					re := regexp.MustCompile(regexp.QuoteMeta(prev.Value) + `\s*,\s*` + regexp.QuoteMeta(k.Value))
					l := lines[k.Line-1]
					if loc := re.FindStringIndex(l); loc != nil {
						msg += ": " + strings.TrimSpace(l[:loc[0]]+quote(l[loc[0]:loc[1]])+l[loc[1]:])
					}
				}
				out = append(out, lineMistake{k.Line, msg})
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return out
}

// keyWithoutColon reports whether the plain key k of a flow mapping stands in its line with no
// colon after it, "{a: b, c}": the text between two commas.
func keyWithoutColon(lines []string, k *yaml.Node) bool {
	if k.Line < 1 || k.Line > len(lines) {
		return false
	}
	l := []rune(lines[k.Line-1])
	i := k.Column - 1 + utf8.RuneCountInString(k.Value)
	if k.Column < 1 || i > len(l) || string(l[k.Column-1:i]) != k.Value {
		return false
	}
	for i < len(l) && l[i] == ' ' {
		i++
	}
	return i < len(l) && (l[i] == ',' || l[i] == '}')
}

// MaxMarks is the most combining marks one letter may carry: a Vietnamese vowel has at most a
// shape (circumflex, breve or horn) and a tone.
const MaxMarks = 2

// overMarked returns the first letter of s (its base, without marks) that carries more than
// MaxMarks combining marks, with how many, as text made to look broken or to overflow its line
// does ("Zalgo"). The combining grapheme joiner that normalisation inserts into long runs of marks
// (U+034F) is not counted.
func overMarked(s string) (string, int, bool) {
	runes := []rune(norm.NFD.String(s))
	for i := 0; i < len(runes); {
		j, marks := i+1, 0
		for ; j < len(runes) && unicode.Is(unicode.Mn, runes[j]); j++ {
			if runes[j] != '\u034F' {
				marks++
			}
		}
		if marks > MaxMarks {
			return string(runes[i]), marks, true
		}
		i = j
	}
	return "", 0, false
}

// englishKeys are the English words people type for the contract's keys, and Vietnamese words
// that are not keys; a suggestion is made only when the key is known where the word was used.
var englishKeys = map[string][]string{
	"place": {"dia_danh"}, "location": {"dia_danh"}, "city": {"dia_danh"},
	"date": {"ngay"}, "day": {"ngay"},
	"name": {"ten", "ho_ten"}, "title": {"ten"}, "full_name": {"ho_ten"}, "fullname": {"ho_ten"},
	"number": {"so"}, "no": {"so"}, "num": {"so"},
	"signer": {"ky"}, "signature": {"ky"}, "sign": {"ky"}, "signed": {"da_ky"},
	"position": {"chuc_vu"}, "role": {"chuc_vu"}, "job": {"chuc_vu"},
	"unit": {"don_vi"}, "department": {"don_vi"},
	"recipients": {"noi_nhan"}, "to": {"noi_nhan"},
	"organization": {"co_quan"}, "organisation": {"co_quan"}, "org": {"co_quan"}, "agency": {"co_quan"},
	"parent": {"cap_tren"}, "superior": {"cap_tren"},
	"type": {"loai", "mau"}, "kind": {"loai", "mau"}, "template": {"mau"}, "form": {"mau"},
	"period": {"giai_doan"}, "phase": {"giai_doan"},
	"code": {"ky_hieu"}, "symbol": {"ky_hieu"},
	"models": {"mo_hinh"}, "model": {"mo_hinh"}, "examples": {"guong"}, "exemplars": {"guong"},
	"plan": {"ke_hoach"}, "basis": {"can_cu"}, "authority": {"quyen"},
	"sector": {"khoi"}, "bloc": {"khoi"},
	"list": {"danh_sach"}, "defaults": {"chung"}, "common": {"chung"},
	"source": {"nguon"}, "sources": {"nguon"}, "deadline": {"han_bao_cao"},
}

// suggestKey returns the known key that an unknown key most likely means, or "" when none is close:
// the same words without diacritics, capitals or spaces ("Ngày" for ngay, "họ tên" for ho_ten),
// an English word, or a key one or two letters away (one for short keys).
func suggestKey(key string, known []string) string {
	plain := plainKey(key)
	for _, k := range known {
		if plain == k {
			return k
		}
	}
	for _, k := range englishKeys[plain] {
		for _, kn := range known {
			if k == kn {
				return k
			}
		}
	}
	best, bestDist := "", -1
	for _, k := range known {
		if d := editDistance(plain, k); bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := 2
	if utf8.RuneCountInString(plain) <= 4 {
		limit = 1
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// plainKey writes a key as the contract spells keys: small letters without diacritics, words
// joined by underscores.
func plainKey(key string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(key))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == ' ' || r == '-':
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
