package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"syscall"

	"github.com/spf13/cobra"
)

// exitCode is the program's exit status.
type exitCode int

// The exit statuses: 0 ok, 1 failure, 2 wrong usage, 3 invalid input.
const (
	exitOK      exitCode = 0
	exitFailure exitCode = 1
	exitUsage   exitCode = 2
	exitInvalid exitCode = 3
)

// usageError is a command line that is wrong: an unknown command or flag, a missing argument.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// invalidInputError means an input file had errors, already printed with their lines.
type invalidInputError struct{ files int }

func (e invalidInputError) Error() string {
	return fmt.Sprintf("%d tệp có lỗi; chưa ghi gì cho các tệp đó", e.files)
}

// Main runs the program with its arguments and returns the exit status. Nothing below it writes to
// the process's own stdout or stderr or exits.
func Main(args []string, stdout, stderr io.Writer) exitCode {
	// Ctrl-C ends a batch cleanly: what is being written is finished, nothing more is started.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, stdout, stderr)
}

// run is Main with the context that interrupts it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) exitCode {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "baocao:", err)
	var usage usageError
	var invalid invalidInputError
	switch {
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, "Xem \"baocao --help\" để biết cách dùng.")
		return exitUsage
	case errors.As(err, &invalid):
		return exitInvalid
	default:
		return exitFailure
	}
}

// newRootCmd builds the command tree, writing through the given writers.
func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "baocao [tùy chọn]",
		Short: "Soạn văn bản của tổ chức Đảng (PDF) đúng thể thức, từ một tệp YAML",
		Long: `baocao soạn văn bản của tổ chức Đảng đúng thể thức (Hướng dẫn 36-HD/VPTW) từ một tệp YAML.
Mẫu đầu tiên: báo cáo kết quả đăng ký xây dựng, nhân rộng các mô hình, điển hình tiên tiến
theo Kế hoạch 46-KH/ĐUK (mau: dang-ky). Các tệp mẫu nằm trong thư mục samples/.`,
		Version:       programVersion(),
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Sprintf("không có lệnh %q", args[0])}
			}
			return c.Help()
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.Flags().BoolP("version", "v", false, "in phiên bản rồi thoát")
	root.SetVersionTemplate("baocao {{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetHelpCommand(newHelpCmd())
	root.AddCommand(newRenderCmd(stdout, stderr, nil), newValidateCmd(stdout, stderr, nil), newBatchCmd(stdout, stderr, nil), newServeCmd(stdout, nil), newTemplateCmd(stdout, nil), newImportCmd(stdout, stderr, nil))
	localize(root)
	return root
}

// newHelpCmd is "baocao help [lệnh]".
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [lệnh]",
		Short: "Trợ giúp về một lệnh",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return usageError{fmt.Sprintf("không có lệnh %q", args[0])}
			}
			return target.Help()
		},
	}
}

const usageTemplate = `Cách dùng:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [lệnh]{{end}}{{if .HasExample}}

Ví dụ:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Các lệnh:{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Tùy chọn:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Dùng "{{.CommandPath}} [lệnh] --help" để xem thêm về một lệnh.{{end}}
`

// localize puts cobra's own texts (usage, the help flag, flag errors) into Vietnamese for the
// command and all below it.
func localize(c *cobra.Command) {
	c.SetUsageTemplate(usageTemplate)
	c.DisableFlagsInUseLine = true
	c.Flags().BoolP("help", "h", false, "hiện trợ giúp này")
	c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError{translateFlagError(err.Error())}
	})
	for _, sub := range c.Commands() {
		localize(sub)
	}
}

var flagErrors = []struct {
	re *regexp.Regexp
	vi string
}{
	{regexp.MustCompile(`^unknown flag: (\S+)`), "không có tùy chọn %s"},
	{regexp.MustCompile(`^unknown shorthand flag: '(\S)'`), "không có tùy chọn -%s"},
	{regexp.MustCompile(`^flag needs an argument: '(\S)' in -\S+$`), "tùy chọn -%s cần một giá trị"},
	{regexp.MustCompile(`^flag needs an argument: (\S+)$`), "tùy chọn %s cần một giá trị"},
	{regexp.MustCompile(`^invalid argument (".*") for "(?:-\S, )?(--\S+)" flag`), "giá trị %s không hợp lệ cho tùy chọn %s"},
	{regexp.MustCompile(`^bad flag syntax: (\S+)`), "tùy chọn viết sai: %s"},
}

// translateFlagError puts pflag's usual errors into Vietnamese.
func translateFlagError(msg string) string {
	for _, f := range flagErrors {
		if m := f.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, len(m)-1)
			for i, g := range m[1:] {
				args[i] = g
			}
			return fmt.Sprintf(f.vi, args...)
		}
	}
	return "tùy chọn không hợp lệ: " + msg
}
