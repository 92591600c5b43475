package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// Start runs the program as the process was started. From a console it is Main. Started from
// Windows Explorer (a double-click, a shortcut, files dropped on the exe), it serves the form and
// opens the browser, or renders the dropped files, and keeps its console window open until the
// user has read what happened.
func Start(args []string, stdin io.Reader, stdout, stderr io.Writer) exitCode {
	// cobra's own answer to an Explorer start, an English "this is a command line tool" and exit,
	// is replaced by ours.
	cobra.MousetrapHelpText = ""
	plan := decideStart(startedFromExplorer(), args, commandNames())
	if plan.mode == startCLI {
		return Main(args, stdout, stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	l := launcher{stdin: stdin, stdout: stdout, stderr: stderr, ports: loopbackPorts{}, browser: true, linger: 4 * time.Second}
	return l.launch(ctx, plan)
}

// startMode is what a start does.
type startMode int

// The starts: from a console; from Explorer with nothing, with files, or with a command line (a
// shortcut whose target carries one).
const (
	startCLI startMode = iota
	startForm
	startFiles
	startCommand
)

// startPlan is the decision made at start-up.
type startPlan struct {
	mode startMode
	args []string // the files to render, or the command line
}

// decideStart chooses what to do from how the process was started and its arguments. commands
// are the names of the program's commands: an Explorer start whose first argument is one (or a
// flag) runs that command line; any other arguments are files dropped on the exe.
func decideStart(fromExplorer bool, args []string, commands []string) startPlan {
	switch {
	case !fromExplorer:
		return startPlan{mode: startCLI, args: args}
	case len(args) == 0:
		return startPlan{mode: startForm}
	case strings.HasPrefix(args[0], "-") || slices.Contains(commands, args[0]):
		return startPlan{mode: startCommand, args: args}
	}
	return startPlan{mode: startFiles, args: args}
}

// commandNames are the names of the program's commands.
func commandNames() []string {
	root := newRootCmd(io.Discard, io.Discard)
	root.InitDefaultHelpCmd()
	var names []string
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	return names
}

// formPorts are the ports of 127.0.0.1 the form tries, in order, when started from Explorer; 0,
// last, is any free port the system gives.
var formPorts = []int{8080, 8081, 8082, 8083, 8084, 8085, 8086, 8087, 8088, 8089, 0}

// portFacts are what the form's start learns about a port of 127.0.0.1.
type portFacts interface {
	// listen opens the port for the form; it fails when something else holds the port.
	listen(port int) (net.Listener, error)
	// ours tells whether a baocao form already answers on the port.
	ours(port int) bool
}

// findFormPort decides where the form serves: on the first of formPorts that is free, unless a
// baocao form already answers on a port before it, whose number is then returned to open in the
// browser instead. Ports held by other programs are skipped.
func findFormPort(p portFacts) (ln net.Listener, running int, err error) {
	for _, port := range formPorts {
		ln, err = p.listen(port)
		if err == nil {
			return ln, 0, nil
		}
		if port != 0 && p.ours(port) {
			return nil, port, nil
		}
	}
	return nil, 0, fmt.Errorf("không mở được cổng nào trên máy này cho biểu mẫu: %v", err)
}

// loopbackPorts are the real ports of 127.0.0.1.
type loopbackPorts struct{}

func (loopbackPorts) listen(port int) (net.Listener, error) {
	return net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
}

func (loopbackPorts) ours(port int) bool { return answersAsBaocao(formURL(port) + "api/thong-tin") }

// maxInfoSize bounds the answer read from /api/thong-tin: ours is a few dozen bytes.
const maxInfoSize = 64 << 10

// answersAsBaocao tells whether url answers with the JSON of a baocao form's /api/thong-tin:
// {"ung_dung":"baocao", …}. Anything else, or no answer within two seconds, is not ours.
func answersAsBaocao(url string) bool {
	client := &http.Client{
		Timeout:   2 * time.Second,
		Transport: &http.Transport{Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	res, err := client.Get(url)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	var info struct {
		App string `json:"ung_dung"`
	}
	if res.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(res.Body, maxInfoSize)).Decode(&info) != nil {
		return false
	}
	return info.App == "baocao"
}

// formURL is the form's address on a port of 127.0.0.1.
func formURL(port int) string { return "http://127.0.0.1:" + strconv.Itoa(port) + "/" }

// listen opens where "baocao serve" listens: the listener the Explorer start chose, else the
// --addr.
func listen(opts *serveOptions) (net.Listener, error) {
	if opts.Listener != nil {
		return opts.Listener, nil
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("không mở được %s (cổng đã có chương trình khác dùng?): %v", opts.Addr, err)
	}
	return ln, nil
}

// launcher carries out an Explorer start.
type launcher struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	ports          portFacts
	browser        bool          // open the form in the browser
	linger         time.Duration // how long the window stays after opening a form already running
}

// launch carries out plan and keeps the window open until Enter is pressed, except after a form
// that served and was stopped, or one that was already running. A panic too is shown, not lost
// with the window.
func (l launcher) launch(ctx context.Context, plan startPlan) (code exitCode) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(l.stderr, "baocao: lỗi của chương trình (xin báo lại cho người làm ra nó): %v\n", p)
			l.waitForEnter(ctx)
			code = exitFailure
		}
	}()
	switch plan.mode {
	case startForm:
		code = l.form(ctx)
		if code == exitOK {
			return code
		}
		fmt.Fprintln(l.stdout, "\nChưa mở được biểu mẫu (lỗi ở trên).")
	case startFiles:
		code = run(ctx, append([]string{"render", "--"}, plan.args...), l.stdout, l.stderr)
		switch code {
		case exitOK:
			fmt.Fprintln(l.stdout, "\nXong: tệp PDF nằm cạnh tệp YAML, cùng tên.")
		case exitInvalid:
			fmt.Fprintln(l.stdout, "\nTệp YAML có lỗi, ghi ở trên kèm số dòng: mở tệp bằng Notepad, sửa, lưu lại rồi thả tệp vào baocao.exe lần nữa.")
		default:
			fmt.Fprintln(l.stdout, "\nCó tệp chưa tạo được (lỗi ở trên). Nếu tệp PDF đã có: xóa hoặc đổi tên tệp cũ rồi thả tệp YAML vào baocao.exe lần nữa.")
		}
	default:
		code = run(ctx, plan.args, l.stdout, l.stderr)
	}
	l.waitForEnter(ctx)
	return code
}

// waitForEnter keeps the window open until Enter is pressed, or Ctrl-C, or the window is closed.
func (l launcher) waitForEnter(ctx context.Context) {
	fmt.Fprint(l.stdout, "Nhấn Enter để đóng cửa sổ này.")
	read := make(chan struct{})
	go func() {
		bufio.NewReader(l.stdin).ReadString('\n')
		close(read)
	}()
	select {
	case <-read:
	case <-ctx.Done():
	}
}

// form serves the form on a free port of 127.0.0.1 and opens it, or opens the one already running.
func (l launcher) form(ctx context.Context) exitCode {
	ln, running, err := findFormPort(l.ports)
	if err != nil {
		fmt.Fprintln(l.stderr, "baocao:", err)
		return exitFailure
	}
	if running != 0 {
		url := formURL(running)
		fmt.Fprintf(l.stdout, "Biểu mẫu đã chạy sẵn ở %s (trong một cửa sổ baocao khác): mở lại trên trình duyệt.\n", url)
		if l.browser {
			openBrowser(url)
		}
		select {
		case <-time.After(l.linger):
		case <-ctx.Done():
		}
		return exitOK
	}
	fmt.Fprintln(l.stdout, "baocao "+programVersion()+": giữ cửa sổ này mở trong khi dùng biểu mẫu; đóng cửa sổ là dừng.")
	opts := &serveOptions{Addr: ln.Addr().String(), Open: l.browser, Listener: ln, Stdout: l.stdout, Context: ctx}
	if err := runServe(opts); err != nil {
		fmt.Fprintln(l.stderr, "baocao:", err)
		return exitFailure
	}
	return exitOK
}
