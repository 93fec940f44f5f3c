package tpl

import (
	"bytes"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"
	"text/template"

	"github.com/spf13/cast"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/yamldoc"
)

// I18n holds the interface strings from i18n/LANG.yaml, Hugo's format: `id: text`, or
// `id: {one: …, other: …}` for plurals; the text may use template actions ({{ .Count }}).
// Every text of the portal's interface lives there: templates get it with T, Go code with
// Translate, and scripts from JSON or data- attributes that templates render with T.
type I18n struct {
	fallback string
	strings  map[string]map[string]message
}

type message struct {
	one, other *template.Template
}

// LoadI18n reads every i18n/*.yaml; fallback is the language used when a string is missing. A
// string of the fallback language that another language lacks is a warning: pages in that
// language would show it in the fallback language.
func LoadI18n(src *source.Site, fallback string, d *diag.List) *I18n {
	i := &I18n{fallback: fallback, strings: map[string]map[string]message{}}
	for _, rel := range src.Walk("i18n", d) {
		if path.Dir(rel) != "i18n" || !strings.HasSuffix(rel, ".yaml") {
			continue
		}
		lang := strings.TrimSuffix(path.Base(rel), ".yaml")
		b, err := src.ReadText(rel)
		if err != nil {
			d.Add(source.Diagnostic(rel, err))
			continue
		}
		doc, problems := yamldoc.Parse(rel, b, yamldoc.Options{})
		for _, p := range problems {
			d.Add(p)
		}
		if doc == nil {
			continue
		}
		m := map[string]message{}
		file := doc.Block(doc.Root)
		if doc.Root != nil && !file.Written() {
			d.Add(doc.Loc(doc.Root).Errorf("write one id: text line per string (Hugo's i18n format)", "%s must be a set of id: text lines", rel))
			continue
		}
		for _, k := range file.Keys() {
			id, v := k.Name, file.Value(k.Name)
			var text struct {
				yamldoc.Node
				One   string `yaml:"one"`
				Other string `yaml:"other"`
			}
			if yamldoc.IsScalar(v) {
				text.Other = yamldoc.Text(v)
			} else {
				problems := doc.Decode(v, &text, yamldoc.At(id))
				for _, p := range problems {
					p.Hint = "a string is id: text, or id: {one: …, other: …} for a count"
					d.Add(p)
				}
				if len(problems) > 0 {
					continue
				}
			}
			loc := file.ValueLoc(id)
			msg := message{}
			var err error
			if msg.other, err = template.New(id).Option("missingkey=error").Parse(text.Other); err != nil {
				d.Add(loc.Errorf("the text may use template actions such as {{ .Count }}", "%s: %v", id, err))
				continue
			}
			if text.One != "" {
				if msg.one, err = template.New(id).Option("missingkey=error").Parse(text.One); err != nil {
					d.Add(text.ValueLoc("one").Errorf("the text may use template actions such as {{ .Count }}", "%s: %v", id, err))
					continue
				}
			}
			m[id] = msg
		}
		i.strings[lang] = m
	}
	def, ok := i.strings[fallback]
	if !ok {
		d.Errorf("i18n/"+fallback+".yaml", 0, "missing: the interface strings of the default language %q", fallback)
		return i
	}
	for _, lang := range i.Languages() {
		var missing []string
		for id := range def {
			if _, ok := i.strings[lang][id]; !ok {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			d.Add(diag.Diagnostic{File: "i18n/" + lang + ".yaml", Severity: diag.Warning,
				Message: fmt.Sprintf("%d strings of i18n/%s.yaml are not translated: %s", len(missing), fallback, strings.Join(missing, ", ")),
				Hint:    fmt.Sprintf("pages in %q show these in %q until they are added here", lang, fallback)})
		}
	}
	return i
}

// Languages lists the languages that have strings, sorted.
func (i *I18n) Languages() []string {
	var out []string
	for l := range i.strings {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Translate returns the string id in lang, else in the default language, else the id itself.
func (i *I18n) Translate(lang, id string, data any) string {
	s, err := i.Lookup(lang, id, data)
	if err != nil {
		return id
	}
	return s
}

// Lookup returns the string id in lang, falling back to the default language as Hugo does. An id
// that the default language lacks, or text whose template fails, is an error. As in Hugo, a
// number as data is the count: {{ .Count }} in the text, and the one/other form by it.
func (i *I18n) Lookup(lang, id string, data any) (string, error) {
	msg, ok := i.strings[lang][id]
	if !ok {
		msg, ok = i.strings[i.fallback][id]
	}
	if !ok {
		return "", fmt.Errorf("no interface string %q in i18n/%s.yaml", id, i.fallback)
	}
	n, counted := pluralCount(data)
	if v := reflect.ValueOf(data); v.IsValid() && isInt(v.Kind()) {
		data = intCount(n)
	}
	t := msg.other
	if msg.one != nil && counted && n == 1 {
		t = msg.one
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("interface string %q: %v", id, err)
	}
	return b.String(), nil
}

// intCount is the template data when T gets a number: {{ .Count }}.
type intCount int

func (c intCount) Count() int { return int(c) }

// pluralCount finds the count that picks the plural form: the data itself when it is a number,
// or its Count key or field.
func pluralCount(data any) (int, bool) {
	if data == nil {
		return 0, false
	}
	if m, ok := data.(map[string]any); ok {
		for k, v := range m {
			if strings.EqualFold(k, "Count") {
				n, err := cast.ToIntE(v)
				return n, err == nil
			}
		}
		return 0, false
	}
	v := reflect.Indirect(reflect.ValueOf(data))
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Count"); f.IsValid() {
			n, err := cast.ToIntE(f.Interface())
			return n, err == nil
		}
	}
	n, err := cast.ToIntE(data)
	return n, err == nil
}
