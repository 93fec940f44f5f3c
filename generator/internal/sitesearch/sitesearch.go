// Package sitesearch is the search feature of the build: it reads the search documents from the
// built site (search-fallback.json and the pages' marked text, which the layouts write, so a site
// the Hugo CLI built gives the same documents) and writes the bleve index beside public/ (never
// inside it, so it is not served as files; swapped in atomically with the rest of the build).
// samvirke index does the same for any built site.
package sitesearch

import (
	"fmt"
	"strings"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/source"
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
	indexed  []search.Document
}

// Indexed returns the documents of the last build's index.
func (f *Feature) Indexed() []search.Document { return f.indexed }

// New returns the feature; indexDir empty means search.bleve beside the output directory.
func New(indexDir string) *Feature { return &Feature{indexDir: indexDir} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "søk" }

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

// Output implements feature.Outputter: the index of the staged site, beside it.
func (f *Feature) Output(ctx *feature.Context) {
	// The data files and texts are checked in samvirke check too.
	opts, diags := Options(ctx.Files, ctx.I18n, ctx.Site.Language().Lang)
	for _, dg := range diags {
		ctx.Diag.Add(dg)
	}
	if len(diags) > 0 || ctx.Check {
		return // check writes no index (the layouts wrote search-fallback.json)
	}
	dir, ok := ctx.Out.(publish.Dir)
	if !ok {
		return
	}
	docs, err := Documents(dir.Root)
	if err != nil {
		ctx.Diag.Add(diag.Diagnostic{File: "layouts/home.searchfallback.json", Message: "search documents: " + err.Error(),
			Hint: "the search index is built from the published pages: search-fallback.json lists them (layouts/home.searchfallback.json and layouts/_partials/search/doc.html)"})
		return
	}
	f.indexed = docs
	idx, err := ctx.Sidecar(f.dirName())
	if err != nil {
		ctx.Diag.Errorf("", 0, "search index: %v", err)
		return
	}
	if _, err := search.Build(idx, docs, opts); err != nil {
		ctx.Diag.Errorf("", 0, "building the search index: %v", err)
	}
}

// Options are what the index stores besides the documents, read from the site source: the
// synonyms and word families (data/synonymer.yaml), the abbreviations (data/forkortelser.yaml) and
// the search server's texts (i18n/). Problems come back as diagnostics.
func Options(files *source.Site, tr feature.Translator, defaultLang string) (search.BuildOptions, []diag.Diagnostic) {
	syn, problems := loadSynonyms(files)
	abbr, more := loadAbbreviations(files)
	if problems = append(problems, more...); len(problems) > 0 {
		return search.BuildOptions{}, problems
	}
	messages, err := Messages(tr, defaultLang)
	if err != nil {
		return search.BuildOptions{}, []diag.Diagnostic{{File: "i18n/" + defaultLang + ".yaml", Message: err.Error(),
			Hint: "the search server shows these texts; add them to the default language's file"}}
	}
	return search.BuildOptions{Synonyms: syn, Abbreviations: abbr, Messages: messages}, nil
}
