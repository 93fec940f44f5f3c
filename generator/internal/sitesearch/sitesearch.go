// Package sitesearch is the search feature of the build: it turns the rendered pages into search
// documents, writes the bleve index beside public/ (never inside it, so it is not served as files;
// swapped in atomically with the rest of the build) and public/search-fallback.json for static
// hosting without the endpoint.
package sitesearch

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
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
}

// New returns the feature; indexDir empty means search.bleve beside the output directory.
func New(indexDir string) *Feature { return &Feature{indexDir: indexDir} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "søk" }

// typeOf maps a page to the result type shown in results and facets.
func typeOf(p *site.Page) string {
	switch p.Section() {
	case "modeller":
		return "modell"
	case "begreper":
		return "begrep"
	case "lovverk":
		return "lov"
	case "beslutningstrer":
		return "beslutningstre"
	case "veiviser":
		return "veiviser"
	}
	return "side"
}

// Documents returns the search documents of a rendered site: every page with content except the
// search page itself; a decision tree is one document carrying its questions and outcomes (its
// node pages would only repeat them).
func Documents(s *site.Site) []search.Document {
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
		docs = append(docs, search.Document{
			URL: p.RelPermalink, Title: p.Title(), Description: p.Description(), Headings: headings,
			Body: p.Plain(), Type: typeOf(p), Lang: p.Lang(), Terms: terms(p), Status: status(p),
		})
	}
	return docs
}

// status is what search results say about a page besides its title: a provision that no longer
// applies (superseded or past its valid_to), does not apply yet, or is unverified, as the legal
// registry found at this build. Such pages rank below current ones.
func status(p *site.Page) []string {
	info, ok := p.Store().Get("provision").(*legal.Info)
	if !ok || info == nil {
		return nil
	}
	var out []string
	switch {
	case info.Superseded || info.Expired:
		out = append(out, search.StatusExpired)
	case info.NotYetInForce:
		out = append(out, search.StatusNotInForce)
	}
	if info.Unverified {
		out = append(out, search.StatusUnverified)
	}
	return out
}

// terms are the page's high-value words beyond its text: the editors' tags, a glossary entry's
// definition, a provision's citation, a tree's questions and outcome titles.
func terms(p *site.Page) []string {
	var out []string
	add := func(v any) {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	if tags, ok := p.Params["tags"].([]any); ok {
		for _, t := range tags {
			add(t)
		}
	}
	add(p.Params["definition"])
	if law, ok := p.Params["law"].(string); ok {
		cite := law + " " + fmt.Sprint(p.Params["section"])
		if item, ok := p.Params["item"].(string); ok && item != "" {
			cite += " " + item
		}
		out = append(out, cite)
		add(p.Params["law_name"])
	}
	if nodes, ok := p.Params["nodes"].(map[string]any); ok {
		for _, n := range nodes {
			m, _ := n.(map[string]any)
			add(m["question"])
			if o, ok := m["outcome"].(map[string]any); ok {
				add(o["title"])
			}
		}
	}
	if m, ok := p.Params["model"].(map[string]any); ok {
		add(m["name"])
		add(m["target_group"])
	}
	return out
}

// dataError is the diagnostic for a mistake in a data file, at its line when it has one.
func dataError(file string, err error, hint string) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Message: err.Error(), Hint: hint}
	var fe *search.FileError
	if errors.As(err, &fe) {
		d.Line, d.Message = fe.Line, fe.Msg
	}
	return d
}

// Output implements feature.Outputter.
func (f *Feature) Output(ctx *feature.Context) {
	syn, err := search.LoadSynonyms(filepath.Join(ctx.Source, SynonymsFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		ctx.Diag.Add(dataError(SynonymsFile, err,
			"each group is a list of words that mean the same, see the comment at the top of the file"))
		return
	}
	abbr, err := search.LoadAbbreviations(filepath.Join(ctx.Source, AbbreviationsFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		ctx.Diag.Add(dataError(AbbreviationsFile, err,
			"each line is an abbreviation and what it stands for, such as «IP: individuell plan»; see the comment at the top of the file"))
		return
	}
	docs := Documents(ctx.Site)
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
	name := f.indexDir
	if name == "" {
		name = DefaultIndexDir
	}
	dir, err := ctx.Sidecar(name)
	if err != nil {
		ctx.Diag.Errorf("", 0, "search index: %v", err)
		return
	}
	if _, err := search.Build(dir, docs, search.BuildOptions{Synonyms: syn, Abbreviations: abbr}); err != nil {
		ctx.Diag.Errorf("", 0, "building the search index: %v", err)
	}
}
