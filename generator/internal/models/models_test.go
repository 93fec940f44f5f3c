package models_test

import (
	"slices"
	"strings"
	"testing"

	"samvirke/generator/internal/contenttest"
)

// goodModel is a complete model page; the bad cases below change one thing in it.
const goodModel = `---
title: Testmodellen
description: En testmodell.
weight: 1
model:
  name: Testmodellen
  country: Norge
  sectors: [barnehage, skole]
  target_group: Barn og unge
  aim: Sammenhengende hjelp
  source:
    title: Et dokument
    organisation: Eksempel kommune
    year: 2023
  coordinator: Stafettholderen
  levels_or_phases:
    - {level: 1, summary: Én tjeneste}
    - {name: Fase to, summary: Flere tjenester}
  principles_or_core_elements:
    - {name: Felles mål, summary: Alle jobber mot det samme}
  meeting_forum: Ansvarsgruppe
  tools: [stafettlogg, eget skjema]
  legal_basis: [hol-7-2a]
---

Om modellen.
`

const danishModel = `---
title: Dansk model
params:
  lang: da
weight: 2
model:
  name: Dansk model
  country: Danmark
  sectors: [socialområdet]
  target_group: Borgere over 50 år
  aim: Bedre trivsel
  source: {title: Indsatsbeskrivelse, organisation: Styrelsen, year: ~}
  coordinator: En tværgående koordinator
  levels_or_phases:
    - {name: Fase 1, summary: Opstart}
  principles_or_core_elements:
    - {name: Netværksmøder, summary: Borgeren i centrum}
  meeting_forum: Netværksmøder
  tools: []
  legal_basis: []
---
`

func site(t *testing.T, pages map[string]string) string {
	t.Helper()
	files := map[string]string{
		"content/modeller/_index.md":       "---\ntitle: Samarbeidsmodeller\n---\n",
		"content/modeller/sammenlign.md":   "---\ntitle: Sammenlign modellene\nlayout: sammenlign\nweight: 100\n---\n",
		"content/begreper/_index.md":       "---\ntitle: Begreper\n---\n",
		"content/begreper/stafettlogg.md":  "---\ntitle: Stafettlogg\ndefinition: Et verktøy.\n---\n",
		"content/lovverk/_index.md":        "---\ntitle: Lovverket\n---\n",
		"content/lovverk/hol-7-2a.md":      contenttest.Provision(t, "hol-7-2a"),
		"content/modeller/danskmodell.md":  danishModel,
		"content/modeller/testmodellen.md": goodModel,
	}
	for k, v := range pages {
		files[k] = v
	}
	return contenttest.Fixture(t, files)
}

func TestGoodModels(t *testing.T) {
	res, dest := contenttest.Build(t, site(t, nil))
	if dest == "" {
		t.Fatalf("build failed:\n%s", res.Diagnostics.Report())
	}
	// The fact box (the layouts read the model: block; the feature checked it).
	facts := ""
	for _, a := range contenttest.Elements(contenttest.ReadPage(t, dest, "/modeller/testmodellen/"), "aside") {
		if a.Attrs["class"] == "fact-box" {
			facts = a.Text()
			if links := a.Tags("a"); !slices.ContainsFunc(links, func(l map[string]string) bool { return l["href"] == "/begreper/stafettlogg/" }) ||
				!slices.ContainsFunc(links, func(l map[string]string) bool { return l["href"] == "/lovverk/hol-7-2a/" }) {
				t.Errorf("the fact box links %v; want the glossary entry stafettlogg and the provision hol-7-2a", links)
			}
		}
	}
	for _, want := range []string{"Barn og unge", "Stafettholderen", "Ansvarsgruppe", "eget skjema", "hol. § 7-2 a", "Et dokument", "Eksempel kommune", "2023"} {
		if !strings.Contains(facts, want) {
			t.Errorf("the fact box lacks %q: %q", want, facts)
		}
	}
	compare := contenttest.ReadPage(t, dest, "/modeller/sammenlign/")
	text := contenttest.Parse(compare).Text()
	// Level 1 takes its name from hugo.toml; a named phase keeps its name.
	for _, want := range []string{"Nivå 1", "Fase to", "Fase 1", "Borgere over 50 år"} {
		if !strings.Contains(text, want) {
			t.Errorf("the comparison page lacks %q", want)
		}
	}

	// The comparison page: a column per model, in weight order; the Danish one marked.
	page := compare
	var cols []string
	for _, th := range contenttest.Elements(page, "th") {
		if th.Attrs["scope"] == "col" {
			cols = append(cols, th.Text()+"|"+th.Attrs["lang"])
		}
	}
	if strings.Join(cols, ",") != "Testmodellen|,Dansk model|da" {
		t.Errorf("columns %v", cols)
	}
	// A model page shows its fact box.
	if !strings.Contains(contenttest.ReadPage(t, dest, "/modeller/testmodellen/"), `class="fact-box"`) {
		t.Error("no fact box on the model page")
	}
}

func TestAddingAModelAddsAColumn(t *testing.T) {
	third := strings.NewReplacer("title: Testmodellen", "title: Tredje", "name: Testmodellen", "name: Tredje", "weight: 1", "weight: 3").Replace(goodModel)
	res, dest := contenttest.Build(t, site(t, map[string]string{"content/modeller/tredje.md": third}))
	if dest == "" {
		t.Fatalf("build failed:\n%s", res.Diagnostics.Report())
	}
	n := 0
	for _, th := range contenttest.Elements(contenttest.ReadPage(t, dest, "/modeller/sammenlign/"), "th") {
		if th.Attrs["scope"] == "col" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("want 3 columns, got %d", n)
	}
}

func TestBadModels(t *testing.T) {
	const file = "content/modeller/testmodellen.md"
	for _, tc := range []struct {
		name        string
		old, new    string // replace old with new in goodModel
		at          string // the error's line is the first line containing this ("" = line 1)
		msg, hint   string // message, and a prefix of the hint ("" = any)
		extraErrors int    // other errors the change causes
	}{
		{"no model block", "model:\n", "modell:\n", "", "the model page has no model: block", "see \"Collaboration models\"", 0},
		{"missing name", "  name: Testmodellen\n", "", "model:", "model.name is missing", "see \"Collaboration models\"", 0},
		{"name not text", "  name: Testmodellen", "  name: [Test]", "  name:", "model.name must be text, not a list", "", 0},
		{"empty aim", "  aim: Sammenhengende hjelp", "  aim: \"\"", "  aim:", "model.aim is empty", "", 0},
		{"unknown country", "country: Norge", "country: Danmrk", "country:", `model.country must be Norge or Danmark, not "Danmrk"`, `did you mean "Danmark"?`, 0},
		{"sectors not a list", "sectors: [barnehage, skole]", "sectors: barnehage", "sectors:", "model.sectors must be a list, not the text \"barnehage\"", "write a list", 0},
		{"no sectors", "sectors: [barnehage, skole]", "sectors: []", "sectors:", "model.sectors needs at least one entry", "", 0},
		{"misspelt key", "  target_group: Barn og unge", "  target_gruop: Barn og unge", "target_gruop", `unknown key "target_gruop" in model`, `did you mean "target_group"?`, 1},
		{"source missing", "  source:\n    title: Et dokument\n    organisation: Eksempel kommune\n    year: 2023\n", "", "model:", "model.source is missing", "", 0},
		{"source without organisation", "    organisation: Eksempel kommune\n", "", "  source:", "model.source.organisation is missing", "write ~ (empty)", 0},
		{"source without year", "    year: 2023\n", "", "  source:", "model.source.year is missing", "write the year", 0},
		{"year not a number", "year: 2023", "year: tjuetjuetre", "year:", `model.source.year must be a whole number, not the text "tjuetjuetre"`, "write a whole number", 0},
		{"coordinator missing", "  coordinator: Stafettholderen\n", "", "model:", "model.coordinator is missing", "", 0},
		{"level unknown", "{level: 1, summary: Én tjeneste}", "{level: 7, summary: Én tjeneste}", "level: 7", "model.levels_or_phases[1].level: unknown level 7", "the levels configured in hugo.toml [[params.levels]] are 1, 2, 3", 0},
		{"level and name", "{level: 1, summary: Én tjeneste}", "{level: 1, name: Nivå én, summary: Én tjeneste}", "level: 1", "model.levels_or_phases[1] has both name and level", "level takes its name", 0},
		{"phase without summary", "{name: Fase to, summary: Flere tjenester}", "{name: Fase to}", "Fase to", "model.levels_or_phases[2].summary is missing", "", 0},
		{"phase not a map", "    - {name: Fase to, summary: Flere tjenester}", "    - Fase to", "    - Fase to", "model.levels_or_phases[2] must be a set of keys, not the text \"Fase to\"", "write it as key: value lines", 0},
		{"no levels", "  levels_or_phases:\n    - {level: 1, summary: Én tjeneste}\n    - {name: Fase to, summary: Flere tjenester}\n", "  levels_or_phases: []\n", "levels_or_phases", "model.levels_or_phases needs at least one entry", "", 0},
		{"principle without name", "{name: Felles mål, summary: Alle jobber mot det samme}", "{summary: Alle jobber mot det samme}", "Alle jobber mot", "model.principles_or_core_elements[1].name is missing", "", 0},
		{"meeting forum a list", "meeting_forum: Ansvarsgruppe", "meeting_forum: [Ansvarsgruppe]", "meeting_forum", "model.meeting_forum must be text, not a list", "", 0},
		{"tools missing", "  tools: [stafettlogg, eget skjema]\n", "", "model:", "model.tools is missing", "", 0},
		{"tool not text", "tools: [stafettlogg, eget skjema]", "tools: [stafettlogg, {a: 12}]", "tools:", "model.tools[2] must be text, not a set of keys", "", 0},
		{"legal basis missing", "  legal_basis: [hol-7-2a]\n", "", "model:", "model.legal_basis is missing", "", 0},
		{"unknown provision", "legal_basis: [hol-7-2a]", "legal_basis: [hol-7-2a, hol-7-2b]", "legal_basis", `legal_basis: unknown provision "hol-7-2b"`, `did you mean "hol-7-2a"? (ids are the file names in content/lovverk/)`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(goodModel, tc.old) {
				t.Fatalf("the fixture has no %q", tc.old)
			}
			src := strings.Replace(goodModel, tc.old, tc.new, 1)
			res, dest := contenttest.Build(t, site(t, map[string]string{file: src}))
			if dest != "" {
				t.Fatal("the build succeeded")
			}
			line := 1
			if tc.at != "" {
				if line = contenttest.LineOf(src, tc.at); line == 0 {
					t.Fatalf("no line with %q", tc.at)
				}
			}
			errs := contenttest.Errors(res, "")
			found := false
			for _, e := range errs {
				if e.File == file && e.Line == line && e.Message == tc.msg && strings.HasPrefix(e.Hint, tc.hint) {
					found = true
				}
			}
			if !found {
				t.Errorf("want %s:%d: %s (%s…); got:\n%s", file, line, tc.msg, tc.hint, res.Diagnostics.Report())
			}
			if len(errs) != 1+tc.extraErrors {
				t.Errorf("want %d error(s), got:\n%s", 1+tc.extraErrors, res.Diagnostics.Report())
			}
		})
	}
}
