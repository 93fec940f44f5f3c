package contenttest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/models"
	"samvirke/generator/internal/site"
)

// realSite returns the built bundled portal's public/ directory and the build result.
func realSite(t *testing.T) (string, *build.Result) {
	t.Helper()
	dir, res := Portal(t)
	return filepath.Join(dir, "public"), res
}

func TestMain(m *testing.M) {
	code := m.Run()
	RemovePortal()
	os.Exit(code)
}

// TestVerbatim runs the shared verbatim check: no passage of content/ may repeat a source
// document word for word.
func TestVerbatim(t *testing.T) {
	root := RepoRoot(t)
	shared := filepath.Join(root, "..", "shared")
	script := filepath.Join(shared, "tools", "verbatim-check.py")
	seeds := filepath.Join(shared, "seeds")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("skipping the verbatim check: the source documents (%s) are not here", seeds)
	}
	if _, err := os.Stat(script); err != nil {
		t.Skipf("skipping the verbatim check: %s is not here", script)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping the verbatim check: python3 is not installed")
	}
	cmd := exec.Command(python, script, "content", seeds)
	cmd.Dir = root
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err = cmd.Run()
	if out.Len() > 0 {
		t.Errorf("content repeats source documents word for word; write it in your own words:\n%s", out.String())
	}
	if err != nil && out.Len() == 0 {
		t.Errorf("verbatim-check.py failed: %v\n%s", err, stderr.String())
	}
}

// modelFiles lists content/modeller/*.md that must have a model: block, read independently of
// the models feature: every page except _index.md and the comparison page.
func modelFiles(t *testing.T, root string) map[string]*content.File {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(root, "content", "modeller", "*.md"))
	out := map[string]*content.File{}
	for _, p := range paths {
		if filepath.Base(p) == "_index.md" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, problems := content.Parse("content/modeller/"+filepath.Base(p), src)
		if len(problems) > 0 {
			t.Fatalf("%v", problems)
		}
		if f.Front["layout"] == models.CompareLayout || f.Front["draft"] == true {
			continue
		}
		out["/modeller/"+strings.TrimSuffix(filepath.Base(p), ".md")+"/"] = f
	}
	return out
}

func TestComparisonTable(t *testing.T) {
	dir, _ := realSite(t)
	files := modelFiles(t, RepoRoot(t))
	page := ReadPage(t, dir, "/modeller/sammenlign/")

	regions := Elements(page, "div")
	var region *Element
	for i := range regions {
		if strings.Contains(regions[i].Attrs["class"], "scroll-region") {
			region = &regions[i]
		}
	}
	if region == nil {
		t.Fatal("no scroll region around the table")
	}
	if region.Attrs["role"] != "region" || region.Attrs["tabindex"] != "0" || region.Attrs["aria-labelledby"] == "" {
		t.Errorf("the scroll region needs role=region, tabindex=0 and aria-labelledby: %v", region.Attrs)
	}
	tables := Elements(page, "table")
	if len(tables) != 1 {
		t.Fatalf("want one table, found %d", len(tables))
	}
	table := tables[0]
	captions := table.Elements("caption")
	if len(captions) != 1 || captions[0].Text() == "" {
		t.Fatal("the table needs a caption")
	}
	if got := captions[0].Attrs["id"]; got != region.Attrs["aria-labelledby"] {
		t.Errorf("the region is labelled by %q, the caption's id is %q", region.Attrs["aria-labelledby"], got)
	}

	// One column per model page, linking to it.
	var cols []Element
	for _, th := range table.Elements("thead")[0].Elements("th") {
		if th.Attrs["scope"] == "col" {
			cols = append(cols, th)
		}
	}
	if len(cols) != len(files) {
		t.Fatalf("want a column per model page (%d), got %d", len(files), len(cols))
	}
	danish := map[int]bool{}
	for i, th := range cols {
		a := th.Tags("a")
		if len(a) != 1 {
			t.Fatalf("column %d: want a link to the model page, got %s", i+1, th.Inner)
		}
		f := files[a[0]["href"]]
		if f == nil {
			t.Fatalf("column %d links to %s, which is no model page", i+1, a[0]["href"])
		}
		delete(files, a[0]["href"])
		if pageLang(f.Front) == "da" {
			danish[i] = true
			if th.Attrs["lang"] != "da" {
				t.Errorf("the Danish model's column heading needs lang=\"da\"")
			}
		}
	}
	if len(danish) == 0 {
		t.Error("the Danish model has no column")
	}

	// Every row: a row header and one filled cell per model.
	rows := table.Elements("tbody")[0].Elements("tr")
	wantRows := []string{"Land", "Målgruppe", "Hvem koordinerer", "Nivåer eller faser", "Møteform", "Verktøy", "Lovgrunnlag", "Kilde"}
	var headers []string
	for _, tr := range rows {
		ths := tr.Elements("th")
		if len(ths) != 1 || ths[0].Attrs["scope"] != "row" || ths[0].Text() == "" {
			t.Fatalf("each row needs one <th scope=\"row\">: %s", tr.Inner)
		}
		headers = append(headers, ths[0].Text())
		cells := tr.Elements("td")
		if len(cells) != len(cols) {
			t.Errorf("row %q has %d cells for %d models", ths[0].Text(), len(cells), len(cols))
			continue
		}
		for i, td := range cells {
			if td.Text() == "" {
				t.Errorf("row %q, column %d is empty", ths[0].Text(), i+1)
			}
			if danish[i] && td.Attrs["lang"] != "da" {
				t.Errorf("row %q: the Danish model's cell needs lang=\"da\"", ths[0].Text())
			}
			if !danish[i] && td.Attrs["lang"] != "" {
				t.Errorf("row %q, column %d: unexpected lang=%q", ths[0].Text(), i+1, td.Attrs["lang"])
			}
		}
	}
	for _, want := range wantRows {
		if !contains(headers, want) {
			t.Errorf("no row %q (rows: %v)", want, headers)
		}
	}

	// Legal basis: links to the provision pages, as the lov shortcode makes them.
	for _, tr := range rows {
		if tr.Elements("th")[0].Text() != "Lovgrunnlag" {
			continue
		}
		links := 0
		for _, a := range tr.Tags("a") {
			if !strings.HasPrefix(a["href"], "/lovverk/") || !strings.Contains(a["class"], "law-link") {
				t.Errorf("legal basis link %v is not a provision link", a)
			}
			links++
		}
		if links == 0 {
			t.Error("the legal basis row has no provision links")
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestModelPagesHaveFactBox(t *testing.T) {
	dir, _ := realSite(t)
	for url, f := range modelFiles(t, RepoRoot(t)) {
		page := ReadPage(t, dir, url)
		var box *Element
		for _, a := range Elements(page, "aside") {
			if strings.Contains(a.Attrs["class"], "fact-box") {
				box = &a
			}
		}
		if box == nil {
			t.Errorf("%s: no fact box", url)
			continue
		}
		if n := len(Elements(box.Inner, "dt")); n < 5 {
			t.Errorf("%s: the fact box has %d facts, want target group, coordinator, meeting forum, tools, legal basis", url, n)
		}
		want := "nb"
		if l := pageLang(f.Front); l != "" {
			want = l
		}
		if html := Tags(page, "html"); len(html) != 1 || html[0]["lang"] != want {
			t.Errorf("%s: <html lang> should be %q", url, want)
		}
	}
}

var letterID = regexp.MustCompile(`^bokstav-[a-z]+$`)

func TestGlossaryIndex(t *testing.T) {
	dir, res := realSite(t)
	page := ReadPage(t, dir, "/begreper/")
	var nav *Element
	for _, n := range Elements(page, "nav") {
		if n.Attrs["aria-label"] == "Bokstaver" {
			nav = &n
		}
	}
	if nav == nil {
		t.Fatal(`no <nav aria-label="Bokstaver">`)
	}
	var letters []string
	seen := map[string]bool{}
	for _, a := range Tags(nav.Inner, "a") {
		id := strings.TrimPrefix(a["href"], "#")
		if !letterID.MatchString(id) || seen[id] {
			t.Errorf("letter anchor %q: want a unique id bokstav-…", id)
		}
		seen[id] = true
		if !regexp.MustCompile(`\sid="` + regexp.QuoteMeta(id) + `"`).MatchString(page) {
			t.Errorf("letter link #%s has no target", id)
		}
	}
	for _, h := range Elements(page, "h2") {
		if letterID.MatchString(h.Attrs["id"]) {
			letters = append(letters, h.Text())
		}
	}
	if !sort.SliceIsSorted(letters, func(i, j int) bool { return site.CompareNorwegian(letters[i], letters[j]) < 0 }) {
		t.Errorf("letters out of Norwegian order: %v", letters)
	}

	// Every entry is listed once, with its definition, in Norwegian order.
	entries := Elements(page, "dt")
	defs := Elements(page, "dd")
	var want []string
	for _, p := range res.Site.AllPages() {
		if glossary.IsEntry(p) {
			want = append(want, p.Title())
		}
	}
	if len(entries) != len(want) || len(defs) != len(want) {
		t.Fatalf("the index lists %d entries with %d definitions; the glossary has %d", len(entries), len(defs), len(want))
	}
	var got []string
	for i, dt := range entries {
		got = append(got, dt.Text())
		if defs[i].Text() == "" {
			t.Errorf("%s: no definition on the index", dt.Text())
		}
	}
	if !sort.SliceIsSorted(got, func(i, j int) bool { return site.CompareNorwegian(got[i], got[j]) < 0 }) {
		t.Errorf("entries out of Norwegian order: %v", got)
	}
}

func TestGlossaryEntryLang(t *testing.T) {
	dir, res := realSite(t)
	for _, p := range res.Site.AllPages() {
		if !glossary.IsEntry(p) {
			continue
		}
		page := ReadPage(t, dir, p.RelPermalink)
		h1 := Elements(page, "h1")
		if len(h1) != 1 {
			t.Fatalf("%s: want one h1", p.RelPermalink)
		}
		termLang, _ := p.Params["term_lang"].(string)
		want := ""
		if termLang != "" && termLang != p.Lang() {
			want = termLang
		}
		if h1[0].Attrs["lang"] != want {
			t.Errorf("%s: h1 lang=%q, want %q", p.RelPermalink, h1[0].Attrs["lang"], want)
		}
		if !strings.Contains(page, `class="term-definition"`) {
			t.Errorf("%s: no definition box", p.RelPermalink)
		}
	}
}

func TestHomeWaysIn(t *testing.T) {
	dir, res := realSite(t)
	page := ReadPage(t, dir, "/")
	var ways []Element
	for _, li := range Elements(page, "li") {
		if li.Attrs["class"] == "way" {
			ways = append(ways, li)
		}
	}
	want := map[string]string{"/beslutningstrer/": "Finn riktig samarbeidsnivå", "/kontakter/": "Hvem kontakter jeg?",
		"/skjema/": "Skjemaer", "/modeller/": "Samarbeidsmodellene", "/lovverk/": "Lovverket"}
	// The main way in comes first, before the search box, so a phone shows both in its first screen.
	if !strings.Contains(page, `class="home-primary-link" href="/veiviser/#trinnene"`) ||
		strings.Index(page, "home-primary-link") > strings.Index(page, `class="home-search"`) {
		t.Error("the main way in (the guide) is missing or comes after the search box")
	}
	for _, w := range ways {
		a := Tags(w.Inner, "a")
		if len(a) != 1 {
			t.Fatalf("a way in needs one link: %s", w.Inner)
		}
		href := a[0]["href"]
		sec := res.Site.ByURL(href)
		if sec == nil || (len(sec.Pages()) == 0 && sec.File == nil) {
			t.Errorf("way in to %s: the page is missing, or the section is empty", href)
		}
		if title, ok := want[href]; !ok || !strings.HasPrefix(w.Text(), title) {
			t.Errorf("unexpected way in %s %q", href, w.Text())
		}
		delete(want, href)
	}
	for href, title := range want {
		if p := res.Site.ByURL(href); p != nil && len(p.Pages()) > 0 {
			t.Errorf("way in %q (%s) is missing although its section has content", title, href)
		}
	}
}

func TestNoBrokenInternalLinks(t *testing.T) {
	dir, _ := realSite(t)
	broken, err := BrokenLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("%s: %s %s (%s)", b.Page, b.Rule, b.Element, b.Message)
	}
}

func TestRealSiteHasNoErrors(t *testing.T) {
	_, res := realSite(t)
	var errs []diag.Diagnostic
	errs = append(errs, res.Diagnostics.Errors()...)
	for _, d := range errs {
		t.Error(d.String())
	}
}

// TestTreeTargetGroupsMatchAudience: a decision tree is listed on the landing pages of the target
// groups its audience names, and no others (children or young-people: barn-og-unge, families:
// familier, adults: voksne).
func TestTreeTargetGroupsMatchAudience(t *testing.T) {
	_, res := realSite(t)
	group := map[string]string{"children": "barn-og-unge", "young-people": "barn-og-unge", "families": "familier", "adults": "voksne"}
	trees := 0
	for _, p := range res.Site.AllPages() {
		aud, ok := p.Params["audience"].([]any)
		if !ok || p.Section() != "beslutningstrer" {
			continue
		}
		trees++
		want := map[string]bool{}
		for _, a := range aud {
			want[group[a.(string)]] = true
		}
		got := map[string]bool{}
		for _, term := range p.GetTerms("malgrupper") {
			got[strings.TrimSuffix(strings.TrimPrefix(term.RelPermalink, "/malgrupper/"), "/")] = true
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: malgrupper %v, but audience %v means %v", p.SourcePath(), got, aud, want)
		}
	}
	if trees < 7 {
		t.Errorf("checked %d trees", trees)
	}
}

// pageLang is the language front matter gives a page: params.lang (Hugo's way), "" for the site's.
func pageLang(front map[string]any) string {
	if params, ok := front["params"].(map[string]any); ok {
		if l, ok := params["lang"].(string); ok {
			return l
		}
	}
	return ""
}
