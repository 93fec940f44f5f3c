package legal_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/legal"
)

// reportSite has one provision of each kind the build report warns about, and a page citing
// some of them.
func reportSite() map[string]string {
	return map[string]string{
		"content/_index.md":         "---\ntitle: Forside\n---\n",
		"content/lovverk/_index.md": "---\ntitle: Lovverket\n---\n",
		// Current and cited: no warning.
		"content/lovverk/fvl2-10.md": provision("fvl2-10", "fvl.", "§ 10", "", "confirmed", "weight: 100\n"),
		// Superseded by fvl2-10 and still cited.
		"content/lovverk/fvl-13b-3.md": provision("fvl-13b-3", "fvl.", "§ 13 b", "nr. 3", "confirmed",
			"superseded_by: fvl2-10\nweight: 110\n"),
		// Expired and still cited.
		"content/lovverk/oppl-15-8.md": provision("oppl-15-8", "opplæringslova", "§ 15-8", "", "confirmed",
			"valid_from: 2022-08-01\nvalid_to: 2024-07-31\nweight: 600\n"),
		// Unverified, last verified long ago, and cited nowhere.
		"content/lovverk/thtl-1-4a.md": strings.Replace(
			provision("thtl-1-4a", "tannhelsetjenesteloven", "§ 1-4 a", "", "unverified", "weight: 1200\n"),
			"last_verified: 2026-11-01", "last_verified: 2024-05-02", 1),
		"content/side.md": "---\ntitle: Side\n---\nNy regel: {{< lov \"fvl2-10\" >}}.\n\n" +
			"Gammel regel: {{< lov \"fvl-13b-3\" >}}.\n\nSkolen: {{< lov \"oppl-15-8\" >}}.\n",
	}
}

func TestBuildReport(t *testing.T) {
	files := reportSite()
	// The successor's page may mention what it replaced without a warning.
	files["content/lovverk/fvl2-10.md"] = strings.Replace(files["content/lovverk/fvl2-10.md"], "Forklaring av fvl2-10.",
		"Erstatter {{< lov \"fvl-13b-3\" >}}.", 1)
	res, _, err := buildSite(t, fixtureSite(t, files), newFeature(today), build.Options{})
	if err != nil {
		t.Fatalf("warnings must not fail the build: %v\n%s", err, res.Diagnostics.Report())
	}
	d := res.Diagnostics
	outdated := inGroup(d, legal.GroupOutdated)
	if len(outdated) != 2 ||
		!has(outdated, "content/side.md", 6, `cites fvl-13b-3 (fvl. § 13 b nr. 3), which is superseded by fvl2-10 (fvl. § 10)`) ||
		!has(outdated, "content/side.md", 8, `cites oppl-15-8 (opplæringslova § 15-8), which stopped applying after 2024-07-31`) {
		t.Errorf("superseded/expired warnings:\n%s", d.Report())
	}
	if w := inGroup(d, legal.GroupUnverified); len(w) != 1 || !has(w, "content/lovverk/thtl-1-4a.md", 11, "thtl-1-4a (tannhelsetjenesteloven § 1-4 a) is unverified") {
		t.Errorf("unverified warnings:\n%s", d.Report())
	}
	if w := inGroup(d, legal.GroupStale(12)); len(w) != 1 || !has(w, "content/lovverk/thtl-1-4a.md", 12, "was last verified on 2024-05-02, more than 12 months ago") {
		t.Errorf("stale warnings:\n%s", d.Report())
	}
	if w := inGroup(d, legal.GroupUncited); len(w) != 1 || !has(w, "content/lovverk/thtl-1-4a.md", 4, "is not cited anywhere") {
		t.Errorf("uncited warnings:\n%s", d.Report())
	}
	// The report groups them, each with its count, and names file:line.
	report := d.Report()
	for _, want := range []string{
		"legal registry: superseded or expired but still cited (2):\n  content/side.md:6: warning: cites fvl-13b-3",
		"legal registry: not verified for more than 12 months (1):\n  content/lovverk/thtl-1-4a.md:12:1: warning:",
		"legal registry: unverified (1):\n",
		"legal registry: cited nowhere (1):\n",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

func TestStaleLimitFromConfig(t *testing.T) {
	files := reportSite()
	src := fixtureSite(t, files)
	// The repository's hugo.toml sets legalStaleMonths = 12; a municipality may choose 36.
	cfg := readFile(t, src+"/hugo.toml")
	if !strings.Contains(cfg, "legalStaleMonths = 12") {
		t.Fatal("hugo.toml does not set legalStaleMonths = 12")
	}
	writeFile(t, src+"/hugo.toml", strings.Replace(cfg, "legalStaleMonths = 12", "legalStaleMonths = 36", 1))
	res, _, err := buildSite(t, src, newFeature(today), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Diagnostics.Warnings() {
		if strings.Contains(w.Group, "ikke kontrollert") {
			t.Errorf("stale warning with a 36-month limit: %s", w)
		}
	}
	// And "today" decides: two years later, 36 months have passed.
	res, _, err = buildSite(t, src, newFeature(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := inGroup(res.Diagnostics, legal.GroupStale(36)); len(w) != 1 {
		t.Errorf("want one stale warning in 2027 with a 36-month limit:\n%s", res.Diagnostics.Report())
	}
}

func TestStrict(t *testing.T) {
	src := fixtureSite(t, reportSite())
	res, _, err := buildSite(t, src, newFeature(today), build.Options{Check: true})
	if err != nil || len(res.Diagnostics.Warnings()) == 0 {
		t.Fatalf("check: err = %v, %d warnings", err, len(res.Diagnostics.Warnings()))
	}
	warnings := len(res.Diagnostics.Warnings())
	res, _, err = buildSite(t, src, newFeature(today), build.Options{Check: true, Strict: true})
	if !errors.Is(err, build.ErrFailed) {
		t.Fatalf("check --strict: err = %v, want build.ErrFailed", err)
	}
	errs := res.Diagnostics.Errors()
	if len(errs) != warnings || len(res.Diagnostics.Warnings()) != 0 {
		t.Errorf("--strict: %d errors, %d warnings; want %d errors", len(errs), len(res.Diagnostics.Warnings()), warnings)
	}
	if !has(errs, "content/side.md", 6, "cites fvl-13b-3") || errs[0].Severity != diag.Error {
		t.Errorf("--strict errors:\n%s", res.Diagnostics.Report())
	}
}
