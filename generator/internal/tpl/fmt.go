package tpl

import (
	"fmt"
)

// fmtNS is Hugo's fmt namespace: errorf stops the build, warnf reports a warning once. print and
// printf are Go's own template functions, which behave as Hugo's.
type fmtNS struct{ e *Engine }

func (e *Engine) fmtNamespace() namespace {
	ns := &fmtNS{e: e}
	return namespace{name: "fmt", value: ns, aliases: map[string]any{
		"errorf": ns.Errorf,
		"warnf":  ns.Warnf,
	}}
}

// Errorf fails the template with the message; the build reports it and stops.
func (*fmtNS) Errorf(format string, args ...any) (string, error) {
	return "", fmt.Errorf(format, args...)
}

// Warnf reports a build warning and returns "". The same message is reported once.
func (ns *fmtNS) Warnf(format string, args ...any) string {
	ns.e.layouts.warn(fmt.Sprintf(format, args...))
	return ""
}
