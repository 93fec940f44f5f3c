package tpl

import (
	"fmt"
	"reflect"
	"time"
)

// compareNS is Hugo's compare namespace; eq, ne, lt … are Go's own template functions here.
type compareNS struct{}

func (e *Engine) compareNamespace() namespace {
	ns := compareNS{}
	return namespace{name: "compare", value: ns, aliases: map[string]any{"default": ns.Default}}
}

// Default returns given when it is set, else def: default DEFAULT GIVEN. Set means not nil, not
// an empty text, list or map, not the number 0 and not the zero time; a boolean is always set, so
// false | default true is false, as in Hugo.
func (compareNS) Default(def any, given ...any) (any, error) {
	if len(given) == 0 {
		return def, nil
	}
	if len(given) != 1 {
		return nil, fmt.Errorf("wrong number of args for default: want 2 got %d", len(given)+1)
	}
	g := reflect.ValueOf(given[0])
	if !g.IsValid() {
		return def, nil
	}
	var set bool
	switch k := g.Kind(); {
	case k == reflect.Bool:
		set = true
	case k == reflect.String || k == reflect.Array || k == reflect.Slice || k == reflect.Map:
		set = g.Len() != 0
	case isInt(k):
		set = g.Int() != 0
	case isUint(k) || k == reflect.Uintptr:
		set = g.Uint() != 0
	case k == reflect.Float32 || k == reflect.Float64:
		set = g.Float() != 0
	case k == reflect.Complex64 || k == reflect.Complex128:
		set = g.Complex() != 0
	case k == reflect.Struct:
		t, isTime := given[0].(time.Time)
		set = !isTime || !t.IsZero()
	default:
		set = !g.IsNil()
	}
	if set {
		return given[0], nil
	}
	return def, nil
}
