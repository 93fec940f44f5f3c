package trees

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/diag"
)

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
		f, d, _ := prepare(t, src)
		if errs := ruleErrors(d); len(errs) > 0 {
			t.Fatalf("%s as shipped breaks the rule: %v", name, errs)
		}
		tr := f.Trees()[0]
		doNotShare := 0
		for _, id := range tr.Order {
			if o := tr.Nodes[id].Outcome; o != nil && o.Kind == KindDoNotShare {
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
			_, d, _ := prepare(t, broken)
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
