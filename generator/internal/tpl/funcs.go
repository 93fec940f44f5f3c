package tpl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"time"

	"samvirke/generator/internal/assets"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

// funcs returns the template functions, bound to this engine's language.
func (e *Engine) funcs() template.FuncMap {
	m := template.FuncMap{
		"partial":       e.partial,
		"partialCached": e.partial,
		"site":          func() *site.Site { return e.site },
		"relURL":        e.relURL,
		"absURL":        e.absURL,
		"T":             e.translate,
		"i18n":          e.translate,
		"safeHTML":      func(s any) template.HTML { return template.HTML(toString(s)) },
		"safeHTMLAttr":  func(s any) template.HTMLAttr { return template.HTMLAttr(toString(s)) },
		"safeURL":       func(s any) template.URL { return template.URL(toString(s)) },
		"safeJS":        func(s any) template.JS { return template.JS(toString(s)) },
		"safeCSS":       func(s any) template.CSS { return template.CSS(toString(s)) },
		"markdownify":   e.markdownify,
		"plainify":      func(s any) string { return markup.PlainText([]byte(toString(s))) },
		"htmlEscape":    func(s any) string { return template.HTMLEscapeString(toString(s)) },
		"default":       defaultFunc,
		"dict":          dict,
		"slice":         func(v ...any) []any { return v },
		"append":        appendFunc,
		"where":         where,
		"sort":          sortFunc,
		"first":         first,
		"last":          last,
		"after":         after,
		"urlize":        func(s any) string { return url.PathEscape(markup.Anchor(toString(s))) },
		"anchorize":     func(s any) string { return markup.Anchor(toString(s)) },
		"dateFormat":    e.dateFormat,
		"now":           time.Now,
		"jsonify":       jsonify,
		"add":           func(a, b int) int { return a + b },
		"sub":           func(a, b int) int { return a - b },
		"mul":           func(a, b int) int { return a * b },
		"lower":         func(s any) string { return strings.ToLower(toString(s)) },
		"upper":         func(s any) string { return strings.ToUpper(toString(s)) },
		"title":         func(s any) string { return upperFirst(toString(s)) },
		"substr":        substr,
		"replace":       func(s any, old, new string) string { return strings.ReplaceAll(toString(s), old, new) },
		"split":         func(s any, sep string) []string { return strings.Split(toString(s), sep) },
		"delimit":       delimit,
		"in":            in,
		"isset":         isset,
		"hasPrefix":     func(s any, p string) bool { return strings.HasPrefix(toString(s), p) },
		"errorf":        func(format string, args ...any) (string, error) { return "", fmt.Errorf(format, args...) },
		"warnf":         func(string, ...any) string { return "" },
		"seq":           seq,
		"string":        toString,
		"int":           toInt,
		"resources":     func() *resourcesNS { return &resourcesNS{e: e} },
		"js":            func() *jsNS { return &jsNS{e: e} },
		"minify":        func(r *assets.Resource) (*assets.Resource, error) { return e.assets.Minify(r) },
		"fingerprint":   func(r *assets.Resource) (*assets.Resource, error) { return e.assets.Fingerprint(r) },
		"levelName":     e.levelName,
	}
	for k, v := range e.layouts.Funcs {
		m[k] = v
	}
	return m
}

const maxPartialDepth = 50

func (e *Engine) partial(name string, ctx ...any) (template.HTML, error) {
	name = strings.TrimPrefix(name, "partials/")
	if !strings.Contains(name, ".") {
		name += ".html"
	}
	t := e.partials.Lookup(name)
	if t == nil {
		return "", fmt.Errorf("partial %q not found in layouts/_partials/", name)
	}
	var data any
	if len(ctx) > 0 {
		data = ctx[0]
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("partial %q: %s", name, strings.TrimPrefix(err.Error(), "template: "))
	}
	return template.HTML(buf.String()), nil
}

func (e *Engine) basePath() string {
	u, err := url.Parse(e.site.BaseURL())
	if err != nil || u.Path == "" {
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}

// relURL: Hugo prefixes root-relative and relative paths with the base URL's path.
func (e *Engine) relURL(s any) string {
	in := toString(s)
	if strings.Contains(in, "://") || strings.HasPrefix(in, "//") || strings.HasPrefix(in, "#") || strings.HasPrefix(in, "mailto:") || strings.HasPrefix(in, "tel:") {
		return in
	}
	base := e.basePath()
	if strings.HasPrefix(in, base) && base != "/" {
		return in
	}
	return base + strings.TrimPrefix(in, "/")
}

func (e *Engine) absURL(s any) string {
	in := toString(s)
	if strings.Contains(in, "://") {
		return in
	}
	return strings.TrimSuffix(e.site.BaseURL(), "/") + "/" + strings.TrimPrefix(in, "/")
}

func (e *Engine) translate(id any, args ...any) string {
	var data any
	if len(args) > 0 {
		data = args[0]
	}
	return e.i18n.Translate(e.lang, toString(id), data)
}

// markdownify renders Markdown inline: a single paragraph loses its <p>, as in Hugo.
func (e *Engine) markdownify(s any) (template.HTML, error) {
	h, err := e.site.RenderString(nil, map[string]any{"display": "inline"}, toString(s))
	return h, err
}

func (e *Engine) levelName(id any) string { return e.site.Config.Site.LevelName(toInt(id)) }

// dateFormat formats t with a Go layout (or Hugo's :date_long / :date_medium / :date_short) in the
// engine's language.
func (e *Engine) dateFormat(layout string, v any) (string, error) {
	t, err := toTime(v)
	if err != nil {
		return "", err
	}
	switch layout {
	case ":date_long":
		layout = "2. January 2006"
	case ":date_medium":
		layout = "2. Jan 2006"
	case ":date_short":
		layout = "02.01.2006"
	}
	out := t.Format(layout)
	if strings.Contains(layout, "January") {
		out = localiseMonths(out, e.lang)
	}
	return out, nil
}

func toTime(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t, nil
	case string:
		return time.Parse("2006-01-02", t)
	}
	return time.Time{}, fmt.Errorf("dateFormat: %v is not a date", v)
}

// resourcesNS is Hugo's resources namespace.
type resourcesNS struct{ e *Engine }

func (r *resourcesNS) Get(name string) (*assets.Resource, error) { return r.e.assets.Get(name) }
func (r *resourcesNS) Minify(x *assets.Resource) (*assets.Resource, error) {
	return r.e.assets.Minify(x)
}
func (r *resourcesNS) Fingerprint(x *assets.Resource) (*assets.Resource, error) {
	return r.e.assets.Fingerprint(x)
}

// Concat joins resources into one file (Hugo's resources.Concat).
func (r *resourcesNS) Concat(target string, list []any) (*assets.Resource, error) {
	var rs []*assets.Resource
	for _, x := range list {
		res, ok := x.(*assets.Resource)
		if !ok || res == nil {
			return nil, fmt.Errorf("resources.Concat: %v is not a resource", x)
		}
		rs = append(rs, res)
	}
	return r.e.assets.Concat(target, rs)
}

func (r *resourcesNS) FromString(target, s string) *assets.Resource {
	return r.e.assets.FromString(target, s)
}

// ExecuteAsTemplate runs a resource's content as a text template with data (for CSS that needs
// the configured accent colour). The template is parsed as html/template in a CSS-free context.
func (r *resourcesNS) ExecuteAsTemplate(target string, data any, x *assets.Resource) (*assets.Resource, error) {
	if x == nil {
		return nil, errors.New("resources.ExecuteAsTemplate: no resource")
	}
	t, err := newTextTemplate(x.Name(), x.Content(), r.e.funcs())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return r.e.assets.WithContent(x.Name(), target, buf.Bytes()), nil
}

type jsNS struct{ e *Engine }

// Build is js.Build: args are (options, resource) or (resource).
func (j *jsNS) Build(args ...any) (*assets.Resource, error) {
	var opts map[string]any
	var res *assets.Resource
	for _, a := range args {
		switch t := a.(type) {
		case map[string]any:
			opts = t
		case *assets.Resource:
			res = t
		}
	}
	return j.e.assets.JSBuild(opts, res)
}

func toString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case template.HTML:
		return string(t)
	case fmt.Stringer:
		return t.String()
	}
	return fmt.Sprint(v)
}

func toInt(v any) int {
	switch t := v.(type) {
	case int:
		return t
	case int64:
		return int(t)
	case float64:
		return int(t)
	case string:
		var n int
		fmt.Sscanf(t, "%d", &n)
		return n
	}
	return 0
}

// substr is Hugo's substr: substr STRING START [LENGTH], in characters (runes); a negative start
// counts from the end.
func substr(s any, start int, length ...int) string {
	rs := []rune(toString(s))
	if start < 0 {
		start = max(len(rs)+start, 0)
	}
	if start > len(rs) {
		return ""
	}
	end := len(rs)
	if len(length) > 0 && length[0] >= 0 {
		end = min(start+length[0], len(rs))
	}
	return string(rs[start:end])
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// truthy is Hugo's notion of a set value for default: not nil, not zero, not empty.
func truthy(v any) bool {
	if v == nil {
		return false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() > 0
	case reflect.Bool:
		return rv.Bool()
	case reflect.Ptr, reflect.Interface:
		return !rv.IsNil()
	}
	if t, ok := v.(time.Time); ok {
		return !t.IsZero()
	}
	return !rv.IsZero()
}

func defaultFunc(def any, given ...any) any {
	if len(given) > 0 && truthy(given[0]) {
		return given[0]
	}
	return def
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: needs key value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func jsonify(args ...any) (template.HTML, error) {
	v := args[len(args)-1]
	b, err := json.Marshal(v)
	return template.HTML(b), err
}

func delimit(list any, sep string) string {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice {
		return toString(list)
	}
	parts := make([]string, rv.Len())
	for i := range parts {
		parts[i] = toString(rv.Index(i).Interface())
	}
	return strings.Join(parts, sep)
}

func in(list any, v any) bool {
	if s, ok := list.(string); ok {
		return strings.Contains(s, toString(v))
	}
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return false
	}
	for i := 0; i < rv.Len(); i++ {
		if reflect.DeepEqual(rv.Index(i).Interface(), v) || toString(rv.Index(i).Interface()) == toString(v) {
			return true
		}
	}
	return false
}

func isset(c any, key any) bool {
	rv := reflect.ValueOf(c)
	switch rv.Kind() {
	case reflect.Map:
		return rv.MapIndex(reflect.ValueOf(toString(key))).IsValid()
	case reflect.Slice, reflect.Array:
		i := toInt(key)
		return i >= 0 && i < rv.Len()
	}
	return false
}

func seq(n int) []int {
	out := make([]int, 0, max(n, 0))
	for i := 1; i <= n; i++ {
		out = append(out, i)
	}
	return out
}

func first(n int, list any) (any, error) {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("first: %T is not a list", list)
	}
	return rv.Slice(0, min(n, rv.Len())).Interface(), nil
}

func last(n int, list any) (any, error) {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("last: %T is not a list", list)
	}
	return rv.Slice(max(rv.Len()-n, 0), rv.Len()).Interface(), nil
}

func after(n int, list any) (any, error) {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("after: %T is not a list", list)
	}
	return rv.Slice(min(n, rv.Len()), rv.Len()).Interface(), nil
}

// field resolves a dotted key ("Params.model.name", "Section", ".Title") on v: methods, struct
// fields and map keys, case-insensitively for maps as in Hugo.
func field(v any, key string) any {
	cur := reflect.ValueOf(v)
	for _, part := range strings.Split(strings.TrimPrefix(key, "."), ".") {
		if !cur.IsValid() {
			return nil
		}
		if m := cur.MethodByName(part); m.IsValid() && m.Type().NumIn() == 0 {
			out := m.Call(nil)
			cur = out[0]
			continue
		}
		for cur.Kind() == reflect.Ptr || cur.Kind() == reflect.Interface {
			if cur.IsNil() {
				return nil
			}
			cur = cur.Elem()
		}
		switch cur.Kind() {
		case reflect.Map:
			val := cur.MapIndex(reflect.ValueOf(part))
			if !val.IsValid() {
				val = cur.MapIndex(reflect.ValueOf(strings.ToLower(part)))
			}
			cur = val
		case reflect.Struct:
			cur = cur.FieldByName(part)
		default:
			return nil
		}
	}
	if !cur.IsValid() {
		return nil
	}
	return cur.Interface()
}

// where filters a list by a key and value (Hugo's where): where LIST KEY [OP] VALUE.
func where(list any, key string, args ...any) (any, error) {
	op, val := "=", any(nil)
	switch len(args) {
	case 1:
		val = args[0]
	case 2:
		op, _ = args[0].(string)
		val = args[1]
	default:
		return nil, errors.New("where: want where LIST KEY [OP] VALUE")
	}
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("where: %T is not a list", list)
	}
	out := reflect.MakeSlice(rv.Type(), 0, rv.Len())
	for i := 0; i < rv.Len(); i++ {
		item := rv.Index(i).Interface()
		got := field(item, key)
		keep := false
		switch op {
		case "=", "==", "eq":
			keep = equal(got, val)
		case "!=", "<>", "ne":
			keep = !equal(got, val)
		case "in":
			keep = in(val, got)
		case "not in":
			keep = !in(val, got)
		case ">", ">=", "<", "<=":
			c := compare(got, val)
			keep = op == ">" && c > 0 || op == ">=" && c >= 0 || op == "<" && c < 0 || op == "<=" && c <= 0
		default:
			return nil, fmt.Errorf("where: unknown operator %q", op)
		}
		if keep {
			out = reflect.Append(out, rv.Index(i))
		}
	}
	return out.Interface(), nil
}

func equal(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if reflect.DeepEqual(a, b) {
		return true
	}
	return toString(a) == toString(b)
}

func compare(a, b any) int {
	fa, aok := number(a)
	fb, bok := number(b)
	if aok && bok {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	if ta, ok := a.(time.Time); ok {
		if tb, ok := b.(time.Time); ok {
			return ta.Compare(tb)
		}
	}
	return site.CompareNorwegian(toString(a), toString(b))
}

func number(v any) (float64, bool) {
	switch t := v.(type) {
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case float64:
		return t, true
	}
	return 0, false
}

// sortFunc is Hugo's sort: sort LIST [KEY] [asc|desc]; strings compare in Norwegian order.
func sortFunc(list any, args ...string) (any, error) {
	rv := reflect.ValueOf(list)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("sort: %T is not a list", list)
	}
	key, order := "", "asc"
	if len(args) > 0 {
		key = args[0]
	}
	if len(args) > 1 {
		order = args[1]
	}
	out := reflect.MakeSlice(rv.Type(), rv.Len(), rv.Len())
	reflect.Copy(out, rv)
	vals := make([]any, out.Len())
	for i := range vals {
		vals[i] = out.Index(i).Interface()
		if key != "" && key != "value" {
			vals[i] = field(vals[i], key)
		}
	}
	idx := make([]int, len(vals))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		c := compare(vals[idx[i]], vals[idx[j]])
		if order == "desc" {
			return c > 0
		}
		return c < 0
	})
	sorted := reflect.MakeSlice(rv.Type(), rv.Len(), rv.Len())
	for i, k := range idx {
		sorted.Index(i).Set(out.Index(k))
	}
	return sorted.Interface(), nil
}

// appendFunc is Hugo's append: append ITEM... LIST (the list comes last, from a pipe).
func appendFunc(args ...any) ([]any, error) {
	if len(args) < 2 {
		return nil, errors.New("append: want append ITEM LIST")
	}
	list := args[len(args)-1]
	var out []any
	rv := reflect.ValueOf(list)
	if list != nil {
		if rv.Kind() != reflect.Slice {
			return nil, fmt.Errorf("append: %T is not a list", list)
		}
		for i := 0; i < rv.Len(); i++ {
			out = append(out, rv.Index(i).Interface())
		}
	}
	return append(out, args[:len(args)-1]...), nil
}
