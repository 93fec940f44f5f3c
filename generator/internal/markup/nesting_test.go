package markup

import (
	"strings"
	"testing"
	"time"
)

func nestedList(levels int) string {
	var b strings.Builder
	for i := 0; i < levels; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- nivå\n")
	}
	return b.String()
}

func TestNesting(t *testing.T) {
	for _, c := range []struct {
		name        string
		src         string
		line, depth int
	}{
		{"a real page", "# Tittel\n\n- a\n  - b\n    1. c\n\n> sitat\n> - i sitat\n\nTekst\n", 0, 0},
		{"indented list", nestedList(60), 51, 51},
		{"markers on one line", "Tekst\n" + strings.Repeat("- ", 60) + "x\n", 2, 51},
		{"block quotes", strings.Repeat(">", 51) + " x\n", 1, 51},
		{"quotes and lists", strings.Repeat("> - ", 26) + "x\n", 1, 51},
		{"ordered", func() string {
			var b strings.Builder
			for i := 0; i < 55; i++ {
				b.WriteString(strings.Repeat("   ", i) + "1. x\n")
			}
			return b.String()
		}(), 51, 51},
		{"lazy lines do not reset the count", func() string {
			var b strings.Builder
			for i := 0; i < 55; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- x\nlat linje\n")
			}
			return b.String()
		}(), 101, 51},
		{"flat list", strings.Repeat("- punkt\n", 1000), 0, 0},
		{"code is not nesting", "```\n" + nestedList(80) + "```\n", 0, 0},
		{"indented text is not nesting", strings.Repeat(" ", 300) + "tekst\n", 0, 0},
		{"list after list", nestedList(40) + "\nTekst\n\n" + nestedList(40), 0, 0},
	} {
		line, depth := Nesting(c.src, MaxNesting)
		if line != c.line || (c.depth == 0) != (depth == 0) || depth != 0 && depth < c.depth {
			t.Errorf("%s: Nesting = line %d depth %d, want line %d depth ≥ %d", c.name, line, depth, c.line, c.depth)
		}
	}
}

// TestNestingFast: the check is linear, so it can run before goldmark on any file the size limit
// lets through.
func TestNestingFast(t *testing.T) {
	src := strings.Repeat(nestedList(40)+"\n", 4<<20/len(nestedList(40)))
	start := time.Now()
	if line, _ := Nesting(src, MaxNesting); line != 0 {
		t.Fatalf("line %d", line)
	}
	t.Logf("%d MB in %v", len(src)>>20, time.Since(start))
}
