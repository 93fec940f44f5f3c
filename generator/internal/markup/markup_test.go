package markup

import (
	"strconv"
	"strings"
	"testing"
)

func TestHeadingIDsKeepNorwegianLetters(t *testing.T) {
	md := New(Options{})
	res := md.Render([]byte("## Søknad om lån\n\n## Søknad om lån\n\n## Hva er BTI? (kort)\n\n## Tværfagligt netværksmøde\n"))
	html := string(res.HTML)
	for _, want := range []string{`id="søknad-om-lån"`, `id="søknad-om-lån-1"`, `id="hva-er-bti-kort"`, `id="tværfagligt-netværksmøde"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if hs := res.Fragments.Headings; len(hs) != 1 || len(hs[0].Headings) != 4 || hs[0].Headings[0].Title != "Søknad om lån" {
		t.Errorf("headings = %+v", res.Fragments.Headings)
	}
}

func TestAnchorLikeHugo(t *testing.T) {
	cases := map[string]string{
		"Søknad om lån":         "søknad-om-lån",
		"  Trinn 1: Analyser  ": "trinn-1-analyser",
		"Hva_nå – videre?":      "hva_nå--videre",
		"Æ Ø Å":                 "æ-ø-å",
		"fvl. § 13 b":           "fvl--13-b",
	}
	for in, want := range cases {
		if got := Anchor(in); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGFMFootnotesDefinitionLists(t *testing.T) {
	src := "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gammel~~ https://lovdata.no\n\n- [x] gjort\n\nTekst[^1]\n\n[^1]: Fotnote.\n\nBegrep\n: Forklaring\n"
	html := string(New(Options{}).Render([]byte(src)).HTML)
	for _, want := range []string{"<table>", "<del>gammel</del>", `<a href="https://lovdata.no">`, `type="checkbox"`, `class="footnotes"`, "<dl>", "<dd>Forklaring</dd>"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
}

func TestRawHTMLOnlyWhenUnsafe(t *testing.T) {
	src := []byte("<script>alert(1)</script>\n\n<b>fet</b>\n")
	if h := string(New(Options{}).Render(src).HTML); strings.Contains(h, "<script>") || strings.Contains(h, "<b>") {
		t.Errorf("raw HTML rendered by default: %s", h)
	}
	if h := string(New(Options{Unsafe: true}).Render(src).HTML); !strings.Contains(h, "<b>fet</b>") {
		t.Errorf("raw HTML not rendered with unsafe: %s", h)
	}
}

// hugoSample and its expected rendering, table of contents and fragments are what Hugo v0.152.2
// makes of it with its default configuration (a page with {{ .Content }}, {{ .TableOfContents }}
// and {{ .Fragments }}): the typographer with entities, linkify with https for www. addresses,
// GitHub-style heading IDs with Unicode letters, and Hugo's ToC (levels 2–3, links removed from
// titles, an empty item for a skipped level, a list per level-1 heading).
const hugoSample = "Hun sa \"ja\" -- og 'nei' ... 1990--2000 --- slutt. It's <<x>> www.lovdata.no og https://lovdata.no.\n\n" +
	"## Søknad om `lån` og *mer* [lenke](/x/)\n\n### Under\n\n## Søknad om `lån` og *mer* [lenke](/x/)\n\n#### Dypt\n\n# Topp\n\n## Etter {#egen}\n"

func TestHugoDefaultsTypographerLinkify(t *testing.T) {
	res := New(Options{}).Render([]byte(hugoSample))
	want := `<p>Hun sa &ldquo;ja&rdquo; &ndash; og &rsquo;nei&rsquo; &hellip; 1990&ndash;2000 &mdash; slutt. It&rsquo;s &laquo;x&raquo; <a href="https://www.lovdata.no">www.lovdata.no</a> og <a href="https://lovdata.no">https://lovdata.no</a>.</p>
<h2 id="søknad-om-lån-og-mer-lenke">Søknad om <code>lån</code> og <em>mer</em> <a href="/x/">lenke</a></h2>
<h3 id="under">Under</h3>
<h2 id="søknad-om-lån-og-mer-lenke-1">Søknad om <code>lån</code> og <em>mer</em> <a href="/x/">lenke</a></h2>
<h4 id="dypt">Dypt</h4>
<h1 id="topp">Topp</h1>
<h2 id="egen">Etter</h2>
`
	if got := string(res.HTML); got != want {
		t.Errorf("rendering differs from Hugo's:\n got: %s\nwant: %s", got, want)
	}
}

func TestTableOfContentsLikeHugo(t *testing.T) {
	f := New(Options{}).Render([]byte(hugoSample)).Fragments
	want := `<nav id="TableOfContents">
  <ul>
    <li><a href="#søknad-om-lån-og-mer-lenke">Søknad om <code>lån</code> og <em>mer</em> lenke</a>
      <ul>
        <li><a href="#under">Under</a></li>
      </ul>
    </li>
    <li><a href="#søknad-om-lån-og-mer-lenke-1">Søknad om <code>lån</code> og <em>mer</em> lenke</a>
      <ul>
        <li></li>
      </ul>
    </li>
  </ul>

  <ul>
    <li><a href="#egen">Etter</a></li>
  </ul>
</nav>`
	if got := string(f.TableOfContents()); got != want {
		t.Errorf("ToC differs from Hugo's:\n got: %s\nwant: %s", got, want)
	}
	if got := strings.Join(f.Identifiers, " "); got != "dypt egen søknad-om-lån-og-mer-lenke søknad-om-lån-og-mer-lenke-1 topp under" {
		t.Errorf("Identifiers = %s", got)
	}
	// Hugo (printed three levels deep): [0  [2 søknad… [3 under Under]][2 søknad…-1 [0  ]]][1 topp Topp[2 egen Etter]]
	var b strings.Builder
	var walk func(Headings)
	walk = func(hs Headings) {
		for _, h := range hs {
			b.WriteString("[" + strconv.Itoa(h.Level) + " " + h.ID + " " + h.Title)
			walk(h.Headings)
			b.WriteString("]")
		}
	}
	walk(f.Headings)
	want2 := "[0  [2 søknad-om-lån-og-mer-lenke Søknad om <code>lån</code> og <em>mer</em> lenke[3 under Under]][2 søknad-om-lån-og-mer-lenke-1 Søknad om <code>lån</code> og <em>mer</em> lenke[0  [4 dypt Dypt]]]][1 topp Topp[2 egen Etter]]"
	if b.String() != want2 {
		t.Errorf("Headings = %s\nwant       %s", b.String(), want2)
	}
	if got := string(New(Options{}).Render([]byte("Ingen overskrifter.\n")).Fragments.TableOfContents()); got != `<nav id="TableOfContents"></nav>` {
		t.Errorf("no headings: %q", got)
	}
}

var paired = Syntax{Paired: func(n string) bool { return n == "boks" }}

func TestScanShortcodes(t *testing.T) {
	src := "Tekst {{< lov \"hol-7-2a\" \"retten\" >}} og\n{{< niva 1 >}}\n{{< boks type=\"advarsel\" >}}\nInne {{< begrep \"stafettlogg\" >}}\n{{< /boks >}}\n{{</* lov \"x\" */>}}\n"
	calls, errs := paired.Scan(src, 10)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(calls) != 3 {
		t.Fatalf("got %d calls: %+v", len(calls), calls)
	}
	if c := calls[0]; c.Name != "lov" || c.Arg(0) != "hol-7-2a" || c.Arg(1) != "retten" || c.Line != 10 {
		t.Errorf("call 0 = %+v", c)
	}
	if c := calls[1]; c.Name != "niva" || c.Arg(0) != "1" || c.Line != 11 {
		t.Errorf("call 1 = %+v", c)
	}
	box := calls[2]
	if !box.Paired || box.Arg("type") != "advarsel" || len(box.Children) != 1 || box.Children[0].Line != 13 {
		t.Errorf("paired call = %+v", box)
	}
}

func TestScanErrorsHaveLines(t *testing.T) {
	cases := map[string]string{
		"a\n{{< lov \"x >}}\n":    "unterminated",
		"a\n\n{{< lov \"x\"":      "never closed",
		"{{< /boks >}}":           "without an opening",
		"x\n{{< boks >}}\nno end": "needs a closing",
	}
	for src, want := range cases {
		_, errs := paired.Scan(src, 1)
		if len(errs) == 0 || !strings.Contains(errs[0].Msg, want) {
			t.Errorf("Scan(%q) errors = %v, want %q", src, errs, want)
			continue
		}
		if wantLine := strings.Count(src[:strings.Index(src, "{{")], "\n") + 1; errs[0].Line != wantLine {
			t.Errorf("Scan(%q) line = %d, want %d", src, errs[0].Line, wantLine)
		}
	}
}

func TestExpandPlaceholdersAndBlocks(t *testing.T) {
	src := "Se {{< lov \"a\" >}} her.\n\n{{< boks >}}\n**Viktig** {{< lov \"b\" >}}\n{{< /boks >}}\n\n{{</* lov \"c\" */>}}\n"
	calls, _ := paired.Scan(src, 1)
	md := New(Options{})
	exp, errs := Expand(src, calls, func(c *Call, inner string) (string, error) {
		switch c.Name {
		case "lov":
			return `<a href="/lovverk/` + c.Arg(0) + `/">` + c.Arg(0) + `</a>`, nil
		case "boks":
			return "<aside>" + string(md.Render([]byte(inner)).HTML) + "</aside>", nil
		}
		return "", nil
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := exp.Finish(string(md.Render([]byte(exp.Text)).HTML))
	for _, want := range []string{
		`<p>Se <a href="/lovverk/a/">a</a> her.</p>`,
		"<aside><p><strong>Viktig</strong> <a href=\"/lovverk/b/\">b</a></p>\n</aside>",
		`{{&lt; lov &ldquo;c&rdquo; &gt;}}`, // as Hugo writes an escaped shortcode: the typographer runs over it
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "<p><aside>") || strings.Contains(out, "SAMVIRKESC") {
		t.Errorf("block shortcode wrapped in <p> or placeholder left:\n%s", out)
	}
}

func TestPlainText(t *testing.T) {
	if got := PlainText([]byte("<p>Hei &amp; <em>hå</em></p>\n<ul><li>en</li></ul>")); got != "Hei & hå en" {
		t.Errorf("PlainText = %q", got)
	}
}
