package site

import (
	"path"
	"sort"
	"strings"

	"samvirke/generator/internal/config"
)

// Format is an output format, as Hugo's: a page is written once per format, html as
// PATH/index.html, others as PATH/BASENAME.SUFFIX (the home page's searchfallback format as
// /search-fallback.json, a section's json as /lovverk/index.json).
type Format struct {
	Name      string // "html", "json", or the [outputFormats.NAME]
	Suffix    string // file suffix, from the media type
	BaseName  string // file name without suffix
	PlainText bool   // executed with text/template, not html/template
	Path      string // a directory below the page's, for [outputFormats.NAME] path
}

// builtinFormats are Hugo's output formats that samvirke writes (RSS, AMP, calendar and CSV are
// not: disable "rss" in hugo.toml, as the bundled site does).
var builtinFormats = map[string]Format{
	"html":    {Name: "html", Suffix: "html", BaseName: "index"},
	"json":    {Name: "json", Suffix: "json", BaseName: "index", PlainText: true},
	"robots":  {Name: "robots", Suffix: "txt", BaseName: "robots", PlainText: true},
	"sitemap": {Name: "sitemap", Suffix: "xml", BaseName: "sitemap"},
}

// suffixes are the file suffixes of media types, as Hugo's media.DefaultTypes.
var suffixes = map[string]string{
	"text/html": "html", "application/json": "json", "application/xml": "xml", "text/xml": "xml",
	"text/plain": "txt", "text/css": "css", "text/javascript": "js", "application/javascript": "js",
	"text/csv": "csv", "text/calendar": "ics", "application/rss+xml": "xml", "application/manifest+json": "webmanifest",
}

// defaultOutputs are Hugo's outputs per kind, without rss.
var defaultOutputs = map[string][]string{
	KindHome: {"html"}, KindSection: {"html"}, KindTaxonomy: {"html"}, KindTerm: {"html"}, KindPage: {"html"},
}

// LookupFormat returns the output format named name: one of hugo.toml's [outputFormats], else a
// built-in one.
func LookupFormat(cfg *config.Config, name string) (Format, bool) {
	name = strings.ToLower(name)
	for n, of := range cfg.OutputFormats {
		if strings.EqualFold(n, name) {
			f := Format{Name: name, BaseName: of.BaseName, PlainText: of.IsPlainText, Path: strings.Trim(of.Path, "/")}
			if b, ok := builtinFormats[name]; ok { // redefining a built-in keeps what is not set
				if f.BaseName == "" {
					f.BaseName = b.BaseName
				}
				f.Suffix = b.Suffix
			}
			if of.MediaType != "" {
				mt := strings.ToLower(strings.TrimSpace(strings.SplitN(of.MediaType, ";", 2)[0]))
				if sfx, ok := suffixes[mt]; ok {
					f.Suffix = sfx
				} else if i := strings.LastIndexAny(mt, "/+"); i >= 0 {
					f.Suffix = mt[i+1:]
				}
			}
			if f.BaseName == "" {
				f.BaseName = "index"
			}
			return f, true
		}
	}
	f, ok := builtinFormats[name]
	return f, ok
}

// OutputFormatNames are the names of the page's output formats: front matter outputs, else
// hugo.toml's [outputs] for its kind, else Hugo's default (html), without the ones samvirke
// does not write (rss).
func (p *Page) OutputFormatNames() []string {
	var names []string
	if list, ok := p.Params["outputs"].([]any); ok {
		for _, v := range list {
			if s, ok := v.(string); ok {
				names = append(names, strings.ToLower(s))
			}
		}
	} else if list, ok := p.site.Config.Outputs[p.Kind]; ok {
		for _, s := range list {
			names = append(names, strings.ToLower(s))
		}
	} else {
		names = defaultOutputs[p.Kind]
	}
	var out []string
	for _, n := range names {
		if n == "rss" {
			continue
		}
		out = append(out, n)
	}
	return out
}

// OutputFormats are the page's output formats that samvirke knows, html first.
func (p *Page) OutputFormats() []Format {
	var out []Format
	for _, n := range p.OutputFormatNames() {
		if f, ok := LookupFormat(p.site.Config, n); ok {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name == "html" && out[j].Name != "html" })
	return out
}

// OutputFile is the file the page is written to in format f, relative to the publish dir.
func (p *Page) OutputFile(f Format) string {
	if f.Name == "html" {
		return p.OutputPath()
	}
	dir := strings.TrimSuffix(p.OutputPath(), "index.html")
	return path.Join(dir, f.Path, f.BaseName+"."+f.Suffix)
}
