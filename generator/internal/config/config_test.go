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
