package tpl

import "reflect"

// reflectNS is Hugo's reflect namespace: what kind of value a template has.
type reflectNS struct{}

func (e *Engine) reflectNamespace() namespace {
	return namespace{name: "reflect", value: reflectNS{}}
}

// IsMap reports whether v is a map (dict, front matter block, data file).
func (reflectNS) IsMap(v any) bool {
	return v != nil && reflect.ValueOf(v).Kind() == reflect.Map
}

// IsSlice reports whether v is a slice.
func (reflectNS) IsSlice(v any) bool {
	return v != nil && reflect.ValueOf(v).Kind() == reflect.Slice
}
