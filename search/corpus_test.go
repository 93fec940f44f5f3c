package search

import (
	"context"
	"path/filepath"
	"testing"
)

// testDocs is a small corpus in the shape of the real site: glossary
// entries, models, provisions, a decision tree, the guide, a Danish page and
// a Nynorsk one.
var testDocs = []Document{
	{
		URL:         "/begreper/stafettlogg/",
		Title:       "Stafettlogg",
		Description: "Et digitalt verktøy for å dokumentere tiltak rundt et barn.",
		Body:        "En stafettlogg er et digitalt verktøy der tjenestene dokumenterer tiltak og oppfølging rundt et barn. Stafettholderen fører loggen.",
		Type:        "begrep",
		Lang:        "nb",
		Terms:       []string{"Stafettlogg"},
	},
	{
		URL:         "/modeller/samarbeidsmodellen/",
		Title:       "Samarbeidsmodellen",
		Description: "En modell for tidlig innsats i kommunen.",
		Headings:    []string{"Nivåer", "Verktøy"},
		Body:        "Samarbeidsmodellen beskriver hvordan barnehage, skole og helsestasjon bygger et godt samarbeid med foreldrene når de undrer seg over et barn.",
		Type:        "modell",
		Lang:        "nb",
	},
	{
		URL:         "/sider/flere-tjenester/",
		Title:       "Når flere tjenester er involvert",
		Description: "Hvem gjør hva når flere tjenester følger opp samme familie.",
		Body:        "God samhandling mellom skole, helsestasjon og barnevern gjør at familien slipper å gjenta historien sin.",
		Type:        "side",
		Lang:        "nb",
	},
	{
		URL:         "/da/netvaerksmoede/",
		Title:       "Det tværfaglige møde",
		Description: "Sådan forbereder du et møde med forældre og fagpersoner.",
		Headings:    []string{"Før mødet", "Under mødet"},
		Body:        "Et tværfagligt netværksmøde samler forældre, lærer og sundhedsplejerske om barnets trivsel. Mødet ledes af en tværgående koordinator.",
		Type:        "side",
		Lang:        "da",
	},
	{
		URL:         "/veiviser/",
		Title:       "Seks trinn fra undring til handling",
		Description: "Veiviseren for ansatte som er bekymret for et barn.",
		Body:        "Veiviseren hjelper deg å jobbe på tvers av tjenester, steg for steg, fra den første undringen til en plan.",
		Type:        "veiviser",
		Lang:        "nb",
	},
	{
		URL:         "/begreper/barnekoordinator/",
		Title:       "Barnekoordinator",
		Description: "Familier med barn med alvorlig sykdom har rett til en barnekoordinator.",
		Body:        "Kommunen skal tilby en koordinator til familier som venter eller har barn med alvorlig sykdom, skade eller nedsatt funksjonsevne.",
		Type:        "begrep",
		Lang:        "nb",
		Terms:       []string{"Barnekoordinator"},
	},
	{
		URL:         "/sider/ansvarsgruppe/",
		Title:       "Ansvarsgruppe",
		Description: "Et fast møtepunkt for dem som hjelper barnet.",
		Body:        "Ansvarsgruppen ledes av en kordinator fra den tjenesten som kjenner familien best.",
		Type:        "side",
		Lang:        "nb",
	},
	{
		URL:         "/lovverk/hol-7-2a/",
		Title:       "Kommunens plikt til å tilby barnekoordinator",
		Description: "Helse- og omsorgstjenesteloven § 7-2 a.",
		Body:        "Etter helse- og omsorgstjenesteloven skal kommunen oppnevne en barnekoordinator når familien ønsker det.",
		Type:        "lov",
		Lang:        "nb",
		Terms:       []string{"hol. § 7-2 a"},
	},
	{
		URL:         "/lovverk/fvl-13b-3/",
		Title:       "Opplysninger til andre forvaltningsorganer",
		Description: "Når taushetsplikten ikke er til hinder for å dele opplysninger.",
		Body:        "Forvaltningsloven gir adgang til å gi opplysninger til andre forvaltningsorganer når det er nødvendig for å fremme avgiverorganets oppgaver.",
		Type:        "lov",
		Lang:        "nb",
		Terms:       []string{"fvl. § 13 b nr. 3"},
	},
	{
		URL:         "/beslutningstrer/samarbeidsniva/",
		Title:       "Hvilket samarbeidsnivå?",
		Description: "Finn ut hvor mange tjenester som bør være med.",
		Body:        "Svar på noen spørsmål, så foreslår treet et samarbeidsnivå og neste steg.",
		Type:        "beslutningstre",
		Lang:        "nb",
		Terms:       []string{"Hvor mange tjenester må være med?", "Samordning mellom tjenester"},
	},
	{
		URL:         "/nn/samordning/",
		Title:       "Koordinering av tenester",
		Description: "Korleis kommunen koordinerer tenestene rundt eit barn.",
		Body:        "Koordinering mellom tenestene gjer at barnet får rett hjelp til rett tid.",
		Type:        "side",
		Lang:        "nn",
	},
	{
		URL:         "/sider/om-nettstedet/",
		Title:       "Om nettstedet",
		Description: "Teknisk informasjon.",
		Body:        `Eksempel på kode som aldri skal kjøres: <script>alert("x")</script> & annen tekst om taushetsplikt & personvern.`,
		Type:        "side",
		Lang:        "nb",
	},
	{
		URL:         "/en/about/",
		Title:       "About this guide",
		Description: "An English summary.",
		Body:        "This guide helps municipal staff coordinate services for children and families.",
		Type:        "side",
		Lang:        "en",
	},
}

// testSynonyms are the groups the ranking tests rely on (a subset of
// data/synonymer.yaml, so that editing the file does not break them).
var testSynonyms = Synonyms{Groups: [][]string{
	{"samhandling", "samarbeid"},
	{"samordning", "koordinering"},
	{"fvl", "forvaltningsloven"},
	{"hol", "helse- og omsorgstjenesteloven"},
	{"BTI", "bedre tverrfaglig innsats"},
}}

// openTestIndex builds testDocs into a temporary directory and opens it.
func openTestIndex(t testing.TB) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Build(dir, testDocs, BuildOptions{Messages: testMessages, Synonyms: testSynonyms}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// urls runs a search and returns the URLs of the hits in order.
func urls(t *testing.T, ix *Index, r Request) []string {
	t.Helper()
	resp, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%+v): %v", r, err)
	}
	var out []string
	for _, h := range resp.Hits {
		out = append(out, h.URL)
	}
	return out
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
