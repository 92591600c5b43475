package input

import "testing"

// TestIntWholeDocumentNumber: a number field holding the whole number with its code, or the word
// "Số", says that only the figures go there, in words short enough to stand beside a form field.
func TestIntWholeDocumentNumber(t *testing.T) {
	tests := []struct{ value, want string }{
		{"05-BC/CB", `chỉ ghi số (5); ký hiệu "BC/CB" ghi ở ô ký hiệu`},
		{"5/BC-CB", `chỉ ghi số (5); ký hiệu "BC-CB" ghi ở ô ký hiệu`},
		{"Số 05", `chỉ ghi số (5), không ghi chữ "Số"`},
		{"số 12", `chỉ ghi số (12), không ghi chữ "Số"`},
		{"SỐ 3", `chỉ ghi số (3), không ghi chữ "Số"`},
		{"So: 7", `chỉ ghi số (7), không ghi chữ "Số"`},
		{"Số 05-BC/CB", `chỉ ghi số (5); ký hiệu "BC/CB" ghi ở ô ký hiệu`},
		{"03 - KH/CBYT", `chỉ ghi số (3); ký hiệu "KH/CBYT" ghi ở ô ký hiệu`},
		{"12-KH/ĐUK", `chỉ ghi số (12); ký hiệu "KH/ĐUK" ghi ở ô ký hiệu`},
		// Not a document number: the plain message.
		{"năm", `"năm" không phải là số nguyên dương`},
		{"5a", `"5a" không phải là số nguyên dương`},
		{"1/2", `"1/2" không phải là số nguyên dương`},
		{"05-", `"05-" không phải là số nguyên dương`},
		{"0-BC/CB", `"0-BC/CB" không phải là số nguyên dương`},
		{"Số", `"Số" không phải là số nguyên dương`},
		{"-5", `"-5" không phải là số nguyên dương`},
	}
	for _, tc := range tests {
		r, o := Parse("t.yaml", []byte("ke_hoach:\n  so: \""+tc.value+"\"\n"), Options{})
		n, ok := o.Object("ke_hoach").Int("so")
		if ok || n != 0 {
			t.Errorf("Int(%q) = %d, %v; want 0, false", tc.value, n, ok)
		}
		onlyProblem(t, r, Problem{File: "t.yaml", Line: 2, Key: "ke_hoach.so", Message: tc.want})
	}
	// The figures alone are read as before.
	_, o := parseOK(t, "so: 05\n")
	if n, ok := o.Int("so"); n != 5 || !ok {
		t.Errorf("Int(05) = %d, %v; want 5, true", n, ok)
	}
}
