package tpl

import (
	htmltemplate "html/template"
	"text/template"
)

// newTextTemplate parses a non-HTML asset (CSS) as a text template with the same functions.
func newTextTemplate(name, src string, funcs htmltemplate.FuncMap) (*template.Template, error) {
	return template.New(name).Funcs(template.FuncMap(funcs)).Parse(src)
}
