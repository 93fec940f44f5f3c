package legal_test

import (
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/legal"
)

// TestParseReview checks legal_review's format: each mistake at its line, with what to write.
func TestParseReview(t *testing.T) {
	for _, tc := range []struct {
		name, front string
		sev         diag.Severity
		line        int
		msg         string
	}{
		{"valid", "legal_review: {date: 2026-12-01, by: kommuneadvokat}", -1, 0, ""},
		{"block", "legal_review:\n  date: 2026-12-01\n  by: juridisk rådgiver", -1, 0, ""},
		{"not a map", "legal_review: 2026-12-01", diag.Error, 3, "legal_review must be a set of keys"},
		{"bad date", "legal_review: {date: 1. desember 2026, by: kommuneadvokat}", diag.Error, 3, `legal_review.date "1. desember 2026" is not a date`},
		{"future", "legal_review:\n  date: 2027-01-01\n  by: kommuneadvokat", diag.Error, 4, "legal_review.date 2027-01-01 is in the future"},
		{"no by", "legal_review: {date: 2026-12-01}", diag.Error, 3, "legal_review has no by"},
		{"no date", "legal_review: {by: kommuneadvokat}", diag.Error, 3, "legal_review has no date"},
		{"misspelt", "legal_review:\n  date: 2026-12-01\n  by: kommuneadvokat\n  dato: 2026-12-01", diag.Error, 6, `unknown key "dato" in legal_review`},
		{"a name", "legal_review: {date: 2026-12-01, by: Kari Nordmann}", diag.Warning, 3, `legal_review.by "Kari Nordmann" looks like a person's name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, problems := content.Parse("content/side.md", []byte("---\ntitle: Side\n"+tc.front+"\n---\nTekst.\n"))
			if len(problems) > 0 || f == nil {
				t.Fatalf("parse: %v", problems)
			}
			d := &diag.List{}
			r := legal.ParseReview(f, today, d)
			if r == nil {
				t.Fatal("no review read")
			}
			if tc.sev < 0 {
				if len(d.All()) != 0 {
					t.Fatalf("unexpected:\n%s", d.Report())
				}
				if r.Date.Format("2006-01-02") != "2026-12-01" || r.By == "" || r.Line != 3 {
					t.Errorf("review = %+v", r)
				}
				return
			}
			for _, x := range d.All() {
				if x.File == "content/side.md" && x.Line == tc.line && x.Severity == tc.sev && strings.Contains(x.Message, tc.msg) && x.Hint != "" {
					return
				}
			}
			t.Errorf("want %s at line %d: %q; got:\n%s", tc.sev, tc.line, tc.msg, d.Report())
		})
	}
	// Without the key there is no review, and nothing to report.
	f, _ := content.Parse("content/side.md", []byte("---\ntitle: Side\n---\nTekst.\n"))
	if r := legal.ParseReview(f, today, &diag.List{}); r != nil {
		t.Errorf("review without legal_review: %+v", r)
	}
}

// The build validates legal_review on any page, provision pages included.
func TestReviewValidatedOnProvisions(t *testing.T) {
	src := strings.Replace(readFile(t, filepath.Join(repoRoot(t), "content", "lovverk", "bvl-13-2.md")),
		"legal_review: {date: 2026-12-03, by: redaksjonen}", "legal_review: {date: 2026-13-03, by: redaksjonen}", 1)
	_, d := prepare(t, map[string]string{"content/lovverk/bvl-13-2.md": src}, today)
	if !has(d.Errors(), "content/lovverk/bvl-13-2.md", 12, `legal_review.date "2026-13-03" is not a date`) {
		t.Errorf("no error at the provision's legal_review:\n%s", d.Report())
	}
}
