package markup

import (
	"strings"
	"testing"
)

// fuzzSyntax pairs the shortcodes whose names start with b (boks, begrep …), as templates that
// use .Inner are paired.
var fuzzSyntax = Syntax{Paired: func(name string) bool { return strings.HasPrefix(name, "b") }}

// FuzzShortcodes feeds arbitrary text to the shortcode scanner and the expansion. Neither may
// panic; calls must lie inside the source, in order and without overlapping, children inside
// their parent's content; every line must be a line of the source; after expansion and Finish no
// placeholder may be left, and text outside shortcodes must come through unchanged.
func FuzzShortcodes(f *testing.F) {
	for _, seed := range []string{
		`Tekst {{< begrep "stafettlogg" >}} mer.`,
		"{{< boks >}}Inne {{< begrep \"x\" >}} og **fet**{{< /boks >}}",
		"{{< boks >}}{{< boks >}}to nivå{{< /boks >}}{{< /boks >}}",
		"{{% merknad %}}*md*{{% /merknad %}}",
		"{{</* begrep \"x\" */>}} er en kommentar",
		"{{< lov id=\"fvl-13\" tekst=\"§ 13\" >}}",
		"{{< x a=\"1\" b >}}",
		"{{< boks >}}uten slutt",
		"{{< /boks >}}",
		"{{< begrep \"uavsluttet",
		"{{< niva 2 />}}",
		"{{< 1ugyldig! >}}",
		"linje 1\nlinje 2 {{< boks >}}\n\nlinje 4\n{{< /boks >}}\nSAMVIRKESC0X",
		"{{< spraak \"da\" >}}Dansk {{< boks >}}x{{< /spraak >}}{{< /boks >}}",
		"{{<>}}{{%%}}{{< >}}",
		"`{{< x >}}` {{ .Site }}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		calls, errs := fuzzSyntax.Scan(src, 1)
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines || e.Msg == "" {
				t.Fatalf("error %v outside the %d lines", e, lines)
			}
		}
		var check func(calls []*Call, parent *Call, from, to int)
		check = func(calls []*Call, parent *Call, from, to int) {
			last := from
			for i, c := range calls {
				if c.start < last || c.end > to || c.start >= c.end {
					t.Fatalf("call %q at %d..%d outside %d..%d or overlapping", c.Name, c.start, c.end, last, to)
				}
				if c.Line < 1 || c.Line > lines || c.Parent != parent || c.Ordinal != i {
					t.Fatalf("call %q: line %d, parent %v, ordinal %d", c.Name, c.Line, c.Parent, c.Ordinal)
				}
				if c.Paired {
					if !strings.HasPrefix(src[c.innerStart:], c.Inner) || c.innerStart < c.start || c.innerStart+len(c.Inner) > c.end {
						t.Fatalf("call %q: inner %q is not its content", c.Name, c.Inner)
					}
					check(c.Children, c, c.innerStart, c.innerStart+len(c.Inner))
				} else if len(c.Children) > 0 {
					t.Fatalf("call %q has children but no content", c.Name)
				}
				last = c.end
			}
		}
		check(calls, nil, 0, len(src))

		exp, experrs := Expand(src, calls, func(c *Call, inner string) (string, error) {
			return "<span>" + c.Name + inner + "</span>", nil
		})
		if len(experrs) > 0 {
			t.Fatalf("expansion errors: %v", experrs)
		}
		out := exp.Finish(exp.Text)
		if strings.Contains(out, exp.prefix) {
			t.Fatalf("a placeholder was left in %q", out)
		}
		// The text before the first call is kept as it is (comment tags aside).
		head := src
		if len(calls) > 0 {
			head = src[:calls[0].start]
		}
		if !strings.Contains(head, "{{") && !strings.HasPrefix(out, head) {
			t.Fatalf("the text before the first shortcode changed: %q -> %q", head, out)
		}
	})
}

// BenchmarkScanManyTags scans a 4 MB file of opening tags that are never closed (it was
// quadratic: each opening tag searched the rest of the file for its closing tag).
func BenchmarkScanManyTags(b *testing.B) {
	src := strings.Repeat("{{< boks >}} tekst\n", 4<<20/19)
	for b.Loop() {
		fuzzSyntax.Scan(src, 1)
	}
}
