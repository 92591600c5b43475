package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeRefusesOtherAddresses(t *testing.T) {
	runMain("serve", "--open=false", "--addr", "0.0.0.0:8080").check(t, exitUsage, "", lines(
		"baocao: 0.0.0.0 không phải địa chỉ của riêng máy này; thêm --allow-remote nếu muốn máy khác vào được biểu mẫu", usageHint))
	runMain("serve", "--open=false", "--addr", "8080").check(t, exitUsage, "", lines(
		`baocao: --addr "8080" phải có dạng máy:cổng, ví dụ 127.0.0.1:8080`, usageHint))
}

// TestServeUntilInterrupted starts the server on a free port, fetches the form, and stops it as
// Ctrl-C would.
func TestServeUntilInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout syncBuffer
	done := make(chan exitCode, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--open=false", "--addr", "127.0.0.1:0"}, &stdout, io.Discard)
	}()

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
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Báo cáo kết quả đăng ký") {
		t.Errorf("GET %s: %d", url, res.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK || !strings.HasSuffix(stdout.String(), "Đã dừng.\n") {
			t.Errorf("exit %d, stdout %q", code, stdout.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}

// syncBuffer is a bytes.Buffer safe to write from the server's goroutine while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServeAllowRemoteNeedsToken serves on every interface with --allow-remote: the printed address
// carries a fresh random token, a request without it is refused, and the address lets the browser in.
func TestServeAllowRemoteNeedsToken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout syncBuffer
	done := make(chan exitCode, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--open=false", "--allow-remote", "--addr", "0.0.0.0:0"}, &stdout, io.Discard)
	}()
	var m []string
	for deadline := time.Now().Add(5 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		m = regexp.MustCompile(`http://[^/ ]+:(\d+)/\?khoa=([0-9a-f]{32})`).FindStringSubmatch(stdout.String())
	}
	if m == nil {
		t.Fatalf("no address with a token printed: %q", stdout.String())
	}
	if !strings.Contains(stdout.String(), "mã truy cập") {
		t.Errorf("the output does not say the address holds an access token: %q", stdout.String())
	}
	base := "http://127.0.0.1:" + m[1] + "/"
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status := func(url string) int {
		res, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := status(base); code != http.StatusForbidden {
		t.Errorf("without the token: %d, want 403", code)
	}
	if code := status(base + "?khoa=" + m[2]); code != http.StatusSeeOther {
		t.Errorf("with the printed token: %d, want 303 (cookie set, token taken out of the address)", code)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}
