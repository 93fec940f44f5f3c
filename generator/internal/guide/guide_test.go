package guide

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/contacts"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
)

func prepare(t *testing.T, files map[string]string) *diag.List {
	t.Helper()
	d := &diag.List{}
	var parsed []*content.File
	for path, src := range files {
		f, problems := content.Parse(path, []byte(src))
		if len(problems) > 0 {
			t.Fatalf("%s: %v", path, problems)
		}
		parsed = append(parsed, f)
	}
	cfg := &config.Config{Title: "T", DefaultContentLanguage: "nb", BaseURL: "/", Params: map[string]any{}}
	s := site.New(cfg, parsed, false, d)
	New(nil).Prepare(&feature.Context{Site: s, Diag: d})
	return d
}

const step1 = "---\ntitle: Trinn 1\nstep:\n  number: 1\n  what_to_do: Skriv ned.\n  questions: [Hva?]\n  links:\n    - {text: Les, url: /x/}\n---\n"

func TestStepsValid(t *testing.T) {
	d := prepare(t, map[string]string{"content/veiviser/trinn-1.md": step1, "content/veiviser/om.md": "---\ntitle: Om\n---\n"})
	if d.Len() != 0 {
		t.Errorf("unexpected:\n%s", d.Report())
	}
}

func TestStepProblems(t *testing.T) {
	d := prepare(t, map[string]string{
		"content/veiviser/trinn-1.md": step1,
		"content/veiviser/trinn-2.md": "---\ntitle: Trinn 2\nstep:\n  number: 1\n  what_todo: Snakk.\n  questions: Hva?\n  links:\n    - {text: Les}\n---\n",
	})
	want := []string{
		"content/veiviser/trinn-2.md:4:11: step: number 1 is used by another step too",
		`content/veiviser/trinn-2.md:5:3: unknown key "what_todo" in step`,
		"content/veiviser/trinn-2.md:3:1: step: what_to_do is missing",
		`content/veiviser/trinn-2.md:6:14: step.questions must be a list, not the text "Hva?"`,
		"content/veiviser/trinn-2.md:8:8: step: link 1 needs both text: and url:",
	}
	report := d.Report()
	for _, w := range want {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q:\n%s", w, report)
		}
	}
	if n := len(d.Errors()); n != len(want) {
		t.Errorf("%d errors, want %d:\n%s", n, len(want), report)
	}
	if !strings.Contains(report, `did you mean "what_to_do"?`) {
		t.Errorf("no suggestion:\n%s", report)
	}
}

func TestRelationalReferences(t *testing.T) {
	src := "---\ntitle: RK\nlayout: relasjonell-kapasitet\nscale: {low: lite, high: mye}\nfactors:\n  - {id: kunnskap, name: Kunnskap, question: Vet vi?, start: [a, z]}\neven_start: [b]\nsteps:\n  - {id: a, title: A, text: Tekst.}\n  - {id: b, title: B, text: Tekst.}\n---\n"
	if d := prepare(t, map[string]string{"content/veiviser/rk.md": src}); d.Len() != 1 ||
		!strings.Contains(d.Report(), `content/veiviser/rk.md:6:66: factors[1].start: "z" is not one of the steps`) {
		t.Errorf("got:\n%s", d.Report())
	}
	bad := strings.Replace(strings.Replace(src, "even_start: [b]", "even_start: [c]", 1), "scale: {low: lite, high: mye}", "scale: {low: lite}", 1)
	d := prepare(t, map[string]string{"content/veiviser/rk.md": bad})
	for _, w := range []string{`even_start: "c" is not one of the steps`, "scale needs low: and high:"} {
		if !strings.Contains(d.Report(), w) {
			t.Errorf("report lacks %q:\n%s", w, d.Report())
		}
	}
}

func TestStepContactsAreChecked(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := "groups:\n  - {id: akutt, title: Akutt}\ncontacts:\n  - {id: politi, name: Politiet, group: akutt, about: Ring., phone: \"112\"}\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "kontakter.yaml"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &diag.List{}
	f, problems := content.Parse("content/veiviser/trinn-1.md", []byte("---\ntitle: T\nstep:\n  number: 1\n  what_to_do: Ring.\n  contacts: [politi, polti]\n---\n"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	cfg := &config.Config{Title: "T", DefaultContentLanguage: "nb", BaseURL: "/", Params: map[string]any{}}
	s := site.New(cfg, []*content.File{f}, false, d)
	c := contacts.New()
	ctx := &feature.Context{Site: s, Diag: d, Source: dir}
	c.Load(ctx)
	New(c).Prepare(ctx)
	if errs := d.Errors(); len(errs) != 1 || errs[0].Line != 6 || errs[0].Column != 22 ||
		errs[0].Message != `step.contacts: unknown contact "polti"` || !strings.HasPrefix(errs[0].Hint, `did you mean "politi"?`) {
		t.Errorf("got:\n%s", d.Report())
	}
}
