package guidetest

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"samvirke/generator/internal/site"
)

// steps returns the guide's step pages in order, checking the content's step: blocks.
func steps(t *testing.T, s *site.Site) []*site.Page {
	t.Helper()
	sec := s.GetPage("/veiviser")
	if sec == nil {
		t.Fatal("no section /veiviser/")
	}
	var out []*site.Page
	for _, p := range sec.RegularPages() {
		if _, ok := p.Params["step"]; ok {
			out = append(out, p)
		}
	}
	return out
}

func stepOf(t *testing.T, p *site.Page) map[string]any {
	t.Helper()
	m, ok := p.Params["step"].(map[string]any)
	if !ok {
		t.Fatalf("%s: step: is not a mapping", p.SourcePath())
	}
	return m
}

func strs(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// TestStepContent checks the six step files against docs/authoring.md and the issues: numbered
// 1–6 in weight order, each with what to do, questions and a checklist, and link targets that
// exist; steps 2 and 4 link the tree about discussing or sharing, step 6 the tree about levels.
func TestStepContent(t *testing.T) {
	_, s := siteBuild(t)
	ps := steps(t, s)
	if len(ps) != 6 {
		t.Fatalf("got %d step pages in content/veiviser/, want 6", len(ps))
	}
	for i, p := range ps {
		n := i + 1
		st := stepOf(t, p)
		if num, _ := st["number"].(int); num != n {
			t.Errorf("%s: step.number = %v, want %d (the steps' weights give the order)", p.SourcePath(), st["number"], n)
		}
		if p.RelPermalink != fmt.Sprintf("/veiviser/trinn-%d/", n) {
			t.Errorf("step %d is published at %s, want /veiviser/trinn-%d/", n, p.RelPermalink, n)
		}
		if w, _ := st["what_to_do"].(string); strings.TrimSpace(w) == "" {
			t.Errorf("%s: step.what_to_do is empty", p.SourcePath())
		}
		for _, key := range []string{"questions", "checklist"} {
			if len(strs(st[key])) == 0 {
				t.Errorf("%s: step.%s is empty", p.SourcePath(), key)
			}
		}
		links, _ := st["links"].([]any)
		for _, l := range links {
			m, _ := l.(map[string]any)
			u, _ := m["url"].(string)
			if strings.HasPrefix(u, "/") && s.ByURL(u) == nil {
				t.Errorf("%s: step.links: %s is not a page of the site", p.SourcePath(), u)
			}
		}
		if p.Lastmod().IsZero() {
			t.Errorf("%s: no lastmod («Sist oppdatert»)", p.SourcePath())
		}
		if _, ok := p.Params["sources"]; !ok {
			t.Errorf("%s: no sources", p.SourcePath())
		}
	}
	wantLinks := map[int]string{2: "/beslutningstrer/drofte-eller-dele/", 4: "/beslutningstrer/drofte-eller-dele/", 6: "/beslutningstrer/samarbeidsniva/"}
	for n, u := range wantLinks {
		if !strings.Contains(fmt.Sprint(stepOf(t, ps[n-1])["links"]), u) {
			t.Errorf("step %d does not link %s", n, u)
		}
	}
	if w := strings.Join(strs(stepOf(t, ps[3])["warnings"]), " "); !strings.Contains(w, "Ikke kontakt foreldrene først") {
		t.Errorf("step 4's warnings do not say «Ikke kontakt foreldrene først»: %q", w)
	}
}

var stepItem = regexp.MustCompile(`<li class="guide-step" id="trinn-(\d+)"`)

// TestOverviewHTML checks /veiviser/ as built: all six steps in order in one <ol>, each with its
// anchor and every part of its step block; step 4's warning comes first in the step.
func TestOverviewHTML(t *testing.T) {
	_, s := siteBuild(t)
	h := readPage(t, "veiviser/index.html")
	ol := strings.Index(h, `<ol class="guide-steps">`)
	if ol < 0 {
		t.Fatal(`/veiviser/ has no <ol class="guide-steps">`)
	}
	locs := stepItem.FindAllStringSubmatchIndex(h, -1)
	if len(locs) != 6 {
		t.Fatalf("/veiviser/ has %d step items, want 6", len(locs))
	}
	for i, loc := range locs {
		if got := h[loc[2]:loc[3]]; got != fmt.Sprint(i+1) {
			t.Errorf("step item %d has id trinn-%s", i+1, got)
		}
		if loc[0] < ol {
			t.Errorf("step %d is not inside the <ol>", i+1)
		}
	}
	ps := steps(t, s)
	for i, loc := range locs {
		end := len(h)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		} else if j := strings.Index(h[loc[0]:], "</ol>\n    </form>"); j >= 0 {
			end = loc[0] + j
		}
		item := h[loc[0]:end]
		st := stepOf(t, ps[i])
		n := i + 1
		for _, want := range []string{html.EscapeString(ps[i].Title()), "Dette gjør du", "Spørsmål å tenke gjennom", "Sjekkliste"} {
			if !strings.Contains(item, want) {
				t.Errorf("step %d lacks %q", n, want)
			}
		}
		for _, key := range []string{"questions", "checklist", "warnings"} {
			for _, text := range strs(st[key]) {
				// A shortcode renders as HTML (a contact with its number): compare the text before it.
				if i := strings.Index(text, "{{<"); i > 0 {
					text = text[:i]
				}
				if !strings.Contains(html.UnescapeString(item), strings.TrimSpace(text)) {
					t.Errorf("step %d lacks its %s item %q", n, key, text)
				}
			}
		}
		if tl, _ := st["time_limit"].(string); tl != "" && !strings.Contains(item, "Tidsramme:</strong> "+html.EscapeString(tl)) {
			t.Errorf("step %d lacks its time limit %q", n, tl)
		}
		if _, ok := st["legal_note"]; ok && !strings.Contains(item, "Hva sier loven?") {
			t.Errorf("step %d lacks its legal note", n)
		}
		if links, _ := st["links"].([]any); len(links) > 0 {
			for _, l := range links {
				m, _ := l.(map[string]any)
				if !strings.Contains(item, fmt.Sprintf(`href="%s"`, m["url"])) {
					t.Errorf("step %d lacks the link to %v", n, m["url"])
				}
			}
		}
		if !strings.Contains(item, fmt.Sprintf(`href="/veiviser/trinn-%d/"`, n)) {
			t.Errorf("step %d does not link its own page", n)
		}
		if len(strs(st["warnings"])) > 0 {
			w, what := strings.Index(item, `class="guide-warning"`), strings.Index(item, "Dette gjør du")
			if w < 0 || w > what {
				t.Errorf("step %d: the warnings do not come before «Dette gjør du»", n)
			}
		}
	}
	for n := 1; n <= 6; n++ {
		if !strings.Contains(h, fmt.Sprintf(`<a href="#trinn-%d"`, n)) {
			t.Errorf("the list of steps does not link #trinn-%d", n)
		}
	}
}

var (
	styleAttr    = regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=`)
	scriptTag    = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	jsonScript   = regexp.MustCompile(`(?i)type="application/json"`)
	relLink      = regexp.MustCompile(`<a href="([^"]+)" rel="(prev|next)">`)
	relationalJS = regexp.MustCompile(`(?s)<script type="application/json" data-relational-data>(.*?)</script>`)
)

// TestPagesHTML checks every guide page for what the strict CSP and the issues ask: no inline
// script or style, a source and «Sist oppdatert», and previous/next links between the steps.
func TestPagesHTML(t *testing.T) {
	pages := []string{"veiviser/index.html", "veiviser/relasjonell-kapasitet/index.html"}
	for n := 1; n <= 6; n++ {
		pages = append(pages, fmt.Sprintf("veiviser/trinn-%d/index.html", n))
	}
	for _, p := range pages {
		h := readPage(t, p)
		if m := styleAttr.FindString(h); m != "" {
			t.Errorf("%s has a style attribute: %s", p, m)
		}
		for _, tag := range scriptTag.FindAllString(h, -1) {
			if !strings.Contains(tag, " src=") && !jsonScript.MatchString(tag) {
				t.Errorf("%s has an inline script: %s", p, tag)
			}
		}
		if !strings.Contains(h, "Sist oppdatert:") || !strings.Contains(h, `class="page-meta"`) || !strings.Contains(h, "<cite>") {
			t.Errorf("%s does not show its source and «Sist oppdatert»", p)
		}
	}
	for n := 1; n <= 6; n++ {
		h := readPage(t, fmt.Sprintf("veiviser/trinn-%d/index.html", n))
		got := map[string]string{}
		for _, m := range relLink.FindAllStringSubmatch(h, -1) {
			got[m[2]] = m[1]
		}
		want := map[string]string{}
		if n > 1 {
			want["prev"] = fmt.Sprintf("/veiviser/trinn-%d/", n-1)
		}
		if n < 6 {
			want["next"] = fmt.Sprintf("/veiviser/trinn-%d/", n+1)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("trinn-%d: previous/next links %v, want %v", n, got, want)
		}
		if !strings.Contains(h, fmt.Sprintf(`href="/veiviser/#trinn-%d"`, n)) {
			t.Errorf("trinn-%d does not link its place on the overview", n)
		}
		if !strings.Contains(h, fmt.Sprintf("Trinn %d av 6", n)) {
			t.Errorf("trinn-%d does not say «Trinn %d av 6»", n, n)
		}
	}
}

// TestRelationalData checks the data block of the self-assessment: the six factors of the Moss
// source in order, the steps a–h, and a start step for every factor that is one of a–h.
func TestRelationalData(t *testing.T) {
	h := readPage(t, "veiviser/relasjonell-kapasitet/index.html")
	m := relationalJS.FindStringSubmatch(h)
	if m == nil {
		t.Fatal("no data-relational-data block")
	}
	var data struct {
		Factors []struct {
			ID, Name, Question string
			Start              []string
		}
		Steps []struct{ ID, Title string }
		Even  []string
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatalf("data block: %v", err)
	}
	var names, ids []string
	for _, f := range data.Factors {
		names = append(names, f.Name)
		if f.Question == "" || len(f.Start) == 0 {
			t.Errorf("factor %s lacks a question or start steps", f.Name)
		}
	}
	wantNames := []string{"Kunnskap", "Samarbeidsorientering", "Respekt", "Deling av kunnskap", "Problemløsning", "Innovasjon"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("factors %q, want %q", names, wantNames)
	}
	for _, s := range data.Steps {
		ids = append(ids, s.ID)
		if s.Title == "" {
			t.Errorf("step %s has no title", s.ID)
		}
		if !strings.Contains(h, fmt.Sprintf(`id="rk-steg-%s"`, s.ID)) {
			t.Errorf("the page does not describe step %s", s.ID)
		}
	}
	if want := strings.Split("abcdefgh", ""); !slices.Equal(ids, want) {
		t.Errorf("steps %q, want a–h", ids)
	}
	for _, f := range data.Factors {
		for _, id := range f.Start {
			if !slices.Contains(ids, id) {
				t.Errorf("factor %s starts with unknown step %q", f.Name, id)
			}
		}
	}
	for _, name := range wantNames {
		if !strings.Contains(h, "<strong>"+name+".</strong>") {
			t.Errorf("the page does not describe the factor %s without JavaScript", name)
		}
	}
}
