package qa

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// inertScriptTypes are the script types that hold data, not code.
var inertScriptTypes = []string{"application/json", "application/ld+json"}

// StaticPrivacy checks every HTML and CSS file in the built site in dir,
// without a browser, for:
//
//   - third-party-resource: a resource from another origin, such as
//     <script src>, <link rel=stylesheet href>, <img src>, <iframe src>, a
//     font or any url() in CSS. The page must make no request to another
//     origin; a plain link to one is fine.
//   - inline-script: a <script> without src, unless its type is
//     application/json or application/ld+json. The CSP allows no inline
//     script.
//   - inline-event-handler: an on* attribute, such as onclick.
//   - javascript-url: a javascript: URL.
func StaticPrivacy(dir string) ([]Finding, error) {
	s := newSite(dir)
	pages, err := s.files(".html", ".htm")
	if err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	var out []Finding
	for _, file := range pages {
		d, err := s.doc(file)
		if err != nil {
			return nil, fmt.Errorf("privacy: %w", err)
		}
		for i := range d.tags {
			out = append(out, tagPrivacy(d.page, &d.tags[i])...)
		}
	}
	sheets, err := s.files(".css")
	if err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	for _, file := range sheets {
		css, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			return nil, fmt.Errorf("privacy: %w", err)
		}
		for _, r := range cssRefs(string(css)) {
			r.element = r.what
			if f, ok := thirdParty("/"+file, r); ok {
				out = append(out, f)
			}
		}
	}
	sortFindings(out)
	return out, nil
}

func tagPrivacy(page string, t *tag) []Finding {
	var out []Finding
	add := func(rule, msg, fix string) {
		out = append(out, Finding{
			Page: page, Gate: GatePrivacy, Rule: rule, Element: t.Snippet(), Line: t.Line,
			Message: msg, Fix: fix, Severity: Error,
		})
	}
	for _, r := range tagRefs(t) {
		if f, ok := thirdParty(page, r); ok {
			out = append(out, f)
		}
	}
	if t.Name == "script" && !t.Has("src") {
		typ := strings.ToLower(strings.TrimSpace(attrOr(t, "type")))
		if typ, _, _ = strings.Cut(typ, ";"); !slices.Contains(inertScriptTypes, strings.TrimSpace(typ)) {
			add("inline-script", "inline <script> without src; the Content-Security-Policy allows only scripts from files of the site",
				"move the code to a .js file of the site bundle and load it with <script src>; inline data must be type=\"application/json\"")
		}
	}
	for _, a := range t.Attrs {
		if strings.HasPrefix(a.Name, "on") && len(a.Name) > 2 {
			add("inline-event-handler", fmt.Sprintf("event handler attribute %s=%q runs inline script", a.Name, shorten(a.Value, 40)),
				"remove the attribute and add the listener with addEventListener in the site's .js file")
		}
		if slices.Contains(urlAttrs, a.Name) && isJavaScriptURL(a.Value) {
			add("javascript-url", fmt.Sprintf("%s=%q is a javascript: URL", a.Name, shorten(a.Value, 40)),
				"use a <button> with a listener from the site's .js file, or a real URL")
		}
	}
	return out
}

// thirdParty returns a finding when r is a resource from another origin.
func thirdParty(page string, r ref) (Finding, bool) {
	if r.kind != resource {
		return Finding{}, false
	}
	u, where, err := classify(r.url)
	if err != nil || where != external {
		return Finding{}, false
	}
	return Finding{
		Page: page, Gate: GatePrivacy, Rule: "third-party-resource", Element: r.element, Line: r.line, Severity: Error,
		Message: fmt.Sprintf("%s loads %s from %s; every request must go to the portal's own origin", r.what, r.url, u.Host),
		Fix:     "copy the file into the site (assets/) and refer to it with a path on the site",
	}, true
}
