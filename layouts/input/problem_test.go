package input

import (
	"reflect"
	"testing"
)

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		// input.md: `chi-bo-tai-chinh.yaml:14: ngay: "31/02/2021" không phải là ngày hợp lệ`.
		{Problem{File: "chi-bo-tai-chinh.yaml", Line: 14, Key: "ngay", Message: `"31/02/2021" không phải là ngày hợp lệ`},
			`chi-bo-tai-chinh.yaml:14: ngay: "31/02/2021" không phải là ngày hợp lệ`},
		{Problem{File: "a.yaml", Line: 3, Key: "mo_hinh[2].loai", Message: "m", Warning: true},
			"a.yaml:3: mo_hinh[2].loai: cảnh báo: m"},
		{Problem{File: "a.yaml", Line: 7, Message: "lỗi cú pháp YAML"},
			"a.yaml:7: lỗi cú pháp YAML"},
		{Problem{File: "a.yaml", Line: 7, Message: "m", Warning: true},
			"a.yaml:7: cảnh báo: m"},
		// A problem of the whole file (line 0) has no line number.
		{Problem{File: "a.yaml", Message: "tệp quá lớn"},
			"a.yaml: tệp quá lớn"},
		{Problem{File: "dir/b c.yaml", Line: 120, Key: "ky.quyen", Message: "x"},
			"dir/b c.yaml:120: ky.quyen: x"},
	}
	for _, tc := range tests {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestProblemsHasErrors(t *testing.T) {
	e := Problem{File: "a", Line: 1, Message: "e"}
	w := Problem{File: "a", Line: 1, Message: "w", Warning: true}
	tests := []struct {
		ps   Problems
		want bool
	}{
		{nil, false},
		{Problems{}, false},
		{Problems{w}, false},
		{Problems{w, w}, false},
		{Problems{e}, true},
		{Problems{w, e}, true},
		{Problems{e, w}, true},
	}
	for i, tc := range tests {
		if got := tc.ps.HasErrors(); got != tc.want {
			t.Errorf("case %d: HasErrors() = %v, want %v", i, got, tc.want)
		}
	}
}

func TestProblemsSorted(t *testing.T) {
	in := Problems{
		{File: "b.yaml", Line: 2, Message: "b2"},
		{File: "a.yaml", Line: 10, Message: "a10"},
		{File: "a.yaml", Line: 2, Message: "a2-first"},
		{File: "a.yaml", Line: 0, Message: "a0"},
		{File: "a.yaml", Line: 2, Message: "a2-second", Warning: true},
		{File: "b.yaml", Line: 1, Message: "b1"},
		{File: "a.yaml", Line: 2, Message: "a2-third"},
		{File: "a.yaml", Line: 9, Message: "a9"},
	}
	orig := append(Problems(nil), in...)
	got := in.Sorted()
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, p.Message)
	}
	// By file, then by line (numerically, 9 before 10), in discovery order on one line.
	want := []string{"a0", "a2-first", "a2-second", "a2-third", "a9", "a10", "b1", "b2"}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("Sorted() order = %v, want %v", msgs, want)
	}
	if !reflect.DeepEqual(in, orig) {
		t.Errorf("Sorted() changed its receiver: %v", in)
	}
	if n := len(Problems(nil).Sorted()); n != 0 {
		t.Errorf("Sorted() of nil has %d problems", n)
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{
		{File: "a.yaml", Line: 5, Key: "ngay", Message: "sai"},
		{File: "a.yaml", Line: 1, Key: "ten", Message: "cảnh báo này không in", Warning: true},
		{File: "a.yaml", Line: 2, Key: "so", Message: "thiếu"},
	}
	want := "a.yaml:2: so: thiếu\na.yaml:5: ngay: sai"
	if got := ps.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := (Problems{{File: "a", Line: 1, Message: "w", Warning: true}}).Error(); got != "" {
		t.Errorf("Error() of warnings only = %q, want empty", got)
	}
	var err error = ps
	if err.Error() != want {
		t.Errorf("Problems as error = %q", err.Error())
	}
}
