package assets

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"samvirke/generator/internal/source"
)

// memWriter records published files.
type memWriter struct {
	mu    sync.Mutex
	files map[string]string
	n     int
}

func (m *memWriter) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string]string{}
	}
	m.files[rel] = string(data)
	m.n++
	return nil
}

func site(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, "assets", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(src), 0o644)
	}
	return dir
}

func TestJSBuildMinifyFingerprintPublishOnce(t *testing.T) {
	dir := site(t, map[string]string{
		"js/main.ts": "import { n } from './n';\nconst x: number = n * 2;\ndocument.title = String(x);\n",
		"js/n.ts":    "export const n: number = 21;\n",
	})
	w := &memWriter{}
	p := New(source.New(dir), w, "/portal/")
	src, err := p.Get("js/main.ts")
	if err != nil {
		t.Fatal(err)
	}
	js, err := p.JSBuild(map[string]any{"minify": true}, src)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := p.Fingerprint(js)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	urls := make([]string, 8)
	for i := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			urls[i], _ = fp.RelPermalink()
		}()
	}
	wg.Wait()
	if !strings.HasPrefix(urls[0], "/portal/js/main.") || !strings.HasSuffix(urls[0], ".js") || len(urls[0]) != len("/portal/js/main..js")+64 {
		t.Errorf("url = %q", urls[0])
	}
	if w.n != 1 {
		t.Errorf("published %d times, want once", w.n)
	}
	out := w.files[strings.TrimPrefix(urls[0], "/portal/")]
	if strings.Contains(out, ": number") || strings.Contains(out, "import") || !strings.Contains(out, "document.title") || strings.Count(out, "\n") > 1 {
		t.Errorf("not bundled/compiled/minified: %q", out)
	}
	if again, _ := p.JSBuild(map[string]any{"minify": true}, src); again != js {
		t.Error("the same build was computed twice")
	}
	if !strings.HasPrefix(fp.Data()["Integrity"].(string), "sha256-") {
		t.Errorf("integrity = %v", fp.Data())
	}
}

func TestJSBuildErrorsHavePositions(t *testing.T) {
	dir := site(t, map[string]string{"js/main.ts": "const a = ;\n"})
	p := New(source.New(dir), &memWriter{}, "/")
	src, _ := p.Get("js/main.ts")
	_, err := p.JSBuild(nil, src)
	if err == nil || !strings.Contains(err.Error(), "assets/js/main.ts:1:") {
		t.Errorf("err = %v", err)
	}
	if _, err := p.Get("js/missing.ts"); err == nil || !strings.Contains(err.Error(), "js/missing.ts") {
		t.Errorf("missing file: %v", err)
	}
}

func TestMinifyAndConcatCSS(t *testing.T) {
	dir := site(t, map[string]string{"css/a.css": "a {\n  color: #ff0000;\n}\n", "css/b.css": "b { margin: 0px; }"})
	p := New(source.New(dir), &memWriter{}, "/")
	a, _ := p.Get("css/a.css")
	b, _ := p.Get("css/b.css")
	all, err := p.Concat("css/site.css", []*Resource{a, b})
	if err != nil {
		t.Fatal(err)
	}
	min, err := p.Minify(all)
	if err != nil {
		t.Fatal(err)
	}
	if got := min.Content(); got != "a{color:red}b{margin:0}\n" {
		t.Errorf("minified CSS = %q", got)
	}
}
