// Package models validates the collaboration-model schema (front matter model:) and provides the
// data of the generated comparison page.
//
// Pipeline:
//   - Funcs gives templates "models": every model in section order, for the comparison page
//     (/modeller/sammenlign/, layout sammenlign) and the section list.
//   - Prepare validates the model: block of every page in content/modeller/ except the comparison
//     page (a missing or mistyped field is an error at the key's file:line), resolves level names
//     from hugo.toml, legal_basis ids and tools that are glossary entries, and stores the *Model on
//     its page (.Store.Get "model").
package models

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// Section is the content section of the models.
const Section = "modeller"

// CompareLayout is the layout of the comparison page; that page has no model: block.
const CompareLayout = "sammenlign"

// Countries a model may come from.
var Countries = []string{"Norge", "Danmark"}

// Feature is the models feature. Use New; a Feature is used for one build at a time.
type Feature struct {
	legal    *legal.Feature
	glossary *glossary.Feature
	mu       sync.Mutex
	models   []*Model
}

// New returns the feature. It checks legal_basis against the legal registry (and cites the
// provisions there) and links tools to glossary entries.
func New(registry *legal.Feature, terms *glossary.Feature) *Feature {
	return &Feature{legal: registry, glossary: terms}
}

// Name implements feature.Feature.
func (*Feature) Name() string { return Section }

var (
	_ feature.FuncProvider = (*Feature)(nil)
	_ feature.Preparer     = (*Feature)(nil)
)

// Model is one collaboration model, from a page's model: block.
type Model struct {
	Page         *site.Page
	Lang         string // the page's language ("da" for the Danish model)
	Name         string
	Country      string
	Sectors      []string
	TargetGroup  string
	Aim          string
	Source       Source
	Coordinator  string
	Levels       []Element // levels_or_phases, in order
	Principles   []Element // principles_or_core_elements
	MeetingForum string
	Tools        []Tool
	LegalBasis   []Provision
}

// Source is the document a model is described in.
type Source struct {
	Title        string
	Organisation string // "" when the document does not say (organisation: ~)
	Year         int    // 0 when the document does not say (year: ~)
	URL          string // optional
}

// Element is a level, phase, principle or core element.
type Element struct {
	Name     string
	Summary  string
	IsLevel  bool   // the entry is {level: N}: its name comes from hugo.toml [[params.levels]]
	Level    int    // the level id N (municipalities may number from 0)
	NameLang string // the name's language when it differs from the model's (a configured level name), else ""
}

// Tool is one tool a model uses; Term is its glossary entry when the name or slug matches one.
type Tool struct {
	Name string
	Term *site.Page
}

// Provision is one legal_basis entry.
type Provision struct {
	ID   string
	Page *site.Page
	Link template.HTML // as the lov shortcode renders it
}

// Funcs implements feature.FuncProvider.
func (f *Feature) Funcs(*site.Site) template.FuncMap {
	return template.FuncMap{
		// models: every collaboration model, in the section's order (weight, then title).
		"models": func() []*Model {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.models
		},
	}
}

// IsModelPage reports whether p must have a model: block: a page directly in content/modeller/
// other than the comparison page.
func IsModelPage(p *site.Page) bool {
	if p.Kind != site.KindPage || p.Virtual || p.File == nil || p.Layout == CompareLayout {
		return false
	}
	rest, ok := strings.CutPrefix(p.RelPermalink, "/"+Section+"/")
	return ok && strings.Count(rest, "/") == 1
}

// Prepare implements feature.Preparer.
func (f *Feature) Prepare(ctx *feature.Context) {
	var pages []*site.Page
	for _, p := range ctx.Site.AllPages() {
		if IsModelPage(p) {
			pages = append(pages, p)
		}
	}
	site.SortPages(pages)
	var models []*Model
	for _, p := range pages {
		v := &validator{ctx: ctx, legal: f.legal, terms: f.glossary.Index(), page: p, file: p.File}
		if m := v.model(); m != nil {
			p.Store().Set("model", m)
			models = append(models, m)
		}
	}
	f.mu.Lock()
	f.models = models
	f.mu.Unlock()
}

// The model: block as written (docs/authoring.md, "Collaboration models"). yamldoc reports
// unknown keys and mistyped values; the validator checks what is required and what it refers to.
type (
	pageFront struct {
		Model *modelFront `yaml:"model"`
	}
	modelFront struct {
		yamldoc.Node
		Name         string        `yaml:"name"`
		Country      string        `yaml:"country"`
		Sectors      []string      `yaml:"sectors"`
		TargetGroup  string        `yaml:"target_group"`
		Aim          string        `yaml:"aim"`
		Source       *sourceFront  `yaml:"source"`
		Coordinator  string        `yaml:"coordinator"`
		Levels       []*levelFront `yaml:"levels_or_phases"`
		Principles   []*levelFront `yaml:"principles_or_core_elements"`
		MeetingForum string        `yaml:"meeting_forum"`
		Tools        []string      `yaml:"tools"`
		LegalBasis   []string      `yaml:"legal_basis"`
	}
	sourceFront struct {
		yamldoc.Node
		Title        string `yaml:"title"`
		Organisation string `yaml:"organisation"`
		Year         *int   `yaml:"year"`
		URL          string `yaml:"url"`
	}
	// levelFront is an entry of levels_or_phases or principles_or_core_elements (level only in
	// the first).
	levelFront struct {
		yamldoc.Node
		Name    string `yaml:"name"`
		Summary string `yaml:"summary"`
		Level   *int   `yaml:"level"`
	}
)

// validator reads one page's model: block, reporting every problem at its file:line.
type validator struct {
	ctx   *feature.Context
	legal *legal.Feature
	terms *glossary.Index
	page  *site.Page
	file  *content.File
}

const schemaHint = `see "Collaboration models" in docs/authoring.md for the model: block`

func (v *validator) add(loc diag.Location, hint, format string, args ...any) {
	v.ctx.Diag.Add(loc.Errorf(hint, format, args...))
}

// required reports a missing or empty text; path names it in messages (model.source.title).
func (v *validator) required(block yamldoc.Node, key, val, path string) {
	switch {
	case !block.Has(key):
		v.add(block.HeadLoc(), schemaHint, "%s is missing", path)
	case strings.TrimSpace(val) == "" && yamldoc.IsScalar(block.Value(key)): // else yamldoc reported the type
		v.add(block.ValueLoc(key), schemaHint, "%s is empty", path)
	}
}

// list reports a missing list, or one with fewer than min entries.
func (v *validator) list(block yamldoc.Node, key string, n, min int, path string) {
	switch {
	case !block.Has(key):
		v.add(block.HeadLoc(), schemaHint, "%s is missing", path)
	case n < min && (yamldoc.IsEmpty(block.Value(key)) || !yamldoc.IsScalar(block.Value(key))): // else yamldoc reported the type
		v.add(block.ValueLoc(key), schemaHint, "%s needs at least one entry", path)
	}
}

// model validates the page's model: block; nil when there is none.
func (v *validator) model() *Model {
	var front pageFront
	if v.file.Doc != nil {
		for _, pr := range v.file.Doc.DecodeRoot(&front, yamldoc.Open()) {
			v.ctx.Diag.Add(pr)
		}
	}
	mf := front.Model
	if mf == nil || !mf.Written() {
		if v.file.Doc == nil || !hasKey(v.file, "model") {
			v.add(diag.Location{File: v.file.Path, Line: 1}, schemaHint+"; a page in content/modeller/ without one must be the comparison page (layout: "+CompareLayout+")",
				"the model page has no model: block")
		}
		return nil
	}
	m := &Model{Page: v.page, Lang: v.page.Lang(), Name: mf.Name, Country: mf.Country, TargetGroup: mf.TargetGroup, Aim: mf.Aim,
		Coordinator: mf.Coordinator, MeetingForum: mf.MeetingForum}
	for _, k := range []struct{ key, val string }{{"name", mf.Name}, {"country", mf.Country}, {"target_group", mf.TargetGroup}, {"aim", mf.Aim}} {
		v.required(mf.Node, k.key, k.val, "model."+k.key)
	}
	if m.Country != "" && !slices.Contains(Countries, m.Country) {
		hint := "the countries are " + strings.Join(Countries, " and ")
		if s := diag.Suggest(m.Country, Countries); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		v.add(mf.ValueLoc("country"), hint, "model.country must be Norge or Danmark, not %q", m.Country)
	}
	m.Sectors = v.texts(mf.Node, "sectors", mf.Sectors, 1)
	m.Source = v.source(mf)
	v.required(mf.Node, "coordinator", mf.Coordinator, "model.coordinator")
	m.Levels = v.elements(mf, "levels_or_phases", mf.Levels, true)
	m.Principles = v.elements(mf, "principles_or_core_elements", mf.Principles, false)
	if siteLang := v.ctx.Site.Language().Lang; m.Lang != siteLang {
		for i := range m.Levels {
			if m.Levels[i].IsLevel {
				m.Levels[i].NameLang = siteLang
			}
		}
	}
	v.required(mf.Node, "meeting_forum", mf.MeetingForum, "model.meeting_forum")
	for _, t := range v.texts(mf.Node, "tools", mf.Tools, 0) {
		m.Tools = append(m.Tools, Tool{Name: t, Term: v.terms.TermNamed(t)})
	}
	v.legalBasis(mf, m)
	return m
}

func hasKey(f *content.File, key string) bool {
	_, ok := f.Front[key]
	return ok
}

// texts checks a list of short texts.
func (v *validator) texts(block yamldoc.Node, key string, list []string, min int) []string {
	v.list(block, key, len(list), min, "model."+key)
	var out []string
	for i, s := range list {
		if !yamldoc.IsScalar(block.Item(key, i)) {
			continue // yamldoc reported it
		}
		if strings.TrimSpace(s) == "" {
			v.add(block.ItemLoc(key, i), "each entry is a short text", "model.%s[%d] must be text, not empty", key, i+1)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (v *validator) source(mf *modelFront) Source {
	sf := mf.Source
	if sf == nil || !sf.Written() {
		if !mf.Has("source") {
			v.add(mf.HeadLoc(), schemaHint, "model.source is missing")
		} else if yamldoc.IsEmpty(mf.Value("source")) {
			v.add(mf.ValueLoc("source"), schemaHint, "model.source is missing")
		}
		return Source{}
	}
	s := Source{Title: sf.Title, Organisation: sf.Organisation, URL: sf.URL}
	v.required(sf.Node, "title", sf.Title, "model.source.title")
	if sf.Has("url") && !yamldoc.IsEmpty(sf.Value("url")) {
		v.required(sf.Node, "url", sf.URL, "model.source.url")
	}
	// organisation and year are required keys; ~ (empty) records that the document does not say.
	if !sf.Has("organisation") {
		v.add(sf.HeadLoc(), `write ~ (empty) when the document does not say: organisation: ~`, "model.source.organisation is missing")
	} else if !yamldoc.IsEmpty(sf.Value("organisation")) {
		v.required(sf.Node, "organisation", sf.Organisation, "model.source.organisation")
	}
	switch {
	case !sf.Has("year"):
		v.add(sf.HeadLoc(), "write the year the document was published, or year: ~ when it does not say", "model.source.year is missing")
	case sf.Year != nil && (*sf.Year < 1900 || *sf.Year > 2200):
		v.add(sf.ValueLoc("year"), "write the year as a number, e.g. year: 2023", "model.source.year must be a year, not the number %d", *sf.Year)
	case sf.Year != nil:
		s.Year = *sf.Year
	}
	return s
}

// elements reads levels_or_phases (levels: an entry may be {level: N, summary} for a configured
// level) or principles_or_core_elements ({name, summary}).
func (v *validator) elements(mf *modelFront, key string, list []*levelFront, levels bool) []Element {
	v.list(mf.Node, key, len(list), 1, "model."+key)
	want := "{name: …, summary: …}"
	if levels {
		want += " or {level: 1, summary: …}"
	}
	var out []Element
	for i, lf := range list {
		path := fmt.Sprintf("model.%s[%d]", key, i+1)
		if lf == nil || !lf.Written() {
			if yamldoc.IsEmpty(mf.Item(key, i)) { // else yamldoc reported what it is
				v.add(mf.ItemLoc(key, i), "write each entry as "+want, "%s must be a set of keys, not empty", path)
			}
			continue
		}
		e := Element{Summary: lf.Summary}
		switch {
		case lf.Has("level") && !levels:
			v.add(lf.KeyLoc("level"), "allowed here: name, summary", "unknown key %q in %s", "level", path)
		case lf.Has("level"):
			if lf.Has("name") {
				v.add(lf.KeyLoc("name"), "level takes its name from hugo.toml; remove name, or level to name the step yourself", "%s has both name and level", path)
			}
			e.IsLevel = true
			if lf.Level != nil {
				e.Level, e.Name = *lf.Level, v.levelName(lf, *lf.Level, path)
			}
		default:
			e.Name = lf.Name
			v.required(lf.Node, "name", lf.Name, path+".name")
		}
		v.required(lf.Node, "summary", lf.Summary, path+".summary")
		out = append(out, e)
	}
	return out
}

// levelName resolves {level: N}: N must be a configured [[params.levels]] id.
func (v *validator) levelName(lf *levelFront, n int, path string) string {
	levels := v.ctx.Site.Config.Site.Levels
	name := v.ctx.Site.Config.Site.LevelName(n)
	if name == "" {
		ids := make([]string, len(levels))
		for i, l := range levels {
			ids[i] = strconv.Itoa(l.ID)
		}
		hint := "no levels are configured: add [[params.levels]] with id and name to hugo.toml"
		if len(ids) > 0 {
			hint = "the levels configured in hugo.toml [[params.levels]] are " + strings.Join(ids, ", ")
		}
		v.add(lf.ValueLoc("level"), hint, "%s.level: unknown level %d", path, n)
	}
	return name
}

// legalBasis checks legal_basis against the legal registry, cites each provision there and
// renders its link as the lov shortcode does.
func (v *validator) legalBasis(mf *modelFront, m *Model) {
	v.list(mf.Node, "legal_basis", len(mf.LegalBasis), 0, "model.legal_basis")
	for i, id := range mf.LegalBasis {
		loc := mf.ItemLoc("legal_basis", i)
		prov := v.legal.Provision(id)
		if prov == nil {
			v.add(loc, v.legal.Hint(id), "legal_basis: unknown provision %q", id)
			continue
		}
		v.legal.Cite(legal.Citation{ID: id, File: v.file.Path, Line: loc.Line, Page: v.page, How: "legal_basis"})
		link := v.ctx.Render(v.page, v.file.Path, loc.Line, fmt.Sprintf("{{< lov %q >}}", id), false)
		m.LegalBasis = append(m.LegalBasis, Provision{ID: id, Page: prov.Page, Link: link})
	}
}

// Search implements feature.Searchable: the section's pages are "modell" results; a model is
// found by its name and target group.
func (f *Feature) Search(p *site.Page) (feature.SearchInfo, bool) {
	if p.Section() != Section {
		return feature.SearchInfo{}, false
	}
	info := feature.SearchInfo{Type: "modell"}
	if m, ok := p.Store().Get("model").(*Model); ok {
		for _, s := range []string{m.Name, m.TargetGroup} {
			if s != "" {
				info.Terms = append(info.Terms, s)
			}
		}
	}
	return info, true
}
