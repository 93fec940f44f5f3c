package tpl

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cast"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collectionsNS is Hugo's collections namespace (tpl/collections).
type collectionsNS struct{ e *Engine }

func (e *Engine) collectionsNamespace() namespace {
	ns := &collectionsNS{e: e}
	return namespace{name: "collections", value: ns, aliases: map[string]any{
		"after":   ns.After,
		"append":  ns.Append,
		"delimit": ns.Delimit,
		"dict":    ns.Dictionary,
		"first":   ns.First,
		"in":      ns.In,
		"isset":   ns.IsSet,
		"last":    ns.Last,
		"seq":     ns.Seq,
		"slice":   ns.Slice,
		"sort":    ns.Sort,
		"where":   ns.Where,
	}}
}

// sequence checks that l can be sliced (a slice, an array or a string).
func sequence(l any) (reflect.Value, error) {
	if l == nil {
		return reflect.Value{}, errors.New("can't iterate over a nil value")
	}
	v, isNil := indirect(reflect.ValueOf(l))
	if isNil {
		return v, errors.New("can't iterate over a nil value")
	}
	switch v.Kind() {
	case reflect.Array, reflect.Slice, reflect.String:
		return v, nil
	}
	return v, fmt.Errorf("can't iterate over %T", l)
}

func limitOf(n any) (int, error) {
	if n == nil {
		return 0, errors.New("both limit and seq must be provided")
	}
	v, err := cast.ToIntE(n)
	if err != nil {
		return 0, err
	}
	if v < 0 {
		return 0, errors.New("sequence length must be non-negative")
	}
	return v, nil
}

// After returns the items of l after the first n: after N LIST.
func (*collectionsNS) After(n, l any) (any, error) {
	nv, err := limitOf(n)
	if err != nil {
		return nil, err
	}
	lv, err := sequence(l)
	if err != nil {
		return nil, err
	}
	if nv >= lv.Len() {
		return lv.Slice(0, 0).Interface(), nil
	}
	return lv.Slice(nv, lv.Len()).Interface(), nil
}

// First returns the first n items of l: first N LIST.
func (*collectionsNS) First(n, l any) (any, error) {
	nv, err := limitOf(n)
	if err != nil {
		return nil, err
	}
	lv, err := sequence(l)
	if err != nil {
		return nil, err
	}
	return lv.Slice(0, min(nv, lv.Len())).Interface(), nil
}

// Last returns the last n items of l: last N LIST.
func (*collectionsNS) Last(n, l any) (any, error) {
	nv, err := limitOf(n)
	if err != nil {
		return nil, err
	}
	lv, err := sequence(l)
	if err != nil {
		return nil, err
	}
	return lv.Slice(lv.Len()-min(nv, lv.Len()), lv.Len()).Interface(), nil
}

// Append appends items to the list that comes last (usually from a pipe): append ITEM… LIST.
// Appending a slice to a slice of the same element type appends its items, as in Hugo.
func (ns *collectionsNS) Append(args ...any) (any, error) {
	if len(args) < 2 {
		return nil, errors.New("need at least 2 arguments to append")
	}
	to, from := args[len(args)-1], args[:len(args)-1]
	tov, toIsNil := indirect(reflect.ValueOf(to))
	toIsNil = toIsNil || to == nil
	var tot reflect.Type
	if !toIsNil {
		if tov.Kind() != reflect.Slice {
			return nil, fmt.Errorf("expected a slice, got %T", to)
		}
		c := reflect.MakeSlice(tov.Type(), tov.Len(), tov.Len()+len(from))
		reflect.Copy(c, tov)
		tov = c
		tot = tov.Type().Elem()
		if tot.Kind() == reflect.Slice {
			// A slice of slices: each argument is one item.
			items := make([]reflect.Value, len(from))
			for i, f := range from {
				fv := reflect.ValueOf(f)
				ft := fv.Type()
				if ft.Kind() == reflect.Slice {
					ft = ft.Elem()
				}
				if ft != tot.Elem() {
					return nil, fmt.Errorf("cannot append slice of %s to slice of %s", ft, tot.Elem())
				}
				items[i] = fv
			}
			return reflect.Append(tov, items...).Interface(), nil
		}
		toIsNil = tov.Len() == 0
		if len(from) == 1 {
			fv := reflect.ValueOf(from[0])
			if !fv.IsValid() {
				return joinValues(tov, fv), nil
			}
			ft := fv.Type()
			if ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if fv.Kind() == reflect.Slice {
				if toIsNil {
					return from[0], nil
				}
				if tot == ft {
					return reflect.AppendSlice(tov, fv).Interface(), nil
				} else if !ft.AssignableTo(tot) {
					return joinValues(tov, fv), nil
				}
			}
		}
	}
	if toIsNil {
		return ns.Slice(from...), nil
	}
	for _, f := range from {
		fv := reflect.ValueOf(f)
		if !fv.IsValid() || !fv.Type().AssignableTo(tot) {
			// Mixed types: the result is a []any.
			orig, _ := indirect(reflect.ValueOf(to))
			out := make([]any, 0, orig.Len()+len(from))
			for i := range orig.Len() {
				out = append(out, orig.Index(i).Interface())
			}
			return append(out, from...), nil
		}
		tov = reflect.Append(tov, fv)
	}
	return tov.Interface(), nil
}

// joinValues puts the items of two slices (or a nil) into one []any.
func joinValues(a, b reflect.Value) []any {
	var out []any
	for _, s := range []reflect.Value{a, b} {
		if !s.IsValid() {
			out = append(out, nil)
			continue
		}
		for i := range s.Len() {
			out = append(out, s.Index(i).Interface())
		}
	}
	return out
}

// Slice makes a list of its arguments: a typed slice ([]string …) when they all have one type,
// else []any.
func (*collectionsNS) Slice(args ...any) any {
	if len(args) == 0 {
		return args
	}
	t := reflect.TypeOf(args[0])
	if t == nil {
		return args
	}
	for _, a := range args[1:] {
		if reflect.TypeOf(a) != t {
			return args
		}
	}
	s := reflect.MakeSlice(reflect.SliceOf(t), len(args), len(args))
	for i, a := range args {
		s.Index(i).Set(reflect.ValueOf(a))
	}
	return s.Interface()
}

// Delimit joins the items of l with sep, and the last two with last when given: delimit LIST SEP
// [LAST]. A map's values are joined in the order of its sorted keys.
func (ns *collectionsNS) Delimit(l, sep any, last ...any) (string, error) {
	d, err := cast.ToStringE(sep)
	if err != nil {
		return "", err
	}
	var dLast *string
	if len(last) > 0 {
		if s, err := cast.ToStringE(last[0]); err == nil {
			dLast = &s
		}
	}
	lv, isNil := indirect(reflect.ValueOf(l))
	if isNil || l == nil {
		return "", errors.New("can't iterate over a nil value")
	}
	switch lv.Kind() {
	case reflect.Map:
		sorted, err := ns.Sort(l)
		if err != nil {
			return "", err
		}
		lv = reflect.ValueOf(sorted)
	case reflect.Array, reflect.Slice, reflect.String:
	default:
		return "", fmt.Errorf("can't iterate over %T", l)
	}
	var b strings.Builder
	for i := range lv.Len() {
		s, err := cast.ToStringE(lv.Index(i).Interface())
		if err != nil {
			continue
		}
		b.WriteString(s)
		switch {
		case i == lv.Len()-2 && dLast != nil:
			b.WriteString(*dLast)
		case i < lv.Len()-1:
			b.WriteString(d)
		}
	}
	return b.String(), nil
}

// Dictionary makes a map of key value pairs: dict KEY VALUE …. A key given as a slice of strings
// makes nested maps: dict (slice "a" "b") 1 is {a: {b: 1}}.
func (*collectionsNS) Dictionary(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("invalid dictionary call: want key value pairs")
	}
	root := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m := root
		var key string
		switch k := kv[i].(type) {
		case string:
			key = k
		case []string:
			if len(k) == 0 {
				return nil, errors.New("invalid dictionary key: empty path")
			}
			for _, part := range k[:len(k)-1] {
				next, ok := m[part].(map[string]any)
				if !ok {
					next = map[string]any{}
					m[part] = next
				}
				m = next
			}
			key = k[len(k)-1]
		default:
			return nil, fmt.Errorf("invalid dictionary key %v (%T): keys are strings", kv[i], kv[i])
		}
		m[key] = kv[i+1]
	}
	return root, nil
}

// In reports whether v is an item of the list l (numbers compare by value, 1 == 1.0), or, for
// text, whether v occurs in l.
func (*collectionsNS) In(l, v any) (bool, error) {
	if l == nil || v == nil {
		return false, nil
	}
	lv := reflect.ValueOf(l)
	want := normalize(reflect.ValueOf(v))
	switch lv.Kind() {
	case reflect.Array, reflect.Slice:
		for i := range lv.Len() {
			item, isNil := indirectInterface(lv.Index(i))
			if !isNil && normalize(item) == want {
				return true, nil
			}
		}
	}
	ls, err := cast.ToStringE(l)
	if err != nil {
		return false, nil
	}
	vs, err := cast.ToStringE(v)
	if err != nil {
		return false, nil
	}
	return strings.Contains(ls, vs), nil
}

// IsSet reports whether a map has the key or a list the index: isset MAP KEY. The key must have
// the map's key type; map keys are case-sensitive.
func (*collectionsNS) IsSet(c, key any) (bool, error) {
	av, kv := reflect.ValueOf(c), reflect.ValueOf(key)
	switch av.Kind() {
	case reflect.Array, reflect.Slice:
		k, err := cast.ToIntE(key)
		if err != nil {
			return false, fmt.Errorf("isset unable to use key of type %T as index", key)
		}
		return av.Len() > k, nil
	case reflect.Map:
		if kv.IsValid() && kv.Type() == av.Type().Key() {
			return av.MapIndex(kv).IsValid(), nil
		}
	}
	return false, nil
}

const maxSeqSize = 1000000

// Seq is seq LAST, seq FIRST LAST or seq FIRST INCREMENT LAST, counting down when LAST is below
// FIRST (seq -3 is -1 -2 -3).
func (*collectionsNS) Seq(args ...any) ([]int, error) {
	if len(args) < 1 || len(args) > 3 {
		return nil, errors.New("invalid number of arguments to seq")
	}
	nums := make([]int, len(args))
	for i, a := range args {
		n, err := cast.ToIntE(a)
		if err != nil {
			return nil, fmt.Errorf("invalid arguments to seq: %w", err)
		}
		nums[i] = n
	}
	inc, first, last := 1, nums[0], 0
	switch len(nums) {
	case 1:
		last = first
		switch {
		case last == 0:
			return []int{}, nil
		case last > 0:
			first = 1
		default:
			first, inc = -1, -1
		}
	case 2:
		last = nums[1]
		if last < first {
			inc = -1
		}
	case 3:
		inc, last = nums[1], nums[2]
		switch {
		case inc == 0:
			return nil, errors.New("'increment' must not be 0")
		case first < last && inc < 0:
			return nil, errors.New("'increment' must be > 0")
		case first > last && inc > 0:
			return nil, errors.New("'increment' must be < 0")
		}
	}
	if last < -maxSeqSize {
		return nil, errors.New("size of result exceeds limit")
	}
	size := (last-first)/inc + 1
	if size <= 0 || size > maxSeqSize {
		return nil, errors.New("size of result exceeds limit")
	}
	out := make([]int, 0, size)
	for v := first; len(out) < size; v += inc {
		out = append(out, v)
	}
	return out, nil
}

// Sort sorts a list (or a map's values) by the items or by a key path: sort LIST [KEY] [asc|desc].
// Text sorts in the alphabetical order of the page's language (æ, ø, å after z in Norwegian and
// Danish), numbers by value, dates by time.
func (ns *collectionsNS) Sort(l any, args ...any) (any, error) {
	if l == nil {
		return nil, errors.New("sequence must be provided")
	}
	seqv, isNil := indirect(reflect.ValueOf(l))
	if isNil {
		return nil, errors.New("can't iterate over a nil value")
	}
	var sliceType reflect.Type
	switch seqv.Kind() {
	case reflect.Array, reflect.Slice:
		sliceType = seqv.Type()
	case reflect.Map:
		sliceType = reflect.SliceOf(seqv.Type().Elem())
	default:
		return nil, fmt.Errorf("can't sort %T", l)
	}
	by, asc := "", true
	for i, a := range args {
		s, err := cast.ToStringE(a)
		switch {
		case i == 0 && err == nil:
			by = s
		case i == 1:
			asc = !(err == nil && s == "desc")
		}
	}
	path := strings.Split(strings.Trim(by, "."), ".")
	type pair struct{ key, value reflect.Value }
	var pairs []pair
	keyOf := func(v reflect.Value) (reflect.Value, error) {
		if by == "" || by == "value" {
			return v, nil
		}
		return fieldPath(v, path)
	}
	switch seqv.Kind() {
	case reflect.Array, reflect.Slice:
		for i := range seqv.Len() {
			k, err := keyOf(seqv.Index(i))
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, pair{k, seqv.Index(i)})
		}
	case reflect.Map:
		iter := seqv.MapRange()
		for iter.Next() {
			k := iter.Key()
			if by != "" {
				var err error
				if k, err = keyOf(iter.Value()); err != nil {
					return nil, err
				}
			}
			pairs = append(pairs, pair{k, iter.Value()})
		}
	}
	coll := ns.e.collator()
	less := func(a, b reflect.Value) bool {
		if !a.IsValid() && !b.IsValid() {
			return false
		}
		if !a.IsValid() {
			a = reflect.Zero(b.Type())
		}
		if !b.IsValid() {
			b = reflect.Zero(a.Type())
		}
		l, r := compareValues(coll, a.Interface(), b.Interface())
		return l < r
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if asc {
			return less(pairs[i].key, pairs[j].key)
		}
		return less(pairs[j].key, pairs[i].key)
	})
	out := reflect.MakeSlice(sliceType, len(pairs), len(pairs))
	for i, p := range pairs {
		out.Index(i).Set(p.value)
	}
	return out.Interface(), nil
}

// Where keeps the items of a list whose key path compares to the value: where LIST KEY [OP]
// VALUE, with Hugo's operators = == eq != <> ne > gt >= ge < lt <= le in "not in" intersect like.
// Values of different kinds never match ("1" is not 1), as in Hugo.
func (ns *collectionsNS) Where(l, key any, args ...any) (any, error) {
	seqv, isNil := indirect(reflect.ValueOf(l))
	if isNil || l == nil {
		return nil, errors.New("can't iterate over a nil value")
	}
	var mv reflect.Value
	op := ""
	switch len(args) {
	case 1:
		mv = reflect.ValueOf(args[0])
	case 2:
		s, ok := args[0].(string)
		if !ok {
			return nil, errors.New("operator argument must be string type")
		}
		op = strings.TrimSpace(strings.ToLower(s))
		mv = reflect.ValueOf(args[1])
	default:
		return nil, errors.New("want where LIST KEY [OP] VALUE")
	}
	if seqv.Kind() != reflect.Array && seqv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("can't iterate over %T", l)
	}
	kv := reflect.ValueOf(key)
	var path []string
	if kv.Kind() == reflect.String {
		path = strings.Split(strings.Trim(kv.String(), "."), ".")
	}
	out := reflect.MakeSlice(seqv.Type(), 0, 0)
	for i := range seqv.Len() {
		item := seqv.Index(i)
		var v reflect.Value
		if path != nil {
			v, _ = fieldPath(item, path)
		} else if m, _ := indirect(item); m.Kind() == reflect.Map && kv.IsValid() && kv.Type().AssignableTo(m.Type().Key()) {
			v = m.MapIndex(kv)
		}
		ok, err := ns.condition(v, mv, op)
		if err != nil {
			return nil, err
		}
		if ok {
			out = reflect.Append(out, item)
		}
	}
	return out.Interface(), nil
}

// condition is Hugo's checkCondition: compare v to mv with op.
func (ns *collectionsNS) condition(v, mv reflect.Value, op string) (bool, error) {
	v, vNil := indirect(v)
	vNil = vNil || !v.IsValid()
	mv, mvNil := indirect(mv)
	mvNil = mvNil || !mv.IsValid()
	if vNil || mvNil {
		switch op {
		case "", "=", "==", "eq":
			return vNil == mvNil, nil
		case "!=", "<>", "ne":
			return vNil != mvNil, nil
		}
		return false, nil
	}
	if v.Kind() == reflect.Bool && mv.Kind() == reflect.Bool {
		switch op {
		case "", "=", "==", "eq":
			return v.Bool() == mv.Bool(), nil
		case "!=", "<>", "ne":
			return v.Bool() != mv.Bool(), nil
		}
		return false, nil
	}
	var iv, imv *int64
	var fv, fmv *float64
	var sv, smv *string
	var ima []int64
	var fma []float64
	var sma []string
	var slv, slmv any
	ptr := func(x int64) *int64 { return &x }
	fptr := func(x float64) *float64 { return &x }
	sptr := func(x string) *string { return &x }
	switch {
	case mv.Kind() == v.Kind():
		switch {
		case isInt(v.Kind()):
			iv, imv = ptr(v.Int()), ptr(mv.Int())
		case isUint(v.Kind()):
			iv, imv = ptr(int64(v.Uint())), ptr(int64(mv.Uint()))
		case v.Kind() == reflect.String:
			sv, smv = sptr(v.String()), sptr(mv.String())
		case v.Kind() == reflect.Float64:
			fv, fmv = fptr(v.Float()), fptr(mv.Float())
		case v.Kind() == reflect.Struct:
			if t, ok := v.Interface().(time.Time); ok {
				if mt, ok := mv.Interface().(time.Time); ok {
					iv, imv = ptr(t.Unix()), ptr(mt.Unix())
				}
			}
		case v.Kind() == reflect.Array || v.Kind() == reflect.Slice:
			slv, slmv = v.Interface(), mv.Interface()
		}
	case isNumber(v.Kind()) && isNumber(mv.Kind()):
		a, _ := toFloat(v)
		b, _ := toFloat(mv)
		fv, fmv = &a, &b
	default:
		if mv.Kind() != reflect.Array && mv.Kind() != reflect.Slice {
			return false, nil
		}
		if mv.Len() == 0 {
			return op == "not in", nil
		}
		if v.Kind() != reflect.Interface && mv.Type().Elem().Kind() != reflect.Interface && mv.Type().Elem() != v.Type() && v.Kind() != reflect.Array && v.Kind() != reflect.Slice {
			return false, nil
		}
		switch {
		case isInt(v.Kind()):
			iv = ptr(v.Int())
			for i := range mv.Len() {
				if x, ok := indirectInterface(mv.Index(i)); !ok && isInt(x.Kind()) {
					ima = append(ima, x.Int())
				}
			}
		case v.Kind() == reflect.String:
			sv = sptr(v.String())
			for i := range mv.Len() {
				if x, ok := indirectInterface(mv.Index(i)); !ok && x.Kind() == reflect.String {
					sma = append(sma, x.String())
				}
			}
		case v.Kind() == reflect.Float64:
			fv = fptr(v.Float())
			for i := range mv.Len() {
				if x, ok := indirectInterface(mv.Index(i)); !ok {
					if f, err := toFloat(x); err == nil {
						fma = append(fma, f)
					}
				}
			}
		case v.Kind() == reflect.Struct:
			if t, ok := v.Interface().(time.Time); ok {
				iv = ptr(t.Unix())
				for i := range mv.Len() {
					if x, ok := indirectInterface(mv.Index(i)); !ok {
						if mt, ok := x.Interface().(time.Time); ok {
							ima = append(ima, mt.Unix())
						}
					}
				}
			}
		case v.Kind() == reflect.Array || v.Kind() == reflect.Slice:
			slv, slmv = v.Interface(), mv.Interface()
		}
	}
	cmp := func(c int) (bool, bool) { // result, whether comparable
		switch op {
		case "", "=", "==", "eq":
			return c == 0, true
		case "!=", "<>", "ne":
			return c != 0, true
		case ">=", "ge":
			return c >= 0, true
		case ">", "gt":
			return c > 0, true
		case "<=", "le":
			return c <= 0, true
		case "<", "lt":
			return c < 0, true
		}
		return false, false
	}
	switch op {
	case "", "=", "==", "eq", "!=", "<>", "ne", ">=", "ge", ">", "gt", "<=", "le", "<", "lt":
		switch {
		case iv != nil && imv != nil:
			r, _ := cmp(compareOrdered(*iv, *imv))
			return r, nil
		case sv != nil && smv != nil:
			r, _ := cmp(strings.Compare(*sv, *smv))
			return r, nil
		case fv != nil && fmv != nil:
			r, _ := cmp(compareOrdered(*fv, *fmv))
			return r, nil
		}
		return false, nil
	case "in", "not in":
		var r bool
		switch {
		case iv != nil && len(ima) > 0:
			r, _ = ns.In(ima, *iv)
		case fv != nil && len(fma) > 0:
			r, _ = ns.In(fma, *fv)
		case sv != nil && len(sma) > 0:
			r, _ = ns.In(sma, *sv)
		case sv != nil && smv != nil:
			r, _ = ns.In(*smv, *sv)
		default:
			return false, nil
		}
		return r != (op == "not in"), nil
	case "intersect":
		return intersects(slv, slmv)
	case "like":
		if sv != nil && smv != nil {
			re, err := likeRegexp(*smv)
			if err != nil {
				return false, err
			}
			return re.MatchString(*sv), nil
		}
		return false, nil
	}
	return false, fmt.Errorf("where: no such operator %q", op)
}

func compareOrdered[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// intersects reports whether two lists share an item (numbers by value).
func intersects(a, b any) (bool, error) {
	av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
	if !av.IsValid() || !bv.IsValid() {
		return false, nil
	}
	if (av.Kind() != reflect.Slice && av.Kind() != reflect.Array) || (bv.Kind() != reflect.Slice && bv.Kind() != reflect.Array) {
		return false, errors.New("invalid intersect values")
	}
	for i := range av.Len() {
		x, _ := indirectInterface(av.Index(i))
		if !x.IsValid() || !x.Type().Comparable() {
			continue
		}
		for j := range bv.Len() {
			y, _ := indirectInterface(bv.Index(j))
			if y.IsValid() && y.Type().Comparable() && normalize(x) == normalize(y) {
				return true, nil
			}
		}
	}
	return false, nil
}

// fieldPath resolves a key path ("Params.model.name", "Title") on v: a method without arguments,
// a struct field or a map key. A map with string keys is also tried with the key in lower case,
// because front matter keys are lower-cased (Hugo's Params are case-insensitive).
func fieldPath(v reflect.Value, path []string) (reflect.Value, error) {
	for _, name := range path {
		if !v.IsValid() {
			return v, nil
		}
		if v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		if m := v.MethodByName(name); m.IsValid() {
			t := m.Type()
			if t.NumIn() != 0 || t.NumOut() == 0 || t.NumOut() > 2 {
				return reflect.Value{}, fmt.Errorf("%s is a method of %s that cannot be used as a key", name, v.Type())
			}
			out := m.Call(nil)
			if len(out) == 2 && !out[1].IsNil() {
				return reflect.Value{}, fmt.Errorf("calling %s: %v", name, out[1].Interface())
			}
			v = out[0]
			continue
		}
		iv, isNil := indirect(v)
		if isNil {
			return reflect.Value{}, nil
		}
		switch iv.Kind() {
		case reflect.Struct:
			f, ok := iv.Type().FieldByName(name)
			if !ok || !f.IsExported() {
				return reflect.Value{}, fmt.Errorf("%s isn't a field of struct type %s", name, iv.Type())
			}
			v = iv.FieldByIndex(f.Index)
		case reflect.Map:
			if iv.Type().Key().Kind() != reflect.String {
				return reflect.Value{}, fmt.Errorf("%s isn't a key of map type %s", name, iv.Type())
			}
			k := reflect.ValueOf(name).Convert(iv.Type().Key())
			val := iv.MapIndex(k)
			if !val.IsValid() {
				val = iv.MapIndex(reflect.ValueOf(strings.ToLower(name)).Convert(iv.Type().Key()))
			}
			v = val
		default:
			return reflect.Value{}, fmt.Errorf("%s is neither a struct field, a method nor a map element of type %s", name, iv.Type())
		}
	}
	return v, nil
}

// compareValues is Hugo's compareGetWithCollator: two numbers to compare with <. Numbers and
// numeric text by value, dates by time, lists by length, other text with the collator.
func compareValues(coll *lockedCollator, a, b any) (float64, float64) {
	num := func(v reflect.Value) (float64, *string) {
		switch {
		case v.Kind() == reflect.Array || v.Kind() == reflect.Map || v.Kind() == reflect.Slice || v.Kind() == reflect.Chan:
			return float64(v.Len()), nil
		case isInt(v.Kind()):
			return float64(v.Int()), nil
		case isUint(v.Kind()):
			return float64(v.Uint()), nil
		case v.Kind() == reflect.Float32 || v.Kind() == reflect.Float64:
			return v.Float(), nil
		case v.Kind() == reflect.String:
			f, err := strconv.ParseFloat(v.String(), 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				s := v.String()
				return 0, &s
			}
			return f, nil
		case v.Kind() == reflect.Bool:
			if v.Bool() {
				return 1, nil
			}
		case v.Kind() == reflect.Struct:
			if t, ok := v.Interface().(time.Time); ok {
				return float64(t.Unix()), nil
			}
		}
		return 0, nil
	}
	left, ls := num(reflect.ValueOf(unwrapHTML(a)))
	right, rs := num(reflect.ValueOf(unwrapHTML(b)))
	if ls != nil && rs != nil {
		switch c := coll.compare(*ls, *rs); {
		case c < 0:
			return 0, 1
		case c > 0:
			return 1, 0
		}
		return 0, 0
	}
	return left, right
}

// lockedCollator is a collator for the engine's language; collate.Collator is not safe for
// concurrent use and pages render in parallel.
type lockedCollator struct {
	mu sync.Mutex
	c  *collate.Collator
}

func (l *lockedCollator) compare(a, b string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c.CompareString(a, b)
}

// newCollator returns the collator of lang. x/text's tailoring for Bokmål ("nb", "no") is empty,
// so Hugo sorts Bokmål like English (Æ as AE, Å as A); Nynorsk's rules are the Norwegian alphabet,
// which Bokmål shares, so samvirke uses them (æ, ø, å after z).
func newCollator(lang string) *lockedCollator {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if base, _ := tag.Base(); base.String() == "nb" || base.String() == "no" {
		tag = language.MustParse("nn")
	}
	return &lockedCollator{c: collate.New(tag)}
}

// --- reflection helpers (Hugo's tpl/collections/reflect_helpers.go) ---

func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
		if v.Kind() == reflect.Interface && v.NumMethod() > 0 {
			break
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// normalize makes numbers of every type equal by value, as keys for comparison.
func normalize(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if isNumber(v.Kind()) {
		f, _ := toFloat(v)
		return f
	}
	if !v.Type().Comparable() {
		return fmt.Sprintf("%#v", v.Interface())
	}
	return unwrapHTML(v.Interface())
}

func toFloat(v reflect.Value) (float64, error) {
	switch {
	case v.Kind() == reflect.Float32 || v.Kind() == reflect.Float64:
		return v.Float(), nil
	case isInt(v.Kind()):
		return float64(v.Int()), nil
	case isUint(v.Kind()):
		return float64(v.Uint()), nil
	case v.Kind() == reflect.Interface:
		return toFloat(v.Elem())
	}
	return -1, errors.New("unable to convert value to float")
}

func isInt(k reflect.Kind) bool {
	return k == reflect.Int || k == reflect.Int8 || k == reflect.Int16 || k == reflect.Int32 || k == reflect.Int64
}

func isUint(k reflect.Kind) bool {
	return k == reflect.Uint || k == reflect.Uint8 || k == reflect.Uint16 || k == reflect.Uint32 || k == reflect.Uint64
}

func isNumber(k reflect.Kind) bool {
	return isInt(k) || isUint(k) || k == reflect.Float32 || k == reflect.Float64
}

var likeCache sync.Map // pattern -> *regexp.Regexp

// likeRegexp compiles where's "like" pattern once.
func likeRegexp(pattern string) (*regexp.Regexp, error) {
	if re, ok := likeCache.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	likeCache.Store(pattern, re)
	return re, nil
}
