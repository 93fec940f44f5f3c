package legal

import (
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// Citation is one place that cites a provision.
type Citation struct {
	ID   string // the provision
	File string // content file, for messages
	Line int
	// Page is where the backlink leads: the page the citation is on, or the page a feature made
	// for the part that holds it (a decision tree's node page).
	Page    *site.Page
	Context string // the backlink's context (the tree of a node); empty: the page's section
	How     string // "lov" (shortcode) or the front-matter list it is in ("legal", "legal_basis", "provision")
}

// Cite records citations that a feature found in the front matter it owns (a tree node's legal:,
// a model's legal_basis, a glossary entry's provision), for backlinks and the registry's
// warnings. The feature itself reports an unknown id, with Hint.
func (f *Feature) Cite(cs ...Citation) {
	f.mu.Lock()
	f.refs = append(f.refs, cs...)
	f.mu.Unlock()
}

// Claim says that the feature reports every citation in p's front matter itself (lov shortcodes
// in its texts included), so the registry does not look for them there.
func (f *Feature) Claim(p *site.Page) {
	f.mu.Lock()
	f.claimed[p] = true
	f.mu.Unlock()
}

// ShortcodeCitations finds the lov shortcodes of known provisions in a text of front matter that
// starts at line of file.
func (f *Feature) ShortcodeCitations(text, file string, line int, page *site.Page, context string) []Citation {
	if !strings.Contains(text, "{{") {
		return nil
	}
	var out []Citation
	calls, _ := markup.Syntax{}.Scan(text, line) // syntax errors are reported when the text renders
	for _, c := range calls {
		if c.Name == "lov" && len(c.Positional) > 0 && f.Provision(c.Positional[0]) != nil {
			out = append(out, Citation{ID: c.Positional[0], File: file, Line: c.Line, Page: page, Context: context, How: "lov"})
		}
	}
	return out
}

// frontMatterRefs finds lov shortcodes in the front-matter texts of pages no feature claimed
// (a guide step's legal_note, a page's params). Unknown ids are reported by CheckShortcode when
// the text is rendered.
func (f *Feature) frontMatterRefs(s *site.Site) []Citation {
	var out []Citation
	for _, p := range s.AllPages() {
		if p.File == nil || p.File.Doc == nil || p.Virtual || f.claimed[p] {
			continue
		}
		doc := p.File.Doc
		doc.Scalars(doc.Root, func(_ []string, n ast.Node) {
			out = append(out, f.ShortcodeCitations(yamldoc.Text(n), p.File.Path, doc.TextLine(n), p, "")...)
		})
	}
	return out
}

// AfterContent implements feature.AfterContent: it collects the citations in rendered bodies,
// stores the backlinks and reports the registry's warnings.
func (f *Feature) AfterContent(ctx *feature.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.provisions == nil {
		return
	}
	all := append(append([]Citation(nil), f.refs...), f.frontMatterRefs(ctx.Site)...)
	for _, p := range ctx.Site.AllPages() {
		if p.File == nil || p.Virtual {
			continue // pages a feature made (tree nodes) cite through their tree's front matter
		}
		for _, c := range p.Calls {
			if c.Name == "lov" && len(c.Positional) > 0 && f.provisions[c.Positional[0]] != nil {
				all = append(all, Citation{ID: c.Positional[0], File: p.File.Path, Line: c.Line, Page: p, How: "lov"})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].Line < all[j].Line
	})
	f.cites = map[string][]Citation{}
	for _, c := range all {
		if prov := f.provisions[c.ID]; prov != nil && c.Page == prov.Page {
			continue // a provision's page mentioning itself is no use of it
		}
		f.cites[c.ID] = append(f.cites[c.ID], c)
	}
	for _, p := range f.ordered {
		p.Page.Store().Set("citedBy", f.backlinks(ctx.Site, p.ID))
	}
	f.warn(ctx)
}

// Citations returns where the provision is cited (after AfterContent), by file and line.
func (f *Feature) Citations(id string) []Citation { return f.cites[id] }

// backlinks are the pages and tree nodes citing id, once each, ordered by URL.
func (f *Feature) backlinks(s *site.Site, id string) []Backlink {
	seen := map[string]bool{}
	var out []Backlink
	for _, c := range f.cites[id] {
		b := backlink(c)
		if seen[b.URL] {
			continue
		}
		seen[b.URL] = true
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// backlink names the page a citation leads back to.
func backlink(c Citation) Backlink {
	p := c.Page
	context := c.Context
	if parent := p.Parent(); context == "" && parent != nil && !parent.IsHome() {
		context = parent.Title()
	}
	return Backlink{Title: p.Title(), URL: p.RelPermalink, Permalink: p.Permalink(), Context: context}
}
