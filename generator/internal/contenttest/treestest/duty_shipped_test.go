package treestest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/trees"
)

const treeFile = "content/beslutningstrer/t.md"

// prepare validates one tree beside a small registry of stub provisions (the registry's own
// checks are not under test here) and returns the trees feature and its diagnostics.
func prepare(t testing.TB, src string) (*trees.Feature, *diag.List) {
	t.Helper()
	d := &diag.List{}
	var files []*content.File
	for path, s := range map[string]string{
		treeFile:                            src,
		"content/beslutningstrer/_index.md": "---\ntitle: Beslutningstrær\n---\n",
		"content/lovverk/fvl-13b-7.md":      "---\ntitle: Avverge fare\nid: fvl-13b-7\n---\n",
		"content/lovverk/bvl-13-2.md":       "---\ntitle: Opplysningsplikt til barnevernet\nid: bvl-13-2\n---\n",
	} {
		f, problems := content.Parse(path, []byte(s))
		for _, p := range problems {
			d.Add(p)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	cfg := &config.Config{Title: "T", DefaultContentLanguage: "nb", BaseURL: "/", Params: map[string]any{}}
	cfg.Site.Levels = []config.Level{{ID: 1, Name: "Nivå 1"}, {ID: 2, Name: "Nivå 2"}}
	s := site.New(cfg, files, false, d)
	reg := legal.New()
	f := trees.New(reg)
	reg.Load(&feature.Context{Site: s, Diag: &diag.List{}})
	f.Prepare(&feature.Context{Site: s, Diag: d})
	return f, d
}

// The guard in the shipped trees cannot be removed silently: take each bundled tree about
// children, remove one part of the guard the way an editor might, and the build reports it at
// the tree's file and line. (Unknown provisions are expected here: the tree is built beside a
// small fixture registry, not the real one.)
func TestShippedTreesGuardCannotBeRemoved(t *testing.T) {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "content", "beslutningstrer", "*.md"))
	guarded := 0
	for _, p := range paths {
		if filepath.Base(p) == "_index.md" {
			continue
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(raw)
		name := filepath.Base(p)
		ruleErrors := func(d *diag.List) []diag.Diagnostic {
			var out []diag.Diagnostic
			for _, e := range d.Errors() {
				if strings.Contains(e.Message, "duty") || strings.Contains(e.Message, "advises not to share") || strings.Contains(e.Message, "audience") {
					out = append(out, e)
				}
			}
			return out
		}
		f, d := prepare(t, src)
		if errs := ruleErrors(d); len(errs) > 0 {
			t.Fatalf("%s as shipped breaks the rule: %v", name, errs)
		}
		tr := f.Trees()[0]
		doNotShare := 0
		for _, id := range tr.Order {
			if o := tr.Nodes[id].Outcome; o != nil && o.Kind == trees.KindDoNotShare {
				doNotShare++
			}
		}
		if !tr.IncludesChildren() || doNotShare == 0 {
			continue
		}
		guarded++
		breakages := map[string]string{
			"checks removed":            strings.ReplaceAll(src, "\n    checks: duty-to-report", ""),
			"kind removed":              strings.Replace(src, "\n      kind: do-not-share", "", 1),
			"audience removed":          strings.Replace(src, "\naudience:", "\nmålgruppe:", 1),
			"duty outcome now guidance": strings.ReplaceAll(src, "kind: duty-to-report", "kind: guidance"),
		}
		for what, broken := range breakages {
			if broken == src {
				t.Fatalf("%s: could not apply %q", name, what)
			}
			_, d := prepare(t, broken)
			errs := ruleErrors(d)
			if what == "kind removed" {
				errs = nil
				for _, e := range d.Errors() {
					if strings.Contains(e.Message, "has no kind") {
						errs = append(errs, e)
					}
				}
			}
			if len(errs) == 0 {
				t.Errorf("%s with %s: no error; the guard was removed silently", name, what)
				continue
			}
			for _, e := range errs {
				if e.File != treeFile || e.Line < 2 {
					t.Errorf("%s with %s: error without file:line: %s", name, what, e)
				}
			}
			t.Logf("%s with %s: %d error(s), e.g. %s:%d %s", name, what, len(errs), e0(errs).File, e0(errs).Line, e0(errs).Message)
		}
	}
	if guarded < 3 {
		t.Errorf("only %d shipped trees have a guard to break; expected drofte-eller-dele, samarbeidsniva and ny-bruker", guarded)
	}
}

func e0(errs []diag.Diagnostic) diag.Diagnostic { return errs[0] }
