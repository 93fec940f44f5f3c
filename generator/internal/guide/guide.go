// Package guide validates the front matter of the guide «6 trinn fra undring til handling»
// (content/veiviser/): each step's step: block and the relational-capacity self-assessment
// (layout relasjonell-kapasitet). The layouts read the same front matter through .Params, as
// the Hugo CLI does; this feature makes a misspelt key, a value of the wrong type or a reference
// to a step that does not exist an error at its file:line:column before anything renders.
package guide

import (
	"fmt"
	"strings"

	"samvirke/generator/internal/contacts"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// Section is the guide's content section.
const Section = "veiviser"

// RelationalLayout is the layout of the relational-capacity self-assessment.
const RelationalLayout = "relasjonell-kapasitet"

// Feature validates the guide's front matter.
type Feature struct {
	contacts *contacts.Feature
}

// New returns the feature; it checks the steps' contacts: against the contacts.
func New(c *contacts.Feature) *Feature { return &Feature{contacts: c} }

// Name implements feature.Feature.
func (*Feature) Name() string { return Section }

var _ feature.Preparer = (*Feature)(nil)

// A step's front matter: step: (docs/authoring.md, «The guide»).
type (
	stepPage struct {
		Step *step `yaml:"step"`
	}
	step struct {
		yamldoc.Node
		Number        int      `yaml:"number"`
		WhatToDo      string   `yaml:"what_to_do"`
		Questions     []string `yaml:"questions"`
		Checklist     []string `yaml:"checklist"`
		TimeLimit     string   `yaml:"time_limit"`
		TimeLimitDays int      `yaml:"time_limit_days"`
		DeadlineFrom  int      `yaml:"deadline_from"`
		Contacts      []string `yaml:"contacts"` // checked by the contacts feature
		Warnings      []string `yaml:"warnings"`
		LegalNote     string   `yaml:"legal_note"`
		Links         []*link  `yaml:"links"`
	}
	link struct {
		yamldoc.Node
		Text string `yaml:"text"`
		URL  string `yaml:"url"`
	}
)

// The relational-capacity page's front matter.
type (
	relationalPage struct {
		yamldoc.Node
		Scale       *scale    `yaml:"scale"`
		Factors     []*factor `yaml:"factors"`
		EvenStart   []string  `yaml:"even_start"`
		Steps       []*rkStep `yaml:"steps"`
		MappingNote string    `yaml:"mapping_note"`
	}
	scale struct {
		yamldoc.Node
		Low  string `yaml:"low"`
		High string `yaml:"high"`
	}
	factor struct {
		yamldoc.Node
		ID       string   `yaml:"id"`
		Name     string   `yaml:"name"`
		Question string   `yaml:"question"`
		Start    []string `yaml:"start"`
	}
	rkStep struct {
		yamldoc.Node
		ID    string `yaml:"id"`
		Title string `yaml:"title"`
		Text  string `yaml:"text"`
	}
)

// Prepare implements feature.Preparer.
func (f *Feature) Prepare(ctx *feature.Context) {
	numbers := map[int]diag.Location{}
	var steps []*step
	for _, p := range ctx.Site.AllPages() {
		if p.File == nil || p.File.Doc == nil || p.Virtual || p.Section() != Section || p.Kind != site.KindPage {
			continue
		}
		doc := p.File.Doc
		if p.Layout == RelationalLayout {
			var rp relationalPage
			report(ctx.Diag, doc.DecodeRoot(&rp, yamldoc.Open()))
			checkRelational(ctx.Diag, &rp)
			continue
		}
		var sp stepPage
		report(ctx.Diag, doc.DecodeRoot(&sp, yamldoc.Open()))
		if sp.Step == nil || !sp.Step.Written() {
			continue // a page in the guide's section that is not a step
		}
		checkStep(ctx.Diag, sp.Step, numbers)
		f.checkContacts(ctx.Diag, sp.Step)
		steps = append(steps, sp.Step)
	}
	for _, s := range steps {
		if _, ok := numbers[s.DeadlineFrom]; s.Has("deadline_from") && !ok {
			ctx.Diag.Add(s.ValueLoc("deadline_from").Errorf("deadline_from is the number of the step whose period this step shows the end of",
				"step: deadline_from %d is no step's number", s.DeadlineFrom))
		}
	}
}

// checkContacts checks a step's contacts: against data/kontakter.yaml.
func (f *Feature) checkContacts(d *diag.List, s *step) {
	if f.contacts == nil {
		return
	}
	for i, id := range s.Contacts {
		if err := f.contacts.Known(id); err != nil {
			msg, hint := diag.MessageOf(err)
			d.Add(s.ItemLoc("contacts", i).Errorf(hint, "step.contacts: %s", msg))
		}
	}
}

func report(d *diag.List, problems []diag.Diagnostic) {
	for _, p := range problems {
		d.Add(p)
	}
}

func checkStep(d *diag.List, s *step, numbers map[int]diag.Location) {
	const hint = "a step has number: (its place in the guide, from 1) and what_to_do: (docs/authoring.md, «The guide»)"
	switch {
	case !s.Has("number"):
		d.Add(s.HeadLoc().Errorf(hint, "step: number is missing"))
	case s.Number < 1:
		d.Add(s.ValueLoc("number").Errorf(hint, "step: number must be 1 or more, not %d", s.Number))
	default:
		if first, dup := numbers[s.Number]; dup {
			e := s.ValueLoc("number").Errorf("every step has its own number: the guide lists the steps in number order", "step: number %d is used by another step too", s.Number)
			e.Notes = []diag.Note{{Location: first, Text: "the other step"}}
			d.Add(e)
		} else {
			numbers[s.Number] = s.ValueLoc("number")
		}
	}
	if strings.TrimSpace(s.WhatToDo) == "" && yamldoc.IsScalar(s.Value("what_to_do")) {
		d.Add(s.HeadLoc().Errorf(hint, "step: what_to_do is missing"))
	}
	for i, l := range s.Links {
		if l != nil && l.Written() && (strings.TrimSpace(l.Text) == "" || strings.TrimSpace(l.URL) == "") {
			d.Add(s.ItemLoc("links", i).Errorf("write {text: …, url: …}", "step: link %d needs both text: and url:", i+1))
		}
	}
}

func checkRelational(d *diag.List, rp *relationalPage) {
	const hint = "see the relational-capacity page in docs/authoring.md («The guide»)"
	if rp.Scale == nil || strings.TrimSpace(rp.Scale.Low) == "" || strings.TrimSpace(rp.Scale.High) == "" {
		d.Add(rp.KeyLoc("scale").Errorf(hint, "scale needs low: and high: (the words at each end of the 1–5 scale)"))
	}
	steps := map[string]diag.Location{}
	var ids []string
	for i, s := range rp.Steps {
		if s == nil || !s.Written() {
			continue
		}
		if strings.TrimSpace(s.ID) == "" || strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Text) == "" {
			d.Add(rp.ItemLoc("steps", i).Errorf(hint, "steps[%d] needs id:, title: and text:", i+1))
			continue
		}
		if first, dup := steps[s.ID]; dup {
			e := s.ValueLoc("id").Errorf("every step has its own id", "step id %q is used twice", s.ID)
			e.Notes = []diag.Note{{Location: first, Text: "first used here"}}
			d.Add(e)
			continue
		}
		steps[s.ID] = s.ValueLoc("id")
		ids = append(ids, s.ID)
	}
	if len(steps) == 0 {
		d.Add(rp.KeyLoc("steps").Errorf(hint, "the self-assessment has no steps"))
	}
	known := func(id string, loc diag.Location, what string) {
		if _, ok := steps[id]; !ok && len(steps) > 0 {
			h := "the steps are the ids under steps: (" + strings.Join(ids, ", ") + ")"
			if s := diag.Suggest(id, ids); s != "" {
				h = fmt.Sprintf("did you mean %q? (%s)", s, h)
			}
			d.Add(loc.Errorf(h, "%s: %q is not one of the steps", what, id))
		}
	}
	factors := map[string]bool{}
	for i, f := range rp.Factors {
		if f == nil || !f.Written() {
			continue
		}
		if strings.TrimSpace(f.ID) == "" || strings.TrimSpace(f.Name) == "" || strings.TrimSpace(f.Question) == "" {
			d.Add(rp.ItemLoc("factors", i).Errorf(hint, "factors[%d] needs id:, name: and question:", i+1))
			continue
		}
		if factors[f.ID] {
			d.Add(f.ValueLoc("id").Errorf("every factor has its own id", "factor id %q is used twice", f.ID))
		}
		factors[f.ID] = true
		for j, id := range f.Start {
			known(id, f.ItemLoc("start", j), "factors["+fmt.Sprint(i+1)+"].start")
		}
	}
	if len(factors) == 0 {
		d.Add(rp.KeyLoc("factors").Errorf(hint, "the self-assessment has no factors"))
	}
	for i, id := range rp.EvenStart {
		known(id, rp.ItemLoc("even_start", i), "even_start")
	}
}

// Search implements feature.Searchable: the guide's pages are "veiviser" results.
func (f *Feature) Search(p *site.Page) (feature.SearchInfo, bool) {
	return feature.SearchInfo{Type: "veiviser"}, p.Section() == Section
}
