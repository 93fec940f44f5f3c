package searchtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"samvirke/generator/internal/contenttest"
	"samvirke/internal/browser"
	"samvirke/internal/headers"
)

// TestNginx is the deployment of README's "Deploying": the bundled portal built into a temporary
// directory, the real `samvirke search` command on a loopback port, and Debian's nginx running
// deploy/nginx.conf (the lines marked "test:" replaced) as the current user, on another loopback
// port. Everything is queried through nginx. Without nginx the test is skipped, unless CI is set.
func TestNginx(t *testing.T) {
	nginx, err := nginxPath()
	browser.Require(t, err)

	dir := portal(t)
	bin := samvirkeBinary(t)
	searchPort := freePort(t)
	search := startSearch(t, bin, filepath.Join(dir, "search.bleve"), searchPort)

	tmp := t.TempDir()
	port := freePort(t)
	conf := nginxConfig(t, tmp, filepath.Join(dir, "public"), port, searchPort)
	startNginx(t, nginx, tmp, conf)
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	waitFor(t, base+"/", "nginx", nil)

	t.Run("home", func(t *testing.T) {
		resp, body := fetch(t, "GET", base+"/")
		expect(t, resp, http.StatusOK, "text/html", "no-cache")
		if !strings.Contains(body, "data-search-box") {
			t.Error("/ has no search box")
		}
	})

	t.Run("api", func(t *testing.T) {
		resp, body := fetch(t, "GET", base+"/api/search?q=stafettlogg")
		expect(t, resp, http.StatusOK, "application/json", "no-store")
		var r struct {
			Total uint64
			Hits  []struct{ URL string }
		}
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("/api/search: %v\n%s", err, body)
		}
		if r.Total == 0 || len(r.Hits) == 0 {
			t.Fatalf("/api/search?q=stafettlogg: no hits: %s", body)
		}
		found := false
		for _, h := range r.Hits {
			found = found || h.URL == "/begreper/stafettlogg/"
		}
		if !found {
			t.Errorf("/api/search?q=stafettlogg: /begreper/stafettlogg/ is not among the hits: %s", body)
		}
	})

	t.Run("server-rendered page", func(t *testing.T) {
		resp, body := fetch(t, "GET", base+"/sok/?q=barnekoordinator")
		expect(t, resp, http.StatusOK, "text/html", "no-store")
		for _, want := range []string{`class="sok-resultat"`, `value="barnekoordinator" data-samvirke-query`, `href="/begreper/barnekoordinator/"`} {
			if !strings.Contains(body, want) {
				t.Errorf("/sok/?q=barnekoordinator lacks %s", want)
			}
		}
		if strings.Contains(body, "<!--samvirke:results-->") {
			t.Error("/sok/?q=barnekoordinator still has the results marker")
		}
		// Without a query it is the built page.
		resp, body = fetch(t, "GET", base+"/sok/")
		expect(t, resp, http.StatusOK, "text/html", "no-store")
		if !strings.Contains(body, "<!--samvirke:results-->") {
			t.Error("/sok/ is not the built search page")
		}
		resp, _ = fetch(t, "HEAD", base+"/sok/?q=barnekoordinator")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("HEAD /sok/: status %d", resp.StatusCode)
		}
		resp, _ = fetch(t, "POST", base+"/api/search?q=x")
		if resp.StatusCode < 400 {
			t.Errorf("POST /api/search: status %d, want an error", resp.StatusCode)
		}
	})

	t.Run("health", func(t *testing.T) {
		resp, body := fetch(t, "GET", base+"/api/health")
		expect(t, resp, http.StatusOK, "application/json", "no-store")
		var h struct {
			Status    string `json:"status"`
			Documents int    `json:"documents"`
		}
		if err := json.Unmarshal([]byte(body), &h); err != nil || h.Status != "ok" || h.Documents < 20 {
			t.Errorf("/api/health: %v %s", err, body)
		}
	})

	t.Run("hashed asset", func(t *testing.T) {
		_, home := fetch(t, "GET", base+"/")
		for _, re := range []string{`src="(/js/main\.[0-9a-f]{8,}\.js)"`, `href="(/css/site\.min\.[0-9a-f]{8,}\.css)"`} {
			m := regexp.MustCompile(re).FindStringSubmatch(home)
			if m == nil {
				t.Fatalf("/ links no asset matching %s", re)
			}
			resp, _ := fetch(t, "GET", base+m[1])
			expect(t, resp, http.StatusOK, "", "public, max-age=31536000, immutable")
		}
	})

	t.Run("fallback and 404", func(t *testing.T) {
		resp, body := fetch(t, "GET", base+"/search-fallback.json")
		expect(t, resp, http.StatusOK, "application/json", "no-cache")
		if !json.Valid([]byte(body)) {
			t.Error("/search-fallback.json is not JSON")
		}
		resp, body = fetch(t, "GET", base+"/finnes-ikke/")
		expect(t, resp, http.StatusNotFound, "text/html", "no-cache")
		if !strings.Contains(body, "data-search-box") {
			t.Error("a missing page does not get the portal's 404.html")
		}
	})

	// samvirke search stops: the endpoint answers 503 (the page's script then uses the fallback)
	// and /sok/ is the static page.
	t.Run("search down", func(t *testing.T) {
		search.stop(t)
		resp, body := fetch(t, "GET", base+"/api/search?q=stafettlogg")
		expect(t, resp, http.StatusServiceUnavailable, "application/json", "no-store")
		if !json.Valid([]byte(body)) || !strings.Contains(body, `"error"`) {
			t.Errorf("/api/search while down: %s", body)
		}
		resp, body = fetch(t, "GET", base+"/sok/?q=barnekoordinator")
		expect(t, resp, http.StatusOK, "text/html", "no-store")
		if !strings.Contains(body, `value="" data-samvirke-query`) {
			t.Error("/sok/ while down is not the static search page")
		}
	})

	// No log holds a query.
	t.Run("logs", func(t *testing.T) {
		access, err := os.ReadFile(filepath.Join(tmp, "access.log"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(access), "GET /api/search") {
			t.Errorf("the access log has no search requests:\n%s", access)
		}
		for _, name := range []string{"access.log", "error.log", "server-error.log"} {
			b, _ := os.ReadFile(filepath.Join(tmp, name))
			for _, q := range []string{"stafettlogg", "barnekoordinator", "q="} {
				if strings.Contains(string(b), q) {
					t.Errorf("%s holds the query %q:\n%s", name, q, b)
				}
			}
		}
		out := search.output()
		for _, q := range []string{"stafettlogg", "barnekoordinator"} {
			if strings.Contains(out, q) {
				t.Errorf("samvirke search printed the query %q:\n%s", q, out)
			}
		}
	})
}

// nginxPath finds nginx on PATH or in /usr/sbin (not on every user's PATH).
func nginxPath() (string, error) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, nil
	}
	if st, err := os.Stat("/usr/sbin/nginx"); err == nil && !st.IsDir() {
		return "/usr/sbin/nginx", nil
	}
	return "", errors.New("nginx not found: install Debian's nginx-light (scripts/install-test-deps.sh)")
}

// samvirkeBinary builds the samvirke command into the test's directory.
func samvirkeBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "samvirke")
	cmd := exec.Command("go", "build", "-o", bin, "./generator")
	cmd.Dir = contenttest.RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// process is a command the test started; it is stopped when the test ends.
type process struct {
	cmd    *exec.Cmd
	out    *lockedBuffer
	done   chan struct{}
	waited error
}

func start(t *testing.T, cmd *exec.Cmd) *process {
	t.Helper()
	p := &process{cmd: cmd, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	go func() {
		p.waited = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() { p.stop(t) })
	return p
}

// stop ends the process gracefully (SIGQUIT for nginx, SIGTERM otherwise), or kills it after 10s.
func (p *process) stop(t *testing.T) {
	select {
	case <-p.done:
		return
	default:
	}
	sig := syscall.SIGTERM
	if filepath.Base(p.cmd.Path) == "nginx" {
		sig = syscall.SIGQUIT
	}
	p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		t.Errorf("%s did not stop on %v; killed", p.cmd.Path, sig)
		p.cmd.Process.Kill()
		<-p.done
	}
}

func (p *process) output() string { return p.out.String() }

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func startSearch(t *testing.T, bin, index string, port int) *process {
	t.Helper()
	p := start(t, exec.Command(bin, "search", "--index", index, "--bind", "127.0.0.1", "--port", strconv.Itoa(port)))
	waitFor(t, fmt.Sprintf("http://127.0.0.1:%d/api/search?q=samarbeid", port), "samvirke search", p)
	return p
}

// nginxConfig writes a main configuration into dir that runs deploy/nginx.conf with the lines
// marked "test:" replaced, and returns its path.
func nginxConfig(t *testing.T, dir, public string, port, searchPort int) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(contenttest.RepoRoot(t), "deploy", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	// Each rule handles the marked lines that start with its directive; every rule must be used,
	// so the test notices when the file changes under it.
	rules := []struct {
		prefix string
		with   string // "" removes the line
	}{
		{"server 127.0.0.1:", fmt.Sprintf("server 127.0.0.1:%d;", searchPort)},
		{"listen 443 ", fmt.Sprintf("listen 127.0.0.1:%d;", port)},
		{"listen [::]:443 ", ""},
		{"ssl_certificate ", ""},
		{"ssl_certificate_key ", ""},
		{"root ", "root " + public + ";"},
		{"access_log ", "access_log " + filepath.Join(dir, "access.log") + " samvirke;"},
		{"error_log /var/log/nginx/samvirke.error.log crit;", "error_log " + filepath.Join(dir, "error.log") + " crit;"},
		{"error_log ", "error_log " + filepath.Join(dir, "server-error.log") + ";"},
	}
	used := make([]bool, len(rules))
	var out []string
lines:
	for i, line := range strings.Split(string(src), "\n") {
		code, comment, marked := strings.Cut(line, "# test:")
		if !marked || strings.TrimSpace(code) == "" {
			out = append(out, line)
			continue
		}
		directive := strings.TrimSpace(code)
		for j, r := range rules {
			if strings.HasPrefix(directive, r.prefix) {
				used[j] = true
				if r.with != "" {
					indent := code[:len(code)-len(strings.TrimLeft(code, " "))]
					out = append(out, indent+r.with+"  # test:"+comment)
				}
				continue lines
			}
		}
		t.Fatalf("deploy/nginx.conf:%d: the test does not know how to replace %q", i+1, directive)
	}
	for j, r := range rules {
		if !used[j] {
			t.Fatalf("deploy/nginx.conf has no line %q marked \"test:\"", r.prefix)
		}
	}
	site := filepath.Join(dir, "samvirke.conf")
	if err := os.WriteFile(site, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	types := "include /etc/nginx/mime.types;"
	if _, err := os.Stat("/etc/nginx/mime.types"); err != nil {
		types = `types { text/html html; text/css css; text/javascript js; application/json json; application/xml xml; text/plain txt; image/svg+xml svg; }`
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // else the workers would run as nobody and could not read the build
	}
	tmpPaths := ""
	for _, p := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		tmpPaths += fmt.Sprintf("    %s_temp_path %s;\n", p, filepath.Join(dir, p))
	}
	main := fmt.Sprintf(`%s
worker_processes 1;
error_log %s;
events { worker_connections 64; }
http {
    %s
    default_type application/octet-stream;
%s    include %s;
}
`, user, filepath.Join(dir, "nginx-error.log"), types, tmpPaths, site)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

func startNginx(t *testing.T, nginx, dir, conf string) *process {
	t.Helper()
	args := []string{"-p", dir, "-c", conf, "-e", filepath.Join(dir, "nginx-error.log"),
		"-g", "daemon off; pid " + filepath.Join(dir, "nginx.pid") + ";"}
	if out, err := exec.Command(nginx, append([]string{"-t"}, args...)...).CombinedOutput(); err != nil {
		site, _ := os.ReadFile(filepath.Join(dir, "samvirke.conf"))
		t.Fatalf("nginx -t: %v\n%s\nthe configuration:\n%s", err, out, site)
	}
	return start(t, exec.Command(nginx, args...))
}

// waitFor polls url until it answers, for up to 20 seconds, or until p ends.
func waitFor(t *testing.T, url, what string, p *process) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return
		}
		if p != nil && p.exited() {
			t.Fatalf("%s ended: %v\n%s", what, p.waited, p.output())
		}
		if time.Now().After(deadline) {
			out := ""
			if p != nil {
				out = p.output()
			}
			t.Fatalf("%s does not answer %s: %v\n%s", what, url, err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fetch makes a request without following redirects and returns the response and its body.
func fetch(t *testing.T, method, url string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// expect checks the status, the content type (a prefix; "" for any), Cache-Control and the
// security headers of a response from nginx: each once, as `samvirke serve` sends them.
func expect(t *testing.T, resp *http.Response, status int, contentType, cacheControl string) {
	t.Helper()
	where := resp.Request.Method + " " + resp.Request.URL.RequestURI()
	if resp.StatusCode != status {
		t.Errorf("%s: status %d, want %d", where, resp.StatusCode, status)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, contentType) {
		t.Errorf("%s: Content-Type %q, want %s", where, ct, contentType)
	}
	for _, h := range [][2]string{
		{"Content-Security-Policy", headers.CSP},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		{"X-Frame-Options", "DENY"},
		{"Cache-Control", cacheControl},
	} {
		if got := resp.Header.Values(h[0]); len(got) != 1 || got[0] != h[1] {
			t.Errorf("%s: %s %q, want once %q", where, h[0], got, h[1])
		}
	}
	if c := resp.Header.Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("%s: sets cookies %q", where, c)
	}
}

// lockedBuffer collects a process's output.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
