package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestFoldedAnalyzer(t *testing.T) {
	// asciifolding alone turns æ into "ae", ø into "o" and å into "a";
	// the digraph filter then makes "ae"/"a", "oe"/"o" and "aa"/"a" meet.
	tests := []struct{ in, want string }{
		{"Netværksmøde på Samarbeidsnivå", "netvarksmode pa samarbeidsniva"},
		{"netvaerksmoede paa samarbeidsnivaa", "netvarksmode pa samarbeidsniva"},
		{"netvarksmode pa samarbeidsniva", "netvarksmode pa samarbeidsniva"},
		{"ÆØÅ æøå", "aoa aoa"},
		{"Tværgående tvaergaaende tvargaende", "tvargande tvargande tvargande"},
		{"Crème brûlée", "creme brulee"},
	}
	for _, tt := range tests {
		if got := strings.Join(foldWords(tt.in), " "); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// the snippet code folds single words the same way
		for i, w := range strings.Fields(tt.in) {
			if got, want := string(foldToken(nil, w)), strings.Fields(tt.want)[i]; got != want {
				t.Errorf("foldToken(%q) = %q, want %q", w, got, want)
			}
		}
	}
}

func TestSearchFindsVariants(t *testing.T) {
	ix := openTestIndex(t)
	tests := []struct {
		q, lang, want string
	}{
		{"pa tvers", "", "/veiviser/"},
		{"på tvers", "", "/veiviser/"},
		{"koordinater", "", "/begreper/barnekoordinator/"}, // typo
		{"netværksmøde", "", "/da/netvaerksmoede/"},
		{"netvaerksmode", "", "/da/netvaerksmoede/"},
		{"netvaerksmoede", "", "/da/netvaerksmoede/"},
		{"NETVARKSMODE", "", "/da/netvaerksmoede/"},
		{"samarbeidsnivaa", "", "/beslutningstrer/samarbeidsniva/"},
		{"stafettloggen", "", "/begreper/stafettlogg/"}, // stemming
		{"fvl", "", "/lovverk/fvl-13b-3/"},              // synonym
		{"hol", "", "/lovverk/hol-7-2a/"},
		{"samordning", "nn", "/nn/samordning/"}, // synonym, Nynorsk
		{"hva er en stafettlogg", "", "/begreper/stafettlogg/"},
		{"coordinate services", "en", "/en/about/"},
	}
	for _, tt := range tests {
		got := urls(t, ix, Request{Q: tt.q, Lang: tt.lang})
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%q: hits %v, want %s first", tt.q, got, tt.want)
		}
	}
}

func TestSearchSynonymRanksBelowDirectHit(t *testing.T) {
	ix := openTestIndex(t)
	got := urls(t, ix, Request{Q: "samhandling"})
	direct, synonym := indexOf(got, "/sider/flere-tjenester/"), indexOf(got, "/modeller/samarbeidsmodellen/")
	if direct < 0 || synonym < 0 || direct > synonym {
		t.Errorf("samhandling: hits %v; want the page saying samhandling before the one saying samarbeid", got)
	}
}

// Fuzzy matching is for words the index lacks: a word that some page has is
// searched as it is, and a typo prefers the closer word.
func TestSearchExactBeatsFuzzy(t *testing.T) {
	ix := openTestIndex(t)
	got := urls(t, ix, Request{Q: "koordinator"})
	if indexOf(got, "/begreper/barnekoordinator/") < 0 || indexOf(got, "/sider/ansvarsgruppe/") >= 0 {
		t.Errorf("koordinator: hits %v; want the pages that say it, not the misspelled one (kordinator)", got)
	}
	got = urls(t, ix, Request{Q: "koordinater"})
	if i, j := indexOf(got, "/begreper/barnekoordinator/"), indexOf(got, "/sider/ansvarsgruppe/"); i < 0 || j < 0 || i > j {
		t.Errorf("koordinater: hits %v; want koordinator (1 edit) before kordinator (2 edits)", got)
	}
}

func TestSearchFuzzyNeedsFiveLetters(t *testing.T) {
	ix := openTestIndex(t)
	if got := urls(t, ix, Request{Q: "tvars"}); len(got) != 1 {
		t.Errorf("tvars (5 letters, 1 edit): hits %v, want /veiviser/", got)
	}
	if got := urls(t, ix, Request{Q: "tvrs"}); len(got) != 0 {
		t.Errorf("tvrs (4 letters): hits %v, want none", got)
	}
	if got := urls(t, ix, Request{Q: "koordnatr"}); len(got) == 0 {
		t.Error("koordnatr (9 letters, 2 edits): no hits")
	}
}

func TestSearchQuerySyntaxIsPlainText(t *testing.T) {
	ix := openTestIndex(t)
	// Syntax characters are no words: these find nothing.
	for _, q := range []string{`*`, `/.*/`, `title:x`, `body:stafettlogg`, `"`, `~`, `\`, `()`, `{!}`} {
		resp, err := ix.Search(context.Background(), Request{Q: q})
		if err != nil || resp.Total > 0 {
			t.Errorf("%q: %d hits, %v; want none", q, resp.Total, err)
		}
	}
	// Around words they are separators, and mean nothing.
	for q, same := range map[string]string{
		`+barn -skole`:   "barn skole",
		`stafett*`:       "stafett",
		`"stafettlogg`:   "stafettlogg",
		`"på tvers"~2`:   "på tvers 2",
		`/koordinator/`:  "koordinator",
		`kommunen^10`:    "kommunen 10",
		`barn AND plikt`: "barn and plikt",
	} {
		if got, want := urls(t, ix, Request{Q: q}), urls(t, ix, Request{Q: same}); !slices.Equal(got, want) {
			t.Errorf("%q: hits %v; %q: %v", q, got, same, want)
		}
	}
}

func TestSearchFiltersAndFacets(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	all, err := ix.Search(ctx, Request{Q: "kommunen"})
	if err != nil {
		t.Fatal(err)
	}
	filtered, err := ix.Search(ctx, Request{Q: "kommunen", Type: "lov"})
	if err != nil {
		t.Fatal(err)
	}
	if filtered.Total == 0 || filtered.Total >= all.Total {
		t.Fatalf("total %d with type=lov, %d without", filtered.Total, all.Total)
	}
	for _, h := range filtered.Hits {
		if h.Type != "lov" {
			t.Errorf("type=lov gave a %s: %s", h.Type, h.URL)
		}
	}
	// facets are those of the unfiltered query
	if !reflect.DeepEqual(filtered.Facets, all.Facets) {
		t.Errorf("facets with filter %v, without %v", filtered.Facets, all.Facets)
	}
	sum := 0
	for _, n := range all.Facets["type"] {
		sum += n
	}
	if uint64(sum) != all.Total {
		t.Errorf("type facets add up to %d, total is %d", sum, all.Total)
	}

	da, err := ix.Search(ctx, Request{Q: "koordinator", Lang: "da"})
	if err != nil {
		t.Fatal(err)
	}
	if da.Total != 1 || da.Hits[0].Lang != "da" {
		t.Errorf("lang=da: %+v", da)
	}
	none, err := ix.Search(ctx, Request{Q: "koordinator", Type: "finnesikke"})
	if err != nil || none.Total != 0 || len(none.Hits) != 0 || len(none.Facets["type"]) == 0 {
		t.Errorf("unknown type: %+v, %v", none, err)
	}
}

func TestSearchPages(t *testing.T) {
	ix := openTestIndex(t)
	all := urls(t, ix, Request{Q: "barn", Size: 50})
	if len(all) < 3 {
		t.Fatalf("barn: only %d hits", len(all))
	}
	var paged []string
	for p := 1; p <= len(all); p++ {
		paged = append(paged, urls(t, ix, Request{Q: "barn", Size: 1, Page: p})...)
	}
	if !slices.Equal(paged, all) {
		t.Errorf("page by page %v, at once %v", paged, all)
	}
	if got := urls(t, ix, Request{Q: "barn", Page: 100}); len(got) != 0 {
		t.Errorf("page 100: %v", got)
	}
}

func TestSearchRejectsBadRequests(t *testing.T) {
	ix := openTestIndex(t)
	for _, r := range []Request{{}, {Q: "  "}, {Q: "x", Size: 51}, {Q: "x", Page: -1}, {Q: "x", Type: "A"}, {Q: "\xff"}} {
		_, err := ix.Search(context.Background(), r)
		var re *RequestError
		if !errors.As(err, &re) {
			t.Errorf("Search(%+v): %v, want a *RequestError", r, err)
		}
	}
}

func TestSearchTimeout(t *testing.T) {
	ix := openTestIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Request{Q: "barn"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestSnippetEscapesHTML(t *testing.T) {
	ix := openTestIndex(t)
	resp, err := ix.Search(context.Background(), Request{Q: "kjøres personvern"})
	if err != nil || len(resp.Hits) != 1 {
		t.Fatalf("kjøres personvern: %+v, %v", resp, err)
	}
	s := resp.Hits[0].Snippet
	for _, want := range []string{"&lt;script&gt;", "&amp;", "<mark>kjøres</mark>"} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet %q lacks %q", s, want)
		}
	}
	if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s); strings.ContainsAny(rest, "<>\"") {
		t.Errorf("snippet %q has markup besides <mark>", s)
	}
}

func TestSnippet(t *testing.T) {
	// an empty vocabulary: every word is one the index lacks, so misspellings are marked too
	b := newQueryBuilder(defaultAnalyzers(), &termDict{docs: 1}, []string{"no", "da"}, Synonyms{}, Abbreviations{})
	long := strings.Repeat("Fyll ord uten funn her. ", 20)
	tests := []struct {
		q, body, desc, want string
	}{
		{"stafettlogg", "En stafettlogg & mer.", "", "En <mark>stafettlogg</mark> &amp; mer."},
		{"stafettlogg", "Stafettloggen brukes.", "", "<mark>Stafettloggen</mark> brukes."},                       // stem
		{"pa tvers", "Jobb på tvers.", "", "Jobb på <mark>tvers</mark>."},                                        // "på" is a stop word
		{"samarbeidsnivaa", "Hvilket samarbeidsnivå?", "", "Hvilket <mark>samarbeidsnivå</mark>?"},               // folded
		{"koordinater", "En kordinator.", "", "En <mark>kordinator</mark>."},                                     // fuzzy, 2 edits
		{"samarbeid", "Samarbeidsmodellen gir samarbeid.", "", "Samarbeidsmodellen gir <mark>samarbeid</mark>."}, // no compound
		{"plan", "Ingen treff her.", "En plan.", "En <mark>plan</mark>."},                                        // description
		{"plan", "Ingen treff her.", "Ingen der heller.", "Ingen der heller."},
		{"x", "a  <b>\n\nc", "", "a &lt;b&gt; c"},
		{"treff", long + "Her er et treff, endelig. " + long, "", "… Fyll ord uten funn her. Fyll ord uten funn her. Her er et <mark>treff</mark>, endelig."},
	}
	for _, tt := range tests {
		_, m := b.buildQuery(tt.q, "")
		got := m.snippet(tt.body, tt.desc)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("snippet(%q, %q) = %q, want %q…", tt.q, tt.body, got, tt.want)
		}
		if text := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got); len(text) > snippetBytes+len("…  …") {
			t.Errorf("snippet(%q) has %d bytes of text", tt.q, len(text))
		}
	}
	// the window goes to where the most query words are
	_, m := b.buildQuery("taushetsplikt samtykke", "")
	body := "Om taushetsplikt. " + long + "Taushetsplikt og samtykke henger sammen."
	if got := m.snippet(body, ""); !strings.Contains(got, "<mark>samtykke</mark>") {
		t.Errorf("snippet = %q, want the window with both words", got)
	}
}

func TestConcurrentSearch(t *testing.T) {
	ix := openTestIndex(t)
	queries := []Request{
		{Q: "pa tvers"}, {Q: "koordinater"}, {Q: "netvaerksmode"}, {Q: "samhandling"},
		{Q: "barn", Type: "lov"}, {Q: "stafettlogg", Size: 1, Page: 2}, {Q: "*"}, {Q: "hol"},
	}
	want := make([][]string, len(queries))
	for i, r := range queries {
		want[i] = urls(t, ix, r)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				k := (g + i) % len(queries)
				resp, err := ix.Search(context.Background(), queries[k])
				if err != nil {
					t.Error(err)
					return
				}
				var got []string
				for _, h := range resp.Hits {
					got = append(got, h.URL)
				}
				if !slices.Equal(got, want[k]) {
					t.Errorf("%+v: %v, want %v", queries[k], got, want[k])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestBuildRejects(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		docs []Document
		opts BuildOptions
		want string
	}{
		{"no URL", []Document{{Title: "x"}}, BuildOptions{Messages: testMessages}, "has no URL"},
		{"duplicate URL", []Document{{URL: "/a/"}, {URL: "/a/"}}, BuildOptions{Messages: testMessages}, "two documents"},
		{"bad type", []Document{{URL: "/a/", Type: "Modell"}}, BuildOptions{Messages: testMessages}, "type"},
		{"bad synonyms", nil, BuildOptions{Messages: testMessages, Synonyms: Synonyms{Groups: [][]string{{"a"}}}}, "synonym group 1"},
		{"synonym twice", nil, BuildOptions{Messages: testMessages, Synonyms: Synonyms{Groups: [][]string{{"a", "b"}, {"B", "c"}}}}, "in more than one group"},
	}
	for _, tt := range tests {
		out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		_, err := Build(out, tt.docs, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}

	full := filepath.Join(dir, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	if _, err := Build(full, testDocs, BuildOptions{Messages: testMessages}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("non-empty dir: %v", err)
	}
}

func TestBuildAndOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	stats, err := Build(dir, testDocs, BuildOptions{Messages: testMessages, Synonyms: testSynonyms})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Docs != len(testDocs) || stats.Bytes <= 0 || stats.Duration <= 0 {
		t.Errorf("stats %+v", stats)
	}
	// an empty directory is fine too
	empty := t.TempDir()
	if _, err := Build(empty, testDocs[:1], BuildOptions{Messages: testMessages}); err != nil {
		t.Errorf("empty dir: %v", err)
	}

	// Open needs nothing but the directory: synonyms come along
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := urls(t, ix, Request{Q: "fvl"}); len(got) == 0 {
		t.Error("synonyms were not stored with the index")
	}

	if _, err := Open(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a samvirke search index") {
		t.Errorf("Open(empty dir): %v", err)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, manifestFile), []byte(`{"format": 999}`), 0o644)
	if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open(other format): %v", err)
	}
}

func TestBuildEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(dir, nil, BuildOptions{Messages: testMessages}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	resp, err := ix.Search(context.Background(), Request{Q: "barn"})
	if err != nil || resp.Total != 0 {
		t.Errorf("empty index: %+v, %v", resp, err)
	}
}
