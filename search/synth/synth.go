// Package synth writes synthetic pages for benchmarks: Norwegian (some Nynorsk and Danish) prose
// of 300–600 words from the portal's domain, with compounds, inflections, law references and a
// tail of rare words. Words are drawn by Zipf's law and each page has a few topic words, so that
// term frequencies and the vocabulary grow the way a real site's do. The text is word salad; the
// statistics are what matter to an index. The search package's benchmarks and the synthetic sites
// that `make bench` builds and serves (generator/internal/corpus) use the same pages.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Page is one synthetic page.
type Page struct {
	Title       string
	Description string
	Sections    []Section // the first has no heading
	Type        string    // "side", "modell", "begrep", "lov", "beslutningstre", "veiviser"
	Lang        string    // "nb", "nn", "da"
	Terms       []string  // tags: the glossary term, a citation, questions
	Slug        string
}

// Section is a heading and its paragraphs.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Body is the page's text: its paragraphs, without headings.
func (p Page) Body() string {
	var b strings.Builder
	for _, s := range p.Sections {
		for _, para := range s.Paragraphs {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(para)
		}
	}
	return b.String()
}

// Headings are the page's headings.
func (p Page) Headings() []string {
	var out []string
	for _, s := range p.Sections {
		if s.Heading != "" {
			out = append(out, s.Heading)
		}
	}
	return out
}

var (
	// roughly from common to specific: the order is the Zipf rank
	synthNouns = strings.Fields(`barn barnet tjenester kommunen foreldre barna tjenesten skolen familien
		samarbeid barnehagen ansatte elever helse tiltak oppfølging møte skole barnehage foreldrene ungdom
		tjenestene kommune plan ansvar elev familie hjelp behov samarbeidet helsestasjonen barnevernet
		rutiner lærer lærere kontakt informasjon leder ledelse møtet barnas trivsel eleven elevene veileder
		tiltakene planen vurdering samtale samtykke bekymring nav plikt rettigheter virksomheten fravær
		helsesykepleier kontaktlærer rektor pedagog koordinator koordinering samhandling nivå nivået team
		avtale dokumentasjon journal barneverntjenesten saksbehandler fastlege ungdommen familier
		taushetsplikt opplysningsplikt undring observasjon observasjoner kartlegging handlingsplan
		ansvarsgruppe stafettlogg stafettholder barnekoordinator samarbeidsnivå modell modellen verktøy
		nettverk nettverksmøte vedtak klage forskrift loven psykisk rus vold omsorgssvikt avvergeplikt
		ppt bup barnevern helsestasjon foresatte pedagoger rektoren fastlegen nettverket kartleggingen
		oppfølgingen undringen bekymringen samtykket taushetsplikten ansvarsgruppen stafettloggen
		koordinatoren handlingsplanen verktøyet nettverksmøtet vedtaket forskriften`)
	synthVerbs = strings.Fields(`skal kan bør må dokumenterer vurderer kartlegger informerer innhenter
		samarbeider koordinerer følger melder drøfter involverer avklarer evaluerer oppretter avslutter
		gjennomfører inviterer beskriver forklarer sikrer støtter hjelper tilbyr oppnevner ivaretar
		undersøker ser hører merker opplever deler samordner planlegger`)
	synthAdjs = strings.Fields(`tidlig tidlige helhetlig helhetlige koordinert koordinerte tverrfaglig
		tverrfaglige anonym anonyme skriftlig skriftlige muntlig nødvendig nødvendige relevant relevante
		konkret konkrete systematisk systematiske god gode felles faste tydelig tydelige trygg trygge
		alvorlig alvorlige langvarig langvarige sammensatte`)
	synthFunc = strings.Fields(`og i på til med for av som det en et at er når hvis der om fra etter
		mellom rundt også ikke alltid gjerne sammen hver både eller men slik`)
	synthPrefixes = strings.Fields(`barne skole helse samarbeids foreldre familie elev tjeneste kommune
		oppfølgings kartleggings rus vold trivsels fravær ansvars koordinerings`)
	synthHeads = strings.Fields(`møte plan tiltak rutine avtale ansvar team samtale gruppe kontakt
		vurdering oppfølging melding tilbud tjeneste veileder skjema logg`)
	synthSuffixes = []string{"", "", "en", "et", "er", "ene", "s"}
	synthPlaces   = strings.Fields(`Bodø Tromsø Alta Molde Voss Hamar Gjøvik Larvik Arendal Halden Moss
		Askøy Stord Førde Harstad Narvik Steinkjer Levanger Kongsberg Lillehammer Ålesund Sortland Vadsø`)
	synthLaws = []string{"hol. § 7-2 a", "fvl. § 13 b nr. 3", "bvl. § 13-2", "opplæringsloven § 12-4",
		"pbrl. § 2-5", "barnehageloven § 46", "helsepersonelloven § 33", "sosialtjenesteloven § 17"}
	synthTypes = []string{"side", "side", "side", "modell", "begrep", "begrep", "lov", "beslutningstre", "veiviser"}

	synthDanish = strings.Fields(`barnet forældre forældrene skolen daginstitution sundhedsplejerske
		lærer socialrådgiver kommunen tværfagligt tværfaglig samarbejde samarbejdet netværksmøde
		netværksmødet underretning bekymring indsats indsatsen koordinator tværgående handleplan
		trivsel fravær møde mødet familien støtte hjælp tidlig og i på til med for af som det en et
		at er når hvis der om fra efter mellem også ikke altid sammen skal kan bør må vurderer drøfter`)
	synthNynorsk = strings.Fields(`tenester tenestene korleis eit ikkje kva kven òg tilbod oppfølging
		samarbeid barnet føresette skulen barnehagen helsesjukepleiar kommunen tiltak plan møte`)
	synthSyllables = strings.Fields(`ka ri so la ne ve to mi sa ber dal heim vik stad lund gard ås nes`)
)

// synthVocab is the ranked vocabulary: word frequencies follow Zipf's law
// over the rank, as in real text, so that a few words ("barn", "kommunen")
// are in nearly every page while most are in a few percent of them.
type synthVocab struct {
	nouns, verbs, adjs []string
}

var vocab = func() synthVocab {
	rng := rand.New(rand.NewPCG(7, 7))
	nouns := slices.Clone(synthNouns)
	for _, p := range synthPrefixes {
		for _, h := range synthHeads {
			for _, s := range synthSuffixes[1:] {
				nouns = append(nouns, p+h+s)
			}
			nouns = append(nouns, p+h)
		}
	}
	// the hand-written nouns are the common ones, in order; compounds follow
	tail := nouns[len(synthNouns):]
	rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	return synthVocab{nouns: nouns, verbs: synthVerbs, adjs: synthAdjs}
}()

// Pages returns n deterministic pages.
func Pages(n int) []Page {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	pages := make([]Page, n)
	for i := range pages {
		pages[i] = page(rng, i)
	}
	return pages
}

func page(rng *rand.Rand, i int) Page {
	lang := "nb"
	switch r := rng.IntN(10); {
	case r == 0:
		lang = "da"
	case r == 1:
		lang = "nn"
	}
	typ := synthTypes[rng.IntN(len(synthTypes))]
	g := synthGen{rng: rng, lang: lang}
	for range 2 + rng.IntN(3) {
		g.topics = append(g.topics, vocab.nouns[rng.IntN(len(vocab.nouns))])
	}

	title := capitalize(g.topics[0] + " " + g.words(1+rng.IntN(3)))
	p := Page{
		Title:       title,
		Description: g.sentence(),
		Type:        typ,
		Lang:        lang,
		Slug:        fmt.Sprintf("%s-%d", slug(title), i),
	}
	p.Sections = []Section{{}} // the lead, without a heading
	for range 3 + rng.IntN(3) {
		p.Sections = append(p.Sections, Section{Heading: capitalize(g.words(2 + rng.IntN(3)))})
	}
	switch typ {
	case "begrep":
		p.Terms = []string{title}
	case "lov":
		p.Terms = []string{synthLaws[rng.IntN(len(synthLaws))]}
	case "beslutningstre":
		p.Terms = []string{g.sentence(), g.sentence()}
	}
	// paragraphs of 1–6 sentences, spread over an untitled lead and the sections
	target := 300 + rng.IntN(301)
	s := 0
	for words := 0; words < target; {
		var para strings.Builder
		for k := 1 + rng.IntN(6); k > 0 && words < target; k-- {
			sent := g.sentence()
			words += strings.Count(sent, " ") + 1
			if para.Len() > 0 {
				para.WriteByte(' ')
			}
			para.WriteString(sent)
		}
		sec := &p.Sections[min(s, len(p.Sections)-1)]
		sec.Paragraphs = append(sec.Paragraphs, para.String())
		if rng.IntN(3) == 0 {
			s++
		}
	}
	return p
}

type synthGen struct {
	rng    *rand.Rand
	lang   string
	topics []string // this page's subject: frequent here, rare elsewhere
}

// zipf picks from a ranked list with probability about 1/rank.
func (g synthGen) zipf(words []string) string {
	// inverse transform of a continuous 1/x distribution over [1, n+1)
	n := float64(len(words))
	i := int(math.Exp(g.rng.Float64()*math.Log(n+1))) - 1
	return words[min(max(i, 0), len(words)-1)]
}

func (g synthGen) word() string {
	r := g.rng
	switch g.lang {
	case "da":
		if r.IntN(10) < 8 {
			return pick(r, synthDanish)
		}
	case "nn":
		if r.IntN(10) < 2 {
			return pick(r, synthNynorsk)
		}
	}
	switch n := r.IntN(100); {
	case n < 30:
		return pick(r, synthFunc)
	case n < 38:
		return pick(r, g.topics)
	case n < 64:
		return g.zipf(vocab.nouns)
	case n < 78:
		return g.zipf(vocab.verbs)
	case n < 91:
		return g.zipf(vocab.adjs)
	case n < 92:
		return pick(r, synthPlaces)
	case n < 95:
		return fmt.Sprint(1990 + r.IntN(40))
	}
	// a rare word: a name or an unusual compound
	var b strings.Builder
	for range 2 + r.IntN(3) {
		b.WriteString(pick(r, synthSyllables))
	}
	return b.String()
}

func (g synthGen) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

func (g synthGen) sentence() string {
	s := capitalize(g.words(6 + g.rng.IntN(14)))
	if g.rng.IntN(8) == 0 {
		s += ", " + g.words(3+g.rng.IntN(5))
	}
	return s + "."
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// Queries are what people type: single terms, phrases, typos, missing
// diacritics, Danish, abbreviations with synonyms, stop words. The search
// benchmarks and the load generator of `make bench` send them in turn.
var Queries = []string{
	"stafettlogg",
	"samarbeid skole",
	"pa tvers",
	"koordinater",
	"taushetsplikt helsesykepleier",
	"bekymring for barn",
	"ansvarsgruppe",
	"netværksmøde",
	"netvaerksmode",
	"individuell plan",
	"BTI",
	"hva er samhandling",
	"samarbeidsnivaa",
	"opplysningsplikt barnevernet",
	"fastlege NAV",
	"hol",
	"kartleging av fravær",
	"foreldresamtale",
	"tverrfaglig samarbeid i kommunen rundt barn med sammensatte behov",
	"Tromsø",
}
