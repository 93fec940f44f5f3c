// Package config reads the site configuration, hugo.toml, with Hugo's key names. Unknown top-level
// keys and mistyped values are errors with a line number, because a silently ignored setting (a
// misspelt baseURL, an accent colour the theme cannot use) produces a wrong portal without warning.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
)

// FileName is the config file at the root of a site source.
const FileName = "hugo.toml"

// Config is the site configuration.
type Config struct {
	BaseURL                string         `toml:"baseURL"`
	Title                  string         `toml:"title"`
	LanguageCode           string         `toml:"languageCode"`
	DefaultContentLanguage string         `toml:"defaultContentLanguage"`
	TitleCaseStyle         string         `toml:"titleCaseStyle"` // Hugo's: ap (default), chicago, go, firstupper, none
	Markup                 Markup         `toml:"markup"`
	Params                 map[string]any `toml:"params"`
	// Taxonomies maps each taxonomy's singular name to its plural, the front matter key and URL
	// ([taxonomies] rolle = "roller"). Absent, Hugo's defaults apply (tags and categories).
	Taxonomies map[string]string `toml:"taxonomies"`
	// Keys Hugo itself needs that samvirke reads but does not act on.
	DisableKinds    []string `toml:"disableKinds"`
	EnableRobotsTXT bool     `toml:"enableRobotsTXT"`

	// Site is the typed view of Params that the generator itself relies on.
	Site Params `toml:"-"`
}

// Markup mirrors Hugo's [markup] table as far as samvirke implements it.
type Markup struct {
	Goldmark struct {
		Renderer struct {
			Unsafe bool `toml:"unsafe"`
		} `toml:"renderer"`
	} `toml:"goldmark"`
}

// Params are the [params] the generator and the theme rely on.
type Params struct {
	Municipality     string
	AccentColor      string
	MaxFileSizeMB    int // the largest text file the build reads (params.maxFileSizeMB)
	SearchEndpoint   string
	LegalStaleMonths int
	Levels           []Level
}

// Level is one collaboration level as a municipality names it (some use 0/A/B, others 1/2/3).
type Level struct {
	ID          int
	Name        string
	Description string
}

// LevelName returns the configured name of level id, or "" when none is configured.
func (p Params) LevelName(id int) string {
	for _, l := range p.Levels {
		if l.ID == id {
			return l.Name
		}
	}
	return ""
}

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Load reads hugo.toml from the site. Problems are added to d with file:line. When the file
// cannot be decoded (a syntax error or a value of the wrong type) only that error is reported and
// ok is false: every later stage would report follow-on errors from the values that are missing,
// so the build stops. Otherwise the returned Config is complete, with defaults, even when d has
// errors about single values.
func Load(src *source.Site, d *diag.List) (c *Config, ok bool) {
	raw, err := src.ReadText(FileName)
	if err != nil {
		dg := source.Diagnostic(FileName, err)
		if errors.Is(err, fs.ErrNotExist) {
			dg.Message, dg.Hint = "the site config is missing", "every site has a hugo.toml with at least title and [params] municipality; see the README"
		}
		d.Add(dg)
		return defaults(), false
	}
	return Parse(raw, d)
}

func defaults() *Config {
	return &Config{BaseURL: "/", LanguageCode: "nb", DefaultContentLanguage: "nb", Params: map[string]any{},
		Site: Params{SearchEndpoint: "/api/search", LegalStaleMonths: 12, AccentColor: "#00507a", MaxFileSizeMB: DefaultMaxFileSizeMB}}
}

// Parse decodes the contents of hugo.toml; see Load.
func Parse(raw []byte, d *diag.List) (c *Config, ok bool) {
	c = defaults()
	c.BaseURL = ""
	dec := toml.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var strict *toml.StrictMissingError
	misspelt := map[string]bool{} // tables with an unknown key: a required key there is probably it, misspelt
	if err := dec.Decode(c); errors.As(err, &strict) {
		// Every known key was decoded; the unknown ones are listed.
		for _, e := range strict.Errors {
			row, _ := e.Position()
			key := e.Key()
			table := strings.Join(key[:len(key)-1], ".")
			misspelt[table] = true
			hint := "check the spelling (keys are case-sensitive, e.g. baseURL); site-specific settings belong under [params]"
			if s := diag.Suggest(key[len(key)-1], knownKeys(table)); s != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
			}
			d.Add(diag.Diagnostic{File: FileName, Line: row,
				Message: fmt.Sprintf("unknown key %q", strings.Join(key, ".")), Hint: hint})
		}
	} else if err != nil {
		d.Add(decodeError(err))
		return defaults(), false
	}
	if c.Params == nil {
		c.Params = map[string]any{}
	}
	lines := keyLines(raw)
	switch u, err := CheckBaseURL(c.BaseURL); {
	case c.BaseURL == "":
		c.BaseURL = "/"
	case err != nil:
		d.Add(diag.Diagnostic{File: FileName, Line: lines["baseURL"], Message: err.Error(),
			Hint: "write the portal's public address, e.g. baseURL = \"https://samarbeid.kommune.no/\""})
		c.BaseURL = "/"
	default:
		c.BaseURL = u
	}
	if c.Title == "" && !misspelt[""] {
		d.Errorf(FileName, lines["title"], "title is empty; set title = \"…\" (shown in every page's <title>)")
	}
	c.Site = readParams(c.Params, lines, misspelt["params"], d)
	if c.Taxonomies == nil {
		c.Taxonomies = map[string]string{"tag": "tags", "category": "categories"}
	}
	for _, k := range c.DisableKinds {
		if k = strings.ToLower(k); k == "taxonomy" || k == "term" {
			c.Taxonomies = map[string]string{}
		}
	}
	for singular, plural := range c.Taxonomies {
		if plural == "" || plural != strings.ToLower(plural) || strings.ContainsAny(plural, "/ ") {
			d.Add(diag.Diagnostic{File: FileName, Line: lines["taxonomies."+singular],
				Message: fmt.Sprintf("taxonomies.%s = %q is not a usable plural", singular, plural),
				Hint:    "the plural is the front matter key and the URL (/roller/): lower-case letters and hyphens, e.g. rolle = \"roller\""})
			delete(c.Taxonomies, singular)
		}
	}
	return c, true
}

// CheckBaseURL checks a base URL (from hugo.toml or --baseURL): an absolute http or https address
// with a host, nothing else (a javascript: or file: address would end up in every link). It
// returns it with a trailing slash.
func CheckBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("baseURL %q is not an http:// or https:// address", s)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#") {
		return "", fmt.Errorf("baseURL %q must be a plain address, without a user name, ? or #", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// decodeError explains a syntax or type error at its line (go-toml's own position).
func decodeError(err error) diag.Diagnostic {
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		return diag.Diagnostic{File: FileName, Message: err.Error()}
	}
	row, _ := de.Position()
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	hint := "hugo.toml is TOML: key = value, text in \"quotes\", tables as [name]; see https://toml.io"
	if m := typeMismatch.FindStringSubmatch(msg); m != nil {
		key := strings.Join(de.Key(), ".")
		if key == "" {
			key = "the value"
		}
		msg = fmt.Sprintf("%s must be %s, not %s %s", key, goType(m[2]), article(m[1]), m[1])
		hint = "fix this value first: the rest of the site is checked once hugo.toml can be read"
	}
	return diag.Diagnostic{File: FileName, Line: row, Message: msg, Hint: hint}
}

var typeMismatch = regexp.MustCompile(`cannot decode TOML (\w+) into .* of type (.+)$`)

func goType(t string) string {
	switch {
	case t == "string":
		return "text in quotes"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "a list [ … ]"
	case strings.HasPrefix(t, "map"), strings.Contains(t, "struct"), strings.HasPrefix(t, "config."):
		return "a table"
	}
	return "of type " + t
}

func article(tomlType string) string {
	if strings.ContainsAny(tomlType[:1], "aeiouAEIOU") {
		return "an"
	}
	return "a"
}

// knownKeys are the keys samvirke reads in a table ("" is the top level), for did-you-mean.
func knownKeys(table string) []string {
	switch table {
	case "":
		return []string{"baseURL", "title", "languageCode", "defaultContentLanguage", "markup", "params", "disableKinds", "enableRobotsTXT", "titleCaseStyle", "taxonomies"}
	case "markup":
		return []string{"goldmark"}
	case "markup.goldmark":
		return []string{"renderer"}
	case "markup.goldmark.renderer":
		return []string{"unsafe"}
	}
	return nil
}

// keyLines maps each key ("baseURL", "params.accentColor", "params.levels.1" for the second
// [[params.levels]], "params.levels.1.id") to the line it is written on, from go-toml's parser.
func keyLines(raw []byte) map[string]int {
	out := map[string]int{}
	var p unstable.Parser
	p.Reset(raw)
	table := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind != unstable.KeyValue && e.Kind != unstable.Table && e.Kind != unstable.ArrayTable {
			continue
		}
		var parts []string
		line := 0
		for it := e.Key(); it.Next(); {
			k := it.Node()
			if line == 0 {
				line = p.Shape(k.Raw).Start.Line
			}
			parts = append(parts, string(k.Data))
		}
		key := strings.Join(parts, ".")
		switch e.Kind {
		case unstable.Table:
			table = key
		case unstable.ArrayTable:
			n := arrays[key]
			arrays[key]++
			table = fmt.Sprintf("%s.%d", key, n)
			if _, seen := out[key]; !seen {
				out[key] = line
			}
		default:
			if table != "" {
				key = table + "." + key
			}
		}
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			key = table
		}
		if _, seen := out[key]; !seen {
			out[key] = line
		}
	}
	return out
}

// DefaultMaxFileSizeMB is the default of params.maxFileSizeMB.
const DefaultMaxFileSizeMB = 4

func readParams(p map[string]any, lines map[string]int, misspelt bool, d *diag.List) Params {
	out := defaults().Site
	str := func(key string, dst *string, required bool) {
		v, ok := p[key]
		if !ok {
			if required && !misspelt {
				hint := fmt.Sprintf("add %s = \"…\" under [params]", key)
				var present []string
				for k := range p {
					present = append(present, k)
				}
				sort.Strings(present)
				if s := diag.Suggest(key, present); s != "" {
					hint = fmt.Sprintf("did you mean %q (line %d)? (%s)", s, lines["params."+s], hint)
				}
				d.Add(diag.Diagnostic{File: FileName, Line: lines["params"], Message: fmt.Sprintf("params.%s is missing", key), Hint: hint})
			}
			return
		}
		s, ok := v.(string)
		if !ok {
			d.Errorf(FileName, lines["params."+key], "params.%s must be text in quotes, not %v", key, v)
			return
		}
		*dst = s
	}
	str("municipality", &out.Municipality, true)
	str("searchEndpoint", &out.SearchEndpoint, false)
	str("accentColor", &out.AccentColor, false)
	if !hexColour.MatchString(out.AccentColor) {
		d.Errorf(FileName, lines["params.accentColor"], "params.accentColor %q is not a #rrggbb colour", out.AccentColor)
	} else if r := contrast(out.AccentColor, "#ffffff"); r < 4.5 {
		d.Add(diag.Diagnostic{File: FileName, Line: lines["params.accentColor"],
			Message: fmt.Sprintf("params.accentColor %s has contrast %.2f:1 against white; WCAG 2.1 AA needs 4.5:1 for text", out.AccentColor, r),
			Hint:    "choose a darker colour (links and buttons use it on white)"})
	}
	if v, ok := p["legalStaleMonths"]; ok {
		n, ok := v.(int64)
		if !ok || n < 1 {
			d.Errorf(FileName, lines["params.legalStaleMonths"], "params.legalStaleMonths must be a whole number of months ≥ 1")
		} else {
			out.LegalStaleMonths = int(n)
		}
	}
	if v, ok := p["maxFileSizeMB"]; ok {
		n, ok := v.(int64)
		if !ok || n < 1 || n > 1024 {
			d.Add(diag.Diagnostic{File: FileName, Line: lines["params.maxFileSizeMB"],
				Message: "params.maxFileSizeMB must be a whole number of megabytes from 1 to 1024",
				Hint:    fmt.Sprintf("the largest file (content, layout, data) the build reads; the default is %d", DefaultMaxFileSizeMB)})
		} else {
			out.MaxFileSizeMB = int(n)
		}
	}
	if v, ok := p["levels"]; ok {
		list, ok := v.([]any)
		if !ok {
			d.Errorf(FileName, lines["params.levels"], "params.levels must be an array of tables: [[params.levels]] id = 1  name = \"Nivå 1\"")
		}
		for i, item := range list {
			m, _ := item.(map[string]any)
			id, okID := m["id"].(int64)
			name, okName := m["name"].(string)
			if !okID || !okName || name == "" {
				line := lines[fmt.Sprintf("params.levels.%d", i)]
				if line == 0 {
					line = lines["params.levels"]
				}
				d.Errorf(FileName, line, "every [[params.levels]] needs id (number) and name (text)")
				continue
			}
			desc, _ := m["description"].(string)
			out.Levels = append(out.Levels, Level{ID: int(id), Name: name, Description: desc})
		}
	}
	return out
}

// contrast is the WCAG contrast ratio between two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}
