package tpl

import (
	"strings"
	"testing"
	"time"
)

func TestCast(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ int "42" }} {{ int 3.9 }} {{ int true }} {{ int "0x10" }} {{ int "010" }}`, want: "42 3 1 16 8"},
		{tpl: `{{ int (safeHTML "7") }}`, want: "7"},
		{tpl: `{{ int "sju" }}`, wantErr: "unable to cast"},
		{tpl: `{{ string 42 }}|{{ string 1.5 }}|{{ string nil }}|{{ string true }}`, want: "42|1.5||true"},
		{tpl: `{{ cast.ToInt "5" }}`, want: "5"},
	})
}

func TestCompare(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, map[string]any{"zero": time.Time{}, "day": time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "nilmap": map[string]any(nil)}, []example{
		{tpl: `{{ "" | default "x" }}|{{ "y" | default "x" }}`, want: "x|y"},
		{tpl: `{{ 0 | default 5 }}|{{ 0.0 | default 5 }}|{{ 3 | default 5 }}`, want: "5|5|3"},
		// A boolean is always set: false stays false (samvirke used to replace it).
		{tpl: `{{ false | default true }}`, want: "false"},
		{tpl: `{{ slice | default "empty" }}|{{ .nilmap | default "empty" }}|{{ .missing | default "empty" }}`, want: "empty|empty|empty"},
		{tpl: `{{ .zero | default "no date" }}|{{ (.day | default "no date").Year }}`, want: "no date|2026"},
		{tpl: `{{ default "x" }}`, want: "x"},
		{tpl: `{{ default "x" 1 2 }}`, wantErr: "wrong number of args"},
	})
}

func TestEncoding(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, map[string]any{"v": map[string]any{"b": "<i>", "a": []int{1, 2}}}, []example{
		{tpl: `{{ jsonify .v }}`, want: `{"a":[1,2],"b":"\u003ci\u003e"}`},
		{tpl: `{{ jsonify (dict "noHTMLEscape" true) .v }}`, want: `{"a":[1,2],"b":"<i>"}`},
		{tpl: `{{ jsonify (dict "indent" "  ") (dict "a" 1) }}`, want: "{\n  \"a\": 1\n}"},
		{tpl: `{{ jsonify (dict "intent" " ") 1 }}`, wantErr: `unknown option "intent"`},
		{tpl: `{{ jsonify }}`, want: ""},
	})
}

func TestFmt(t *testing.T) {
	e, d := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ errorf "side %d mangler" 3 }}`, wantErr: "side 3 mangler"},
		{tpl: `a{{ warnf "sjekk %s" "x" }}b{{ warnf "sjekk %s" "x" }}`, want: "ab"},
	})
	n := 0
	for _, w := range d.Warnings() {
		if strings.Contains(w.Message, "sjekk") {
			n++
			if w.Message != "sjekk x" {
				t.Errorf("warnf: got %q, want \"sjekk x\"", w.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("warnf twice with one message: %d warnings, want 1", n)
	}
}

func TestLang(t *testing.T) {
	nb, d := newEngine(t, engineOptions{}, nil)
	check(t, nb, nil, []example{
		{tpl: `{{ T "hello" }}|{{ i18n "hello" }}|{{ lang.Translate "hello" }}`, want: "Hei|Hei|Hei"},
		{tpl: `{{ T "helloName" (dict "Name" "Kari") }}`, want: "Hei, Kari"},
		// A number is the count: {{ .Count }} in the text and the plural form by it.
		{tpl: `{{ T "pages" 1 }}|{{ T "pages" 4 }}|{{ T "pages" (dict "Count" 1) }}`, want: "Én side|4 sider|Én side"},
		{tpl: `{{ T "nope" }}`, wantErr: `no interface string "nope" in i18n/nb.yaml`},
		{tpl: `{{ T "helloName" (dict "Navn" "Kari") }}`, wantErr: `map has no entry for key "Name"`},
		{tpl: `{{ T "hello" 1 2 }}`, wantErr: "at most 2"},
	})
	da, _ := newEngine(t, engineOptions{lang: "da"}, nil)
	check(t, da, nil, []example{
		{tpl: `{{ T "hello" }}|{{ T "hits" 1 }}|{{ T "hits" 2 }}`, want: "Hej|1 resultat|2 resultater"},
		// Missing in Danish: the default language's text.
		{tpl: `{{ T "onlyNb" }}`, want: "Bare bokmål"},
	})
	found := false
	for _, w := range d.Warnings() {
		found = found || w.File == "i18n/da.yaml" && strings.Contains(w.Message, "onlyNb")
	}
	if !found {
		t.Errorf("a string missing from i18n/da.yaml gives no warning: %s", d.Report())
	}
}

func TestMath(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ add 1 2 }} {{ add 1 2 3 }} {{ add 1 2.5 }} {{ add "a" "b" }}`, want: "3 6 3.5 ab"},
		{tpl: `{{ sub 5 2 }} {{ sub 2 5 }} {{ mul 3 4 }} {{ div 7 2 }} {{ div 7.0 2 }}`, want: "3 -3 12 3 3.5"},
		{tpl: `{{ printf "%T" (add 1 2) }}`, want: "int64"},
		{tpl: `{{ div 1 0 }}`, wantErr: "divide the value by 0"},
		{tpl: `{{ add 1 "a" }}`, wantErr: "can't apply the operator"},
		{tpl: `{{ add 1 }}`, wantErr: "at least two numbers"},
	})
}

func TestPartials(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, "Kari", []example{
		{tpl: `{{ partial "greet.html" . }}|{{ partial "greet" . }}|{{ partial "partials/greet" . }}`, want: "Hei Kari!|Hei Kari!|Hei Kari!"},
		{tpl: `{{ partial "nested" "Ola" }}|{{ partialCached "greet" "Per" "variant" }}`, want: "[Hei Ola!]|Hei Per!"},
		{tpl: `{{ partial "missing" . }}`, wantErr: `partial "missing.html" not found`},
	})
}

func TestResourcesAndJS(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, fixture{"assets/js/x.ts": "const n: number = 1;\nconsole.log(n);\n"})
	check(t, e, nil, []example{
		{tpl: `{{ (resources.Get "css/a.css").Content }}`, want: "a{color:red}"},
		// slice of resources is a []*assets.Resource; Concat takes it as Hugo's does.
		{tpl: `{{ $l := slice (resources.Get "css/a.css") (resources.Get "css/b.css") }}{{ (resources.Concat "css/ab.css" $l).Content }}`,
			want: "a{color:red}\nb{color:blue}\n"},
		{tpl: `{{ (resources.Concat "x.css" (slice "a")) }}`, wantErr: "is not a resource"},
		{tpl: `{{ ((resources.FromString "x.css" "a { color : red }") | minify).Content }}`, want: "a{color:red}\n"},
		{tpl: `{{ $r := (resources.Get "css/a.css") | fingerprint }}{{ hasPrefix $r.RelPermalink "/css/a." }} {{ len $r.RelPermalink }} {{ hasPrefix $r.Data.Integrity "sha256-" }}`,
			want: "true 75 true"},
		{tpl: `{{ (resources.Get "js/x.ts" | js.Build).Content | safeHTML }}`, want: "(() => {\n  // assets/js/x.ts\n  var n = 1;\n  console.log(n);\n})();\n"},
		{tpl: `{{ ((resources.FromString "c.css" "b{c:{{ . }}}") | resources.ExecuteAsTemplate "c.css" "red").Content }}`, want: "b{c:red}"},
		// Hugo caches the result by resource and target path: the first call's data wins.
		{tpl: `{{ ((resources.FromString "c.css" "b{c:{{ . }}}") | resources.ExecuteAsTemplate "c.css" "blue").Content }}`, want: "b{c:red}"},
		{tpl: `{{ ((resources.FromString "c.css" "b{c:{{ . }}}") | resources.ExecuteAsTemplate "d.css" "blue").Content }}`, want: "b{c:blue}"},
	})
}

func TestSafe(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ "<b>x</b>" }}|{{ safeHTML "<b>x</b>" }}`, want: "&lt;b&gt;x&lt;/b&gt;|<b>x</b>"},
		{tpl: `<a href="{{ "javascript:x" }}">`, want: `<a href="#ZgotmplZ">`},
		{tpl: `<a href="{{ safeURL "tel:123" }}">`, want: `<a href="tel:123">`},
		{tpl: `<p {{ safeHTMLAttr "lang=\"da\"" }}>`, want: `<p lang="da">`},
		{tpl: `<script>var x = {{ safeJS "1+1" }};</script>`, want: `<script>var x = 1+1;</script>`},
		{tpl: `<p style="{{ safeCSS "color: red" }}">`, want: `<p style="color: red">`},
	})
}

func TestSite(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ site.Title }}|{{ site.Language.Lang }}`, want: "Test|nb"},
	})
}

func TestStrings(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ lower "ÆRLIG" }} {{ upper "ærlig" }} {{ strings.ToLower "ØST" }}`, want: "ærlig ÆRLIG øst"},
		{tpl: `{{ hasPrefix "/beslutningstrer/x/" "/beslutningstrer/" }} {{ hasPrefix "x" "y" }}`, want: "true false"},
		{tpl: `{{ strings.TrimPrefix "/" "/veiviser/" }}`, want: "veiviser/"},
		{tpl: `{{ replace "12 34 56" " " "" }}|{{ replace "a-b-c" "-" "*" 1 }}`, want: "123456|a*b-c"},
		{tpl: `{{ split "a,b" "," }}`, want: "[a b]"},
		// substr counts characters, negative start from the end, negative length off the end
		{tpl: `{{ substr "Ærlig" 0 1 }}|{{ substr "Ærlig" 1 }}|{{ substr "Ærlig" -2 }}|{{ substr "Ærlig" 1 -1 }}|{{ substr "Å" 1 1 }}|{{ substr "BTI" 1 1 }}`,
			want: "Æ|rlig|ig|rli||T"},
		{tpl: `{{ substr "abc" 0 0 }}|{{ substr "" 0 }}|{{ substr "abc" -9 2 }}`, want: "||ab"},
		{tpl: `{{ substr "abc" }}`, wantErr: "too few arguments"},
		// title: Hugo's default AP style
		{tpl: `{{ title "the lord of the rings" }}`, want: "The Lord of the Rings"},
	})
	for style, want := range map[string]string{"firstupper": "Samarbeid på tvers", "go": "Samarbeid På Tvers", "none": "samarbeid på tvers", "chicago": "Samarbeid På Tvers"} {
		e, _ := newEngine(t, engineOptions{titleCaseStyle: style}, nil)
		check(t, e, nil, []example{{tpl: `{{ title "samarbeid på tvers" }}`, want: want}})
	}
}

func TestTime(t *testing.T) {
	day := time.Date(2026, 10, 5, 14, 30, 0, 0, time.UTC)
	for _, c := range []struct{ lang, full, long, medium, short, abbr, wide string }{
		{"nb", "mandag 5. oktober 2026", "5. oktober 2026", "5. okt. 2026", "05.10.2026", "man. 5. okt.", "mandag 5. oktober"},
		{"nn", "måndag 5. oktober 2026", "5. oktober 2026", "5. okt. 2026", "05.10.2026", "må. 5. okt.", "måndag 5. oktober"},
		{"da", "mandag den 5. oktober 2026", "5. oktober 2026", "5. okt. 2026", "05.10.2026", "man. 5. okt.", "mandag 5. oktober"},
		{"en", "Monday, October 5, 2026", "October 5, 2026", "Oct 5, 2026", "10/5/26", "Mon 5. Oct", "Monday 5. October"},
	} {
		e, _ := newEngine(t, engineOptions{lang: c.lang}, nil)
		check(t, e, day, []example{
			{tpl: `{{ dateFormat ":date_full" . }}`, want: c.full},
			{tpl: `{{ dateFormat ":date_long" . }}`, want: c.long},
			{tpl: `{{ dateFormat ":date_medium" . }}`, want: c.medium},
			{tpl: `{{ dateFormat ":date_short" . }}`, want: c.short},
			{tpl: `{{ dateFormat "Mon 2. Jan" . }}`, want: c.abbr},
			{tpl: `{{ dateFormat "Monday 2. January" . }}`, want: c.wide},
			{tpl: `{{ dateFormat "2006-01-02" "2026-10-05" }}|{{ time.Format "2006-01-02T15:04" . }}`, want: "2026-10-05|2026-10-05T14:30"},
		})
	}
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ range seq 12 }}{{ dateFormat "January" (printf "2026-%02d-01" .) }} {{ end }}`,
			want: "januar februar mars april mai juni juli august september oktober november desember "},
		{tpl: `{{ dateFormat ":date_long" "i går" }}`, wantErr: "unable to parse date"},
		{tpl: `{{ gt (now.Year) 2025 }}`, want: "true"},
	})
	// A language without CLDR data falls back to the site's default language, as in Hugo.
	x, _ := newEngine(t, engineOptions{lang: "xx"}, nil)
	check(t, x, day, []example{{tpl: `{{ dateFormat ":date_medium" . }}`, want: "5. okt. 2026"}})
}

func TestTransform(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	check(t, e, nil, []example{
		{tpl: `{{ markdownify "*Hei* på deg" }}`, want: "<em>Hei</em> på deg"},
		{tpl: `{{ markdownify "A\n\nB" }}`, want: "<p>A</p>\n<p>B</p>\n"},
		{tpl: `{{ plainify "<p>Hei <b>du</b></p><p>Neste</p>" }}`, want: "Hei du\nNeste\n"},
		{tpl: `{{ plainify "a < b" }}`, want: "a < b"},
		{tpl: `{{ htmlEscape "<a href='x'>&</a>" }}`, want: "&amp;lt;a href=&amp;#39;x&amp;#39;&amp;gt;&amp;amp;&amp;lt;/a&amp;gt;"},
		{tpl: `{{ htmlEscape "<b>" | safeHTML }}|{{ htmlUnescape "&lt;b&gt;" | safeHTML }}`, want: "&lt;b&gt;|<b>"},
	})
}

func TestURLs(t *testing.T) {
	root, _ := newEngine(t, engineOptions{baseURL: "https://example.org/"}, nil)
	check(t, root, nil, []example{
		{tpl: `{{ relURL "" }}|{{ relURL "articles" }}|{{ relURL "/articles/" }}|{{ relURL "style.css" }}`, want: "/|/articles|/articles/|/style.css"},
		{tpl: `{{ relURL "https://example.org" }}|{{ relURL "https://example.org/" }}|{{ relURL "https://www.example.org/" }}`,
			want: "https://example.org|/|https://www.example.org/"},
		{tpl: `{{ relURL "mailto:a@b.no" }}|{{ relURL "//cdn.example/x" }}`, want: "mailto:a@b.no|//cdn.example/x"},
		{tpl: `{{ absURL "" }}|{{ absURL "articles" }}|{{ absURL "/articles/" }}|{{ absURL "x?a=1#b" }}|{{ absURL "https://other.example/" }}`,
			want: "https://example.org/|https://example.org/articles|https://example.org/articles/|https://example.org/x?a=1#b|https://other.example/"},
	})
	// With a path in baseURL: a leading slash is relative to the host (Hugo's rule); samvirke used
	// to put the path in front of it.
	docs, _ := newEngine(t, engineOptions{baseURL: "https://example.org/docs/"}, nil)
	check(t, docs, nil, []example{
		{tpl: `{{ relURL "" }}|{{ relURL "articles" }}|{{ relURL "style.css" }}`, want: "/docs/|/docs/articles|/docs/style.css"},
		{tpl: `{{ relURL "/" }}|{{ relURL "/articles" }}`, want: "/|/articles"},
		{tpl: `{{ relURL "https://example.org/docs/" }}|{{ relURL "https://example.org/docs" }}`, want: "/docs|https://example.org/docs"},
		{tpl: `{{ absURL "" }}|{{ absURL "articles" }}|{{ absURL "/articles" }}`, want: "https://example.org/docs/|https://example.org/docs/articles|https://example.org/articles"},
	})
	check(t, root, nil, []example{
		{tpl: `{{ urlize "Samarbeid på tvers" }}|{{ urlize "A  b. C/d" }}|{{ urlize "x%20y" }}`, want: "samarbeid-p%C3%A5-tvers|a-b.-c/d|x%20y"},
		{tpl: `{{ anchorize " Hva sier loven? " }}|{{ anchorize "BTI – nivå 2" }}|{{ anchorize "a_b-c" }}`, want: "hva-sier-loven|bti--nivå-2|a_b-c"},
	})
}
