package main

import (
	"strings"
	"testing"
)

// TestVersion prints the version and exits 0, with the long and the short flag.
func TestVersion(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		t.Run(flag, func(t *testing.T) {
			runMain(flag).check(t, exitOK, "baocao "+programVersion()+"\n", "")
		})
	}
	if programVersion() == "" {
		t.Error("version is empty")
	}
}

// TestNoArgumentsPrintsHelp prints the help (the same as --help) and exits 0.
func TestNoArgumentsPrintsHelp(t *testing.T) {
	r := runMain()
	help := runMain("--help")
	r.check(t, exitOK, help.stdout, "")
	for _, want := range []string{
		"Cách dùng:\n  baocao [tùy chọn]\n  baocao [lệnh]\n",
		"\n  render      Tạo văn bản PDF hoặc DOCX từ tệp YAML\n",
		"\n  validate    Kiểm tra tệp YAML",
		"\n  -v, --version ",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, english := range []string{"Usage", "Flags", "Available Commands", "[flags]", "help for"} {
		if strings.Contains(r.stdout, english) {
			t.Errorf("help has English %q:\n%s", english, r.stdout)
		}
	}
}

// TestHelpOfACommand prints a command's help in Vietnamese, through "help CMD" and "CMD --help".
func TestHelpOfACommand(t *testing.T) {
	viaHelp := runMain("help", "render")
	viaFlag := runMain("render", "--help")
	viaHelp.check(t, exitOK, viaFlag.stdout, "")
	for _, want := range []string{"Cách dùng:\n  baocao render [tùy chọn] TỆP...\n", "--force", "-o, --output"} {
		if !strings.Contains(viaHelp.stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, viaHelp.stdout)
		}
	}
}

// TestUsageErrors runs wrong command lines: each exits 2 with a Vietnamese message and the hint.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"rendr", "a.yaml"}, `không có lệnh "rendr"`},
		{"help of an unknown command", []string{"help", "rendr"}, `không có lệnh "rendr"`},
		{"unknown flag", []string{"render", "--mau", "a.yaml"}, "không có tùy chọn --mau"},
		{"unknown flag of the root", []string{"--force"}, "không có tùy chọn --force"},
		{"unknown short flag", []string{"render", "-f", "a.yaml"}, "không có tùy chọn -f"},
		{"flag without its value", []string{"render", "a.yaml", "--output"}, "tùy chọn --output cần một giá trị"},
		{"short flag without its value", []string{"render", "a.yaml", "-o"}, "tùy chọn -o cần một giá trị"},
		{"bool flag given a wrong value", []string{"render", "--force=co", "a.yaml"}, `giá trị "co" không hợp lệ cho tùy chọn --force`},
		{"render without files", []string{"render"}, "cần ít nhất một tệp YAML"},
		{"render with only flags", []string{"render", "--force"}, "cần ít nhất một tệp YAML"},
		{"validate without files", []string{"validate"}, "cần ít nhất một tệp YAML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runMain(tc.args...).check(t, exitUsage, "", lines("baocao: "+tc.want, usageHint))
		})
	}
}

// TestTranslateFlagError checks the translation of each pflag message the program may meet, and
// that an unknown one is passed on rather than lost.
func TestTranslateFlagError(t *testing.T) {
	tests := []struct{ in, want string }{
		{"unknown flag: --mau", "không có tùy chọn --mau"},
		{"unknown shorthand flag: 'f' in -f", "không có tùy chọn -f"},
		{"unknown shorthand flag: 'x' in -ox", "không có tùy chọn -x"},
		{"flag needs an argument: --output", "tùy chọn --output cần một giá trị"},
		{"flag needs an argument: 'o' in -o", "tùy chọn -o cần một giá trị"},
		{`invalid argument "co" for "--force" flag: strconv.ParseBool: parsing "co": invalid syntax`, `giá trị "co" không hợp lệ cho tùy chọn --force`},
		{`invalid argument "x" for "-o, --output" flag: bad`, `giá trị "x" không hợp lệ cho tùy chọn --output`},
		{"bad flag syntax: ---force", "tùy chọn viết sai: ---force"},
		{"something new", "tùy chọn không hợp lệ: something new"},
	}
	for _, tc := range tests {
		if got := translateFlagError(tc.in); got != tc.want {
			t.Errorf("translateFlagError(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
