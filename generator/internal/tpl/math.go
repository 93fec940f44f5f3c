package tpl

import (
	"errors"
	"reflect"
)

// mathNS is Hugo's math namespace, as far as the layouts need it.
type mathNS struct{}

func (e *Engine) mathNamespace() namespace {
	ns := mathNS{}
	return namespace{name: "math", value: ns, aliases: map[string]any{
		"add": ns.Add,
		"sub": ns.Sub,
		"mul": ns.Mul,
		"div": ns.Div,
	}}
}

// Add adds two or more numbers (or joins texts): add 1 2 is 3, add 1 2.5 is 3.5.
func (mathNS) Add(in ...any) (any, error) { return arithmetic(in, '+') }

// Sub subtracts the following numbers from the first.
func (mathNS) Sub(in ...any) (any, error) { return arithmetic(in, '-') }

// Mul multiplies two or more numbers.
func (mathNS) Mul(in ...any) (any, error) { return arithmetic(in, '*') }

// Div divides the first number by the following ones; integers divide as integers (div 7 2 is 3).
func (mathNS) Div(in ...any) (any, error) { return arithmetic(in, '/') }

func arithmetic(in []any, op rune) (any, error) {
	if len(in) < 2 {
		return nil, errors.New("must provide at least two numbers")
	}
	v := in[0]
	for _, x := range in[1:] {
		var err error
		if v, err = doArithmetic(v, x, op); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// doArithmetic is Hugo's common/math.DoArithmetic: integers stay int64, a float makes the result
// float64, two texts can be added.
func doArithmetic(a, b any, op rune) (any, error) {
	av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
	errOperands := errors.New("can't apply the operator to the values")
	var ai, bi int64
	var af, bf float64
	var au, bu uint64
	var kindInt, kindFloat bool
	switch {
	case isInt(av.Kind()):
		ai = av.Int()
		switch {
		case isInt(bv.Kind()):
			kindInt, bi = true, bv.Int()
		case bv.Kind() == reflect.Float32 || bv.Kind() == reflect.Float64:
			kindFloat, af, bf = true, float64(ai), bv.Float()
		case isUint(bv.Kind()):
			bu = bv.Uint()
			if ai >= 0 {
				au = uint64(ai)
			} else {
				kindInt, bi = true, int64(bu)
			}
		default:
			return nil, errOperands
		}
	case av.Kind() == reflect.Float32 || av.Kind() == reflect.Float64:
		kindFloat, af = true, av.Float()
		switch {
		case isInt(bv.Kind()):
			bf = float64(bv.Int())
		case bv.Kind() == reflect.Float32 || bv.Kind() == reflect.Float64:
			bf = bv.Float()
		case isUint(bv.Kind()):
			bf = float64(bv.Uint())
		default:
			return nil, errOperands
		}
	case isUint(av.Kind()):
		au = av.Uint()
		switch {
		case isInt(bv.Kind()):
			bi = bv.Int()
			if bi >= 0 {
				bu = uint64(bi)
			} else {
				kindInt, ai = true, int64(au)
			}
		case bv.Kind() == reflect.Float32 || bv.Kind() == reflect.Float64:
			kindFloat, af, bf = true, float64(au), bv.Float()
		case isUint(bv.Kind()):
			bu = bv.Uint()
		default:
			return nil, errOperands
		}
	case av.Kind() == reflect.String:
		if bv.Kind() == reflect.String && op == '+' {
			return av.String() + bv.String(), nil
		}
		return nil, errOperands
	default:
		return nil, errOperands
	}
	switch op {
	case '+':
		switch {
		case kindInt:
			return ai + bi, nil
		case kindFloat:
			return af + bf, nil
		}
		return au + bu, nil
	case '-':
		switch {
		case kindInt:
			return ai - bi, nil
		case kindFloat:
			return af - bf, nil
		}
		return au - bu, nil
	case '*':
		switch {
		case kindInt:
			return ai * bi, nil
		case kindFloat:
			return af * bf, nil
		}
		return au * bu, nil
	case '/':
		switch {
		case kindInt && bi != 0:
			return ai / bi, nil
		case kindFloat && bf != 0:
			return af / bf, nil
		case !kindInt && !kindFloat && bu != 0:
			return au / bu, nil
		}
		return nil, errors.New("can't divide the value by 0")
	}
	return nil, errors.New("there is no such an operation")
}
