package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"baocao/cmd/baocao/web"
)

// serveOptions are the flags of "baocao serve".
type serveOptions struct {
	Addr        string
	AllowRemote bool // --allow-remote: listen on an address other machines reach
	Open        bool // --open: open the form in the browser

	Listener net.Listener // set by the Explorer start, which chose the port; nil: listen on Addr

	Stdout  io.Writer
	Context context.Context
}

// newServeCmd builds "baocao serve". runF replaces runServe in tests of the flags alone.
func newServeCmd(stdout io.Writer, runF func(*serveOptions) error) *cobra.Command {
	opts := &serveOptions{Stdout: stdout}
	c := &cobra.Command{
		Use:   "serve [tùy chọn]",
		Short: "Mở biểu mẫu trên trình duyệt để điền báo cáo, không cần sửa YAML",
		Long: `Chạy một máy chủ web nhỏ trên chính máy này và mở biểu mẫu điền báo cáo kết quả đăng ký:
xem trước, in, tải bản PDF, bản Word, lưu để làm tiếp. Mặc định chỉ máy này vào được
(127.0.0.1:8080). Biểu mẫu không mở tệp nào trên máy và từ chối yêu cầu từ trang web khác.

Với --allow-remote, máy khác trong mạng vào được, nhưng chỉ khi có mã truy cập: chương trình
tạo mã ngẫu nhiên mỗi lần chạy và in địa chỉ có mã (…/?khoa=…); ai mở địa chỉ đó thì trình
duyệt giữ mã cho các lần sau. Ai không có địa chỉ đó thì không vào được.
Nhấn Ctrl-C để dừng.`,
		Example: "  baocao serve\n  baocao serve --addr 127.0.0.1:9000\n  baocao serve --addr 0.0.0.0:8080 --allow-remote",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.Context = c.Context()
			if runF != nil {
				return runF(opts)
			}
			return runServe(opts)
		},
	}
	c.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "`DIA-CHI` nghe, dạng máy:cổng")
	c.Flags().BoolVar(&opts.AllowRemote, "allow-remote", false, "cho máy khác vào biểu mẫu (khi --addr không phải 127.0.0.1), bằng địa chỉ có mã truy cập ngẫu nhiên")
	c.Flags().BoolVar(&opts.Open, "open", true, "tự mở biểu mẫu trên trình duyệt")
	return c
}

// loopbackHosts are the names a request to a loopback server may carry.
var loopbackHosts = []string{"127.0.0.1", "localhost", "::1"}

// runServe serves the form until the context ends.
func runServe(opts *serveOptions) error {
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usageError{fmt.Sprintf("--addr %q phải có dạng máy:cổng, ví dụ 127.0.0.1:8080", opts.Addr)}
	}
	cfg := web.Options{Hosts: loopbackHosts, Version: programVersion()}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		if !opts.AllowRemote {
			return usageError{fmt.Sprintf("%s không phải địa chỉ của riêng máy này; thêm --allow-remote nếu muốn máy khác vào được biểu mẫu", host)}
		}
		cfg.Hosts = nil
		cfg.Token = accessToken()
	}
	ln, err := listen(opts)
	if err != nil {
		return err
	}
	srv := web.Server(opts.Addr, cfg)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	if cfg.Token != "" {
		url += "?khoa=" + cfg.Token
		fmt.Fprintln(opts.Stdout, "Máy khác vào được biểu mẫu, nhưng chỉ bằng địa chỉ dưới đây (có mã truy cập); đừng gửi nó cho người ngoài.")
	}
	fmt.Fprintf(opts.Stdout, "Biểu mẫu ở %s — nhấn Ctrl-C để dừng.\n", url)
	if opts.Open {
		openBrowser(url)
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	select {
	case err := <-done:
		return fmt.Errorf("máy chủ dừng: %v", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("máy chủ dừng: %v", err)
	}
	fmt.Fprintln(opts.Stdout, "Đã dừng.")
	return nil
}

// accessToken is a new random access token for a server other machines can reach.
func accessToken() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// openBrowser asks the desktop to open url; where it cannot, the printed address is enough.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
