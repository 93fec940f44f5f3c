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
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/source"
	"samvirke/schema"
)

// File is the contacts file, relative to the site source.
const File = "data/kontakter.yaml"

// GroupExamples is the build report's group of example entries still in place.
const GroupExamples = "kontakter: eksempler som kommunen må erstatte"

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

// Contacts returns the contacts read by the last Prepare, in file order.
func (f *Feature) Contacts() []Contact {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.contacts)
}

// Prepare implements feature.Preparer: it reads and validates the file, then checks contacts:
// lists in every page's front matter.
func (f *Feature) Prepare(ctx *feature.Context) {
	files := ctx.Files
	if files == nil {
		files = source.New(ctx.Source)
	}
	f.mu.Lock()
	f.ids, f.contacts, f.present = nil, nil, false
	f.mu.Unlock()
	if !files.Exists(File) {
		f.checkPages(ctx) // a contacts: list without the file is an error at the list
		return
	}
	raw, err := files.ReadText(File)
	if err != nil {
		ctx.Diag.Add(source.Diagnostic(File, err))
		f.checkPages(ctx)
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
			ctx.Diag.Add(diag.Diagnostic{File: File, Line: c.Line, Severity: diag.Warning, Group: GroupExamples,
				Message: fmt.Sprintf("contact %q (%s) is an example", c.ID, c.Name),
				Hint:    "replace its name, phone, e-mail, address and hours with your own service's, then delete example: true"})
		}
	}
	f.checkPages(ctx)
}

// CheckShortcode implements feature.ShortcodeChecker for kontakt and kontakter.
func (f *Feature) CheckShortcode(c *markup.Call) (bool, error) {
	switch c.Name {
	case ShortcodeContact:
		if len(c.Positional) == 0 || len(c.Positional) > 2 || len(c.Named) > 0 {
			return true, fmt.Errorf(`kontakt takes a contact id and an optional link text` + "\n" + `write {{< kontakt "barnevernvakt" >}} or {{< kontakt "barnevernvakt" "barnevernvakten" >}}`)
		}
		return true, f.known(c.Positional[0])
	case ShortcodeContacts:
		if len(c.Positional) > 0 || len(c.Named) > 0 {
			return true, fmt.Errorf("kontakter takes no arguments\nwrite {{< kontakter >}}: it lists every contact in data/kontakter.yaml, grouped by need")
		}
		if !f.has() {
			return true, fmt.Errorf("kontakter lists the contacts in %s, but the file is missing\ncreate it (see docs/authoring.md, «Contacts»)", File)
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

// known returns nil when id names a contact, else an error with a did-you-mean.
func (f *Feature) known(id string) error {
	f.mu.Lock()
	ids, present := f.ids, f.present
	f.mu.Unlock()
	if !present {
		return fmt.Errorf("unknown contact %q: there is no %s\ncreate it (see docs/authoring.md, «Contacts»)", id, File)
	}
	if _, ok := slices.BinarySearch(ids, id); ok {
		return nil
	}
	hint := "contacts are the ids in " + File
	if s := diag.Suggest(id, ids); s != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
	}
	return fmt.Errorf("unknown contact %q\n%s", id, hint)
}

// checkPages checks contacts: lists in front matter: on any page (contacts: [id, …]) and in a
// guide step's step: block.
func (f *Feature) checkPages(ctx *feature.Context) {
	for _, p := range ctx.Site.AllPages() {
		if p.File == nil {
			continue
		}
		f.checkList(ctx, p, p.Params["contacts"], "contacts")
		if step, ok := p.Params["step"].(map[string]any); ok {
			f.checkList(ctx, p, step["contacts"], "step", "contacts")
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
		ctx.Diag.Add(diag.Diagnostic{File: p.File.Path, Line: p.File.Line(path...), Message: fmt.Sprintf("%s must be a list of contact ids", key),
			Hint: fmt.Sprintf("write %s: [barnevernstjeneste, barnevernvakt] (ids from %s)", path[len(path)-1], File)})
		return
	}
	for i, x := range list {
		id, _ := x.(string)
		line := p.File.Line(append(path, strconv.Itoa(i))...)
		if err := f.known(id); err != nil {
			msg, hint, _ := strings.Cut(err.Error(), "\n")
			ctx.Diag.Add(diag.Diagnostic{File: p.File.Path, Line: line, Message: key + ": " + msg, Hint: hint})
		}
	}
}

// validate checks the file against the schema, then what the schema cannot check. It returns the
// contacts it could read.
func validate(raw []byte, s *site.Site, d *diag.List) []Contact {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		d.Add(diag.Diagnostic{File: File, Line: yamlErrLine(err), Message: "malformed YAML: " + err.Error(),
			Hint: "check the indentation and quote phone numbers: phone: \"12 34 56 78\""})
		return nil
	}
	var v any
	if err := doc.Decode(&v); err != nil {
		d.Errorf(File, 0, "malformed YAML: %v", err)
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if !schemaValid(v, root, d) {
		return nil
	}
	m, _ := v.(map[string]any)
	groups := map[string]bool{}
	var groupIDs []string
	for _, g := range m["groups"].([]any) {
		id := g.(map[string]any)["id"].(string)
		groups[id] = true
		groupIDs = append(groupIDs, id)
	}
	var out []Contact
	seen := map[string]int{}
	var ids []string
	list := m["contacts"].([]any)
	for _, x := range list {
		ids = append(ids, x.(map[string]any)["id"].(string))
	}
	for i, x := range list {
		c := x.(map[string]any)
		at := func(key ...string) int { return lineOf(root, append([]string{"contacts", strconv.Itoa(i)}, key...)...) }
		ct := Contact{ID: c["id"].(string), Name: c["name"].(string), Group: c["group"].(string), Line: at("id")}
		ct.Example, _ = c["example"].(bool)
		if prev, dup := seen[ct.ID]; dup {
			d.Add(diag.Diagnostic{File: File, Line: ct.Line, Message: fmt.Sprintf("duplicate contact id %q: it is already used at line %d", ct.ID, prev),
				Hint: "every contact needs its own id: the content refers to contacts by id"})
			continue
		}
		seen[ct.ID] = ct.Line
		if !groups[ct.Group] {
			d.Add(diag.Diagnostic{File: File, Line: at("group"), Message: fmt.Sprintf("contact %q: unknown group %q", ct.ID, ct.Group),
				Hint: suggest(ct.Group, groupIDs, "groups are the ids under groups: at the top of the file")})
		}
		if ooh, ok := c["out_of_hours_contact"].(string); ok {
			if !slices.Contains(ids, ooh) {
				d.Add(diag.Diagnostic{File: File, Line: at("out_of_hours_contact"), Message: fmt.Sprintf("contact %q: unknown out_of_hours_contact %q", ct.ID, ooh),
					Hint: suggest(ooh, ids, "out_of_hours_contact is the id of another contact in this file")})
			} else if ooh == ct.ID {
				d.Errorf(File, at("out_of_hours_contact"), "contact %q names itself as its out_of_hours_contact", ct.ID)
			}
		}
		for _, plural := range termKeys {
			terms, _ := c[plural].([]any)
			pages := s.TermPages(plural)
			var known []string
			for k := range pages {
				known = append(known, k)
			}
			sort.Strings(known)
			for j, t := range terms {
				if _, ok := pages[t.(string)]; !ok {
					d.Add(diag.Diagnostic{File: File, Line: at(plural, strconv.Itoa(j)), Message: fmt.Sprintf("contact %q: unknown %s term %q", ct.ID, plural, t),
						Hint: suggest(t.(string), known, fmt.Sprintf("terms are the folders in content/%s/ (each with an _index.md)", plural))})
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

var (
	compileOnce sync.Once
	compiled    *jsonschema.Schema
	compileErr  error
	english     = message.NewPrinter(language.English)
)

func contactSchema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Contacts))
		if err != nil {
			compileErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("contacts.schema.json", doc); err != nil {
			compileErr = err
			return
		}
		compiled, compileErr = c.Compile("contacts.schema.json")
	})
	return compiled, compileErr
}

// schemaValid validates v against the schema and reports every failing leaf at its line.
func schemaValid(v any, root *yaml.Node, d *diag.List) bool {
	sch, err := contactSchema()
	if err != nil {
		d.Errorf("schema/contacts.schema.json", 0, "the contacts schema does not compile: %v", err)
		return false
	}
	err = sch.Validate(v)
	if err == nil {
		return true
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		d.Errorf(File, 0, "%v", err)
		return false
	}
	type found struct {
		line int
		msg  string
	}
	var all []found
	var leaves func(e *jsonschema.ValidationError) []string
	leaves = func(e *jsonschema.ValidationError) []string {
		if len(e.Causes) == 0 {
			return []string{e.ErrorKind.LocalizedString(english)}
		}
		var out []string
		for _, c := range e.Causes {
			out = append(out, leaves(c)...)
		}
		return out
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		where := "/" + strings.Join(e.InstanceLocation, "/")
		if _, ok := e.ErrorKind.(*kind.AnyOf); ok {
			// One of several alternatives is needed: one message, not one per alternative.
			all = append(all, found{lineOf(root, e.InstanceLocation...), fmt.Sprintf("at %s: %s", where, strings.Join(leaves(e), ", or "))})
			return
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		all = append(all, found{lineOf(root, e.InstanceLocation...), fmt.Sprintf("at %s: %s", where, e.ErrorKind.LocalizedString(english))})
	}
	walk(verr)
	sort.SliceStable(all, func(i, j int) bool { return all[i].line < all[j].line })
	for i, f := range all {
		if i > 0 && f == all[i-1] {
			continue
		}
		d.Add(diag.Diagnostic{File: File, Line: f.line, Message: f.msg,
			Hint: "see schema/contacts.schema.json and docs/authoring.md, «Contacts»"})
	}
	return false
}

// lineOf is the line of the value at the path of map keys and list indexes; the deepest part that
// exists when the full path does not.
func lineOf(n *yaml.Node, path ...string) int {
	line := n.Line
	for _, key := range path {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					next = n.Content[i+1]
					if next.Kind != yaml.ScalarNode {
						line = n.Content[i].Line
					} else {
						line = next.Line
					}
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return line
}

func yamlErrLine(err error) int {
	var line int
	if _, e := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line); e == nil {
		return line
	}
	return 0
}
