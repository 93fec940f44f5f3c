package legal_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"samvirke/generator/internal/build"
)

// provision is a valid provision page; extra front matter is appended.
func provision(id, law, section, item, status, extra string) string {
	return fmt.Sprintf(`---
title: Tittel for %[1]s
description: Sammendrag av %[1]s.
id: %[1]s
law: %[2]s
law_name: Lov for %[2]s
law_id: LOV-2011-06-24-30
section: %[3]s
item: %[4]s
lovdata: https://lovdata.no/lov/2011-06-24-30/§1
status: %[5]s
last_verified: 2026-11-01
%[6]s---
Forklaring av %[1]s.
`, id, law, section, item, status, extra)
}

// citingSite is a small site: three provisions and a page citing them in its body.
func citingSite(body string) map[string]string {
	return map[string]string{
		"content/_index.md":            "---\ntitle: Forside\n---\n",
		"content/lovverk/_index.md":    "---\ntitle: Lovverket\n---\n",
		"content/lovverk/hol-7-2a.md":  provision("hol-7-2a", "hol.", "§ 7-2 a", "", "confirmed", "weight: 220\n"),
		"content/lovverk/fvl-13b-3.md": provision("fvl-13b-3", "fvl.", "§ 13 b", "nr. 3", "confirmed", "weight: 120\n"),
		"content/lovverk/fvl-13a-1.md": provision("fvl-13a-1", "fvl.", "§ 13 a", "nr. 1", "unverified", "weight: 100\n"),
		"content/side.md":              "---\ntitle: En side\n---\n" + body,
	}
}

var lawLink = regexp.MustCompile(`<a href="([^"]*)" class="(law-link[^"]*)"[^>]*>([^<]*)</a>`)

func TestCitationRendering(t *testing.T) {
	files := citingSite("Kommunens plikt: {{< lov \"hol-7-2a\" >}}.\n\n" +
		"Deling internt ({{< lov \"fvl-13b-3\" \"med kolleger\" >}}) og samtykke ({{< lov \"fvl-13a-1\" >}}).\n")
	res, dest, err := buildSite(t, fixtureSite(t, files), newFeature(today), build.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diagnostics.Report())
	}
	html := readFile(t, filepath.Join(dest, "side", "index.html"))
	links := lawLink.FindAllStringSubmatch(html, -1)
	if len(links) != 3 {
		t.Fatalf("want 3 citation links, got %d in\n%s", len(links), html)
	}
	for i, want := range [][3]string{
		{"/lovverk/hol-7-2a/", "law-link", "hol. § 7-2 a"},
		{"/lovverk/fvl-13b-3/", "law-link", "med kolleger"},
		{"/lovverk/fvl-13a-1/", "law-link law-link-flagged", "fvl. § 13 a nr. 1"},
	} {
		if got := [3]string{links[i][1], links[i][2], links[i][3]}; got != want {
			t.Errorf("link %d = %q, want %q", i, got, want)
		}
	}
	for _, want := range []string{
		`data-popup="Sammendrag av hol-7-2a."`,
		`data-popup-title="hol. § 7-2 a – Tittel for hol-7-2a"`,
		`data-popup-title="fvl. § 13 b nr. 3 – Tittel for fvl-13b-3"`,
		`data-popup-note="Ikke verifisert – sjekk lovteksten på Lovdata før du bygger på den."`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// Only the unverified provision carries a note.
	if n := strings.Count(html, "data-popup-note="); n != 1 {
		t.Errorf("%d popup notes, want 1", n)
	}
}

func TestUnknownCitation(t *testing.T) {
	files := citingSite("Første linje.\n\nSe {{< lov \"hol-7-2\" >}} om koordinator.\n")
	res, _, err := buildSite(t, fixtureSite(t, files), newFeature(today), build.Options{})
	if !errors.Is(err, build.ErrFailed) {
		t.Fatalf("build with an unknown provision: err = %v", err)
	}
	errs := res.Diagnostics.Errors()
	if len(errs) != 1 {
		t.Fatalf("want exactly one error, got:\n%s", res.Diagnostics.Report())
	}
	e := errs[0]
	if e.File != "content/side.md" || e.Line != 6 || e.Message != `unknown provision "hol-7-2"` ||
		e.Hint != `did you mean "hol-7-2a"? (ids are the file names in content/lovverk/)` {
		t.Errorf("error = %s", e)
	}
	if got := e.String(); !strings.HasPrefix(got, "content/side.md:6:4: unknown provision \"hol-7-2\"\n\t6 | Se {{< lov \"hol-7-2\" >}} om koordinator.\n\t  |    ^\n\tdid you mean \"hol-7-2a\"?") {
		t.Errorf("report line = %q", got)
	}
}

// TestUnknownIDInLists: the features that cite the registry in their front matter check the ids
// against it, each mistake once, with the registry's suggestion.
func TestUnknownIDInLists(t *testing.T) {
	files := citingSite("")
	src := fixtureSite(t, map[string]string{
		"content/lovverk/hol-7-2a.md": files["content/lovverk/hol-7-2a.md"],
		"content/modeller/m.md":       "---\ntitle: M\nmodel:\n  name: M\n  legal_basis: [hol-7-2a, hol-7-2b]\n---\n",
		"content/begreper/b.md":       "---\ntitle: B\nprovision: hol72a\n---\n",
		"content/beslutningstrer/t.md": "---\ntitle: T\nstart: a\nnodes:\n  a:\n    outcome:\n      title: Slutt\n" +
			"      legal: [hol-7-2a, fvl-99]\n---\n",
	})
	res, _, _ := buildSite(t, src, newFeature(today), build.Options{Check: true})
	d := res.Diagnostics
	for _, want := range []struct {
		file string
		line int
		msg  string
	}{
		{"content/modeller/m.md", 5, `legal_basis: unknown provision "hol-7-2b"`},
		{"content/begreper/b.md", 3, `provision: unknown provision "hol72a"`},
		{"content/beslutningstrer/t.md", 8, `outcome "a" refers to the unknown provision "fvl-99"`},
	} {
		if !has(d.Errors(), want.file, want.line, want.msg) {
			t.Errorf("want %s:%d: %s; got:\n%s", want.file, want.line, want.msg, d.Report())
		}
	}
	for _, id := range []string{"hol-7-2b", "hol72a", "fvl-99"} {
		n := 0
		for _, e := range d.Errors() {
			if strings.Contains(e.Message, strconv.Quote(id)) {
				n++
				if id != "fvl-99" && !strings.HasPrefix(e.Hint, `did you mean "hol-7-2a"?`) {
					t.Errorf("no suggestion for %s: %s", id, e)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d errors about %s, want 1:\n%s", n, id, d.Report())
		}
	}
}
