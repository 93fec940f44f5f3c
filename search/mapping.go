package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Field names in the index.
//
// The five text fields hold the document's own words, analysed with the
// stemming analyzer of the document's language. Language is handled with one
// bleve document mapping per analyzer language ("no" for nb and nn, "da",
// "en", and a plain lower-casing mapping for anything else), chosen through
// indexedDoc.BleveType. All mappings use the same field names, so a field such
// as body holds Norwegian stems for Norwegian pages and Danish stems for
// Danish pages. That is safe because queries are never analysed by bleve: the
// query builder runs the user's words through every language analyzer present
// in the index itself and searches the resulting terms with term queries.
// Compared with one field per language this keeps the number of fields (and
// thus of term queries per word) small, and shared stems collapse into one.
//
// The two folded fields are analysed without stemming by analyzerFolded, so
// that "pa tvers" finds "på tvers" and "netvaerksmode" finds "netværksmøde".
const (
	fieldTitle       = "title"
	fieldDescription = "description"
	fieldHeadings    = "headings"
	fieldBody        = "body"
	fieldTerms       = "terms"
	fieldType        = "type"
	fieldLang        = "lang"
	fieldURL         = "url"
	fieldDemote      = "demote" // stored only: "1" for Document.Demote

	fieldTitleFolded = "title_folded" // title and terms
	fieldAllFolded   = "all_folded"   // every text field
)

const (
	analyzerFolded = "samvirke_folded"
	analyzerPlain  = "samvirke_plain"

	charFilterNordic = "samvirke_nordic_digraphs"
)

// analyzerLangs are the analyzer languages the index knows, in the order the
// query builder tries them. "" is the plain, unstemmed mapping.
var analyzerLangs = []string{no.AnalyzerName, da.AnalyzerName, en.AnalyzerName, ""}

// analyzerLang maps a document language (BCP 47, e.g. "nb", "nn", "da-DK")
// to the analyzer language that indexes it.
func analyzerLang(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "nb", "nn", "no":
		return no.AnalyzerName
	case "da":
		return da.AnalyzerName
	case "en":
		return en.AnalyzerName
	}
	return ""
}

// analyzerFor names the stemming analyzer of an analyzer language.
func analyzerFor(alang string) string {
	if alang == "" {
		return analyzerPlain
	}
	return alang
}

// indexedDoc is what Build hands to bleve for one Document.
type indexedDoc struct {
	alang string

	Title       string `json:"title"`
	Description string `json:"description"`
	Headings    string `json:"headings"`
	Body        string `json:"body"`
	Terms       string `json:"terms"`
	Type        string `json:"type"`
	Lang        string `json:"lang"`
	URL         string `json:"url"`
	Demote      string `json:"demote,omitempty"`
	TitleFolded string `json:"title_folded"`
	AllFolded   string `json:"all_folded"`
}

// BleveType selects the document mapping, and with it the analyzer.
func (d *indexedDoc) BleveType() string { return d.alang }

func newIndexedDoc(d Document) *indexedDoc {
	headings := strings.Join(d.Headings, "\n")
	terms := strings.Join(d.Terms, "\n")
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	d.Title, d.Description, d.Body, headings, terms = v(d.Title), v(d.Description), v(d.Body), v(headings), v(terms)
	demote := ""
	if d.Demote {
		demote = "1"
	}
	return &indexedDoc{
		Demote:      demote,
		alang:       analyzerLang(d.Lang),
		Title:       d.Title,
		Description: d.Description,
		Headings:    headings,
		Body:        d.Body,
		Terms:       terms,
		Type:        d.Type,
		Lang:        d.Lang,
		URL:         d.URL,
		TitleFolded: d.Title + "\n" + terms,
		AllFolded:   strings.Join([]string{d.Title, terms, d.Description, headings, d.Body}, "\n"),
	}
}

// newIndexMapping returns the mapping described at the field constants.
func newIndexMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	if err := im.AddCustomAnalyzer(analyzerFolded, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name, charFilterNordic},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerPlain, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerPlain

	for _, alang := range analyzerLangs {
		dm := newDocumentMapping(analyzerFor(alang))
		if alang == "" {
			im.DefaultMapping = dm
		} else {
			im.AddDocumentMapping(alang, dm)
		}
	}
	return im, im.Validate()
}

func newDocumentMapping(analyzer string) *mapping.DocumentMapping {
	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		fm := mapping.NewTextFieldMapping()
		fm.Name = name
		fm.Analyzer = analyzer
		fm.Store = store
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	keywordField := func(name string) *mapping.FieldMapping {
		fm := text(name, keyword.Name, true)
		// no doc values: facets come from keywordTable
		fm.SkipFreqNorm = true
		return fm
	}
	storedOnly := func(name string) *mapping.FieldMapping {
		fm := text(name, keyword.Name, true)
		fm.Index = false
		return fm
	}

	dm := mapping.NewDocumentStaticMapping()
	add := func(fm *mapping.FieldMapping) { dm.AddFieldMappingsAt(fm.Name, fm) }
	add(text(fieldTitle, analyzer, true))
	add(text(fieldDescription, analyzer, true))
	add(text(fieldHeadings, analyzer, false))
	add(text(fieldBody, analyzer, true))
	add(text(fieldTerms, analyzer, false))
	add(text(fieldTitleFolded, analyzerFolded, false))
	add(text(fieldAllFolded, analyzerFolded, false))
	add(keywordField(fieldType))
	add(keywordField(fieldLang))
	add(storedOnly(fieldURL))
	add(storedOnly(fieldDemote))
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	return dm
}

// nordicDigraphs is the char filter that runs after asciifolding in
// analyzerFolded. asciifolding turns æ into "ae", ø into "o" and å into "a",
// but people without a Nordic keyboard also write æ as "a", ø as "oe" and å
// as "aa". Dropping every a or e that follows an a, and every e that follows
// an o, on both sides, makes all of those spellings meet:
//
//	netværksmøde   -> netvaerksmode -> netvarksmode
//	netvaerksmoede, netvarksmode    -> netvarksmode
//	tværgående     -> tvaergaende   -> tvargande
//	tvaergaaende, tvargaende        -> tvargande
//	samarbeidsnivå, samarbeidsnivaa -> samarbeidsniva
//
// The price is that a few unrelated words collide (poeng, pong) in the
// folded fields only, which rank below the stemmed fields anyway.
type nordicDigraphs struct{}

func (nordicDigraphs) Filter(input []byte) []byte {
	return foldDigraphs(append([]byte(nil), input...))
}

// foldDigraphs rewrites b as described at nordicDigraphs, in place.
func foldDigraphs(b []byte) []byte {
	w := 0
	for _, c := range b {
		if w > 0 {
			p, l := b[w-1]|0x20, c|0x20
			if (p == 'a' && (l == 'a' || l == 'e')) || (p == 'o' && l == 'e') {
				continue
			}
		}
		b[w] = c
		w++
	}
	return b[:w]
}

func init() {
	err := registry.RegisterCharFilter(charFilterNordic, func(map[string]any, *registry.Cache) (analysis.CharFilter, error) {
		return nordicDigraphs{}, nil
	})
	if err != nil {
		panic(err)
	}
}
