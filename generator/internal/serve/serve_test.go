package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// patience bounds every wait for something the server does in the background. It is generous:
// the tests assert that things happen, not how fast.
const patience = 10 * time.Second

// logBuffer is a Log that tests can wait on.
type logBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newLogBuffer() *logBuffer { return &logBuffer{changed: make(chan struct{}, 1)} }

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case l.changed <- struct{}{}:
	default:
	}
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitFor waits until the log holds want n times.
func (l *logBuffer) waitFor(t *testing.T, want string, n int) {
	t.Helper()
	deadline := time.After(patience)
	for strings.Count(l.String(), want) < n {
		select {
		case <-l.changed:
		case <-deadline:
			t.Fatalf("log never held %q %d times:\n%s", want, n, l.String())
		}
	}
}

// source is a site's source for copyBuild: content/ and hugo.toml.
func newSource(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	writeFiles(t, src, map[string]string{
		"content/index.html": "<!doctype html><body><h1>Versjon 1</h1></body>",
		"content/404.html":   page404,
		"hugo.toml":          `title = "Samvirke"`,
	})
	return src
}

// copyBuild is a Build that copies src/content into a fresh directory under builds, and fails
// while src holds a file named "broken".
func copyBuild(src, builds string) func() (string, error) {
	return func() (string, error) {
		if _, err := os.Stat(filepath.Join(src, "broken")); err == nil {
			return "", errors.New("layouts/_default/single.html:3: unexpected {{end}}")
		}
		dir, err := os.MkdirTemp(builds, "build-")
		if err != nil {
			return "", err
		}
		if err := os.CopyFS(dir, os.DirFS(filepath.Join(src, "content"))); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		return dir, nil
	}
}

type running struct {
	url  string
	log  *logBuffer
	stop func() error // cancels Run's context and returns what Run returned
}

// start runs Run on a free port of 127.0.0.1 until the test ends or stop is called.
func start(t *testing.T, o Options) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o.Listener = ln
	log := newLogBuffer()
	o.Log = log
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, o) }()

	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(patience):
				runErr = errors.New("Run did not return after its context was cancelled")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	})
	log.waitFor(t, "Serving on", 1)
	return &running{url: "http://" + ln.Addr().String(), log: log, stop: stop}
}

type event struct{ name, data string }

// events is an open /_samvirke/events stream.
type events struct {
	c    chan event
	done chan struct{} // closed when the stream ends
}

func openEvents(t *testing.T, url string) *events {
	t.Helper()
	resp, err := http.Get(url + "/_samvirke/events")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET /_samvirke/events: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	e := &events{c: make(chan event, 16), done: make(chan struct{})}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(e.done)
		var ev event
		scan := bufio.NewScanner(resp.Body)
		for scan.Scan() {
			line := scan.Text()
			switch {
			case line == "":
				if ev.name != "" {
					e.c <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return e
}

func (e *events) next(t *testing.T) event {
	t.Helper()
	select {
	case ev := <-e.c:
		return ev
	case <-e.done:
		t.Fatal("the event stream ended")
	case <-time.After(patience):
		t.Fatal("no event")
	}
	return event{}
}

// builds lists the build directories under dir.
func builds(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestRunLogsWhereItServes(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{Build: copyBuild(src, out)})
	if want := fmt.Sprintf("Serving on %s/ (Ctrl+C stops)\n", r.url); !strings.Contains(r.log.String(), want) {
		t.Errorf("log %q lacks %q", r.log.String(), want)
	}
	if !strings.Contains(r.log.String(), "Built in ") {
		t.Errorf("log %q lacks the build time", r.log.String())
	}
	if got := get(t, r.url+"/"); !strings.Contains(got.body, "Versjon 1") {
		t.Errorf("GET /: %d %q", got.status, got.body)
	}
}

func TestRunRebuildsAndReloads(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{
		Build:      copyBuild(src, out),
		Watch:      []string{filepath.Join(src, "content"), filepath.Join(src, "layouts"), filepath.Join(src, "hugo.toml")},
		LiveReload: true,
	})
	first := builds(t, out)

	ev := openEvents(t, r.url)
	hello := ev.next(t)
	if hello.name != "hello" || hello.data == "" {
		t.Fatalf("first event %+v, want hello with the build id", hello)
	}

	writeFiles(t, src, map[string]string{"content/index.html": "<!doctype html><body><h1>Versjon 2</h1></body>"})
	if reload := ev.next(t); reload.name != "reload" || reload.data == hello.data {
		t.Fatalf("event %+v after a change, want reload with a new build id", reload)
	}
	if got := get(t, r.url+"/"); !strings.Contains(got.body, "Versjon 2") || !strings.Contains(got.body, liveReloadTag) {
		t.Errorf("GET / after the rebuild: %q", got.body)
	}
	if now := builds(t, out); len(now) != 1 || now[0] == first[0] {
		t.Errorf("build directories %v after a rebuild from %v, want only the new one", now, first)
	}
	r.log.waitFor(t, "Rebuilt in ", 1)

	// A directory that appears is watched too.
	if err := os.Mkdir(filepath.Join(src, "content", "ny"), 0o755); err != nil {
		t.Fatal(err)
	}
	if e := ev.next(t); e.name != "reload" {
		t.Fatalf("event %+v after a new directory", e)
	}
	writeFiles(t, src, map[string]string{"content/ny/index.html": "<h1>Ny side</h1>"})
	if e := ev.next(t); e.name != "reload" {
		t.Fatalf("event %+v after a file in the new directory", e)
	}
	if got := get(t, r.url+"/ny/"); !strings.Contains(got.body, "Ny side") {
		t.Errorf("GET /ny/: %d %q", got.status, got.body)
	}

	// The config file is watched through its directory, so a save by rename counts.
	tmp := filepath.Join(src, "hugo.toml.tmp")
	writeFiles(t, src, map[string]string{"hugo.toml.tmp": `title = "Samvirke 2"`})
	if err := os.Rename(tmp, filepath.Join(src, "hugo.toml")); err != nil {
		t.Fatal(err)
	}
	if e := ev.next(t); e.name != "reload" {
		t.Fatalf("event %+v after hugo.toml changed", e)
	}
}

func TestRunKeepsTheLastGoodBuild(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{Build: copyBuild(src, out), Watch: []string{src}, LiveReload: true})
	ev := openEvents(t, r.url)
	ev.next(t) // hello

	writeFiles(t, src, map[string]string{
		"content/index.html": "<!doctype html><body><h1>Versjon 2</h1></body>",
		"broken":             "",
	})
	r.log.waitFor(t, "Rebuild failed", 1)
	if !strings.Contains(r.log.String(), "single.html:3: unexpected {{end}}") {
		t.Errorf("log %q lacks the build error", r.log.String())
	}
	if got := get(t, r.url+"/"); got.status != http.StatusOK || !strings.Contains(got.body, "Versjon 1") {
		t.Errorf("GET / after a failed rebuild: %d %q, want the last good build", got.status, got.body)
	}

	if err := os.Remove(filepath.Join(src, "broken")); err != nil {
		t.Fatal(err)
	}
	// The failed rebuild sent nothing: the first event is the reload of the repaired build.
	if e := ev.next(t); e.name != "reload" {
		t.Fatalf("event %+v after the repair", e)
	}
	if got := get(t, r.url+"/"); !strings.Contains(got.body, "Versjon 2") {
		t.Errorf("GET / after the repair: %q", got.body)
	}
}

func TestRunStopsGracefully(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{Build: copyBuild(src, out), Watch: []string{src}, LiveReload: true, Cleanup: true})
	ev := openEvents(t, r.url) // an open stream must not hold up the shutdown
	ev.next(t)

	stopped := make(chan error, 1)
	go func() { stopped <- r.stop() }()
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Run did not return within a second of its context being cancelled")
	}
	select {
	case <-ev.done:
	case <-time.After(patience):
		t.Error("the event stream is still open")
	}
	if left := builds(t, out); len(left) != 0 {
		t.Errorf("Cleanup left %v", left)
	}
	if _, err := http.Get(r.url + "/"); err == nil {
		t.Error("the server still answers")
	}
}

func TestRunWithoutCleanupKeepsTheBuild(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{Build: copyBuild(src, out)})
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if left := builds(t, out); len(left) != 1 {
		t.Errorf("build directories %v, want the last build", left)
	}
}

func TestRunFailsWhenTheFirstBuildFails(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = Run(ctx, Options{Listener: ln, Build: func() (string, error) { return "", errors.New("no hugo.toml") }})
	if err == nil || !strings.Contains(err.Error(), "no hugo.toml") {
		t.Errorf("Run = %v, want the build error", err)
	}
}

func TestRunFailsWhenThePortIsTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	built := false
	err = Run(context.Background(), Options{Port: port, Build: func() (string, error) { built = true; return t.TempDir(), nil }})
	if err == nil {
		t.Error("Run succeeded on a port in use")
	}
	if built {
		t.Error("Run built the site before finding the port taken")
	}
}

// closedWithin reads from conn until the server closes it; it fails when that takes longer than
// patience.
func closedWithin(t *testing.T, conn net.Conn, r *bufio.Reader, what string) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(patience))
	for {
		if _, err := r.ReadByte(); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Fatalf("%s: the server kept the connection open", what)
			}
			return // closed
		}
	}
}

// TestRunTimesOutSlowClients: a request whose body never comes and an idle keep-alive connection
// are closed by the server after its read and idle timeouts.
func TestRunTimesOutSlowClients(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{Build: copyBuild(src, out), ReadTimeout: 300 * time.Millisecond, IdleTimeout: 300 * time.Millisecond})
	addr := strings.TrimPrefix(r.url, "http://")

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nbare litt")
	closedWithin(t, conn, bufio.NewReader(conn), "a body that never comes")

	conn2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn2.Close()
	fmt.Fprint(conn2, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(conn2)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %s", resp.Status)
	}
	closedWithin(t, conn2, br, "an idle keep-alive connection")
}

// TestLiveReloadOutlivesTheReadTimeout: the event stream is not cut by the server's timeouts.
func TestLiveReloadOutlivesTheReadTimeout(t *testing.T) {
	src, out := newSource(t), t.TempDir()
	r := start(t, Options{Build: copyBuild(src, out), Watch: []string{filepath.Join(src, "content")}, LiveReload: true,
		ReadTimeout: 200 * time.Millisecond, IdleTimeout: 200 * time.Millisecond})
	ev := openEvents(t, r.url)
	ev.next(t) // hello
	time.Sleep(time.Second)
	writeFiles(t, src, map[string]string{"content/index.html": "<!doctype html><body><h1>Versjon 2</h1></body>"})
	if e := ev.next(t); e.name != "reload" {
		t.Fatalf("event %+v after a change", e)
	}
}
