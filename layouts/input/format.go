package input

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Gap is the blank printed where a number or a day is to be written in by hand: four figure spaces
// (U+2007), each one digit wide, which justification neither stretches nor breaks, and which
// LibreOffice and fpdf set alike (LibreOffice sets U+00A0 wider in italic).
const Gap = "\u2007\u2007\u2007\u2007"

// Date is a calendar date whose day may be left blank (Day 0) to be written in by hand.
type Date struct {
	Year, Month, Day int
}

// ParseDate reads a date as people write it: day first, as in Vietnam, with slashes, hyphens or
// dots (12/4/2021, 12-4-2021, 12.4.2021), or ISO (2021-04-12); and the month-only forms 4/2021,
// 4-2021, 4.2021 and 2021-04, which leave the day blank (Day 0) to be written in by hand. Its
// errors say in Vietnamese what is wrong and which forms are accepted.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	invalid := func(why string) error {
		return fmt.Errorf("%q không phải là ngày hợp lệ%s", s, why)
	}
	unreadable := invalid(" (viết như 12/4/2021, 12-4-2021, 12.4.2021 hoặc 2021-04-12; 4/2021 hoặc 2021-04 để trống ngày)")
	i := strings.IndexAny(s, "/-.")
	if i < 0 {
		return Date{}, unreadable
	}
	sep := s[i : i+1]
	parts := strings.Split(s, sep)
	if len(parts) > 3 || strings.ContainsAny(strings.ReplaceAll(s, sep, ""), "/-.") {
		return Date{}, unreadable
	}
	n := make([]int, len(parts))
	for k, p := range parts {
		if n[k] = atoi(p); n[k] < 0 {
			return Date{}, unreadable
		}
	}
	// short reports whether the parts from..to (inclusive) have one or two digits.
	short := func(from, to int) bool {
		for _, p := range parts[from : to+1] {
			if len(p) > 2 {
				return false
			}
		}
		return true
	}
	var d Date
	dayFirst := false
	switch last := len(parts) - 1; {
	case sep == "-" && len(parts[0]) == 4 && short(1, last):
		d.Year, d.Month = n[0], n[1]
		if last == 2 {
			d.Day = n[2]
		}
	case len(parts[last]) == 4 && short(0, last-1):
		dayFirst = true
		d.Year, d.Month = n[last], n[last-1]
		if last == 2 {
			d.Day = n[0]
		}
	case short(0, last) && last == 2:
		return Date{}, invalid(": năm phải viết đủ bốn chữ số (như 12/4/2021)")
	case short(0, last):
		return Date{}, invalid(": thiếu năm, hoặc năm chưa đủ bốn chữ số (viết như 12/4/2021, hoặc 4/2021 để trống ngày)")
	default:
		return Date{}, unreadable
	}
	switch {
	case d.Year < 1930 || d.Year > 2100:
		return Date{}, invalid(fmt.Sprintf(": năm %d nằm ngoài khoảng 1930–2100", d.Year))
	case (d.Month < 1 || d.Month > 12) && dayFirst:
		return Date{}, invalid(fmt.Sprintf(": không có tháng %d (viết ngày trước, tháng sau, như 12/4/2021)", d.Month))
	case d.Month < 1 || d.Month > 12:
		return Date{}, invalid(fmt.Sprintf(": không có tháng %d", d.Month))
	}
	if len(parts) == 3 {
		days := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		switch {
		case d.Day < 1:
			return Date{}, invalid(": không có ngày 0")
		case d.Day > days:
			return Date{}, invalid(fmt.Sprintf(": tháng %d/%d chỉ có %d ngày", d.Month, d.Year, days))
		}
	}
	return d, nil
}

// atoi reads a whole number of one to four digits 0-9 (no sign), or -1.
func atoi(s string) int {
	if len(s) == 0 || len(s) > 4 {
		return -1
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// Before reports whether d is before e; a blank day counts as the first of its month.
func (d Date) Before(e Date) bool {
	return d.key() < e.key()
}

func (d Date) key() int { return d.Year*10000 + d.Month*100 + max(d.Day, 1) }

// After reports whether d falls after the deadline. A date whose day is blank is after it only if
// its whole month is; the zero date never is.
func (d Date) After(deadline Date) bool {
	if d.Year == 0 {
		return false
	}
	if d.Day == 0 {
		return d.Year*100+d.Month > deadline.Year*100+deadline.Month
	}
	return deadline.Before(d)
}

// ISO returns YYYY-MM-DD, the first of the month when the day is blank.
func (d Date) ISO() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, max(d.Day, 1))
}

// Long writes "ngày 02 tháng 4 năm 2021": days below 10 and months 1 and 2 take a leading zero; a
// blank day is a Gap.
func (d Date) Long() string {
	return fmt.Sprintf("ngày %s tháng %s năm %d", d.day(), d.month(), d.Year)
}

// Short writes "02/4/2021", with the same zero rules as Long.
func (d Date) Short() string {
	return fmt.Sprintf("%s/%s/%d", d.day(), d.month(), d.Year)
}

// Describe writes the date for a message: "12/4/2021", or "tháng 5/2021" when the day is blank.
func (d Date) Describe() string {
	if d.Day == 0 {
		return fmt.Sprintf("tháng %d/%d", d.Month, d.Year)
	}
	return fmt.Sprintf("%d/%d/%d", d.Day, d.Month, d.Year)
}

func (d Date) day() string {
	if d.Day == 0 {
		return Gap
	}
	return fmt.Sprintf("%02d", d.Day)
}

func (d Date) month() string {
	if d.Month <= 2 {
		return fmt.Sprintf("%02d", d.Month)
	}
	return strconv.Itoa(d.Month)
}

// Number writes a document number with a leading zero below 10 ("05"), or a Gap when it is not yet
// issued (0).
func Number(n int) string {
	if n == 0 {
		return Gap
	}
	return fmt.Sprintf("%02d", n)
}

// Count writes how many of something there are: "0", "02", "12".
func Count(n int) string {
	if n == 0 {
		return "0"
	}
	return fmt.Sprintf("%02d", n)
}

var upper = cases.Upper(language.Vietnamese)

// Upper puts Vietnamese text in capitals, keeping its tone marks where they are.
func Upper(s string) string { return upper.String(s) }

// Sentence trims s and ends it with end ("." or ";"), replacing any final full stop, comma or
// semicolon the user typed.
func Sentence(s, end string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".;,")
	return s + end
}

// editDistance is the Levenshtein distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
