// Package sitesearch is the search feature of the build: it turns the rendered pages into search
// documents, writes the bleve index beside public/ (never inside it, so it is not served as files;
// swapped in atomically with the rest of the build) and public/search-fallback.json for static
// hosting without the endpoint.
package sitesearch

import (
	"fmt"
	"strings"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
	"samvirke/search"
)

// SynonymsFile and AbbreviationsFile are the editable lists of synonyms and abbreviations,
// relative to the site source.
const (
	SynonymsFile      = "data/synonymer.yaml"
	AbbreviationsFile = "data/forkortelser.yaml"
)

// DefaultIndexDir is the index directory's name beside the output directory.
const DefaultIndexDir = "search.bleve"

// Feature builds the search index.
type Feature struct {
	indexDir string
	sources  []feature.Searchable
	indexed  []search.Document
}

// Indexed returns the documents of the last build's index.
func (f *Feature) Indexed() []search.Document { return f.indexed }

// New returns the feature; indexDir empty means search.bleve beside the output directory. The
// sources say what they know of the pages they own (result type, terms, demotion).
func New(indexDir string, sources ...feature.Searchable) *Feature {
	return &Feature{indexDir: indexDir, sources: sources}
}

// Name implements feature.Feature.
func (*Feature) Name() string { return "søk" }

// Documents returns the search documents of a rendered site: every page with content except the
// search page itself. The sources give each page's result type and terms; a page no source owns
// is a "side". A decision tree is one document carrying its questions and outcomes (its node
// pages would only repeat them).
func Documents(s *site.Site, sources ...feature.Searchable) []search.Document {
	var docs []search.Document
	for _, p := range s.AllPages() {
		if p.Virtual || p.RelPermalink == "/sok/" || p.Params["search_exclude"] == true {
			continue
		}
		if p.Kind != site.KindPage && p.Content() == "" && p.Description() == "" {
			continue
		}
		var headings []string
		for _, h := range p.Headings() {
			headings = append(headings, h.Text)
		}
		info := feature.SearchInfo{Type: "side"}
		for _, src := range sources {
			if i, ok := src.Search(p); ok {
				info = i
				break
			}
		}
		docs = append(docs, search.Document{
			URL: p.RelPermalink, Title: p.Title(), Description: p.Description(), Headings: headings,
			Body: p.Plain(), Type: info.Type, Lang: p.Lang(), Terms: append(tags(p), info.Terms...), Status: status(info),
		})
	}
	return docs
}

// status is what search results say about a page besides its title: a provision that no longer
// applies (superseded or past its valid_to), does not apply yet, or is unverified, as the legal
// registry found at this build. Such pages rank below current ones.
func status(info feature.SearchInfo) []string {
	var out []string
	switch {
	case info.Outdated:
		out = append(out, search.StatusExpired)
	case info.NotYetInForce:
		out = append(out, search.StatusNotInForce)
	}
	if info.Unverified {
		out = append(out, search.StatusUnverified)
	}
	return out
}

// tags are the editors' tags: words that weigh more than the text on any page.
func tags(p *site.Page) []string {
	var out []string
	if list, ok := p.Params["tags"].([]any); ok {
		for _, t := range list {
			if s, ok := t.(string); ok && s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// Messages are the search server's texts (search.MessageIDs) from i18n/, in every language.
func Messages(tr feature.Translator, defaultLang string) (search.Messages, error) {
	m := search.Messages{Default: defaultLang, Text: map[string]map[string]string{}}
	var missing []string
	for _, lang := range tr.Languages() {
		m.Text[lang] = map[string]string{}
		for _, id := range search.MessageIDs {
			s, err := tr.Lookup(lang, id, nil)
			if err != nil {
				if lang == defaultLang {
					missing = append(missing, id)
				}
				continue
			}
			m.Text[lang][id] = s
		}
	}
	if len(missing) > 0 {
		return m, fmt.Errorf("the search server's texts %s are missing", strings.Join(missing, ", "))
	}
	return m, nil
}

// Sidecars implements feature.SidecarUser: the index directory.
func (f *Feature) Sidecars() []string { return []string{f.dirName()} }

func (f *Feature) dirName() string {
	if f.indexDir == "" {
		return DefaultIndexDir
	}
	return f.indexDir
}

// Output implements feature.Outputter.
func (f *Feature) Output(ctx *feature.Context) {
	syn, problems := loadSynonyms(ctx.Files)
	abbr, more := loadAbbreviations(ctx.Files)
	if problems = append(problems, more...); len(problems) > 0 {
		for _, d := range problems {
			ctx.Diag.Add(d)
		}
		return
	}
	messages, err := Messages(ctx.I18n, ctx.Site.Language().Lang)
	if err != nil {
		ctx.Diag.Add(diag.Diagnostic{File: "i18n/" + ctx.Site.Language().Lang + ".yaml", Message: err.Error(),
			Hint: "the search server shows these texts; add them to the default language's file"})
		return
	}
	docs := Documents(ctx.Site, f.sources...)
	f.indexed = docs
	fallback, err := search.Fallback(docs)
	if err != nil {
		ctx.Diag.Errorf("", 0, "search fallback: %v", err)
		return
	}
	if err := ctx.Out.WriteFile("search-fallback.json", fallback); err != nil {
		ctx.Diag.Errorf("", 0, "writing search-fallback.json: %v", err)
	}
	if ctx.Check {
		return
	}
	dir, err := ctx.Sidecar(f.dirName())
	if err != nil {
		ctx.Diag.Errorf("", 0, "search index: %v", err)
		return
	}
	if _, err := search.Build(dir, docs, search.BuildOptions{Synonyms: syn, Abbreviations: abbr, Messages: messages}); err != nil {
		ctx.Diag.Errorf("", 0, "building the search index: %v", err)
	}
}
