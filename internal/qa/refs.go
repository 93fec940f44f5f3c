package qa

import (
	"net/url"
	"slices"
	"strings"
)

// refKind tells what a browser does with a URL.
type refKind int

const (
	navigation refKind = iota // followed by the user: a link, a form, a redirect
	resource                  // fetched by the browser with the page: img, script, stylesheet, iframe, font…
)

// ref is a URL in a page or a stylesheet.
type ref struct {
	url     string
	kind    refKind
	what    string // where the URL is, as "<img src>" or "url()"
	element string // the snippet of the element
	line    int
}

// navigationalRels are the rel values of <link> that the browser does not
// fetch. Every other rel (stylesheet, icon, preload, preconnect, manifest…)
// makes a request.
var navigationalRels = []string{
	"alternate", "author", "bookmark", "canonical", "external", "help",
	"license", "me", "next", "prev", "search", "tag",
}

// urlAttrs are the attributes that hold one URL, for javascript: URLs.
var urlAttrs = []string{"href", "src", "action", "formaction", "data", "poster", "cite", "background", "xlink:href", "ping"}

// tagRefs returns the URLs of the start tag t.
func tagRefs(t *tag) []ref {
	var refs []ref
	add := func(attrName string, kind refKind) {
		if v, ok := t.Attr(attrName); ok {
			refs = append(refs, ref{url: v, kind: kind, what: "<" + t.Name + " " + attrName + ">"})
		}
	}
	addSrcset := func() {
		if v, ok := t.Attr("srcset"); ok {
			for _, u := range srcsetURLs(v) {
				refs = append(refs, ref{url: u, kind: resource, what: "<" + t.Name + " srcset>"})
			}
		}
	}
	switch t.Name {
	case "a", "area":
		add("href", navigation)
	case "link":
		kind := navigation
		rels := strings.Fields(strings.ToLower(attrOr(t, "rel")))
		if len(rels) == 0 || slices.ContainsFunc(rels, func(r string) bool { return !slices.Contains(navigationalRels, r) }) {
			kind = resource
		}
		add("href", kind)
	case "script", "iframe", "frame", "embed", "audio", "track":
		add("src", resource)
	case "img", "source":
		add("src", resource)
		addSrcset()
	case "video":
		add("src", resource)
		add("poster", resource)
	case "object":
		add("data", resource)
	case "input":
		if strings.EqualFold(attrOr(t, "type"), "image") {
			add("src", resource)
		}
		add("formaction", navigation)
	case "button":
		add("formaction", navigation)
	case "form":
		add("action", navigation)
	case "use", "image", "feimage":
		add("href", resource)
		add("xlink:href", resource)
	case "meta":
		if strings.EqualFold(attrOr(t, "http-equiv"), "refresh") {
			if u := refreshURL(attrOr(t, "content")); u != "" {
				refs = append(refs, ref{url: u, kind: navigation, what: "<meta http-equiv=refresh>"})
			}
		}
	case "style":
		for _, c := range cssRefs(t.Text) {
			c.line += t.Line + strings.Count(t.Raw, "\n") - 1
			refs = append(refs, c)
		}
	}
	if style, ok := t.Attr("style"); ok {
		for _, c := range cssRefs(style) {
			c.what = "style attribute url()"
			refs = append(refs, c)
		}
	}
	for i := range refs {
		refs[i].element = t.Snippet()
		if refs[i].line == 0 {
			refs[i].line = t.Line
		}
	}
	return refs
}

func attrOr(t *tag, name string) string {
	v, _ := t.Attr(name)
	return v
}

// srcsetURLs returns the URLs of a srcset attribute, after the parsing
// rules of the HTML standard: a URL runs to the next space, and a comma at
// its end ends the candidate; descriptors run to a comma outside of ().
func srcsetURLs(s string) []string {
	var urls []string
	i := 0
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		endsCandidate := strings.HasSuffix(u, ",")
		u = strings.TrimRight(u, ",")
		if u != "" {
			urls = append(urls, u)
		}
		if endsCandidate {
			continue
		}
		depth := 0
		for i < len(s) {
			c := s[i]
			i++
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				break
			}
		}
	}
	return urls
}

// refreshURL returns the URL of the content of <meta http-equiv=refresh>,
// such as "0; url=/ny/", or "" if it has none.
func refreshURL(content string) string {
	i := strings.IndexAny(content, ";,")
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(content[i+1:])
	if len(rest) >= 3 && strings.EqualFold(rest[:3], "url") {
		if r := strings.TrimSpace(rest[3:]); strings.HasPrefix(r, "=") {
			rest = strings.TrimSpace(r[1:])
		}
	}
	return strings.Trim(rest, `"'`)
}

// cssRefs returns the URLs in CSS: url(…), and the strings of @import.
// Their lines count from 1 at the start of css.
func cssRefs(css string) []ref {
	css = blankComments(css)
	var refs []ref
	lower := strings.ToLower(css)
	lineAt := func(i int) int { return 1 + strings.Count(css[:i], "\n") }
	for i := 0; i < len(css); {
		u := strings.Index(lower[i:], "url(")
		imp := strings.Index(lower[i:], "@import")
		switch {
		case u < 0 && imp < 0:
			return refs
		case imp >= 0 && (u < 0 || imp < u):
			at := i + imp
			j := at + len("@import")
			for j < len(css) && isSpace(css[j]) {
				j++
			}
			if j < len(css) && (css[j] == '"' || css[j] == '\'') {
				if k := strings.IndexByte(css[j+1:], css[j]); k >= 0 {
					refs = append(refs, ref{url: css[j+1 : j+1+k], kind: resource, what: "@import", line: lineAt(at)})
					j += k + 2
				}
			}
			i = j
		default:
			at := i + u
			j := at + len("url(")
			for j < len(css) && isSpace(css[j]) {
				j++
			}
			var val string
			if j < len(css) && (css[j] == '"' || css[j] == '\'') {
				k := strings.IndexByte(css[j+1:], css[j])
				if k < 0 {
					return refs
				}
				val = css[j+1 : j+1+k]
				j += k + 2
			} else {
				k := strings.IndexByte(css[j:], ')')
				if k < 0 {
					return refs
				}
				val = strings.TrimSpace(css[j : j+k])
				j += k
			}
			if val != "" {
				refs = append(refs, ref{url: val, kind: resource, what: "url()", line: lineAt(at)})
			}
			i = j
		}
	}
	return refs
}

// blankComments replaces CSS comments with spaces, keeping newlines so
// that the lines stay where they are.
func blankComments(css string) string {
	b := []byte(css)
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '/' || b[i+1] != '*' {
			continue
		}
		end := strings.Index(css[i+2:], "*/")
		stop := len(b)
		if end >= 0 {
			stop = i + 2 + end + 2
		}
		for j := i; j < stop; j++ {
			if b[j] != '\n' {
				b[j] = ' '
			}
		}
		i = stop - 1
	}
	return string(b)
}

// target says where a URL points.
type target int

const (
	ignored  target = iota // empty, same document, mailto:, tel:, data:, javascript:…
	internal               // a path on the site
	external               // another origin
)

// classify parses a URL of the site. A URL with a host, as "https://x/" or
// "//x/", is external. A URL with a scheme but no host, such as mailto:,
// is ignored, as is one that fails to parse (err is set).
func classify(raw string) (*url.URL, target, error) {
	raw = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(raw))
	if raw == "" {
		return nil, ignored, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, ignored, err
	}
	switch {
	case u.Host != "":
		return u, external, nil
	case u.Scheme != "":
		return u, ignored, nil
	}
	return u, internal, nil
}

// isJavaScriptURL reports whether a URL attribute runs script.
func isJavaScriptURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(v))
	return len(v) >= len("javascript:") && strings.EqualFold(v[:len("javascript:")], "javascript:")
}
