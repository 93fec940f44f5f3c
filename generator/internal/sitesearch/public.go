package sitesearch

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"

	"samvirke/search"
)

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
			Status: d.Status})
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
