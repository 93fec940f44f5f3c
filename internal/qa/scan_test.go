package qa

import (
	"slices"
	"testing"
)

func TestScanTags(t *testing.T) {
	src := []byte(`<!DOCTYPE html>
<!-- <a href="/in-comment/"> -->
<HTML lang=nb><body>
<A HREF='/a/?x=1&amp;y=2' data-x = "1" hidden>a</A>
<script>if (a < b) { x = "<img src=/in-script.png>"; }</script>
<style>.x { background: url("/bg.png") }</style>
<textarea><a href="/in-textarea/"></textarea>
<img src="/pic.png" alt="" srcset="/p1.png 1x, /p2.png 2x"/><br/>
</body></HTML>`)
	tags := scanTags(src)
	var names []string
	for _, tg := range tags {
		names = append(names, tg.Name)
	}
	want := []string{"html", "body", "a", "script", "style", "textarea", "img", "br"}
	if !slices.Equal(names, want) {
		t.Fatalf("tags = %q, want %q", names, want)
	}
	a := tags[2]
	if v, _ := a.Attr("href"); v != "/a/?x=1&y=2" {
		t.Errorf("href = %q, entities not decoded", v)
	}
	if v, ok := a.Attr("data-x"); !ok || v != "1" {
		t.Errorf("data-x = %q, %v", v, ok)
	}
	if !a.Has("hidden") {
		t.Error("attribute without value lost")
	}
	if a.Line != 4 {
		t.Errorf("line of <a> = %d, want 4", a.Line)
	}
	if tags[3].Text != `if (a < b) { x = "<img src=/in-script.png>"; }` {
		t.Errorf("script text = %q", tags[3].Text)
	}
	if tags[6].Line != 8 {
		t.Errorf("line of <img> = %d, want 8", tags[6].Line)
	}
}

func TestSrcsetURLs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"/a.png 1x, /b.png 2x", []string{"/a.png", "/b.png"}},
		{"/a.png, /b.png 2x", []string{"/a.png", "/b.png"}},
		{"/a.png,/b.png 2x", []string{"/a.png,/b.png"}}, // a comma inside a URL, as browsers parse it
		{" /a,b.png 100w , /c.png 200w", []string{"/a,b.png", "/c.png"}},
		{"/a.png", []string{"/a.png"}},
	} {
		if got := srcsetURLs(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("srcsetURLs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRefreshURL(t *testing.T) {
	for in, want := range map[string]string{
		"0; url=/ny/":     "/ny/",
		"5;URL='/ny/'":    "/ny/",
		"0, https://x.no": "https://x.no",
		"30":              "",
	} {
		if got := refreshURL(in); got != want {
			t.Errorf("refreshURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSSRefs(t *testing.T) {
	css := `/* url(/in-comment.png) */
@import "/base.css";
@font-face { src: url('/f.woff2') format("woff2"), url(https://x.example/f.woff); }
.a { background: URL( /bg.svg ) }`
	var got []string
	for _, r := range cssRefs(css) {
		got = append(got, r.url)
		if r.url == "/bg.svg" && r.line != 4 {
			t.Errorf("line of /bg.svg = %d, want 4", r.line)
		}
	}
	want := []string{"/base.css", "/f.woff2", "https://x.example/f.woff", "/bg.svg"}
	if !slices.Equal(got, want) {
		t.Errorf("cssRefs = %q, want %q", got, want)
	}
}

func TestClassify(t *testing.T) {
	for in, want := range map[string]target{
		"":                        ignored,
		"mailto:a@b.no":           ignored,
		"tel:+47":                 ignored,
		"data:image/png;base64,x": ignored,
		"javascript:void(0)":      ignored,
		"https://cdn.example/x":   external,
		"//cdn.example/x":         external,
		"/om/":                    internal,
		"../om/#x":                internal,
		"#top":                    internal,
		"?q=1":                    internal,
	} {
		if _, got, err := classify(in); err != nil || got != want {
			t.Errorf("classify(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if !isJavaScriptURL(" Java\tScript:alert(1)") {
		t.Error("isJavaScriptURL missed a javascript: URL with a tab and upper case")
	}
}

func TestPagePath(t *testing.T) {
	for in, want := range map[string]string{
		"index.html":     "/",
		"om/index.html":  "/om/",
		"404.html":       "/404.html",
		"a/b/index.html": "/a/b/",
	} {
		if got := PagePath(in); got != want {
			t.Errorf("PagePath(%q) = %q, want %q", in, got, want)
		}
	}
}
