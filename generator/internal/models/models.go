// Package models validates the collaboration-model schema (front matter model:). The fact boxes
// and the comparison page /modeller/sammenlign/ are the layouts' work (layouts/modeller/,
// layouts/_partials/models/), from the same front matter.
//
// Pipeline:
//   - Prepare validates the model: block of every page in content/modeller/ except the comparison
//     page (a missing or mistyped field is an error at the key's file:line): level ids configured
//     in hugo.toml, legal_basis ids, tools; Models returns what it read, in section order.
package models

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/site"
)

// Section is the content section of the models.
const Section = "modeller"

// CompareLayout is the layout of the comparison page; that page has no model: block.
const CompareLayout = "sammenlign"

// Countries a model may come from.
var Countries = []string{"Norge", "Danmark"}

// Feature is the models feature. Use New; a Feature is used for one build at a time.
type Feature struct {
	mu     sync.Mutex
	models []*Model
}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return Section }

var (
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
}

// Models returns the models the last Prepare read, in section order.
func (f *Feature) Models() []*Model {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.models
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
	ix := glossary.NewIndex(ctx.Site)
	var pages []*site.Page
	for _, p := range ctx.Site.AllPages() {
		if IsModelPage(p) {
			pages = append(pages, p)
		}
	}
	site.SortPages(pages)
	var models []*Model
	for _, p := range pages {
		v := &validator{ctx: ctx, ix: ix, page: p, file: p.File}
		if m := v.model(); m != nil {
			models = append(models, m)
		}
	}
	f.mu.Lock()
	f.models = models
	f.mu.Unlock()
}

// validator reads one page's model: block, reporting every problem at its file:line.
type validator struct {
	ctx  *feature.Context
	ix   *glossary.Index
	page *site.Page
	file *content.File
}

const schemaHint = `see "Collaboration models" in docs/authoring.md for the model: block`

// fields of model:, in the order the messages and docs list them.
var modelKeys = []string{"name", "country", "sectors", "target_group", "aim", "source", "coordinator",
	"levels_or_phases", "principles_or_core_elements", "meeting_forum", "tools", "legal_basis"}

func (v *validator) errorf(line int, hint, format string, args ...any) {
	v.ctx.Diag.Add(diag.Diagnostic{File: v.file.Path, Line: line, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// name renders a key path for messages: model.source.year, model.levels_or_phases[2].summary
// (list positions count from 1, as a reader counts the lines).
func name(path []string) string {
	var b strings.Builder
	for i, k := range path {
		if n, err := strconv.Atoi(k); err == nil {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(k)
	}
	return b.String()
}

func with(path []string, keys ...string) []string {
	return append(append([]string(nil), path...), keys...)
}

// block returns the map at path, or nil after reporting a missing or mistyped value.
func (v *validator) block(parent map[string]any, path []string, key string) map[string]any {
	val, present := parent[key]
	p := with(path, key)
	if !present || val == nil {
		v.errorf(v.file.KeyLine(path...), schemaHint, "%s is missing", name(p))
		return nil
	}
	m, ok := val.(map[string]any)
	if !ok {
		v.errorf(v.file.Line(p...), schemaHint, "%s must be a set of keys (key: value lines), not %s", name(p), glossary.Describe(val))
		return nil
	}
	return m
}

// text returns the required text at parent[key]; missing, empty or mistyped values are errors.
func (v *validator) text(parent map[string]any, path []string, key string) string {
	val, present := parent[key]
	p := with(path, key)
	s, isText := val.(string)
	if isText && strings.TrimSpace(s) != "" {
		return s
	}
	switch {
	case !present:
		v.errorf(v.file.KeyLine(path...), schemaHint, "%s is missing", name(p))
	case val == nil || isText:
		v.errorf(v.file.Line(p...), schemaHint, "%s is empty", name(p))
	default:
		v.errorf(v.file.Line(p...), "put the text in quotes if YAML reads it as something else",
			"%s must be text, not %s", name(p), glossary.Describe(val))
	}
	return ""
}

// list returns the required list at parent[key]; min (0 or 1) is the least number of entries.
func (v *validator) list(parent map[string]any, path []string, key string, min int) []any {
	val, present := parent[key]
	p := with(path, key)
	if !present {
		v.errorf(v.file.KeyLine(path...), schemaHint, "%s is missing", name(p))
		return nil
	}
	l, ok := val.([]any)
	if !ok && val != nil {
		v.errorf(v.file.Line(p...), fmt.Sprintf("write a list: %s: [a, b] or one \"- item\" per line", key),
			"%s must be a list, not %s", name(p), glossary.Describe(val))
		return nil
	}
	if len(l) < min {
		v.errorf(v.file.Line(p...), schemaHint, "%s needs at least one entry", name(p))
	}
	return l
}

// texts returns a list of text entries.
func (v *validator) texts(parent map[string]any, path []string, key string, min int) []string {
	var out []string
	for i, item := range v.list(parent, path, key, min) {
		s, ok := item.(string)
		if !ok || strings.TrimSpace(s) == "" {
			v.errorf(v.file.Line(with(path, key, strconv.Itoa(i))...), "each entry is a short text",
				"%s must be text, not %s", name(with(path, key, strconv.Itoa(i))), glossary.Describe(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

// unknownKeys reports keys of m that are not in known, with a "did you mean".
func (v *validator) unknownKeys(m map[string]any, path []string, known []string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if contains(known, k) {
			continue
		}
		hint := "the keys are " + strings.Join(known, ", ")
		if s := diag.Suggest(k, known); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		v.errorf(v.file.KeyLine(with(path, k)...), hint, "unknown key %s", name(with(path, k)))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// model validates the page's model: block; nil when there is none.
func (v *validator) model() *Model {
	root := []string{"model"}
	if _, present := v.file.Front["model"]; !present {
		v.errorf(1, schemaHint+"; a page in content/modeller/ without one must be the comparison page (layout: "+CompareLayout+")",
			"the model page has no model: block")
		return nil
	}
	block := v.block(v.file.Front, nil, "model")
	if block == nil {
		return nil
	}
	v.unknownKeys(block, root, modelKeys)
	m := &Model{Page: v.page, Lang: v.page.ContentLang()}
	m.Name = v.text(block, root, "name")
	m.Country = v.text(block, root, "country")
	if m.Country != "" && !contains(Countries, m.Country) {
		hint := "the countries are " + strings.Join(Countries, " and ")
		if s := diag.Suggest(m.Country, Countries); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		v.errorf(v.file.Line("model", "country"), hint, "model.country must be Norge or Danmark, not %q", m.Country)
	}
	m.Sectors = v.texts(block, root, "sectors", 1)
	m.TargetGroup = v.text(block, root, "target_group")
	m.Aim = v.text(block, root, "aim")
	m.Source = v.source(block)
	m.Coordinator = v.text(block, root, "coordinator")
	m.Levels = v.elements(block, "levels_or_phases", true)
	m.Principles = v.elements(block, "principles_or_core_elements", false)
	if siteLang := v.ctx.Site.Language().Lang; m.Lang != siteLang {
		for i := range m.Levels {
			if m.Levels[i].IsLevel {
				m.Levels[i].NameLang = siteLang
			}
		}
	}
	m.MeetingForum = v.text(block, root, "meeting_forum")
	for _, t := range v.texts(block, root, "tools", 0) {
		m.Tools = append(m.Tools, Tool{Name: t, Term: v.ix.TermNamed(t)})
	}
	v.legalBasis(block, m)
	return m
}

func (v *validator) source(block map[string]any) Source {
	path := []string{"model", "source"}
	m := v.block(block, path[:1], "source")
	if m == nil {
		return Source{}
	}
	v.unknownKeys(m, path, []string{"title", "organisation", "year", "url"})
	s := Source{Title: v.text(m, path, "title")}
	if url, ok := m["url"]; ok && url != nil {
		s.URL = v.text(m, path, "url")
	}
	// organisation and year are required keys; ~ (empty) records that the document does not say.
	const unknownHint = `write ~ (empty) when the document does not say: organisation: ~`
	if val, present := m["organisation"]; !present {
		v.errorf(v.file.KeyLine(path...), unknownHint, "model.source.organisation is missing")
	} else if val != nil {
		s.Organisation = v.text(m, path, "organisation")
	}
	switch val, present := m["year"]; {
	case !present:
		v.errorf(v.file.KeyLine(path...), "write the year the document was published, or year: ~ when it does not say", "model.source.year is missing")
	case val == nil:
	default:
		year, ok := val.(int)
		if !ok || year < 1900 || year > 2200 {
			v.errorf(v.file.Line("model", "source", "year"), "write the year as a number, e.g. year: 2023",
				"model.source.year must be a year, not %s", glossary.Describe(val))
		}
		s.Year = year
	}
	return s
}

// elements reads levels_or_phases (levels true: an entry may be {level: N, summary}) or
// principles_or_core_elements ({name, summary}).
func (v *validator) elements(block map[string]any, key string, levels bool) []Element {
	path := []string{"model", key}
	var out []Element
	for i, item := range v.list(block, path[:1], key, 1) {
		ipath := with(path, strconv.Itoa(i))
		m, ok := item.(map[string]any)
		if !ok {
			want := "{name: …, summary: …}"
			if levels {
				want = "{name: …, summary: …} or {level: 1, summary: …}"
			}
			v.errorf(v.file.Line(ipath...), "write each entry as "+want, "%s must be a set of keys, not %s", name(ipath), glossary.Describe(item))
			continue
		}
		known := []string{"name", "summary"}
		if levels {
			known = append(known, "level")
		}
		v.unknownKeys(m, ipath, known)
		e := Element{}
		_, hasLevel := m["level"]
		switch {
		case levels && hasLevel:
			if _, hasName := m["name"]; hasName {
				v.errorf(v.file.KeyLine(with(ipath, "name")...), "level takes its name from hugo.toml; remove name, or level to name the step yourself",
					"%s has both name and level", name(ipath))
			}
			e.IsLevel = true
			e.Level, e.Name = v.level(m, ipath)
		default:
			e.Name = v.text(m, ipath, "name")
		}
		e.Summary = v.text(m, ipath, "summary")
		out = append(out, e)
	}
	return out
}

// level resolves {level: N}: N must be a configured [[params.levels]] id.
func (v *validator) level(m map[string]any, path []string) (int, string) {
	lpath := with(path, "level")
	n, ok := m["level"].(int)
	if !ok {
		v.errorf(v.file.Line(lpath...), "write the level's id as a number, e.g. level: 1", "%s must be a number, not %s", name(lpath), glossary.Describe(m["level"]))
		return 0, ""
	}
	levels := v.ctx.Site.Config.Site.Levels
	levelName := v.ctx.Site.Config.Site.LevelName(n)
	if levelName == "" {
		ids := make([]string, len(levels))
		for i, l := range levels {
			ids[i] = strconv.Itoa(l.ID)
		}
		hint := "no levels are configured: add [[params.levels]] with id and name to hugo.toml"
		if len(ids) > 0 {
			hint = "the levels configured in hugo.toml [[params.levels]] are " + strings.Join(ids, ", ")
		}
		v.errorf(v.file.Line(lpath...), hint, "%s: unknown level %d", name(lpath), n)
	}
	return n, levelName
}

func (v *validator) legalBasis(block map[string]any, m *Model) {
	path := []string{"model", "legal_basis"}
	for i, item := range v.list(block, path[:1], "legal_basis", 0) {
		ipath := with(path, strconv.Itoa(i))
		id, ok := item.(string)
		if !ok {
			v.errorf(v.file.Line(ipath...), "legal_basis lists provision ids such as fvl-13b-3", "%s must be a provision id, not %s", name(ipath), glossary.Describe(item))
			continue
		}
		page := v.ix.Provisions[id]
		if page == nil {
			continue // the legal registry reports unknown provision ids in every front-matter list
		}
		m.LegalBasis = append(m.LegalBasis, Provision{ID: id, Page: page})
	}
}
