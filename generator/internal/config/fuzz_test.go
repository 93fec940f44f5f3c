package config

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"samvirke/generator/internal/diag"
)

// FuzzConfig feeds arbitrary files to the hugo.toml loader. It must not panic; every message
// names hugo.toml and a line inside it; a file that cannot be decoded gives exactly one error
// (no follow-on errors); a config without errors has a title, a municipality, an http(s) or "/"
// baseURL, a readable accent colour and a size limit in range.
func FuzzConfig(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", FileName)); err == nil {
		f.Add(b) // the portal's own
	}
	for _, seed := range []string{
		"baseURL = \"https://x.no/portal\"\ntitle = \"T\"\n[params]\nmunicipality = \"Moss\"\nlegalStaleMonths = 6\nmaxFileSizeMB = 8\n[[params.levels]]\nid = 0\nname = \"Avklaring\"\n",
		"title = 5\n[params]\nmunicipality = \"M\"\n",
		"title = \"T\"\nbaseURL = \"javascript:alert(1)//\"\n[params]\nmunicipality = \"M\"\n",
		"titel = \"T\"\n[params]\nmunicipalty = \"M\"\n",
		"title = \"T\"\n[params]\nmunicipality = \"M\"\naccentColor = \"#ffcc00\"\n",
		"title = \"T\"\n[params\n",
		"title = \"T\"\n[markup.goldmark.renderer]\nunsafe = \"ja\"\n",
		"title = \"T\"\nparams = 3\n",
		"title = \"T\"\n[params]\nmunicipality = \"M\"\nlevels = [1, 2]\n",
		"\"title\" = \"T\"\nparams.municipality = \"M\"\nparams.levels = [{id = 1, name = \"A\"}]\n",
		"title = \"T\"\r\n[params]\r\nmunicipality = \"M\"\r\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		d := &diag.List{}
		c, ok := Parse(raw, d)
		if c == nil || c.Params == nil {
			t.Fatal("Parse returned no usable config")
		}
		lines := bytes.Count(raw, []byte("\n")) + 1
		for _, dg := range d.All() {
			if dg.File != FileName || dg.Line < 0 || dg.Line > lines+1 || dg.Message == "" {
				t.Fatalf("message %+v outside the file of %d lines", dg, lines)
			}
		}
		if !ok && len(d.All()) != 1 {
			t.Fatalf("a file that cannot be decoded gave %d messages, want 1:\n%s", len(d.All()), d.Report())
		}
		for key, line := range keyLines(raw) {
			if line < 1 || line > lines {
				t.Fatalf("key %s at line %d of %d", key, line, lines)
			}
		}
		if !ok || d.HasErrors() {
			return
		}
		if c.Title == "" || c.Site.Municipality == "" {
			t.Fatalf("no errors, but title %q municipality %q", c.Title, c.Site.Municipality)
		}
		if c.BaseURL != "/" {
			if u, err := CheckBaseURL(c.BaseURL); err != nil || u != c.BaseURL {
				t.Fatalf("no errors, but baseURL %q: %v", c.BaseURL, err)
			}
		}
		if !hexColour.MatchString(c.Site.AccentColor) || contrast(c.Site.AccentColor, "#ffffff") < 4.5 {
			t.Fatalf("no errors, but accent colour %q", c.Site.AccentColor)
		}
		if c.Site.MaxFileSizeMB < 1 || c.Site.MaxFileSizeMB > 1024 || c.Site.LegalStaleMonths < 1 {
			t.Fatalf("no errors, but limits %+v", c.Site)
		}
	})
}
