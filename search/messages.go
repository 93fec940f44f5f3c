package search

import (
	"errors"
	"fmt"
	"strings"
)

// Messages are the texts the endpoints show users, by language: the site's i18n/ strings with the
// ids in MessageIDs, which the generator stores in the index at build time so that a server needs
// nothing but the index directory. Placeholders are written {name}.
type Messages struct {
	Default string                       `json:"default"` // the language used when a request names none, or one without texts
	Text    map[string]map[string]string `json:"text"`    // language -> id -> text
}

// MessageIDs are the ids of the texts the endpoints use.
var MessageIDs = []string{
	"searchErrInternal",  // a bug or a panic
	"searchErrMethod",    // not GET or HEAD
	"searchErrTimeout",   // the search took too long
	"searchErrFailed",    // any other failure of the index
	"searchErrNoPage",    // public/sok/index.html is missing
	"searchErrNoMarkers", // the search page lacks the markers PageHandler fills
	"searchErrRange",     // {param} {min} {max}: page or size out of range
	"searchErrInvalid",   // q is not UTF-8
	"searchErrTooLong",   // {max}
	"searchErrEmpty",     // no q
	"searchErrFilter",    // {param}: type or lang not a–z, 0–9, -
	"searchErrorHeading", // the results block when the search could not be made
	"searchHitsNone",     // the count of hits: none,
	"searchHitsOne",      // one,
	"searchHitsMany",     // {n}
	"searchHitsFor",      // {hits} {q}: the results' heading
	"searchFilterByType", // aria-label of the type filters
	"searchAll",          // {n}: the filter that shows every type
	"searchNoResults",    // no hits
	"searchPagesLabel",   // aria-label of the page links
	"searchPrevious",     //
	"searchNext",         //
	"searchTypeModell",   // document types …
	"searchTypeBegrep",   //
	"searchTypeLov",      //
	"searchTypeBeslutningstre",
	"searchTypeVeiviser",
	"searchTypeSide",
	"legalBadgeExpired",     // a hit's status: no longer applies,
	"legalBadgeNotYet",      // not in force yet,
	"legalStatusUnverified", // unverified
}

// validate checks that the default language has every text.
func (m Messages) validate() error {
	if len(m.Text) == 0 {
		return errors.New("no messages: BuildOptions.Messages needs the texts of MessageIDs")
	}
	def, ok := m.Text[m.Default]
	if !ok {
		return fmt.Errorf("messages: no texts for the default language %q", m.Default)
	}
	var missing []string
	for _, id := range MessageIDs {
		if def[id] == "" {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("messages: %q lacks %s", m.Default, strings.Join(missing, ", "))
	}
	return nil
}

// lang returns want when there are texts in it, else the default language.
func (m Messages) lang(want string) string {
	if _, ok := m.Text[want]; ok && want != "" {
		return want
	}
	return m.Default
}

// get returns text id in lang (else in the default language) with {name} replaced by the pairs
// of args (name, value, …).
func (m Messages) get(lang, id string, args ...string) string {
	s, ok := m.Text[lang][id]
	if !ok {
		s = m.Text[m.Default][id]
	}
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
