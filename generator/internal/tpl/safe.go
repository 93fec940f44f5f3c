package tpl

import "html/template"

// safeNS is Hugo's safe namespace: marks text as safe for a context, so html/template does not
// escape it. Only for text the site itself produced.
type safeNS struct{}

func (e *Engine) safeNamespace() namespace {
	ns := safeNS{}
	return namespace{name: "safe", value: ns, aliases: map[string]any{
		"safeHTML":     ns.HTML,
		"safeHTMLAttr": ns.HTMLAttr,
		"safeURL":      ns.URL,
		"safeJS":       ns.JS,
		"safeCSS":      ns.CSS,
	}}
}

func (safeNS) HTML(s any) (template.HTML, error) {
	v, err := castNS{}.ToString(s)
	return template.HTML(v), err
}

func (safeNS) HTMLAttr(s any) (template.HTMLAttr, error) {
	v, err := castNS{}.ToString(s)
	return template.HTMLAttr(v), err
}

func (safeNS) URL(s any) (template.URL, error) {
	v, err := castNS{}.ToString(s)
	return template.URL(v), err
}

func (safeNS) JS(s any) (template.JS, error) {
	v, err := castNS{}.ToString(s)
	return template.JS(v), err
}

func (safeNS) CSS(s any) (template.CSS, error) {
	v, err := castNS{}.ToString(s)
	return template.CSS(v), err
}
