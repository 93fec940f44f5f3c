package trees

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsotonic(t *testing.T) {
	for _, c := range []struct{ want, gaps, out []float64 }{
		{[]float64{0, 100, 200}, []float64{0, 50, 50}, []float64{0, 100, 200}}, // already apart
		{[]float64{100, 100}, []float64{0, 60}, []float64{70, 130}},            // pushed apart around the mean
		{[]float64{50, 0, 200}, []float64{0, 40, 40}, []float64{5, 45, 200}},   // pooled pair, free third
		{[]float64{10, 10, 10}, []float64{0, 10, 10}, []float64{0, 10, 20}},    // three in a row
	} {
		got := isotonic(c.want, c.gaps)
		for i := range got {
			if math.Abs(got[i]-c.out[i]) > 1e-9 {
				t.Errorf("isotonic(%v, %v) = %v, want %v", c.want, c.gaps, got, c.out)
				break
			}
		}
	}
}

func TestWrap(t *testing.T) {
	w := boxWidth
	limit := int((w - 2*padX) / charWidth)
	lines := wrap("Er barnevernet eller en annen sentral hjelpetjeneste med i saken?", boxWidth)
	if len(lines) < 2 || strings.Join(lines, " ") != "Er barnevernet eller en annen sentral hjelpetjeneste med i saken?" {
		t.Errorf("wrap = %q", lines)
	}
	for _, l := range append(lines, wrap("Samarbejdsmodellenbeslutningstræsspørgsmålsformuleringen", boxWidth)...) {
		if utf8.RuneCountInString(l) > limit {
			t.Errorf("line %q is longer than %d characters", l, limit)
		}
	}
	if got := wrap("", boxWidth); len(got) != 1 {
		t.Errorf("wrap of nothing = %q", got)
	}
}
