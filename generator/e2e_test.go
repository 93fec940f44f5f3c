package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary builds the real samvirke command once for the end-to-end tests.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "samvirke")
	// The version is stamped as make release and make build do it.
	out, err := exec.Command("go", "build", "-ldflags", "-X main.version=v0.0.0-e2e", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func runCmd(t *testing.T, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestEndToEnd(t *testing.T) {
	bin := binary(t)
	site := filepath.Join("internal", "build", "testdata", "site")

	t.Run("usage and version", func(t *testing.T) {
		if _, _, code := runCmd(t, bin); code != 2 {
			t.Errorf("no command: exit %d, want 2", code)
		}
		if _, _, code := runCmd(t, bin, "frobnicate"); code != 2 {
			t.Errorf("unknown command: exit %d, want 2", code)
		}
		if _, _, code := runCmd(t, bin, "build", "--nope"); code != 2 {
			t.Errorf("unknown flag: exit %d, want 2", code)
		}
		if out, _, code := runCmd(t, bin, "version"); code != 0 || out != "samvirke v0.0.0-e2e\n" {
			t.Errorf("version: %q exit %d", out, code)
		}
	})

	t.Run("build and check", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		out, errOut, code := runCmd(t, bin, "build", "--source", site, "--dest", dest, "--baseURL", "https://kommune.example/")
		if code != 0 || !strings.Contains(out, "built 5 pages") {
			t.Fatalf("build: exit %d\n%s\n%s", code, out, errOut)
		}
		page, _ := os.ReadFile(filepath.Join(dest, "guide", "trinn-a", "index.html"))
		if strings.Contains(string(page), "livereload") {
			t.Error("live-reload script written by build")
		}
		sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
		if !strings.Contains(string(sitemap), "<loc>https://kommune.example/guide/trinn-a/</loc>") {
			t.Errorf("--baseURL not used in sitemap:\n%s", sitemap)
		}
		if out, _, code := runCmd(t, bin, "check", "--source", site); code != 0 || !strings.Contains(out, "no errors") {
			t.Errorf("check: exit %d %s", code, out)
		}
		broken := t.TempDir()
		os.CopyFS(broken, os.DirFS(site))
		os.WriteFile(filepath.Join(broken, "content", "a.md"), []byte("---\ntitle: [\n---\n"), 0o644)
		os.WriteFile(filepath.Join(broken, "content", "b.md"), []byte("---\ntitle: B\n---\n{{< ukjent >}}\n"), 0o644)
		_, errOut, code = runCmd(t, bin, "check", "--source", broken)
		if code != 1 || !strings.Contains(errOut, "content/a.md:2:8: malformed front matter") || !strings.Contains(errOut, "content/b.md:4:1: unknown shortcode \"ukjent\"") {
			t.Errorf("check on broken site: exit %d\n%s", code, errOut)
		}
		if _, err := os.Stat(filepath.Join(broken, "public")); err == nil {
			t.Error("check wrote public/")
		}
	})

	t.Run("serve", func(t *testing.T) {
		src := t.TempDir()
		os.CopyFS(src, os.DirFS(site))
		port := freePort(t)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "serve", "--source", src, "--port", fmt.Sprint(port))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("http://127.0.0.1:%d", port)
		deadline := time.Now().Add(20 * time.Second)
		for {
			if resp, err := http.Get(base + "/"); err == nil {
				resp.Body.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("server did not come up:\n%s", out.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
		resp, body := get(t, base+"/guide/trinn-a/")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); csp == "" || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("CSP = %q", csp)
		}
		for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy"} {
			if resp.Header.Get(h) == "" {
				t.Errorf("missing %s", h)
			}
		}
		if resp.Header.Get("Set-Cookie") != "" {
			t.Error("serve set a cookie")
		}
		if !strings.Contains(body, "/_samvirke/livereload.js") {
			t.Error("no live-reload script in serve mode")
		}
		var jsURL string
		if i := strings.Index(body, `src="/js/`); i >= 0 {
			jsURL = body[i+5 : i+5+strings.Index(body[i+5:], `"`)]
		}
		resp, _ = get(t, base+jsURL)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("hashed asset %s: %d %q %q", jsURL, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
		if resp, _ := get(t, base+"/finnes/ikke/"); resp.StatusCode != 404 {
			t.Errorf("missing page: %d", resp.StatusCode)
		}
		// An edit is rebuilt and served.
		os.WriteFile(filepath.Join(src, "content", "guide", "trinn-a.md"), []byte("---\ntitle: Endret tittel\nweight: 1\n---\nNytt innhold.\n"), 0o644)
		deadline = time.Now().Add(20 * time.Second)
		for {
			if _, body := get(t, base+"/guide/trinn-a/"); strings.Contains(body, "Endret tittel") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("edit not rebuilt:\n%s", out.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve exit after SIGTERM: %v\n%s", err, out.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not shut down on SIGTERM")
		}
	})

	t.Run("search command reloads a rebuilt index on SIGHUP", func(t *testing.T) {
		src := t.TempDir()
		os.CopyFS(src, os.DirFS(site))
		root := t.TempDir()
		dest := filepath.Join(root, "public")
		if out, errOut, code := runCmd(t, bin, "build", "--source", src, "--dest", dest); code != 0 {
			t.Fatalf("build: %s %s", out, errOut)
		}
		port := freePort(t)
		cmd := exec.Command(bin, "search", "--index", filepath.Join(root, "search.bleve"), "--port", fmt.Sprint(port))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		api := fmt.Sprintf("http://127.0.0.1:%d/api/search?q=", port)
		waitFor := func(q, want string) {
			t.Helper()
			deadline := time.Now().Add(20 * time.Second)
			for {
				if resp, err := http.Get(api + q); err == nil {
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if strings.Contains(string(b), want) {
						return
					}
				}
				if time.Now().After(deadline) {
					t.Fatalf("search for %q never returned %q:\n%s", q, want, out.String())
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		waitFor("veiledning", `"total":`)
		resp, body := get(t, api+"%ff")
		if resp.StatusCode != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("invalid UTF-8: %d %s", resp.StatusCode, body)
		}
		os.WriteFile(filepath.Join(src, "content", "ny.md"), []byte("---\ntitle: Kvitteringsrutine\n---\nEn helt ny side om kvitteringsrutiner.\n"), 0o644)
		if out, errOut, code := runCmd(t, bin, "build", "--source", src, "--dest", dest); code != 0 {
			t.Fatalf("rebuild: %s %s", out, errOut)
		}
		cmd.Process.Signal(syscall.SIGHUP)
		waitFor("kvitteringsrutine", "/ny/")
		if strings.Contains(out.String(), "kvittering") || strings.Contains(out.String(), "veiledning") {
			t.Errorf("search logged a query:\n%s", out.String())
		}
		cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("search exit after SIGTERM: %v", err)
		}
	})
}
