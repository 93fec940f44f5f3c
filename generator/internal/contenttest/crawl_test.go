package contenttest

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

func TestCrawlFindsBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", `<a href="/a/">a</a> <a href="/a/#del">frag</a> <a href="/a/#mangler">bad frag</a>
<a href="/borte/">gone</a> <a href="https://lovdata.no/">ext</a> <a href="mailto:x@y.no">mail</a>
<a href="#topp">top</a><h1 id="topp">x</h1> <link rel="stylesheet" href="/css/site.css"> <script src="/js/borte.js"></script>
<a href="a/">relative</a> <a href="b/">relative gone</a>`)
	write("a/index.html", `<h2 id="del">del</h2><a href="../">up</a>`)
	write("css/site.css", `body{}`)

	broken, err := Crawl(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range broken {
		got = append(got, b.Page+" "+b.Link)
	}
	sort.Strings(got)
	want := []string{"/index.html /a/#mangler", "/index.html /borte/", "/index.html /js/borte.js", "/index.html b/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("broken links:\n got %q\nwant %q", got, want)
	}
}

func TestElementsAndAttrs(t *testing.T) {
	h := `<table><tr><th scope="row">Land</th><td lang="da">Danmark &amp; Norge</td><td>Norge</td></tr></table>`
	tds := Elements(h, "td")
	if len(tds) != 2 || tds[0].Attrs["lang"] != "da" || tds[0].Text() != "Danmark & Norge" {
		t.Errorf("Elements(td) = %+v", tds)
	}
	if a := Attrs(` href="/x/" data-popup='y' hidden`); a["href"] != "/x/" || a["data-popup"] != "y" {
		t.Errorf("Attrs = %v", a)
	} else if _, ok := a["hidden"]; !ok {
		t.Errorf("Attrs lost the boolean attribute: %v", a)
	}
}
