package sitesearch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/sitesearch"
)

// A mistake in data/synonymer.yaml or data/forkortelser.yaml stops the build at its file and line,
// and the published site stays as it was.
func TestDataFileErrors(t *testing.T) {
	for _, tt := range []struct {
		file, src string
		line      int
		want      string
	}{
		{sitesearch.SynonymsFile, "- [samhandling, samarbeid]\n- [samordning]\n", 2, "2 to 8 members"},
		{sitesearch.SynonymsFile, "- [[koordinere, koordinering], samordne]\n", 1, "list of lists"},
		{sitesearch.AbbreviationsFile, "IP: individuell plan\nKE:\n", 2, `what "KE" stands for is text`},
		{sitesearch.AbbreviationsFile, "IP: individuell plan\nip: internettprotokoll\n", 2, `"ip" is already in the file`},
	} {
		src := contenttest.Fixture(t, map[string]string{
			"content/_index.md": "---\ntitle: Forside\n---\nHei.\n",
			tt.file:             tt.src,
		})
		dest := filepath.Join(t.TempDir(), "public")
		os.MkdirAll(dest, 0o755)
		os.WriteFile(filepath.Join(dest, "index.html"), []byte("before"), 0o644)
		os.WriteFile(filepath.Join(dest, publish.MarkerName), []byte("made by samvirke build\n"), 0o644) // a site an earlier build published
		res, err := build.Build(build.Options{Source: src, Dest: dest,
			Features: append(contenttest.Features(), sitesearch.New(""))})
		if err == nil {
			t.Errorf("%s %q: the build succeeded", tt.file, tt.src)
			continue
		}
		errs := contenttest.Errors(res, tt.file)
		if len(errs) != 1 || errs[0].Line != tt.line || !strings.Contains(errs[0].Message, tt.want) {
			t.Errorf("%s %q: errors %v, want one at line %d with %q", tt.file, tt.src, errs, tt.line, tt.want)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "before" {
			t.Errorf("%s: the published site changed", tt.file)
		}
	}
}
