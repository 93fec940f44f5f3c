// Package sitesearch is the search feature of the build: it reads the search documents from the
// built site (search-fallback.json and the pages' marked text, which the layouts write, so a site
// the Hugo CLI built gives the same documents) and writes the bleve index beside public/ (never
// inside it, so it is not served as files; swapped in atomically with the rest of the build).
// samvirke index does the same for any built site.
package sitesearch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/source"
	"samvirke/search"
)

// SynonymsFile is the editable synonyms list, relative to the site source.
const SynonymsFile = "data/synonymer.yaml"

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

// Documents returns the search documents of a built site (the folder that public/ becomes): the
// list in its search-fallback.json (which pages, their titles, descriptions, headings, types,
// languages and statuses), the text of each page's [data-search-body] elements and the words
// of its #search-terms block. The layouts decide all of it (layouts/_partials/search/doc.html),
// so a site built by the Hugo CLI gives the same documents as samvirke's own build.
func Documents(public string) ([]search.Document, error) {
	raw, err := os.ReadFile(filepath.Join(public, FallbackFile))
	if err != nil {
		return nil, fmt.Errorf("%s: %w (is %s a site built from samvirke's layouts?)", FallbackFile, err, public)
	}
	var list []struct {
		Title       string   `json:"t"`
		URL         string   `json:"u"`
		Description string   `json:"d"`
		Headings    []string `json:"h"`
		Type        string   `json:"y"`
		Lang        string   `json:"l"`
		Status      []string `json:"s"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", FallbackFile, err)
	}
	base := basePath(public)
	docs := make([]search.Document, 0, len(list))
	for _, d := range list {
		file, err := pageFile(public, base, d.URL)
		if err != nil {
			return nil, err
		}
		body, terms, err := readPage(file)
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", d.URL, file, err)
		}
		docs = append(docs, search.Document{URL: d.URL, Title: d.Title, Description: d.Description,
			Headings: d.Headings, Body: body, Type: d.Type, Lang: d.Lang, Terms: terms,
			Demote: slices.Contains(d.Status, "expired")})
	}
	return docs, nil
}

// FallbackFile is the list of search documents the layouts write (home.searchfallback.json).
const FallbackFile = "search-fallback.json"

// basePath is the path of the site's base URL, from the home page's canonical link ("/" when
// the site is at the root of its host); documents' addresses start with it.
func basePath(public string) string {
	f, err := os.Open(filepath.Join(public, "index.html"))
	if err != nil {
		return "/"
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return "/"
	}
	base := "/"
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "link" && attr(n, "rel") == "canonical" {
			if u, err := url.Parse(attr(n, "href")); err == nil && u.Path != "" {
				base = u.Path
			}
			return false
		}
		return true
	})
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// pageFile is the HTML file of a document's address: below public/, without the base path,
// unescaped (the file has the plain name), index.html for a folder.
func pageFile(public, base, u string) (string, error) {
	p, ok := strings.CutPrefix(u, base)
	if !ok {
		p = strings.TrimPrefix(u, "/")
	}
	if v, err := url.PathUnescape(p); err == nil {
		p = v
	}
	p = path.Clean("/" + p)
	if strings.HasSuffix(u, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	return filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(p, "/"))), nil
}

// readPage returns the text of a page's [data-search-body] elements, one space between the texts
// of elements (as words in different elements are different words), and the words of its
// <script type="application/json" id="search-terms">.
func readPage(file string) (body string, terms []string, err error) {
	f, err := os.Open(file)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n.Data == "script" && attr(n, "id") == "search-terms" {
			if n.FirstChild != nil {
				if e := json.Unmarshal([]byte(n.FirstChild.Data), &terms); e != nil {
					err = fmt.Errorf("#search-terms: %w", e)
				}
			}
			return false
		}
		if hasAttr(n, "data-search-body") {
			text(n, &b)
			return false
		}
		return true
	})
	return strings.Join(strings.Fields(b.String()), " "), terms, err
}

// text writes the text of n's subtree, leaving out scripts and styles, a space around each
// element.
func text(n *html.Node, b *strings.Builder) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			if c.Data == "script" || c.Data == "style" || c.Data == "template" {
				continue
			}
			b.WriteByte(' ')
			text(c, b)
			b.WriteByte(' ')
		}
	}
}

// walk visits n and its descendants depth first; visit returns false to skip the children.
func walk(n *html.Node, visit func(*html.Node) bool) {
	if !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
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

// Output implements feature.Outputter: the index of the staged site, beside it.
func (f *Feature) Output(ctx *feature.Context) {
	if ctx.Check {
		return // the layouts wrote search-fallback.json; check writes no index
	}
	dir, ok := ctx.Out.(publish.Dir)
	if !ok {
		return
	}
	opts, diags := Options(ctx.Files, ctx.I18n, ctx.Site.Language().Lang)
	for _, dg := range diags {
		ctx.Diag.Add(dg)
	}
	if len(diags) > 0 {
		return
	}
	docs, err := Documents(dir.Root)
	if err != nil {
		ctx.Diag.Add(diag.Diagnostic{File: "layouts/home.searchfallback.json", Message: "search documents: " + err.Error(),
			Hint: "the search index is built from the published pages: search-fallback.json lists them (layouts/home.searchfallback.json and layouts/_partials/search/doc.html)"})
		return
	}
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
// synonyms (data/synonymer.yaml) and the search server's texts (i18n/). Problems come back as
// diagnostics.
func Options(files *source.Site, tr feature.Translator, defaultLang string) (search.BuildOptions, []diag.Diagnostic) {
	var opts search.BuildOptions
	// Read through files first: only a regular file inside the site, within the size limit.
	if _, err := files.ReadText(SynonymsFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return opts, []diag.Diagnostic{source.Diagnostic(SynonymsFile, err)}
	}
	syn, err := search.LoadSynonyms(files.Path(SynonymsFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return opts, []diag.Diagnostic{{File: SynonymsFile, Message: err.Error(),
			Hint: "each group is a list of words that mean the same, see the comment at the top of the file"}}
	}
	messages, err := Messages(tr, defaultLang)
	if err != nil {
		return opts, []diag.Diagnostic{{File: "i18n/" + defaultLang + ".yaml", Message: err.Error(),
			Hint: "the search server shows these texts; add them to the default language's file"}}
	}
	opts.Synonyms, opts.Messages = syn, messages
	return opts, nil
}
