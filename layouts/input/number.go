package input

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// wholeNumberRE matches a document number written whole where only its figures belong: "Số 05",
// "05-BC/CB", "5/BC-CB", "số 3 - KH/CB". It captures the figures and the code after them.
var wholeNumberRE = regexp.MustCompile(`^(?i:(?:số|so)\s*[.:]?\s*)?0*(\d{1,6})(?:\s*[-/–]\s*(.+))?$`)

// numberHint explains a number field that holds a whole document number, "05-BC/CB" or "Số 05":
// only the figures go there, and the code has a field of its own. It returns "" when s is no such
// thing.
func numberHint(s string) string {
	s = strings.TrimSpace(s)
	m := wholeNumberRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 {
		return ""
	}
	code := strings.TrimSpace(m[2])
	switch {
	case strings.IndexFunc(code, unicode.IsLetter) >= 0:
		return fmt.Sprintf("chỉ ghi số (%d); ký hiệu %q ghi ở ô ký hiệu", n, code)
	case code == "" && !unicode.IsDigit([]rune(s)[0]):
		return fmt.Sprintf("chỉ ghi số (%d), không ghi chữ \"Số\"", n)
	}
	return ""
}
