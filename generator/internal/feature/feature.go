// Package feature is the extension point for domain features (decision trees, the legal registry,
// the glossary, the model schema, search). Like a goldmark extension owns its parser and renderer,
// a feature owns its validation, its shortcodes' argument checks, its extra pages and its outputs.
// A feature implements Feature and any of the optional interfaces below; the build calls them in
// pipeline order: Funcs, Prepare, CheckShortcode (while bodies render), AfterContent, Output.
package feature

import (
	"html/template"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/source"
)

// Feature names a feature (used in messages).
type Feature interface {
	Name() string
}

// Context is what the build hands a feature.
type Context struct {
	Site   *site.Site
	Diag   *diag.List
	Out    publish.Writer // the staged public/ (or a discarding writer for samvirke check)
	Source string         // the site source directory
	Files  *source.Site   // reads files of the site source (only regular files inside it)
	// Render renders Markdown (with shortcodes) found in front matter for page p; problems are
	// reported at file:line, the position of the field.
	Render func(p *site.Page, file string, line int, src string, block bool) template.HTML
	// Sidecar returns a staged directory that replaces the named directory beside public/ when
	// the build succeeds (the search index); empty in check mode.
	Sidecar func(name string) (string, error)
	Check   bool // samvirke check: validate everything, write nothing
	Strict  bool
	// I18n gives the interface strings of i18n/, for text a feature writes itself (the tree
	// widget's labels, the search server's messages).
	I18n Translator
}

// Translator looks up interface strings: the text id in lang, falling back to the default
// language; an id the default language lacks is an error.
type Translator interface {
	Lookup(lang, id string, data any) (string, error)
	Languages() []string
}

// Loader reads the feature's own content (the legal registry's provisions, the glossary's
// entries, the contacts) so that other features can look it up. Every feature's Load runs before
// any Prepare, so a feature that uses another's data does not depend on the order of the list.
type Loader interface {
	Load(ctx *Context)
}

// SidecarUser is a feature that writes a Sidecar directory: the build checks, before it starts,
// that it may replace each named directory (the same rules as for public/).
type SidecarUser interface {
	Sidecars() []string
}

// Preparer validates the feature's content and adds pages; runs before any page renders.
type Preparer interface {
	Prepare(ctx *Context)
}

// ShortcodeChecker validates the arguments of the shortcodes the feature owns. It returns nil,
// or an error that says what is wrong; a *diag.Problem also says what to do ("did you mean …").
type ShortcodeChecker interface {
	CheckShortcode(c *markup.Call) (owned bool, err error)
}

// AfterContent runs once every page body is rendered (backlinks from shortcode use).
type AfterContent interface {
	AfterContent(ctx *Context)
}

// Outputter writes the feature's own files after pages render.
type Outputter interface {
	Output(ctx *Context)
}

// FuncProvider adds template functions. A name that is already a core function (tpl.CoreFuncNames)
// or another feature's is a build error naming both: features cannot change what a name means.
type FuncProvider interface {
	Funcs(s *site.Site) template.FuncMap
}

// Searchable gives site search what a feature knows about the pages it owns: their result type
// and the words that weigh more than the page's text. The search feature gets the features that
// implement it (features.All), so it reads no feature's front matter itself.
type Searchable interface {
	Search(p *site.Page) (SearchInfo, bool)
}

// SearchInfo is a feature's contribution to one page's search document.
type SearchInfo struct {
	Type  string   // result type shown in results and facets: "modell", "begrep", "lov" …
	Terms []string // high-value words: a term's definition, a provision's citation, a tree's questions
	// A page whose legal content no longer applies, does not apply yet or is unverified: results
	// say so and rank it after current pages.
	Outdated, NotYetInForce, Unverified bool
}
