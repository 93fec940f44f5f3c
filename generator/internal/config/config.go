// Package config reads the site configuration, hugo.toml, with Hugo's key names. Unknown top-level
// keys and mistyped values are errors with a line number, because a silently ignored setting (a
// misspelt baseURL, an accent colour the theme cannot use) produces a wrong portal without warning.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"samvirke/generator/internal/diag"
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

// Load reads DIR/hugo.toml. Problems are added to d with file:line; the returned Config is usable
// (with defaults) even when d has errors, so later stages can still report their own problems.
func Load(dir string, d *diag.List) *Config {
	c := &Config{LanguageCode: "nb", DefaultContentLanguage: "nb", Params: map[string]any{}}
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		d.Errorf(FileName, 0, "cannot read the site config: %v", err)
		return c
	}
	dec := toml.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		var strict *toml.StrictMissingError
		var de *toml.DecodeError
		switch {
		case errors.As(err, &strict):
			for _, e := range strict.Errors {
				row, _ := e.Position()
				d.Add(diag.Diagnostic{File: FileName, Line: row,
					Message: fmt.Sprintf("unknown key %q", strings.Join(e.Key(), ".")),
					Hint:    "check the spelling (keys are case-sensitive, e.g. baseURL); site-specific settings belong under [params]"})
			}
		case errors.As(err, &de):
			row, _ := de.Position()
			d.Add(diag.Diagnostic{File: FileName, Line: row, Message: de.Error()})
		default:
			d.Errorf(FileName, 0, "%v", err)
		}
	}
	if c.Params == nil {
		c.Params = map[string]any{}
	}
	lines := keyLines(raw)
	if c.BaseURL == "" {
		c.BaseURL = "/"
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Title == "" {
		d.Errorf(FileName, 0, "title is empty; set title = \"…\" (shown in every page's <title>)")
	}
	c.Site = readParams(c.Params, lines, d)
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
	return c
}

// keyLines maps "params.accentColor"-style keys to their line, for messages about values.
func keyLines(raw []byte) map[string]int {
	out := map[string]int{}
	table := ""
	for i, line := range strings.Split(string(raw), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "[["):
			table = strings.Trim(t, "[] ")
		case strings.HasPrefix(t, "["):
			table = strings.Trim(t, "[] ")
		case strings.Contains(t, "=") && !strings.HasPrefix(t, "#"):
			key := strings.TrimSpace(t[:strings.Index(t, "=")])
			if table != "" {
				key = table + "." + key
			}
			if _, seen := out[key]; !seen {
				out[key] = i + 1
			}
		}
		if _, seen := out[table]; !seen && table != "" {
			out[table] = i + 1
		}
	}
	return out
}

func readParams(p map[string]any, lines map[string]int, d *diag.List) Params {
	out := Params{SearchEndpoint: "/api/search", LegalStaleMonths: 12, AccentColor: "#00507a"}
	str := func(key string, dst *string, required bool) {
		v, ok := p[key]
		if !ok {
			if required {
				d.Errorf(FileName, lines["params"], "params.%s is missing", key)
			}
			return
		}
		s, ok := v.(string)
		if !ok {
			d.Errorf(FileName, lines["params."+key], "params.%s must be a string, not %T", key, v)
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
	if v, ok := p["levels"]; ok {
		list, ok := v.([]any)
		if !ok {
			d.Errorf(FileName, lines["params.levels"], "params.levels must be an array of tables: [[params.levels]] id = 1  name = \"Nivå 1\"")
		}
		for _, item := range list {
			m, _ := item.(map[string]any)
			id, okID := m["id"].(int64)
			name, okName := m["name"].(string)
			if !okID || !okName || name == "" {
				d.Errorf(FileName, lines["params.levels"], "every [[params.levels]] needs id (number) and name (text)")
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
