package tpl

import (
	"fmt"

	"github.com/spf13/cast"
)

// langNS is Hugo's lang namespace: the interface strings of i18n/ in the page's language.
type langNS struct{ e *Engine }

func (e *Engine) langNamespace() namespace {
	ns := &langNS{e: e}
	return namespace{name: "lang", value: ns, aliases: map[string]any{
		"T":    ns.Translate,
		"i18n": ns.Translate,
	}}
}

// Translate is T ID [DATA]: the string ID of i18n/LANG.yaml, falling back to the default
// language. DATA fills the text's template; a number is the count that picks one or other. Hugo
// renders a string missing everywhere as ""; here it fails the build, so no label goes blank.
func (ns *langNS) Translate(id any, args ...any) (string, error) {
	sid, err := cast.ToStringE(id)
	if err != nil {
		return "", fmt.Errorf("T: the id must be text: %w", err)
	}
	if len(args) > 1 {
		return "", fmt.Errorf("T: wrong number of arguments, expecting at most 2, got %d", len(args)+1)
	}
	var data any
	if len(args) == 1 {
		data = args[0]
	}
	return ns.e.i18n.Lookup(ns.e.lang, sid, data)
}
