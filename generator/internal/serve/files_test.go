package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles creates files (slash-separated name → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newTestServer serves a build directory holding files through the handler Run uses.
func newTestServer(t *testing.T, o Options, files map[string]string) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	s := newServer(o)
	if err := s.install(dir); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.handler)
	t.Cleanup(ts.Close)
	return ts
}

// noRedirects is a client that returns redirects instead of following them.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

type response struct {
	status int
	header http.Header
	body   string
}

func request(t *testing.T, method, url string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

func get(t *testing.T, url string) response { t.Helper(); return request(t, http.MethodGet, url) }

const page404 = "<!doctype html><title>Fant ikke siden</title><body><p>Fant ikke siden</p></body>"

var site = map[string]string{
	"index.html":                         "<!doctype html><title>Forside</title><body><h1>Forside</h1></body>",
	"404.html":                           page404,
	"veiledning/barnevern/index.html":    "<!doctype html><body><h1>Barnevern</h1></body>",
	"sær mappe/hva nå?/index.html":       "<!doctype html><body><h1>Hva nå</h1></body>",
	"css/main.css":                       "body{}",
	"css/main.3f9a1c2b.css":              "body{}",
	"js/main.js":                         "1",
	"js/main.3f9a1c2b.js":                "1",
	"js/short.3f9a1c2.js":                "1",
	"index.json":                         "{}",
	"img/logo.svg":                       "<svg/>",
	"sitemap.xml":                        "<urlset/>",
	"robots.txt":                         "User-agent: *",
	"img/photo.webp":                     "RIFF",
	"img/photo.png":                      "\x89PNG",
	"img/photo.jpg":                      "\xff\xd8\xff",
	"favicon.ico":                        "\x00\x00\x01\x00",
	"fonts/source-sans.woff2":            "wOF2",
	"fonts/source-sans.8c0d3e91aa.woff2": "wOF2",
	"tom/.keep":                          "",
}

func TestContentTypes(t *testing.T) {
	ts := newTestServer(t, Options{}, site)
	for path, want := range map[string]string{
		"/index.html":              "text/html; charset=utf-8",
		"/css/main.css":            "text/css; charset=utf-8",
		"/js/main.js":              "text/javascript; charset=utf-8",
		"/index.json":              "application/json",
		"/img/logo.svg":            "image/svg+xml",
		"/sitemap.xml":             "application/xml",
		"/robots.txt":              "text/plain; charset=utf-8",
		"/img/photo.webp":          "image/webp",
		"/img/photo.png":           "image/png",
		"/img/photo.jpg":           "image/jpeg",
		"/favicon.ico":             "image/x-icon",
		"/fonts/source-sans.woff2": "font/woff2",
	} {
		r := get(t, ts.URL+path)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, r.status, r.header.Get("Content-Type"), want)
		}
	}
}

func TestPrettyURLs(t *testing.T) {
	ts := newTestServer(t, Options{}, site)

	if r := get(t, ts.URL+"/"); r.status != http.StatusOK || !strings.Contains(r.body, "<h1>Forside</h1>") {
		t.Errorf("GET /: %d %q", r.status, r.body)
	}
	r := get(t, ts.URL+"/veiledning/barnevern/")
	if r.status != http.StatusOK || !strings.Contains(r.body, "<h1>Barnevern</h1>") {
		t.Errorf("GET /veiledning/barnevern/: %d %q", r.status, r.body)
	}
	if got := r.header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("GET /veiledning/barnevern/: Content-Type %q", got)
	}

	for path, want := range map[string]string{
		"/veiledning/barnevern":              "/veiledning/barnevern/",
		"/veiledning":                        "/veiledning/",
		"/veiledning/barnevern?a=1b":         "/veiledning/barnevern/?a=1b",
		"/s%C3%A6r%20mappe/hva%20n%C3%A5%3F": "/s%C3%A6r%20mappe/hva%20n%C3%A5%3F/", // a ? in the name stays part of the path
	} {
		r := get(t, ts.URL+path)
		if r.status != http.StatusMovedPermanently || r.header.Get("Location") != want {
			t.Errorf("GET %s: %d Location %q, want 301 %q", path, r.status, r.header.Get("Location"), want)
		}
	}
}

func TestNotFound(t *testing.T) {
	ts := newTestServer(t, Options{}, site)
	for _, path := range []string{
		"/finnes-ikke",
		"/finnes/ikke/",
		"/veiledning/", // a directory without index.html is not listed
		"/tom/",
		"/css/main.css/", // a file asked for as a directory
	} {
		r := get(t, ts.URL+path)
		if r.status != http.StatusNotFound || r.body != page404 {
			t.Errorf("GET %s: %d %q, want 404 with 404.html", path, r.status, r.body)
		}
		if got := r.header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, got)
		}
		if got := r.header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q", path, got)
		}
	}
	if r := request(t, http.MethodHead, ts.URL+"/finnes-ikke"); r.status != http.StatusNotFound || r.body != "" {
		t.Errorf("HEAD /finnes-ikke: %d %q", r.status, r.body)
	}

	bare := newTestServer(t, Options{}, map[string]string{"index.html": "hei"})
	if r := get(t, bare.URL+"/finnes-ikke"); r.status != http.StatusNotFound {
		t.Errorf("GET /finnes-ikke without 404.html: %d, want 404", r.status)
	}
}

func TestFilesStayInsideTheBuild(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"hemmelig.txt": "personnummer"})
	dir := t.TempDir()
	writeFiles(t, dir, site)
	rel, err := filepath.Rel(dir, filepath.Join(outside, "hemmelig.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(rel, filepath.Join(dir, "lenke.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	s := newServer(Options{})
	if err := s.install(dir); err != nil {
		t.Fatal(err)
	}

	for _, target := range []string{"/lenke.txt", "/../" + filepath.Base(outside) + "/hemmelig.txt"} {
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if strings.Contains(rec.Body.String(), "personnummer") {
			t.Errorf("GET %s served a file outside the build: %d", target, rec.Code)
		}
	}
}

func TestMethods(t *testing.T) {
	ts := newTestServer(t, Options{}, site)
	if r := request(t, http.MethodHead, ts.URL+"/css/main.css"); r.status != http.StatusOK || r.body != "" {
		t.Errorf("HEAD: %d %q", r.status, r.body)
	}
	r := request(t, http.MethodPost, ts.URL+"/css/main.css")
	if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q", r.status, r.header.Get("Allow"))
	}
}

func TestCacheControl(t *testing.T) {
	ts := newTestServer(t, Options{}, site)
	const immutable = "public, max-age=31536000, immutable"
	for path, want := range map[string]string{
		"/js/main.3f9a1c2b.js":                immutable,
		"/css/main.3f9a1c2b.css":              immutable,
		"/fonts/source-sans.8c0d3e91aa.woff2": immutable,
		"/js/main.js":                         "no-cache",
		"/js/short.3f9a1c2.js":                "no-cache", // 7 hex digits: not a content hash
		"/css/main.css":                       "no-cache",
		"/":                                   "no-cache",
		"/veiledning/barnevern/":              "no-cache",
	} {
		r := get(t, ts.URL+path)
		if got := r.header.Get("Cache-Control"); r.status != http.StatusOK || got != want {
			t.Errorf("GET %s: %d Cache-Control %q, want %q", path, r.status, got, want)
		}
	}
}

// A page rebuilt within the same second must not be answered 304 from the old one's validator.
func TestRevalidation(t *testing.T) {
	ts := newTestServer(t, Options{}, site)
	first := get(t, ts.URL+"/css/main.css")
	etag := first.header.Get("ETag")
	if etag == "" || first.header.Get("Last-Modified") != "" {
		t.Fatalf("ETag %q, Last-Modified %q: want only an ETag", etag, first.header.Get("Last-Modified"))
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/css/main.css", nil)
	req.Header.Set("If-None-Match", etag)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d, want 304", resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	extra := func(string) map[string]http.Handler {
		return map[string]http.Handler{"/api/search": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("[]"))
		})}
	}
	ts := newTestServer(t, Options{LiveReload: true, Extra: extra}, site)
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
			"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
			"frame-ancestors 'none'",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY",
		"Permissions-Policy":     "camera=(), microphone=(), geolocation=()",
	}
	for _, path := range []string{
		"/", "/css/main.3f9a1c2b.css", "/veiledning", "/finnes-ikke", "/api/search?q=Kari+Nordmann",
		"/_samvirke/livereload.js",
	} {
		r := get(t, ts.URL+path)
		for name, value := range want {
			if got := r.header.Get(name); got != value {
				t.Errorf("GET %s: %s = %q, want %q", path, name, got, value)
			}
		}
		if strings.Contains(r.header.Get("Content-Security-Policy"), "unsafe-inline") {
			t.Errorf("GET %s: CSP allows unsafe-inline", path)
		}
		if c := r.header.Values("Set-Cookie"); len(c) > 0 {
			t.Errorf("GET %s sets cookies: %q", path, c)
		}
	}
}

func TestLiveReload(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, site)
	s := newServer(Options{LiveReload: true})
	if err := s.install(dir); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.handler)
	defer ts.Close()

	r := get(t, ts.URL+"/")
	want := "<h1>Forside</h1>" + `<script src="/_samvirke/livereload.js" defer></script>` + "</body>"
	if !strings.Contains(r.body, want) {
		t.Errorf("GET /: %q does not end in %q", r.body, want)
	}
	if r := get(t, ts.URL+"/finnes-ikke"); r.status != http.StatusNotFound || !strings.Contains(r.body, liveReloadTag+"</body>") {
		t.Errorf("GET /finnes-ikke: %d %q, want the 404 page with the script", r.status, r.body)
	}
	if r := get(t, ts.URL+"/robots.txt"); strings.Contains(r.body, "livereload") {
		t.Errorf("GET /robots.txt: script injected into %q", r.body)
	}
	onDisk, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if string(onDisk) != site["index.html"] {
		t.Errorf("index.html on disk changed to %q", onDisk)
	}

	r = get(t, ts.URL+"/_samvirke/livereload.js")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/javascript; charset=utf-8" ||
		!strings.Contains(r.body, `new EventSource("/_samvirke/events")`) {
		t.Errorf("GET /_samvirke/livereload.js: %d %q %q", r.status, r.header.Get("Content-Type"), r.body)
	}
}

func TestNoLiveReload(t *testing.T) {
	ts := newTestServer(t, Options{LiveReload: false}, site)
	if r := get(t, ts.URL+"/"); r.body != site["index.html"] {
		t.Errorf("GET /: %q, want the page as built", r.body)
	}
	for _, path := range []string{"/_samvirke/livereload.js", "/_samvirke/events"} {
		if r := get(t, ts.URL+path); r.status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, r.status)
		}
	}
}

func TestInjectLiveReload(t *testing.T) {
	for page, want := range map[string]string{
		"<p>a</p></body></html>":       "<p>a</p>" + liveReloadTag + "</body></html>",
		"<p>a</p></body>\n</body>":     "<p>a</p></body>\n" + liveReloadTag + "</body>",
		"<P>A</P></BODY>":              "<P>A</P>" + liveReloadTag + "</BODY>",
		"<pre>&lt;/body></pre></body>": "<pre>&lt;/body></pre>" + liveReloadTag + "</body>",
		"<p>İstanbul</p></Body>":       "<p>İstanbul</p>" + liveReloadTag + "</Body>",
		"<p>ingen body</p>":            "<p>ingen body</p>" + liveReloadTag,
		"":                             liveReloadTag,
	} {
		if got := string(injectLiveReload([]byte(page))); got != want {
			t.Errorf("injectLiveReload(%q) = %q, want %q", page, got, want)
		}
	}
}

func TestExtraHandlersFollowTheBuild(t *testing.T) {
	extra := func(dir string) map[string]http.Handler {
		index, err := os.ReadFile(filepath.Join(dir, "index.json"))
		if err != nil {
			t.Error(err)
		}
		return map[string]http.Handler{
			"/api/search": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(index) }),
			"/sok/":       http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("søk")) }),
		}
	}
	s := newServer(Options{Extra: extra})
	first := t.TempDir()
	writeFiles(t, first, map[string]string{"index.json": `["første"]`})
	if err := s.install(first); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.handler)
	defer ts.Close()

	if r := get(t, ts.URL+"/api/search?q=Ola"); r.body != `["første"]` {
		t.Errorf("GET /api/search: %q", r.body)
	}
	if r := get(t, ts.URL+"/sok/?q=Ola"); r.body != "søk" {
		t.Errorf("GET /sok/: %q", r.body)
	}

	second := t.TempDir()
	writeFiles(t, second, map[string]string{"index.json": `["andre"]`})
	if err := s.install(second); err != nil {
		t.Fatal(err)
	}
	if r := get(t, ts.URL+"/api/search?q=Ola"); r.body != `["andre"]` {
		t.Errorf("GET /api/search after a rebuild: %q", r.body)
	}
	if _, err := os.Stat(first); !os.IsNotExist(err) {
		t.Errorf("the replaced build %s is still there: %v", first, err)
	}
}

func TestExtraConflictIsAnError(t *testing.T) {
	s := newServer(Options{Extra: func(string) map[string]http.Handler {
		return map[string]http.Handler{"/": http.NotFoundHandler()}
	}})
	if err := s.install(t.TempDir()); err == nil {
		t.Error("install accepted an Extra handler for /, which the files need")
	}
}

func TestHeaders(t *testing.T) {
	h := Headers(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		w.WriteHeader(http.StatusTeapot)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusTeapot || rec.Header().Get("X-Frame-Options") != "DENY" {
		t.Errorf("got %d, X-Frame-Options %q", rec.Code, rec.Header().Get("X-Frame-Options"))
	}
	if got := rec.Header().Get("Content-Security-Policy"); got != "default-src 'none'" {
		t.Errorf("the wrapped handler could not narrow the CSP: %q", got)
	}
}
