package qa

import (
	"slices"
	"testing"
)

func TestLinksGood(t *testing.T) {
	r, err := Links(goodDir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, r.Findings)
	wantPages := []string{"/", "/404.html", "/om/", "/sok/"}
	if got := slices.Sorted(slices.Values(r.Pages)); !slices.Equal(got, wantPages) {
		t.Errorf("Pages = %q, want %q", got, wantPages)
	}
	if len(r.Unreachable) != 0 {
		t.Errorf("Unreachable = %q", r.Unreachable)
	}
	var ext []string
	for _, e := range r.External {
		ext = append(ext, e.URL)
		if e.Resource {
			t.Errorf("good site loads %s from another origin", e.URL)
		}
	}
	if !slices.Contains(ext, "https://www.regjeringen.no/") {
		t.Errorf("External = %q, lacks the link to regjeringen.no", ext)
	}
}

func TestLinksBroken(t *testing.T) {
	r, err := Links(brokenDir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, r.Findings,
		`/ links/broken-link error <a href="/finnes-ikke/">`,
		`/ links/missing-anchor error <a href="/om/#mangler">`,
		`/ links/missing-anchor error <a href="#ingen-slik-id">`,
		`/ links/trailing-slash warning <a href="/om">`,
		`/assets/site.css links/broken-resource error url()`,
		`/gammel/ links/unreachable-page info`,
		`/meny/ links/unreachable-page info`, // the phone gate's menu fixture, reached only by the test
	)
	if !slices.Equal(r.Unreachable, []string{"/gammel/", "/meny/"}) {
		t.Errorf("Unreachable = %q, want [/gammel/ /meny/]", r.Unreachable)
	}
	var res []string
	for _, e := range r.ExternalResources() {
		res = append(res, e.Page+" "+e.URL)
	}
	want := []string{"/ https://cdn.example.com/x.js", "/assets/site.css https://fonts.example.com/ekstern.woff2"}
	if !slices.Equal(res, want) {
		t.Errorf("ExternalResources = %q, want %q", res, want)
	}
}

func TestLinksNeedsIndex(t *testing.T) {
	if _, err := Links(t.TempDir()); err == nil {
		t.Error("Links on a directory without index.html gave no error")
	}
}
