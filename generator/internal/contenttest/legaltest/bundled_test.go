package legaltest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"samvirke/generator/internal/legal"
)

var badgeRe = regexp.MustCompile(`<span class="status-badge (status-[a-z]+)">`)

// TestBundledReport pins the build report of the bundled portal, so a change in content that
// adds or removes a warning is a deliberate one.
func TestBundledReport(t *testing.T) {
	res, _, _ := buildBundled(t)
	d := res.Diagnostics
	counts := map[string]int{}
	for _, w := range d.Warnings() {
		if strings.HasPrefix(w.Group, "legal registry:") {
			counts[w.Group]++
		}
	}
	t.Logf("legal registry warnings: %v", counts)
	if counts[legal.GroupStale(12)] != 0 {
		t.Errorf("stale provisions in the bundled content:\n%s", d.Report())
	}
	for _, id := range []string{"fvl-13a-1", "sthl-2-1e", "oppl-4a-14"} {
		if !has(inGroup(d, legal.GroupUnverified), "content/lovverk/"+id+".md", 0, id+" (") {
			t.Errorf("no unverified warning for %s", id)
		}
	}
	if counts[legal.GroupUnverified] != 3 {
		t.Errorf("%d unverified warnings, want 3", counts[legal.GroupUnverified])
	}
	// No page cites a provision that no longer applies as if it were the rule (the old
	// opplæringslova § 15-8 is named only as history), and every current provision is cited.
	for _, g := range []string{legal.GroupOutdated, legal.GroupUncited} {
		for _, w := range inGroup(d, g) {
			t.Errorf("unexpected: %s", w)
		}
	}
}

func badges(html string) []string {
	var out []string
	for _, m := range badgeRe.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// An outdated provision never shows the green «Bekreftet» badge, on its page or in the list, and
// the list puts it after the law that applies; every provision page shows its legal review.
func TestOutdatedProvisionsOnThePage(t *testing.T) {
	_, f, dest := buildBundled(t)
	for _, p := range f.Provisions() {
		html := readFile(t, filepath.Join(dest, "lovverk", p.ID, "index.html"))
		facts := html[strings.Index(html, `class="provision-facts"`):]
		got := strings.Join(badges(facts[:strings.Index(facts, "</dl>")]), " ")
		switch {
		case p.Superseded():
			if got != "status-superseded" && got != "status-unverified status-superseded" {
				t.Errorf("%s is superseded; badges %q", p.ID, got)
			}
		case p.Expired(today):
			if got != "status-expired" && got != "status-unverified status-expired" {
				t.Errorf("%s no longer applies; badges %q", p.ID, got)
			}
		case p.Status == legal.StatusConfirmed:
			if got != "status-confirmed" {
				t.Errorf("%s applies and is confirmed; badges %q", p.ID, got)
			}
		}
		if !strings.Contains(html, `<p class="legal-review"><span class="meta-label">Juridisk gjennomgått:</span> <time datetime="2026-12-03">3. desember 2026</time> (redaksjonen)</p>`) {
			t.Errorf("%s does not show its legal review", p.ID)
		}
	}
	list := readFile(t, filepath.Join(dest, "lovverk", "index.html"))
	// In the list, no item of an outdated provision carries the confirmed badge.
	for _, item := range strings.Split(list, `<li class="provision-item"`)[1:] {
		item = item[:strings.Index(item, "</li>")]
		b := strings.Join(badges(item), " ")
		if (strings.Contains(b, "status-expired") || strings.Contains(b, "status-superseded")) && strings.Contains(b, "status-confirmed") {
			t.Errorf("an outdated provision in the list is also «Bekreftet»: %s", item)
		}
	}
	// The law groups of the old acts come after every law that applies.
	old := strings.Index(list, "Opplæringslova (1998)")
	if old < 0 || strings.Index(list, "Barnevernloven (gjaldt til 2023)") < 0 {
		t.Fatal("the outdated law groups are missing from /lovverk/")
	}
	for _, current := range []string{"Straffeloven", "Helsepersonelloven", "Barnevernsloven", "Forvaltningsloven (1967)"} {
		if i := strings.Index(list, ">"+current); i < 0 || i > old {
			t.Errorf("%s comes after the old opplæringslova in /lovverk/ (or is missing)", current)
		}
	}
}

func TestValidBundledRegistry(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(repoRoot(t), "content", "lovverk", "*.md"))
	res, f, _ := buildBundled(t)
	for _, e := range res.Diagnostics.Errors() {
		if strings.HasPrefix(e.File, "content/lovverk/") {
			t.Errorf("the bundled registry has an error: %s", e)
		}
	}
	if n := len(f.Provisions()); n != len(paths)-1 { // _index.md is the section
		t.Errorf("%d provisions, want %d", n, len(paths)-1)
	}
}

// TestLegalFactsStatuses pins the statuses that the shared research notes give: anything they
// call unconfirmed must be unverified in the registry.
func TestLegalFactsStatuses(t *testing.T) {
	_, f, _ := buildBundled(t)
	for id, status := range map[string]string{
		"bvl-15-8": legal.StatusConfirmed, "fvkl-1a": legal.StatusConfirmed, "oppl-15-8": legal.StatusConfirmed,
		"privskl-3-6a": legal.StatusConfirmed, "bhl-2b": legal.StatusConfirmed, "krisesenterlova-4": legal.StatusConfirmed,
		"stjl-13": legal.StatusConfirmed, "hol-3-4": legal.StatusConfirmed, "integreringsloven-50": legal.StatusConfirmed,
		"hol-7-2a": legal.StatusConfirmed, "pbrl-2-5c": legal.StatusConfirmed, "hol-7-2": legal.StatusConfirmed,
		"pbrl-2-5b": legal.StatusConfirmed, "fvl-13b-1": legal.StatusConfirmed, "fvl-13b-3": legal.StatusConfirmed,
		"fvl-13b-5": legal.StatusConfirmed, "fvl-13b-6": legal.StatusConfirmed, "fvl-13b-7": legal.StatusConfirmed,
		"stjl-44": legal.StatusConfirmed, "navl-7": legal.StatusConfirmed,
		// Confirmed on 2026-12-03: duties to cooperate, the specialist service's koordinator duty.
		"thtl-1-4a": legal.StatusConfirmed, "navl-15a": legal.StatusConfirmed, "sthl-2-5a": legal.StatusConfirmed,
		// The duty to report and the duty to avert (added 2026-12-03), and what the trees cite with them.
		"bvl-13-2": legal.StatusConfirmed, "hpl-33": legal.StatusConfirmed, "bhl-46": legal.StatusConfirmed,
		"krisesenterlova-6": legal.StatusConfirmed, "strl-196": legal.StatusConfirmed, "strl-287": legal.StatusConfirmed,
		"fvl-13a-2": legal.StatusConfirmed, "hol-7-1": legal.StatusConfirmed, "pbrl-2-5": legal.StatusConfirmed,
		"pbrl-7-2":  legal.StatusConfirmed,
		"fvl-13a-1": legal.StatusUnverified, "sthl-2-1e": legal.StatusUnverified, "oppl-4a-14": legal.StatusUnverified,
	} {
		p := f.Provision(id)
		if p == nil {
			t.Errorf("%s is missing from the registry", id)
			continue
		}
		if p.Status != status {
			t.Errorf("%s: status %s, want %s", id, p.Status, status)
		}
	}
	if p := f.Provision("oppl-15-8"); p != nil && p.ValidTo.Format("2006-01-02") != "2024-07-31" {
		t.Errorf("oppl-15-8 valid_to = %v, want 2024-07-31 (the 1998 act was replaced on 1 August 2024)", p.ValidTo)
	}
	if p := f.Provision("fvl-13b-7"); p != nil && p.ValidFrom.Format("2006-01-02") != "2021-07-01" {
		t.Errorf("fvl-13b-7 valid_from = %v, want 2021-07-01", p.ValidFrom)
	}
	if p := f.Provision("pbrl-2-5b"); p != nil && p.ValidFrom.Format("2006-01-02") != "2022-08-01" {
		t.Errorf("pbrl-2-5b valid_from = %v, want 2022-08-01 (its current form)", p.ValidFrom)
	}
	// Law ids that legal-facts.md confirms (a law without one is ikke-verifisert, exported as null).
	lawIDs := map[string]string{
		"bvl-13-2": "LOV-2021-06-18-97", "bvl-15-8": "LOV-2021-06-18-97", "bvl1992-3-2": "LOV-1992-07-17-100",
		"fvkl-1a": "LOV-1997-06-19-62", "pbrl-2-5": "LOV-1999-07-02-63", "pbrl-2-5b": "LOV-1999-07-02-63",
		"pbrl-2-5c": "LOV-1999-07-02-63", "pbrl-7-2": "LOV-1999-07-02-63", "navl-7": "LOV-2006-06-16-20",
		"navl-15a": "LOV-2006-06-16-20", "krisesenterlova-4": "LOV-2009-06-19-44", "krisesenterlova-6": "LOV-2009-06-19-44",
		"hol-7-1": "LOV-2011-06-24-30", "hol-7-2a": "LOV-2011-06-24-30", "stjl-13": "LOV-2009-12-18-131",
		"bhl-46": "LOV-2005-06-17-64", "fvl-13a-2": "LOV-1967-02-10", "fvl-13b-7": "LOV-1967-02-10",
		"thtl-1-4a": legal.UnknownLawID, "oppl-15-8": legal.UnknownLawID,
	}
	for id, want := range lawIDs {
		if p := f.Provision(id); p == nil || p.LawID != want {
			t.Errorf("%s law_id = %v, want %s", id, p, want)
		}
	}
	// Framing corrected on 2026-12-03.
	body := func(id string) string {
		p := f.Provision(id)
		if p == nil {
			t.Fatalf("%s is missing", id)
		}
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "content", "lovverk", id+".md"))
		if err != nil {
			t.Fatal(err)
		}
		return p.Title + "\n" + p.Summary + "\n" + string(src)
	}
	for _, id := range []string{"hol-7-2a", "pbrl-2-5c"} {
		if b := body(id); !strings.Contains(b, "langvarige **og** sammensatte eller koordinerte") || strings.Contains(b, "langvarige, sammensatte eller") {
			t.Errorf("%s does not state the two conditions «langvarige og sammensatte eller koordinerte»", id)
		}
		if !strings.Contains(body(id), "pbrl-7-2") {
			t.Errorf("%s does not say that a refusal can be appealed", id)
		}
	}
	if b := body("fvl-13b-6"); !strings.Contains(b, "allmenne hensyn") || !strings.Contains(b, "egne oppgaver") {
		t.Error("fvl-13b-6 does not carry its condition (allmenne hensyn / the body's own tasks)")
	}
	if b := body("fvl-13b-7"); !strings.Contains(b, "nødvendig") || !strings.Contains(b, "uten navn") || !strings.Contains(b, "pålegger deg ikke") {
		t.Error("fvl-13b-7 does not say how narrow it is, or that it is a permission and not a duty")
	}
	for _, id := range []string{"navl-15a", "thtl-1-4a"} {
		if b := body(id); !strings.Contains(strings.ToLower(f.Provision(id).Title), "samarbeide") || strings.Contains(f.Provision(id).Title, "samordning") {
			t.Errorf("%s is a duty to cooperate, not to coordinate: %q", id, b[:80])
		}
	}
	if t2 := f.Provision("sthl-2-1e").Title; !strings.Contains(t2, "samarbeid") {
		t.Errorf("sthl-2-1e is framed as cooperation: %q", t2)
	}
	if b := body("sthl-2-5a"); !strings.Contains(b, "koordinator") {
		t.Error("sthl-2-5a is the specialist service's koordinator duty")
	}
	for _, id := range []string{"bvl-13-2"} {
		b := body(id)
		// The numbers come from data/kontakter.yaml: {{< kontakt "politi" >}} renders 112.
		for _, want := range []string{"taushetsplikt", "samtykke", "lederen", "barnevernvakten", `{{< kontakt "politi"`, `{{< kontakt "barnevernvakt"`} {
			if !strings.Contains(b, want) {
				t.Errorf("%s does not mention %q", id, want)
			}
		}
	}
}

// TestBacklinks checks "Brukt i" on the bundled portal: pages citing in their body, models through
// legal_basis, glossary entries through provision and their origin, and decision-tree nodes
// through legal lists and shortcodes in node text, named by the node's own page.
func TestBacklinks(t *testing.T) {
	_, f, dest := buildBundled(t)
	urls := func(id string) []string {
		var out []string
		p := f.Provision(id)
		if p == nil {
			t.Fatalf("no provision %s", id)
		}
		links, _ := p.Page.Store().Get("citedBy").([]legal.Backlink)
		for _, b := range links {
			out = append(out, b.URL)
		}
		return out
	}
	contains := func(id string, want ...string) {
		t.Helper()
		got := urls(id)
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: citedBy lacks %s; has %q", id, w, got)
			}
		}
	}
	contains("fvl-13b-7",
		"/beslutningstrer/drofte-eller-dele/utfall-fare/", // legal list and {{< lov >}} in the outcome body
		"/modeller/samarbeidsmodellen/",                   // legal_basis and body
		"/veiviser/trinn-4/",                              // {{< lov >}} in step.legal_note
	)
	contains("fvl-13b-5", "/beslutningstrer/drofte-eller-dele/egen-oppgave/") // {{< lov >}} in a question's help
	contains("hol-7-2a", "/begreper/barnekoordinator/", "/lovverk/pbrl-2-5c/")
	contains("bvl1992-3-2", "/lovverk/bvl-15-8/")
	for _, id := range []string{"fvl-13b-7", "hol-7-2a"} {
		got := urls(id)
		seen := map[string]bool{}
		for _, u := range got {
			if seen[u] {
				t.Errorf("%s: %s listed twice", id, u)
			}
			seen[u] = true
			if u == "/lovverk/"+id+"/" {
				t.Errorf("%s cites itself", id)
			}
		}
	}
	// The provision page lists them.
	html := readFile(t, filepath.Join(dest, "lovverk", "fvl-13b-5", "index.html"))
	if !strings.Contains(html, `<h2 id="lovverk-brukt-i">Brukt i</h2>`) ||
		!strings.Contains(html, `<a href="/beslutningstrer/drofte-eller-dele/egen-oppgave/">`) {
		t.Errorf("fvl-13b-5's page lacks its backlinks")
	}
	// Every backlink resolves to a published page.
	for _, p := range f.Provisions() {
		for _, u := range urls(p.ID) {
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(u), "index.html")); err != nil {
				t.Errorf("%s: backlink %s is not a page", p.ID, u)
			}
		}
	}
}
