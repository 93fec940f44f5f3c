package build

import (
	"html/template"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
)

// funcFeature is a feature that only adds template functions.
type funcFeature struct {
	name  string
	funcs template.FuncMap
}

func (f funcFeature) Name() string                      { return f.name }
func (f funcFeature) Funcs(*site.Site) template.FuncMap { return f.funcs }

// TestTemplateFunctionClashStopsTheBuild: a feature's function with the name of a core function or
// of another feature's is an error naming both, and nothing is published.
func TestTemplateFunctionClashStopsTheBuild(t *testing.T) {
	src := fixture(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Dest: dest, Features: []feature.Feature{
		funcFeature{"ordliste", template.FuncMap{"groups": func() int { return 1 }}},
		funcFeature{"modeller", template.FuncMap{"groups": func() int { return 2 }, "dateFormat": func() string { return "" }}},
	}})
	if err == nil {
		t.Fatal("the build accepted two features registering the same template function")
	}
	report := res.Diagnostics.Report()
	for _, want := range []string{`feature "modeller"`, `"dateFormat" is a core template function`, `"groups" is already registered by feature "ordliste"`} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}
