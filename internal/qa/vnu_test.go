package qa

import (
	"strings"
	"testing"
)

func TestHTMLValidity(t *testing.T) {
	good, err := HTMLFiles(goodDir)
	if err != nil {
		t.Fatal(err)
	}
	broken, err := HTMLFiles(brokenDir)
	if err != nil {
		t.Fatal(err)
	}
	// One run of vnu for both sites: Java starts slowly.
	var pages []string
	for _, p := range good {
		pages = append(pages, "good/"+p)
	}
	for _, p := range broken {
		pages = append(pages, "broken/"+p)
	}
	fs, err := HTMLValidity("testdata", pages)
	requireTool(t, err)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, fs,
		"/broken/ html/invalid-html error", // <img> without alt
		"/broken/ html/invalid-html error", // </p> after <div> in <p>
		"/broken/ html/invalid-html error", // <p> in <ul>
	)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Message)
		if f.Line == 0 {
			t.Errorf("finding without line: %+v", f)
		}
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"“alt” attribute", "No “p” element in scope", "“p” not allowed as child of element “ul”"} {
		if !strings.Contains(all, want) {
			t.Errorf("no message with %q in:\n%s", want, all)
		}
	}
}
