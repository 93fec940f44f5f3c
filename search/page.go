package search

import (
	"bytes"
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The markers PageHandler fills in publicDir/sok/index.html: the query goes
// into the input, the results replace resultsMarker, and for a search that
// finds nothing the block noneMarker starts is shown, with the suggestions at
// suggestionsMarker (and didYouMeanMarker shown) when there are any.
const (
	inputMarker       = `value="" data-samvirke-query`
	resultsMarker     = `<!--samvirke:results-->`
	noneMarker        = `data-search-none hidden`
	didYouMeanMarker  = `data-search-didyoumean hidden`
	suggestionsMarker = `<!--samvirke:suggestions-->`
)

// PageHandler serves the search page publicDir/sok/index.html with the
// results of ?q=… rendered into it, for browsers without JavaScript. Without
// q the page is served as it is. Bad input gives the page with an error
// message and status 400. The page is read on every request, so a rebuilt
// site is served at once. The inserted texts are in the language of the
// parameter ui, else in the page's own (its <html lang>), else in the site's
// default language; a block in another language than the page's carries lang.
//
// The inserted HTML has no scripts and no style attributes; it uses the
// classes sok-resultat, sok-filter, sok-treff, sok-treff-tittel,
// sok-treff-type, sok-treff-utdrag, sok-ingen, sok-sider, sok-feil and, for a
// hit's status, status-badge with status-expired, status-future or
// status-unverified.
func PageHandler(ix *Index, publicDir string) http.Handler {
	path := filepath.Join(publicDir, "sok", "index.html")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		msg := ix.messages
		lang := msg.lang(r.URL.Query().Get("ui"))
		defer recoverWith(func() { http.Error(w, msg.get(lang, "searchErrInternal"), http.StatusInternalServerError) })

		if !allowMethod(w, r) {
			http.Error(w, msg.get(lang, "searchErrMethod"), http.StatusMethodNotAllowed)
			return
		}
		page, err := os.ReadFile(path)
		if err != nil {
			http.Error(w, msg.get(lang, "searchErrNoPage"), http.StatusInternalServerError)
			return
		}
		pageLang := htmlLang(page)
		ui := "" // kept in the filter and page links
		if u := r.URL.Query().Get("ui"); u != "" && msg.lang(u) == u {
			ui = u
		} else if pageLang != "" {
			lang = msg.lang(pageLang)
		}
		v := r.URL.Query()
		if strings.TrimSpace(v.Get("q")) == "" {
			w.Write(page)
			return
		}

		status := http.StatusOK
		view := resultsView{}
		var suggestions []string
		none := false
		req, err := ParseRequest(v)
		if err == nil {
			var resp Response
			if resp, err = ix.search(r.Context(), req); err == nil {
				view = newResultsView(req, resp, msg, lang, ui)
				suggestions, none = resp.Suggestions, resp.Total == 0
			}
		}
		if err != nil {
			status, view.Error = ix.failure(lang, err)
			view.Query = displayQuery(v.Get("q"))
		}
		view.T = func(id string, args ...string) string { return msg.get(lang, id, args...) }
		switch view.Total {
		case 0:
			view.Count = msg.get(lang, "searchHitsNone")
		case 1:
			view.Count = msg.get(lang, "searchHitsOne")
		default:
			view.Count = msg.get(lang, "searchHitsMany", "n", strconv.FormatUint(view.Total, 10))
		}
		if lang != pageLang {
			view.Lang = lang
		}
		var block bytes.Buffer
		if err := resultsTemplate.Execute(&block, view); err != nil {
			http.Error(w, msg.get(lang, "searchErrInternal"), http.StatusInternalServerError)
			return
		}
		out, err := fillPage(page, view.Query, block.Bytes())
		if err != nil {
			http.Error(w, msg.get(lang, "searchErrNoMarkers"), http.StatusInternalServerError)
			return
		}
		if none {
			out = showNone(out, suggestions)
		}
		w.WriteHeader(status)
		w.Write(out)
	})
}

// showNone shows the block for a search that found nothing, with the
// suggestions as links. A page without the markers is left as it is.
func showNone(page []byte, suggestions []string) []byte {
	page = bytes.Replace(page, []byte(noneMarker), []byte(`data-search-none`), 1)
	if len(suggestions) == 0 {
		return page
	}
	var links bytes.Buffer
	for i, s := range suggestions {
		if i > 0 {
			links.WriteString(", ")
		}
		links.WriteString(`<a href="?q=` + html.EscapeString(url.QueryEscape(s)) + `">` + html.EscapeString(s) + `</a>`)
	}
	page = bytes.Replace(page, []byte(suggestionsMarker), links.Bytes(), 1)
	return bytes.Replace(page, []byte(didYouMeanMarker), []byte(`data-search-didyoumean`), 1)
}

// fillPage puts q into the search field and block at the results marker.
func fillPage(page []byte, q string, block []byte) ([]byte, error) {
	in := bytes.Index(page, []byte(inputMarker))
	res := bytes.Index(page, []byte(resultsMarker))
	if in < 0 || res < 0 {
		return nil, errors.New("search: page lacks the search markers")
	}
	value := []byte(`value="` + html.EscapeString(q) + `" data-samvirke-query`)
	type edit struct {
		at, n int
		with  []byte
	}
	edits := []edit{{in, len(inputMarker), value}, {res, len(resultsMarker), block}}
	if res < in {
		edits[0], edits[1] = edits[1], edits[0]
	}
	var out bytes.Buffer
	out.Grow(len(page) + len(value) + len(block))
	pos := 0
	for _, e := range edits {
		out.Write(page[pos:e.at])
		out.Write(e.with)
		pos = e.at + e.n
	}
	out.Write(page[pos:])
	return out.Bytes(), nil
}

// displayQuery makes a rejected q fit to show in the search field again.
func displayQuery(q string) string {
	if len(q) > maxQueryBytes {
		q = q[:maxQueryBytes]
	}
	return truncateRunes(cleanQuery(strings.ToValidUTF8(q, "")), MaxQueryRunes)
}

// htmlLang returns the lang attribute of the page's <html> element.
func htmlLang(page []byte) string {
	i := bytes.Index(page, []byte(`<html lang="`))
	if i < 0 {
		return ""
	}
	rest := page[i+len(`<html lang="`):]
	if j := bytes.IndexByte(rest, '"'); j >= 0 && j <= maxFilterLen {
		return string(rest[:j])
	}
	return ""
}

// typeLabel names a document type for people: the text searchTypeX for type
// "x", else the type itself.
func typeLabel(m Messages, lang, t string) string {
	if t == "" {
		return t
	}
	id := "searchType" + strings.ToUpper(t[:1]) + t[1:]
	if s := m.get(lang, id); s != "" {
		return s
	}
	return t
}

type resultsView struct {
	T      func(id string, args ...string) string // the texts in the block's language
	Lang   string                                 // set when it differs from the page's
	Query  string
	Count  string // "1 treff", in the block's language
	Error  string
	Total  uint64
	Start  int // number of the first hit, for <ol start>
	Hits   []hitView
	Facets []linkView // type filters
	Pages  []linkView // previous, numbered pages, next
}

type hitView struct {
	Title, URL, Lang, Type string
	Status                 []statusView
	Snippet                template.HTML
}

// statusView is a status badge.
type statusView struct{ Class, Label string }

// statusClasses are the CSS classes of the status badges (assets/css/legal.css).
var statusClasses = map[string]string{
	StatusExpired:    "status-expired",
	StatusNotInForce: "status-future",
	StatusUnverified: "status-unverified",
}

// statusLabels are the texts (MessageIDs) of the statuses.
var statusLabels = map[string]string{
	StatusExpired:    "legalBadgeExpired",
	StatusNotInForce: "legalBadgeNotYet",
	StatusUnverified: "legalStatusUnverified",
}

func statusViews(status []string, m Messages, lang string) []statusView {
	var out []statusView
	for _, s := range status {
		label := m.get(lang, statusLabels[s])
		if label == "" {
			label = s
		}
		out = append(out, statusView{statusClasses[s], label})
	}
	return out
}

type linkView struct {
	Label   string
	Href    string
	Current bool
	Rel     string
}

func newResultsView(req Request, resp Response, m Messages, lang, ui string) resultsView {
	typeLabel := func(t string) string { return typeLabel(m, lang, t) }
	v := resultsView{Query: req.Q, Total: resp.Total, Start: (req.Page-1)*req.Size + 1}
	for _, h := range resp.Hits {
		v.Hits = append(v.Hits, hitView{
			Title: h.Title, URL: h.URL, Lang: h.Lang, Type: typeLabel(h.Type),
			Status:  statusViews(h.Status, m, lang),
			Snippet: template.HTML(h.Snippet), // built from escaped text and <mark>
		})
	}

	link := func(typ string, page int) string {
		s := "?q=" + url.QueryEscape(req.Q)
		if typ != "" {
			s += "&type=" + url.QueryEscape(typ)
		}
		if req.Lang != "" {
			s += "&lang=" + url.QueryEscape(req.Lang)
		}
		if req.Size != DefaultSize {
			s += "&size=" + strconv.Itoa(req.Size)
		}
		if page > 1 {
			s += "&page=" + strconv.Itoa(page)
		}
		if ui != "" {
			s += "&ui=" + url.QueryEscape(ui)
		}
		return s
	}

	types := resp.Facets[fieldType]
	if len(types) > 1 || req.Type != "" {
		all := 0
		for _, n := range types {
			all += n
		}
		v.Facets = append(v.Facets, linkView{Label: m.get(lang, "searchAll", "n", strconv.Itoa(all)), Href: link("", 1), Current: req.Type == ""})
		for _, t := range sortedByCount(types) {
			v.Facets = append(v.Facets, linkView{
				Label:   typeLabel(t) + " (" + strconv.Itoa(types[t]) + ")",
				Href:    link(t, 1),
				Current: t == req.Type,
			})
		}
	}

	pages := min(int((resp.Total+uint64(req.Size)-1)/uint64(req.Size)), MaxPage)
	if pages > 1 {
		if req.Page > 1 {
			v.Pages = append(v.Pages, linkView{Label: m.get(lang, "searchPrevious"), Href: link(req.Type, req.Page-1), Rel: "prev"})
		}
		first := max(1, min(req.Page-4, pages-9))
		for p := first; p <= min(pages, first+9); p++ {
			v.Pages = append(v.Pages, linkView{Label: strconv.Itoa(p), Href: link(req.Type, p), Current: p == req.Page})
		}
		if req.Page < pages {
			v.Pages = append(v.Pages, linkView{Label: m.get(lang, "searchNext"), Href: link(req.Type, req.Page+1), Rel: "next"})
		}
	}
	return v
}

func sortedByCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	return keys
}

var resultsTemplate = template.Must(template.New("results").Parse(`<section class="sok-resultat" aria-labelledby="sok-resultat-overskrift"{{with .Lang}} lang="{{.}}"{{end}}>
{{- if .Error}}
<h2 id="sok-resultat-overskrift">{{call .T "searchErrorHeading"}}</h2>
<p class="sok-feil">{{.Error}}</p>
{{- else}}
<h2 id="sok-resultat-overskrift">{{call .T "searchHitsFor" "hits" .Count "q" .Query}}</h2>
{{- with .Facets}}
<nav class="sok-filter" aria-label="{{call $.T "searchFilterByType"}}">
<ul>
{{- range .}}
<li><a href="{{.Href}}"{{if .Current}} aria-current="true"{{end}}>{{.Label}}</a></li>
{{- end}}
</ul>
</nav>
{{- end}}
{{- if .Hits}}
<ol class="sok-treff"{{if gt .Start 1}} start="{{.Start}}"{{end}}>
{{- range .Hits}}
<li>
<h3 class="sok-treff-tittel"><a href="{{.URL}}"{{with .Lang}} lang="{{.}}"{{end}}>{{.Title}}</a></h3>
<p class="sok-treff-type">{{.Type}}{{range .Status}} <span class="status-badge {{.Class}}">{{.Label}}</span>{{end}}</p>
{{- if .Snippet}}
<p class="sok-treff-utdrag"{{with .Lang}} lang="{{.}}"{{end}}>{{.Snippet}}</p>
{{- end}}
</li>
{{- end}}
</ol>
{{- else}}
<p class="sok-ingen">{{call .T "searchNoResults"}}</p>
{{- end}}
{{- with .Pages}}
<nav class="sok-sider" aria-label="{{call $.T "searchPagesLabel"}}">
<ul>
{{- range .}}
<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}{{with .Rel}} rel="{{.}}"{{end}}>{{.Label}}</a></li>
{{- end}}
</ul>
</nav>
{{- end}}
{{- end}}
</section>`))
