package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
)

func load(t *testing.T, toml string) (*Config, *diag.List) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte(toml), 0o644)
	d := &diag.List{}
	c, _ := Load(source.New(dir), d)
	return c, d
}

func TestLoadGood(t *testing.T) {
	c, d := load(t, "baseURL = \"https://x.no/portal\"\ntitle = \"T\"\n[params]\nmunicipality = \"Moss\"\nlegalStaleMonths = 6\n[[params.levels]]\nid = 0\nname = \"Avklaring\"\n[[params.levels]]\nid = 1\nname = \"A\"\n")
	if d.HasErrors() {
		t.Fatal(d.Report())
	}
	if c.BaseURL != "https://x.no/portal/" || c.Site.Municipality != "Moss" || c.Site.LegalStaleMonths != 6 || c.Site.LevelName(0) != "Avklaring" || c.Site.LevelName(1) != "A" {
		t.Errorf("config = %+v", c)
	}
}

func TestLoadProblems(t *testing.T) {
	cases := map[string]string{
		"title = \"T\"\nbaseURL = \"/\"\ntitel = \"x\"\n[params]\nmunicipality = \"M\"\n":  "hugo.toml:3: unknown key \"titel\"",
		"title = \"T\"\n[params]\nmunicipality = \"M\"\naccentColor = \"#ffcc00\"\n":       "hugo.toml:4: params.accentColor #ffcc00 has contrast",
		"title = \"T\"\n[params]\nmunicipality = \"M\"\naccentColor = \"blue\"\n":          "hugo.toml:4: params.accentColor \"blue\" is not a #rrggbb colour",
		"title = \"T\"\n[params]\nfoo = 1\n":                                               "params.municipality is missing",
		"title = \"T\"\n[params]\nmunicipality = \"M\"\n[[params.levels]]\nname = \"x\"\n": "every [[params.levels]] needs id",
		"title = \"T\"\n[params]\nmunicipality = \"M\"\nlegalStaleMonths = \"tolv\"\n":     "hugo.toml:4: params.legalStaleMonths must be a whole number",
		"title = [\n": "hugo.toml:",
	}
	for src, want := range cases {
		_, d := load(t, src)
		if !strings.Contains(d.Report(), want) {
			t.Errorf("config %q: report %q lacks %q", src, d.Report(), want)
		}
	}
}

// TestFirstErrorOnly: a value of the wrong type is reported once, at its line, in plain words,
// without the follow-on errors of the values after it that were never decoded.
func TestFirstErrorOnly(t *testing.T) {
	for src, want := range map[string]string{
		"baseURL = \"https://x.no/\"\ntitle = 5\n[params]\nmunicipality = \"M\"\n":                     "hugo.toml:2: title must be text in quotes, not an integer",
		"title = \"T\"\n[markup.goldmark.renderer]\nunsafe = \"ja\"\n[params]\nmunicipality = \"M\"\n": "hugo.toml:3: markup.goldmark.renderer.unsafe must be true or false, not a string",
		"title = \"T\"\nparams = 3\n":                    "hugo.toml:2: params must be a table, not an integer",
		"title = \"T\"\n[params\nmunicipality = \"M\"\n": "hugo.toml:2:",
	} {
		c, d := load(t, src)
		if n := len(d.Errors()); n != 1 || !strings.Contains(d.Report(), want) {
			t.Errorf("config %q: %d errors, want 1 with %q:\n%s", src, n, want, d.Report())
		}
		if c == nil || c.BaseURL != "/" || c.Params == nil {
			t.Errorf("config %q: not usable defaults: %+v", src, c)
		}
	}
	// A misspelt key is reported with the right spelling, and not again as missing; a misspelt
	// param (any key is allowed under [params]) is suggested where the right one is missing.
	_, d := load(t, "titel = \"T\"\n[params]\nmunicipalty = \"M\"\n")
	if r := d.Report(); len(d.Errors()) != 2 || !strings.Contains(r, `hugo.toml:1: unknown key "titel"`) || !strings.Contains(r, `did you mean "title"?`) ||
		!strings.Contains(r, `hugo.toml:2: params.municipality is missing`) || !strings.Contains(r, `did you mean "municipalty" (line 3)?`) || strings.Contains(r, "empty") {
		t.Errorf("misspelt keys:\n%s", r)
	}
	// A bad level is reported at its own [[params.levels]].
	_, d = load(t, "title = \"T\"\n[params]\nmunicipality = \"M\"\n[[params.levels]]\nid = 1\nname = \"A\"\n[[params.levels]]\nid = 2\n")
	if r := d.Report(); !strings.Contains(r, "hugo.toml:7: every [[params.levels]] needs id") {
		t.Errorf("bad level:\n%s", r)
	}
}

func TestBaseURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://samarbeid.kommune.no", "https://samarbeid.kommune.no/"},
		{"http://localhost:1313/portal/", "http://localhost:1313/portal/"},
		{"javascript:alert(1)//", ""},
		{"JavaScript:alert(1)", ""},
		{"file:///etc/", ""},
		{"//kommune.no/", ""},
		{"/portal/", ""},
		{"https://", ""},
		{"https://user:pw@kommune.no/", ""},
		{"https://kommune.no/?x=1", ""},
		{"https://kommune.no/#top", ""},
		{"data:text/html,<script>", ""},
	} {
		got, err := CheckBaseURL(c.in)
		if got != c.want || (err == nil) != (c.want != "") {
			t.Errorf("CheckBaseURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	_, d := load(t, "baseURL = \"javascript:alert(1)//\"\ntitle = \"T\"\n[params]\nmunicipality = \"M\"\n")
	if r := d.Report(); !strings.Contains(r, `hugo.toml:1: baseURL "javascript:alert(1)//" is not an http:// or https:// address`) {
		t.Errorf("javascript: baseURL:\n%s", r)
	}
	c, d := load(t, "title = \"T\"\n[params]\nmunicipality = \"M\"\n")
	if d.HasErrors() || c.BaseURL != "/" {
		t.Errorf("no baseURL: %q %s", c.BaseURL, d.Report())
	}
}

// TestKeyLines: lines come from go-toml's parser, so quoted and dotted keys and repeated array
// tables are placed right.
func TestKeyLines(t *testing.T) {
	lines := keyLines([]byte("baseURL = \"x\" # c\n\n[params]\n  \"accentColor\" = \"#fff\"\n  legal.x = 1\n[[params.levels]]\nid = 1\n[[params.levels]]\nid = 2\n"))
	for key, want := range map[string]int{"baseURL": 1, "params": 3, "params.accentColor": 4, "params.legal.x": 5, "params.levels": 6, "params.levels.0": 6, "params.levels.1": 8, "params.levels.1.id": 9} {
		if lines[key] != want {
			t.Errorf("line of %s = %d, want %d (%v)", key, lines[key], want, lines)
		}
	}
}
