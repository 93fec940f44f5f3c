package qa

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// LinkReport is the result of Links.
type LinkReport struct {
	// Findings of the links gate: broken links and resources and missing
	// anchors (errors), directory links without a trailing slash
	// (warnings), and pages that the crawl did not reach (info).
	Findings []Finding
	// Pages are the URL paths of the HTML pages that the crawl reached, in
	// crawl order.
	Pages []string
	// Unreachable are the URL paths of the HTML pages in the directory that
	// the crawl did not reach.
	Unreachable []string
	// External are the URLs to other origins. A link to another origin is
	// fine; a resource from one is a privacy finding, which StaticPrivacy
	// reports.
	External []ExternalRef
}

// ExternalRef is a URL to another origin in a page or a stylesheet.
type ExternalRef struct {
	Page     string // URL path of the page or stylesheet
	URL      string
	Element  string // snippet of the element, or "url()" in CSS
	Line     int
	Resource bool // fetched with the page (script, stylesheet, image, iframe, font…), not followed by the user
}

// Links crawls the built site in dir from /index.html (and /404.html, which
// the server shows for unknown paths), and follows every URL of <a>,
// <area>, <link>, <script>, <img>, srcset, <source>, <iframe>, <form
// action>, <meta http-equiv=refresh> and the url() and @import of
// stylesheets and style attributes. It checks that each internal path
// exists ("/a/b/" is "/a/b/index.html"; a form's query is ignored) and that
// the id of each fragment ("#id", "page/#id") exists on its HTML or SVG
// target. It ignores mailto:, tel:, data: and javascript: URLs, and lists
// URLs to other origins in External.
func Links(dir string) (*LinkReport, error) {
	s := newSite(dir)
	if !s.isFile("index.html") {
		return nil, fmt.Errorf("links: %s has no index.html", dir)
	}
	c := &crawl{site: s, report: &LinkReport{}, seen: map[string]bool{}}
	c.enqueue("index.html")
	if s.isFile("404.html") {
		c.enqueue("404.html")
	}
	for len(c.queue) > 0 {
		file := c.queue[0]
		c.queue = c.queue[1:]
		var err error
		if strings.HasSuffix(file, ".css") {
			err = c.stylesheet(file)
		} else {
			err = c.page(file)
		}
		if err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
	}

	all, err := s.files(".html", ".htm")
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	for _, f := range all {
		if c.seen[f] {
			continue
		}
		p := PagePath(f)
		c.report.Unreachable = append(c.report.Unreachable, p)
		c.report.Findings = append(c.report.Findings, Finding{
			Page: p, Gate: GateLinks, Rule: "unreachable-page", Severity: Info,
			Message: "no link from /index.html leads to this page",
			Fix:     "link it from a page or the navigation, or stop generating it",
		})
	}
	sortFindings(c.report.Findings)
	return c.report, nil
}

type crawl struct {
	site   *site
	report *LinkReport
	queue  []string        // files to visit: HTML pages and stylesheets
	seen   map[string]bool // files enqueued
}

func (c *crawl) enqueue(file string) {
	if !c.seen[file] {
		c.seen[file] = true
		c.queue = append(c.queue, file)
	}
}

func (c *crawl) page(file string) error {
	d, err := c.site.doc(file)
	if err != nil {
		return err
	}
	c.report.Pages = append(c.report.Pages, d.page)
	for i := range d.tags {
		for _, r := range tagRefs(&d.tags[i]) {
			c.check(d.page, r)
		}
	}
	return nil
}

func (c *crawl) stylesheet(file string) error {
	css, err := os.ReadFile(filepath.Join(c.site.dir, filepath.FromSlash(file)))
	if err != nil {
		return err
	}
	for _, r := range cssRefs(string(css)) {
		r.element = r.what
		c.check("/"+file, r)
	}
	return nil
}

// check checks one URL of the page or stylesheet at the URL path base.
func (c *crawl) check(base string, r ref) {
	finding := func(rule, msg, fix string) {
		c.report.Findings = append(c.report.Findings, Finding{
			Page: base, Gate: GateLinks, Rule: rule, Element: r.element, Line: r.line,
			Message: msg, Fix: fix, Severity: Error,
		})
	}
	u, where, err := classify(r.url)
	if err != nil {
		finding("bad-url", fmt.Sprintf("%s %q is not a valid URL: %v", r.what, r.url, err),
			"percent-encode spaces and other special characters in the URL")
		return
	}
	switch where {
	case ignored:
		return
	case external:
		c.report.External = append(c.report.External, ExternalRef{
			Page: base, URL: r.url, Element: r.element, Line: r.line, Resource: r.kind == resource,
		})
		return
	}

	abs := (&url.URL{Path: base}).ResolveReference(u)
	targetFile, how := c.site.resolve(abs.Path)
	switch how {
	case missing:
		if r.kind == resource {
			finding("broken-resource", fmt.Sprintf("%s %s: %s does not exist", r.what, r.url, abs.Path),
				"correct the path, or make the build copy the file to "+abs.Path)
		} else {
			finding("broken-link", fmt.Sprintf("%s %s: %s does not exist", r.what, r.url, abs.Path),
				"link to an existing page, or remove the link")
		}
		return
	case redirect:
		c.report.Findings = append(c.report.Findings, Finding{
			Page: base, Gate: GateLinks, Rule: "trailing-slash", Element: r.element, Line: r.line, Severity: Warning,
			Message: fmt.Sprintf("%s %s points to a directory without its trailing slash, so the server redirects", r.what, r.url),
			Fix:     "link to " + abs.Path + "/",
		})
	}

	ext := path.Ext(targetFile)
	if ext == ".html" || ext == ".htm" || ext == ".css" {
		c.enqueue(targetFile)
	}
	if abs.Fragment == "" || (ext != ".html" && ext != ".htm" && ext != ".svg") {
		return
	}
	d, err := c.site.doc(targetFile)
	if err != nil {
		finding("broken-link", fmt.Sprintf("%s %s: cannot read %s: %v", r.what, r.url, targetFile, err), "")
		return
	}
	if !d.ids[abs.Fragment] && !(ext != ".svg" && strings.EqualFold(abs.Fragment, "top")) {
		finding("missing-anchor", fmt.Sprintf("%s %s: %s has no element with id %q", r.what, r.url, d.page, abs.Fragment),
			fmt.Sprintf("add id=%q to the target element, or link to an id that exists", abs.Fragment))
	}
}

// ExternalResources returns the external references that the browser
// fetches with a page.
func (r *LinkReport) ExternalResources() []ExternalRef {
	return slices.DeleteFunc(slices.Clone(r.External), func(e ExternalRef) bool { return !e.Resource })
}
