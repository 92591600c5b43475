package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestDecideStart covers every way the program can be started.
func TestDecideStart(t *testing.T) {
	commands := commandNames()
	for _, want := range []string{"render", "validate", "batch", "serve", "template", "help"} {
		if !slices.Contains(commands, want) {
			t.Fatalf("commandNames() = %q lacks %q", commands, want)
		}
	}
	dropped := []string{`C:\Users\Hoa\Tài liệu\bao-cao.yaml`, `D:\serve`}
	tests := []struct {
		name     string
		explorer bool
		args     []string
		want     startPlan
	}{
		{"console, no arguments", false, nil, startPlan{startCLI, nil}},
		{"console, a command", false, []string{"render", "a.yaml"}, startPlan{startCLI, []string{"render", "a.yaml"}}},
		{"console, a bare file", false, []string{"a.yaml"}, startPlan{startCLI, []string{"a.yaml"}}},
		{"explorer, no arguments", true, nil, startPlan{startForm, nil}},
		{"explorer, empty arguments", true, []string{}, startPlan{startForm, nil}},
		{"explorer, files dropped", true, dropped, startPlan{startFiles, dropped}},
		{"explorer, one file", true, []string{"bao-cao.yaml"}, startPlan{startFiles, []string{"bao-cao.yaml"}}},
		{"explorer, shortcut with a command", true, []string{"serve", "--addr", "127.0.0.1:9000"}, startPlan{startCommand, []string{"serve", "--addr", "127.0.0.1:9000"}}},
		{"explorer, shortcut with a flag", true, []string{"--version"}, startPlan{startCommand, []string{"--version"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decideStart(tc.explorer, tc.args, commands)
			if got.mode != tc.want.mode || !slices.Equal(got.args, tc.want.args) {
				t.Errorf("decideStart(%v, %q) = %+v, want %+v", tc.explorer, tc.args, got, tc.want)
			}
		})
	}
}

// fakeListener is a listener that only has an address.
type fakeListener struct{ port int }

func (l fakeListener) Accept() (net.Conn, error) { return nil, errors.New("fake") }
func (l fakeListener) Close() error              { return nil }
func (l fakeListener) Addr() net.Addr            { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: l.port} }

// fakePorts tells the ports' states: a port in free can be opened (0: any, as port 54321), one in
// running answers as baocao, any other is held by another program. It records the calls.
type fakePorts struct {
	free, running []int
	calls         []string
}

func (p *fakePorts) listen(port int) (net.Listener, error) {
	p.calls = append(p.calls, "listen "+strconv.Itoa(port))
	if !slices.Contains(p.free, port) {
		return nil, fmt.Errorf("listen tcp 127.0.0.1:%d: bind: address already in use", port)
	}
	if port == 0 {
		port = 54321
	}
	return fakeListener{port}, nil
}

func (p *fakePorts) ours(port int) bool {
	p.calls = append(p.calls, "ours "+strconv.Itoa(port))
	return slices.Contains(p.running, port)
}

// TestFindFormPort: the first free port is taken, a port held by another program is skipped, a
// baocao form already running is opened rather than a second one started.
func TestFindFormPort(t *testing.T) {
	allOthers := formPorts[:len(formPorts)-1]
	tests := []struct {
		name       string
		free, ours []int
		port       int // the listener's port
		running    int
		calls      []string
	}{
		{"first port free", []int{8080, 8081, 0}, nil, 8080, 0, []string{"listen 8080"}},
		{"our form on the first port", []int{8081, 0}, []int{8080}, 0, 8080, []string{"listen 8080", "ours 8080"}},
		{"another program on the first port", []int{8081, 0}, nil, 8081, 0, []string{"listen 8080", "ours 8080", "listen 8081"}},
		{"another program, then our form", []int{8082, 0}, []int{8081}, 0, 8081, []string{"listen 8080", "ours 8080", "listen 8081", "ours 8081"}},
		{"every usual port held by others", []int{0}, nil, 54321, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &fakePorts{free: tc.free, running: tc.ours}
			ln, running, err := findFormPort(p)
			if err != nil {
				t.Fatal(err)
			}
			if running != tc.running {
				t.Errorf("running = %d, want %d", running, tc.running)
			}
			switch {
			case tc.port == 0 && ln != nil:
				t.Errorf("a listener on %v as well as the running form", ln.Addr())
			case tc.port != 0 && (ln == nil || ln.Addr().(*net.TCPAddr).Port != tc.port):
				t.Errorf("listener %v, want port %d", ln, tc.port)
			}
			if tc.calls != nil && !slices.Equal(p.calls, tc.calls) {
				t.Errorf("calls %q, want %q", p.calls, tc.calls)
			}
		})
	}
	t.Run("no port at all", func(t *testing.T) {
		p := &fakePorts{}
		ln, running, err := findFormPort(p)
		if ln != nil || running != 0 || err == nil {
			t.Fatalf("findFormPort = %v, %d, %v; want an error", ln, running, err)
		}
		want := "không mở được cổng nào trên máy này cho biểu mẫu: listen tcp 127.0.0.1:0: bind: address already in use"
		if err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
		if len(p.calls) != 2*len(allOthers)+1 {
			t.Errorf("calls %q: every port not tried", p.calls)
		}
	})
}

// TestAnswersAsBaocao: only a JSON answer naming baocao is our form.
func TestAnswersAsBaocao(t *testing.T) {
	ours := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/thong-tin" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ung_dung":"baocao","phien_ban":"1.2.0"}`)
	}))
	defer ours.Close()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    bool
	}{
		{"another app's JSON", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, `{"ung_dung":"khac"}`) }, false},
		{"not found", http.NotFound, false},
		{"an HTML page", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "<html>baocao</html>") }, false},
		{"our JSON with an error status", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"ung_dung":"baocao"}`)
		}, false},
		{"a redirect to our form", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, ours.URL+"/api/thong-tin", http.StatusFound)
		}, false},
		{"an endless answer", func(w http.ResponseWriter, _ *http.Request) {
			io.WriteString(w, `{"x":"`+strings.Repeat("a", 2*maxInfoSize)+`","ung_dung":"baocao"}`)
		}, false},
	}
	if !answersAsBaocao(ours.URL + "/api/thong-tin") {
		t.Error("our form not recognised")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			if got := answersAsBaocao(srv.URL + "/api/thong-tin"); got != tc.want {
				t.Errorf("answersAsBaocao = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("nothing listening", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		if answersAsBaocao("http://" + addr + "/api/thong-tin") {
			t.Error("a closed port answers as baocao")
		}
	})
	t.Run("a program that never answers", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		start := time.Now()
		if answersAsBaocao("http://" + ln.Addr().String() + "/api/thong-tin") {
			t.Error("a silent port answers as baocao")
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("the probe waited %v", d)
		}
	})
}

// TestLoopbackPorts runs findFormPort on real ports: one held by a silent program, one serving a
// baocao form.
func TestLoopbackPorts(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	heldPort := held.Addr().(*net.TCPAddr).Port
	form := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `{"ung_dung":"baocao","phien_ban":"1.2.0"}`)
	}))
	defer form.Close()
	formPort := form.Listener.Addr().(*net.TCPAddr).Port
	defer func(saved []int) { formPorts = saved }(formPorts)

	formPorts = []int{heldPort, formPort, 0}
	ln, running, err := findFormPort(loopbackPorts{})
	if err != nil || ln != nil || running != formPort {
		t.Errorf("with our form on %d: findFormPort = %v, %d, %v", formPort, ln, running, err)
	}

	formPorts = []int{heldPort, 0}
	ln, running, err = findFormPort(loopbackPorts{})
	if err != nil || running != 0 || ln == nil {
		t.Fatalf("findFormPort = %v, %d, %v; want a listener", ln, running, err)
	}
	defer ln.Close()
	if a := ln.Addr().(*net.TCPAddr); !a.IP.IsLoopback() || a.Port == heldPort {
		t.Errorf("listening on %v", a)
	}
}

// launchWith runs an Explorer start of plan with the given ports and standard input.
func launchWith(ctx context.Context, plan startPlan, ports portFacts, stdin string) result {
	var stdout, stderr syncBuffer
	l := launcher{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, ports: ports}
	code := l.launch(ctx, plan)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

const pressEnter = "Nhấn Enter để đóng cửa sổ này."

// TestLaunchDroppedFiles renders files dropped on the exe next to themselves, says what was made
// and waits for Enter; a bad file or an existing output keeps its message on the screen.
func TestLaunchDroppedFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeInput(t, dir, "báo cáo chi bộ.yaml", minimalReport)
	b := writeInput(t, dir, "b.yaml", minimalReport)
	r := launchWith(context.Background(), startPlan{startFiles, []string{a, b}}, nil, "\n")
	pdfA, pdfB := filepath.Join(dir, "báo cáo chi bộ.pdf"), filepath.Join(dir, "b.pdf")
	r.check(t, exitOK, lines("đã tạo "+pdfA, "đã tạo "+pdfB, "", "Xong: tệp PDF nằm cạnh tệp YAML, cùng tên.")+pressEnter, "")
	assertPDF(t, pdfA)
	assertPDF(t, pdfB)

	// Dropped again: the PDFs are there and stay as they were.
	before := readFile(t, pdfA)
	r = launchWith(context.Background(), startPlan{startFiles, []string{a}}, nil, "")
	r.check(t, exitFailure, lines("", "Có tệp chưa tạo được (lỗi ở trên). Nếu tệp PDF đã có: xóa hoặc đổi tên tệp cũ rồi thả tệp YAML vào baocao.exe lần nữa.")+pressEnter,
		lines(pdfA+": tệp đã có; thêm --force để ghi đè", "baocao: 1 tệp không tạo được"))
	if !slices.Equal(readFile(t, pdfA), before) {
		t.Error("the existing PDF was changed")
	}

	bad := writeInput(t, dir, "sai.yaml", edit(t, minimalReport, "ngay: 2021-04-12", "ngay: 31/02/2021"))
	r = launchWith(context.Background(), startPlan{startFiles, []string{bad}}, nil, "")
	if r.code != exitInvalid || !strings.Contains(r.stderr, bad+":8: ngay:") ||
		!strings.HasSuffix(r.stdout, "\nTệp YAML có lỗi, ghi ở trên kèm số dòng: mở tệp bằng Notepad, sửa, lưu lại rồi thả tệp vào baocao.exe lần nữa.\n"+pressEnter) {
		t.Errorf("bad file: %+v", r)
	}
	assertDirHolds(t, dir, "báo cáo chi bộ.yaml", "báo cáo chi bộ.pdf", "b.yaml", "b.pdf", "sai.yaml")

	// A file name that looks like a flag is still a file.
	r = launchWith(context.Background(), startPlan{startFiles, []string{"--force"}}, nil, "")
	if r.code != exitFailure || !strings.Contains(r.stderr, "--force") {
		t.Errorf("a file named --force: %+v", r)
	}
}

// blockingReader is a standard input on which nobody presses Enter.
type blockingReader struct{ read chan struct{} }

func (b blockingReader) Read([]byte) (int, error) {
	close(b.read)
	select {}
}

// TestLaunchWaitsForEnter: the window stays until Enter is pressed.
func TestLaunchWaitsForEnter(t *testing.T) {
	read := make(chan struct{})
	done := make(chan struct{})
	l := launcher{stdin: blockingReader{read}, stdout: io.Discard, stderr: io.Discard}
	go func() {
		l.launch(context.Background(), startPlan{startCommand, []string{"--version"}})
		close(done)
	}()
	select {
	case <-read:
	case <-time.After(10 * time.Second):
		t.Fatal("Enter was not waited for")
	}
	select {
	case <-done:
		t.Fatal("the window closed without Enter")
	case <-time.After(100 * time.Millisecond):
	}
}

// TestLaunchCtrlCEndsTheWait: Ctrl-C (or closing the window) ends the wait for Enter.
func TestLaunchCtrlCEndsTheWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	read := make(chan struct{})
	done := make(chan exitCode, 1)
	l := launcher{stdin: blockingReader{read}, stdout: io.Discard, stderr: io.Discard}
	go func() { done <- l.launch(ctx, startPlan{startCommand, []string{"--version"}}) }()
	<-read
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not end the wait")
	}
}

// TestLaunchCommand: a shortcut carrying a command line runs it, then waits.
func TestLaunchCommand(t *testing.T) {
	launchWith(context.Background(), startPlan{startCommand, []string{"--version"}}, nil, "\n").
		check(t, exitOK, "baocao "+programVersion()+"\n"+pressEnter, "")
	launchWith(context.Background(), startPlan{startCommand, []string{"render"}}, nil, "").
		check(t, exitUsage, pressEnter, lines("baocao: cần ít nhất một tệp YAML", usageHint))
}

// TestLaunchFormAlreadyRunning opens the running form and closes without waiting for Enter.
func TestLaunchFormAlreadyRunning(t *testing.T) {
	r := launchWith(context.Background(), startPlan{startForm, nil}, &fakePorts{free: []int{0}, running: []int{8080}}, "")
	r.check(t, exitOK, "Biểu mẫu đã chạy sẵn ở http://127.0.0.1:8080/ (trong một cửa sổ baocao khác): mở lại trên trình duyệt.\n", "")
}

// TestLaunchFormNoPort keeps the error on the screen.
func TestLaunchFormNoPort(t *testing.T) {
	r := launchWith(context.Background(), startPlan{startForm, nil}, &fakePorts{}, "")
	r.check(t, exitFailure, "\nChưa mở được biểu mẫu (lỗi ở trên).\n"+pressEnter,
		"baocao: không mở được cổng nào trên máy này cho biểu mẫu: listen tcp 127.0.0.1:0: bind: address already in use\n")
}

// realPort gives the form a real listener on any free port, whatever port is asked for.
type realPort struct{}

func (realPort) listen(int) (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }
func (realPort) ours(int) bool                    { return false }

// TestLaunchFormServes serves the form until the window is closed (the context ends), then closes
// without waiting for Enter.
func TestLaunchFormServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout syncBuffer
	done := make(chan exitCode, 1)
	l := launcher{stdin: strings.NewReader(""), stdout: &stdout, stderr: io.Discard, ports: realPort{}}
	go func() { done <- l.launch(ctx, startPlan{startForm, nil}) }()
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		url = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(stdout.String())
	}
	if url == "" {
		t.Fatalf("no address printed: %q", stdout.String())
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %d", url, res.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		want := "baocao " + programVersion() + ": giữ cửa sổ này mở trong khi dùng biểu mẫu; đóng cửa sổ là dừng.\n" +
			"Biểu mẫu ở " + url + " — nhấn Ctrl-C để dừng.\nĐã dừng.\n"
		if code != exitOK || stdout.String() != want {
			t.Errorf("exit %d, stdout %q, want %q", code, stdout.String(), want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}

// TestStartFromConsole: outside Windows every start is a console start, the same as Main.
func TestStartFromConsole(t *testing.T) {
	if startedFromExplorer() {
		t.Skip("started from Explorer")
	}
	var stdout, stderr strings.Builder
	code := Start([]string{"--version"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK || stdout.String() != "baocao "+programVersion()+"\n" || stderr.Len() != 0 {
		t.Errorf("Start(--version) = %d, %q, %q", code, stdout.String(), stderr.String())
	}
}

// panickingPorts fails as a bug would.
type panickingPorts struct{}

func (panickingPorts) listen(int) (net.Listener, error) { panic("hỏng") }
func (panickingPorts) ours(int) bool                    { return false }

// TestLaunchPanicKeepsWindow shows a panic in Vietnamese and waits for Enter.
func TestLaunchPanicKeepsWindow(t *testing.T) {
	launchWith(context.Background(), startPlan{startForm, nil}, panickingPorts{}, "").
		check(t, exitFailure, pressEnter, "baocao: lỗi của chương trình (xin báo lại cho người làm ra nó): hỏng\n")
}

// TestUsersGuide: HUONG-DAN.txt opens right in any Notepad (UTF-8 with a BOM, CRLF line ends)
// and says which Windows it needs.
func TestUsersGuide(t *testing.T) {
	data := readFile(t, "HUONG-DAN.txt")
	text, ok := strings.CutPrefix(string(data), "\ufeff")
	if !ok {
		t.Error("no UTF-8 BOM")
	}
	if n := strings.Count(text, "\n"); n < 20 || strings.Count(text, "\r\n") != n || strings.Count(text, "\r") != n {
		t.Errorf("%d lines, not all ended by CRLF", n)
	}
	for _, want := range []string{"Windows 10 hoặc Windows 11", "bấm đúp", "baocao.exe", "giải nén", "Enter"} {
		if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
			t.Errorf("the guide does not say %q", want)
		}
	}
}
