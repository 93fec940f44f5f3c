package tpl

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/assets"
	"samvirke/generator/internal/config"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/source"
)

// The tests of each namespace are tables of template → output, as Hugo's own tests are: the
// template runs with the functions of an engine for a small fixture site.

// fixture is a site source: file path -> content.
type fixture map[string]string

var baseFixture = fixture{
	"i18n/nb.yaml": "hello: Hei\nhelloName: \"Hei, {{ .Name }}\"\nonlyNb: Bare bokmål\n" +
		"hits:\n  one: \"{{ .Count }} treff\"\n  other: \"{{ .Count }} treff\"\n" +
		"pages:\n  one: Én side\n  other: \"{{ .Count }} sider\"\n",
	"i18n/da.yaml": "hello: Hej\nhelloName: \"Hej, {{ .Name }}\"\n" +
		"hits:\n  one: \"{{ .Count }} resultat\"\n  other: \"{{ .Count }} resultater\"\n" +
		"pages:\n  one: Én side\n  other: \"{{ .Count }} sider\"\n",
	"layouts/_partials/greet.html":  `Hei {{ . }}!`,
	"layouts/_partials/nested.html": `[{{ partial "greet" . }}]`,
	"assets/css/a.css":              "a{color:red}",
	"assets/css/b.css":              "b{color:blue}",
}

type engineOptions struct {
	lang, baseURL, titleCaseStyle string
}

// newEngine builds an engine for the fixture site in a temporary directory.
func newEngine(t *testing.T, o engineOptions, extra fixture) (*Engine, *diag.List) {
	t.Helper()
	if o.lang == "" {
		o.lang = "nb"
	}
	if o.baseURL == "" {
		o.baseURL = "https://example.org/"
	}
	dir := t.TempDir()
	for _, files := range []fixture{baseFixture, extra} {
		for name, src := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	d := &diag.List{}
	cfg := &config.Config{Title: "Test", BaseURL: o.baseURL, DefaultContentLanguage: "nb", TitleCaseStyle: o.titleCaseStyle,
		Params: map[string]any{}}
	cfg.Site.Levels = []config.Level{{ID: 1, Name: "Nivå 1"}}
	s := site.New(cfg, nil, false, d)
	md := markup.New(markup.Options{})
	s.SetStringRenderer(func(_ *site.Page, _ map[string]any, src string) (template.HTML, error) {
		return template.HTML(md.Render([]byte(src)).HTML), nil
	})
	src := source.New(dir)
	l := LoadLayouts(src, d)
	i := LoadI18n(src, "nb", d)
	e := NewEngine(l, s, assets.New(src, publish.Discard{}, "/"), i, o.lang, d)
	return e, d
}

// run executes a template with the engine's functions.
func run(e *Engine, src string, data any) (string, error) {
	t, err := template.New("test").Funcs(e.funcs()).Parse(src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = t.Execute(&b, data)
	return b.String(), err
}

// example is one template and its output, or the error it must fail with.
type example struct {
	tpl     string
	want    string
	wantErr string // a part of the error message
}

func check(t *testing.T, e *Engine, data any, examples []example) {
	t.Helper()
	for _, x := range examples {
		got, err := run(e, x.tpl, data)
		switch {
		case x.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), x.wantErr) {
				t.Errorf("%s\n\tgot %q, err %v; want an error containing %q", x.tpl, got, err, x.wantErr)
			}
		case err != nil:
			t.Errorf("%s\n\tfailed: %v", x.tpl, err)
		case got != x.want:
			t.Errorf("%s\n\tgot  %q\n\twant %q", x.tpl, got, x.want)
		}
	}
}

func TestEveryAliasBelongsToOneNamespace(t *testing.T) {
	// coreFuncs panics on a name registered twice; the namespaces are the names Hugo uses.
	names := CoreFuncNames()
	for _, want := range []string{"collections", "strings", "urls", "lang", "time", "transform", "safe", "resources",
		"js", "partials", "cast", "compare", "encoding", "fmt", "math", "site", "T", "dateFormat", "where", "relURL"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("no template function %q", want)
		}
	}
}

func TestFeatureFunctionsCannotOverride(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	l := e.layouts
	if err := l.AddFuncs("ordliste", template.FuncMap{"glossaryGroups": func() int { return 1 }}); err != nil {
		t.Fatal(err)
	}
	err := l.AddFuncs("modeller", template.FuncMap{"where": func() int { return 2 }, "glossaryGroups": func() int { return 3 }})
	if err == nil {
		t.Fatal("a feature overrode a core function and another feature's function without an error")
	}
	for _, part := range []string{`feature "modeller"`, `"where" is a core template function`, `"glossaryGroups" is already registered by feature "ordliste"`} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q lacks %q", err, part)
		}
	}
	// Nothing of the refused set was registered, and the first feature's function still answers.
	e2 := NewEngine(l, e.site, e.assets, e.i18n, "nb", &diag.List{})
	check(t, e2, nil, []example{
		{tpl: `{{ glossaryGroups }}`, want: "1"},
		{tpl: `{{ len (where (slice 1 2) "x" 1) }}`, want: "0"},
	})
}
