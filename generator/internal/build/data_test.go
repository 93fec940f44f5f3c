package build

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
)

// TestLoadData checks .Site.Data as Hugo builds it: YAML, JSON and TOML files keyed by name,
// subdirectories as nested maps, and a malformed file reported with its path.
func TestLoadData(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"data/kontakter.yaml":     "contacts:\n  - id: politi\n    phone: \"112\"\n",
		"data/kommune/info.json":  `{"navn": "Eksempel"}`,
		"data/kommune/tider.toml": "apent = \"08–15\"\n",
		"data/notes.txt":          "ignored",
		"data/feil.yml":           "a: [\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := &diag.List{}
	got := loadData(source.New(dir), d)
	want := map[string]any{
		"kontakter": map[string]any{"contacts": []any{map[string]any{"id": "politi", "phone": "112"}}},
		"kommune":   map[string]any{"info": map[string]any{"navn": "Eksempel"}, "tider": map[string]any{"apent": "08–15"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("data = %#v\nwant %#v", got, want)
	}
	if rep := d.Report(); !strings.Contains(rep, "data/feil.yml:1:4: malformed YAML: ") {
		t.Errorf("the malformed file is not reported: %s", rep)
	}
}
