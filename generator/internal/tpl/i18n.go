package tpl

import (
	"bytes"
	"path"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
)

// I18n holds the UI strings from i18n/LANG.yaml, Hugo's format: `id: text`, or
// `id: {one: …, other: …}` for plurals; the text may use template actions ({{ .Count }}).
type I18n struct {
	fallback string
	strings  map[string]map[string]message
}

type message struct {
	one, other *template.Template
}

// LoadI18n reads every i18n/*.yaml; fallback is the language used when a string is missing.
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
		var raw map[string]any
		if err := yaml.Unmarshal(b, &raw); err != nil {
			d.Errorf(rel, 0, "malformed YAML: %v", err)
			continue
		}
		m := map[string]message{}
		for id, v := range raw {
			var one, other string
			switch t := v.(type) {
			case string:
				other = t
			case map[string]any:
				one, _ = t["one"].(string)
				other, _ = t["other"].(string)
			default:
				d.Errorf(rel, 0, "%s: expected text or {one, other}", id)
				continue
			}
			msg := message{}
			var err error
			if msg.other, err = template.New(id).Parse(other); err != nil {
				d.Errorf(rel, 0, "%s: %v", id, err)
				continue
			}
			if one != "" {
				if msg.one, err = template.New(id).Parse(one); err != nil {
					d.Errorf(rel, 0, "%s: %v", id, err)
					continue
				}
			}
			m[id] = msg
		}
		i.strings[lang] = m
	}
	if _, ok := i.strings[fallback]; !ok {
		d.Errorf("i18n/"+fallback+".yaml", 0, "missing: the UI strings of the default language %q", fallback)
	}
	return i
}

// Translate returns the string id in lang, falling back to the default language, then to the id.
func (i *I18n) Translate(lang, id string, data any) string {
	msg, ok := i.strings[lang][id]
	if !ok {
		msg, ok = i.strings[i.fallback][id]
	}
	if !ok {
		return id
	}
	t := msg.other
	if msg.one != nil && count(data) == 1 {
		t = msg.one
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return id
	}
	return b.String()
}

// Has reports whether id exists in the default language.
func (i *I18n) Has(id string) bool { _, ok := i.strings[i.fallback][id]; return ok }

func count(data any) int {
	switch t := data.(type) {
	case int:
		return t
	case map[string]any:
		if c, ok := t["Count"].(int); ok {
			return c
		}
	}
	return -1
}

// dates: Hugo localises month and weekday names; samvirke's languages:
var months = map[string][]string{
	"nb": {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
	"nn": {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
	"da": {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
}

var englishMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func localiseMonths(s, lang string) string {
	names, ok := months[lang]
	if !ok {
		return s
	}
	// Longest names first so "June" is not found inside "July"-like prefixes; all are distinct.
	for i, en := range englishMonths {
		s = strings.ReplaceAll(s, en, names[i])
	}
	return s
}
