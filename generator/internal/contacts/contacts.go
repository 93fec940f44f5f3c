// Package contacts is the «Hvem kontakter jeg?» feature: it validates data/kontakter.yaml (the
// services a worker contacts, grouped by need) against schema/contacts.schema.json and checks what
// a schema cannot: unique ids, known groups and out-of-hours contacts, known roles and target
// groups. It checks every reference to a contact in the content – the kontakt shortcode and
// contacts: lists in front matter – with a did-you-mean, and warns while example entries remain.
//
// The feature only validates. The pages read the file through Hugo's .Site.Data (site.Data.kontakter)
// in the layouts and shortcodes, so the Hugo CLI renders the same contacts.
package contacts

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/yamldoc"
	"samvirke/schema"
)

// File is the contacts file, relative to the site source.
const File = "data/kontakter.yaml"

// GroupExamples is the build report's group of example entries still in place.
const GroupExamples = "contacts: examples the municipality must replace"

// Shortcodes owned by the feature.
const (
	ShortcodeContact  = "kontakt"   // {{< kontakt "id" ["link text"] >}}
	ShortcodeContacts = "kontakter" // {{< kontakter >}}: every contact, grouped by need
)

// Taxonomies that contacts may be tagged with (the plurals of hugo.toml's [taxonomies]).
var termKeys = []string{"roller", "malgrupper"}

// Contact is one entry of the file, as far as validation needs it.
type Contact struct {
	ID, Name, Group string
	Example         bool
	Line            int
	At              diag.Location // the id's value
}

// Feature validates the contacts and the references to them.
type Feature struct {
	mu       sync.Mutex
	ids      []string // sorted; nil when the file is missing
	contacts []Contact
	present  bool
}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "kontakter" }

// Contacts returns the contacts read by the last Load, in file order.
func (f *Feature) Contacts() []Contact {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.contacts)
}

// Load implements feature.Loader: it reads and validates the file before any feature's Prepare
// renders Markdown with the kontakt shortcode or checks a list of contacts (Known).
func (f *Feature) Load(ctx *feature.Context) {
	files := ctx.Files
	if files == nil {
		files = source.New(ctx.Source)
	}
	f.mu.Lock()
	f.ids, f.contacts, f.present = nil, nil, false
	f.mu.Unlock()
	if !files.Exists(File) {
		return // a contacts: list without the file is an error at the list
	}
	raw, err := files.ReadText(File)
	if err != nil {
		ctx.Diag.Add(source.Diagnostic(File, err))
		return
	}
	contacts := validate(raw, ctx.Site, ctx.Diag)
	ids := make([]string, 0, len(contacts))
	for _, c := range contacts {
		ids = append(ids, c.ID)
	}
	sort.Strings(ids)
	f.mu.Lock()
	f.ids, f.contacts, f.present = ids, contacts, true
	f.mu.Unlock()
	for _, c := range contacts {
		if c.Example {
			ctx.Diag.Add(c.At.Warnf(GroupExamples, "replace its name, phone, e-mail, address and hours with your own service's, then delete example: true",
				"contact %q (%s) is an example", c.ID, c.Name))
		}
	}
}

// Prepare implements feature.Preparer: it checks the contacts: list any page may have.
func (f *Feature) Prepare(ctx *feature.Context) { f.checkPages(ctx) }

// CheckShortcode implements feature.ShortcodeChecker for kontakt and kontakter.
func (f *Feature) CheckShortcode(c *markup.Call) (bool, error) {
	switch c.Name {
	case ShortcodeContact:
		if len(c.Positional) == 0 || len(c.Positional) > 2 || len(c.Named) > 0 {
			return true, diag.Problemf(`write {{< kontakt "barnevernvakt" >}} or {{< kontakt "barnevernvakt" "barnevernvakten" >}}`, "kontakt takes a contact id and an optional link text")
		}
		return true, f.known(c.Positional[0])
	case ShortcodeContacts:
		if len(c.Positional) > 0 || len(c.Named) > 0 {
			return true, diag.Problemf("write {{< kontakter >}}: it lists every contact in data/kontakter.yaml, grouped by need", "kontakter takes no arguments")
		}
		if !f.has() {
			return true, diag.Problemf("create it (see docs/authoring.md, «Contacts»)", "kontakter lists the contacts in %s, but the file is missing", File)
		}
		return true, nil
	}
	return false, nil
}

func (f *Feature) has() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.present
}

// Known returns nil when id names a contact, else a *diag.Problem with a did-you-mean (for the
// features whose front matter lists contacts, such as a guide step's contacts:).
func (f *Feature) Known(id string) error { return f.known(id) }

// known returns nil when id names a contact, else an error with a did-you-mean.
func (f *Feature) known(id string) error {
	f.mu.Lock()
	ids, present := f.ids, f.present
	f.mu.Unlock()
	if !present {
		return diag.Problemf("create it (see docs/authoring.md, «Contacts»)", "unknown contact %q: there is no %s", id, File)
	}
	if _, ok := slices.BinarySearch(ids, id); ok {
		return nil
	}
	hint := "contacts are the ids in " + File
	if s := diag.Suggest(id, ids); s != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
	}
	return diag.Problemf(hint, "unknown contact %q", id)
}

// checkPages checks the contacts: list any page may have (contacts: [id, …]); a feature whose
// own front matter lists contacts checks them with Known (the guide's steps).
func (f *Feature) checkPages(ctx *feature.Context) {
	for _, p := range ctx.Site.AllPages() {
		if p.File != nil {
			f.checkList(ctx, p, p.Params["contacts"], "contacts")
		}
	}
}

func (f *Feature) checkList(ctx *feature.Context, p *site.Page, v any, path ...string) {
	if v == nil {
		return
	}
	key := strings.Join(path, ".")
	list, ok := v.([]any)
	if !ok {
		ctx.Diag.Add(diag.Diagnostic{File: p.File.Path, Line: p.File.Line(path...), Column: p.File.Loc(path...).Column, Message: fmt.Sprintf("%s must be a list of contact ids", key),
			Hint: fmt.Sprintf("write %s: [barnevernstjeneste, barnevernvakt] (ids from %s)", path[len(path)-1], File)})
		return
	}
	for i, x := range list {
		id, _ := x.(string)
		loc := p.File.Loc(append(path, strconv.Itoa(i))...)
		if err := f.known(id); err != nil {
			msg, hint := diag.MessageOf(err)
			ctx.Diag.Add(loc.Errorf(hint, "%s: %s", key, msg))
		}
	}
}

// The file as written (schema/contacts.schema.json).
type (
	contactsFile struct {
		yamldoc.Node
		Groups   []*group   `yaml:"groups"`
		Contacts []*contact `yaml:"contacts"`
	}
	group struct {
		yamldoc.Node
		ID    string `yaml:"id"`
		Title string `yaml:"title"`
		Text  string `yaml:"text"`
	}
	contact struct {
		yamldoc.Node
		ID                string   `yaml:"id"`
		Name              string   `yaml:"name"`
		Group             string   `yaml:"group"`
		About             string   `yaml:"about"`
		Phone             string   `yaml:"phone"`
		Email             string   `yaml:"email"`
		Address           string   `yaml:"address"`
		Hours             string   `yaml:"hours"`
		OutOfHours        string   `yaml:"out_of_hours"`
		OutOfHoursContact string   `yaml:"out_of_hours_contact"`
		Web               string   `yaml:"web"`
		National          bool     `yaml:"national"`
		Example           bool     `yaml:"example"`
		Roller            []string `yaml:"roller"`
		Malgrupper        []string `yaml:"malgrupper"`
	}
)

const schemaHint = "see schema/contacts.schema.json and docs/authoring.md, «Contacts»"

var contactSchema = sync.OnceValues(func() (*yamldoc.Schema, error) {
	return yamldoc.CompileSchema("schema/contacts.schema.json", schema.Contacts)
})

// validate checks the file against the schema (the shape, as editors see it), then decodes it and
// checks what the schema cannot. It returns the contacts it could read.
func validate(raw []byte, s *site.Site, d *diag.List) []Contact {
	doc, problems := yamldoc.Parse(File, raw, yamldoc.Options{Hint: "check the indentation and quote phone numbers: phone: \"12 34 56 78\""})
	for _, p := range problems {
		d.Add(p)
	}
	if doc == nil {
		return nil
	}
	sch, err := contactSchema()
	if err != nil {
		d.Errorf("schema/contacts.schema.json", 0, "the contacts schema does not compile: %v", err)
		return nil
	}
	if problems := sch.Validate(doc, doc.Root, schemaHint); len(problems) > 0 {
		for _, p := range problems {
			d.Add(p)
		}
		return nil
	}
	var file contactsFile
	for _, p := range doc.DecodeRoot(&file) {
		d.Add(p) // the schema allows nothing the struct does not: a safeguard when they drift
	}
	groups := map[string]bool{}
	var groupIDs []string
	for _, g := range file.Groups {
		groups[g.ID] = true
		groupIDs = append(groupIDs, g.ID)
	}
	var ids []string
	for _, c := range file.Contacts {
		ids = append(ids, c.ID)
	}
	var out []Contact
	seen := map[string]diag.Location{}
	for _, c := range file.Contacts {
		at := c.ValueLoc("id")
		ct := Contact{ID: c.ID, Name: c.Name, Group: c.Group, Example: c.Example, Line: at.Line, At: at}
		if first, dup := seen[ct.ID]; dup {
			e := at.Errorf("every contact needs its own id: the content refers to contacts by id", "duplicate contact id %q", ct.ID)
			e.Notes = []diag.Note{{Location: first, Text: "first used here"}}
			d.Add(e)
			continue
		}
		seen[ct.ID] = at
		if !groups[ct.Group] {
			d.Add(c.ValueLoc("group").Errorf(suggest(ct.Group, groupIDs, "groups are the ids under groups: at the top of the file"),
				"contact %q: unknown group %q", ct.ID, ct.Group))
		}
		if ooh := c.OutOfHoursContact; ooh != "" {
			switch {
			case !slices.Contains(ids, ooh):
				d.Add(c.ValueLoc("out_of_hours_contact").Errorf(suggest(ooh, ids, "out_of_hours_contact is the id of another contact in this file"),
					"contact %q: unknown out_of_hours_contact %q", ct.ID, ooh))
			case ooh == ct.ID:
				d.Add(c.ValueLoc("out_of_hours_contact").Errorf("", "contact %q names itself as its out_of_hours_contact", ct.ID))
			}
		}
		for _, plural := range termKeys {
			terms := c.Roller
			if plural == "malgrupper" {
				terms = c.Malgrupper
			}
			pages := s.TermPages(plural)
			var known []string
			for k := range pages {
				known = append(known, k)
			}
			sort.Strings(known)
			for j, t := range terms {
				if _, ok := pages[t]; !ok {
					d.Add(c.ItemLoc(plural, j).Errorf(suggest(t, known, fmt.Sprintf("terms are the folders in content/%s/ (each with an _index.md)", plural)),
						"contact %q: unknown %s term %q", ct.ID, plural, t))
				}
			}
		}
		out = append(out, ct)
	}
	return out
}

func suggest(s string, candidates []string, why string) string {
	if m := diag.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("did you mean %q? (%s)", m, why)
	}
	return why
}
