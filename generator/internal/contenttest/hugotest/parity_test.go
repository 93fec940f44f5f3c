// Package hugotest checks the promise that the same content/, layouts/ and hugo.toml build the
// same portal with the pinned Hugo CLI (hugocli.Version) as with samvirke's own renderer, and
// that an index made from the Hugo-built site answers like samvirke build's.
package hugotest

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/hugocli"
	"samvirke/generator/internal/sitesearch"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/tpl"
	"samvirke/search"
)

func TestMain(m *testing.M) {
	code := m.Run()
	contenttest.RemovePortal()
	if hugoBuild.dir != "" {
		os.RemoveAll(hugoBuild.dir)
	}
	os.Exit(code)
}

var hugoBuild struct {
	once sync.Once
	dir  string
	log  *diag.List
	err  error
}

// hugoPublic builds the bundled portal with the plain Hugo CLI, once: what a municipality's own
// Hugo pipeline gets from the repository.
func hugoPublic(t *testing.T) (string, *diag.List) {
	t.Helper()
	cli := contenttest.Hugo(t)
	hugoBuild.once.Do(func() {
		hugoBuild.dir, hugoBuild.err = os.MkdirTemp("", "samvirke-hugo-")
		if hugoBuild.err != nil {
			return
		}
		hugoBuild.log, hugoBuild.err = cli.Build(context.Background(), hugocli.Options{
			Source: contenttest.RepoRoot(t), Dest: filepath.Join(hugoBuild.dir, "public")})
	})
	if hugoBuild.err != nil {
		t.Fatal(hugoBuild.err)
	}
	if hugoBuild.log.HasErrors() {
		t.Fatalf("the Hugo CLI failed on the bundled portal:\n%s", hugoBuild.log.Report())
	}
	return filepath.Join(hugoBuild.dir, "public"), hugoBuild.log
}

// acceptedFiles are the files that only one of the two builds has, or that differ byte for byte
// and are not compared: each with the reason.
var acceptedFiles = []struct{ glob, why string }{
	{"css/site.min.*.css", "Hugo minifies CSS with its own minifier (tdewolff/minify), samvirke with esbuild: the same rules in other bytes, so another fingerprint; each build's pages link their own file"},
	{"js/main.*.js", "Hugo bundles TypeScript with the esbuild version it links, samvirke with its own: the same program in other bytes, so another fingerprint"},
	{".samvirke-output", "samvirke marks the folders it publishes (the destination guard); plain hugo does not"},
}

func accepted(rel string) bool {
	for _, a := range acceptedFiles {
		if ok, _ := filepath.Match(a.glob, rel); ok {
			return true
		}
	}
	return false
}

// acceptedWarnings are what the Hugo CLI may warn about while building the bundled portal: nothing
// (the Danish pages write params: {lang: da}, not the lang: that Hugo has deprecated).
var acceptedWarnings = []struct{ text, why string }{}

// files lists the files under dir, slash-separated and relative, leaving out the accepted ones.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel = filepath.ToSlash(rel); !accepted(rel) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// mainText is the text of the page's <main>, scripts and styles left out, each element's text
// apart from its neighbours', whitespace-normalised.
func mainText(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var b strings.Builder
	var text func(n *html.Node)
	text = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.Data != "script" && c.Data != "style" && c.Data != "template":
				b.WriteByte(' ')
				text(c)
				b.WriteByte(' ')
			}
		}
	}
	var find func(n *html.Node) bool
	find = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "main" {
			text(n)
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	if !find(doc) {
		return "(no <main>)"
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestParity: the pinned Hugo CLI builds the bundled portal with exit 0 and no warning beyond
// the accepted ones; both builds publish the same files (but the accepted ones); every page's
// main content says the same; sitemap.xml, /lovverk/index.json and /search-fallback.json are
// equivalent.
func TestParity(t *testing.T) {
	hugo, log := hugoPublic(t)
	dir, _ := contenttest.Portal(t)
	own := filepath.Join(dir, "public")

	for _, w := range log.Warnings() {
		if !slices.ContainsFunc(acceptedWarnings, func(a struct{ text, why string }) bool { return strings.Contains(w.Message, a.text) }) {
			t.Errorf("the Hugo CLI warns: %s", w.Message)
		}
	}

	ownFiles, hugoFiles := files(t, own), files(t, hugo)
	for _, f := range ownFiles {
		if !slices.Contains(hugoFiles, f) {
			t.Errorf("only samvirke publishes %s", f)
		}
	}
	for _, f := range hugoFiles {
		if !slices.Contains(ownFiles, f) {
			t.Errorf("only the Hugo CLI publishes %s", f)
		}
	}
	pages := 0
	for _, f := range ownFiles {
		if !strings.HasSuffix(f, ".html") || !slices.Contains(hugoFiles, f) {
			continue
		}
		pages++
		a, b := mainText(t, filepath.Join(own, f)), mainText(t, filepath.Join(hugo, f))
		if a != b {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			from := max(0, i-60)
			t.Errorf("%s: <main> differs at %d:\n  samvirke: …%s…\n  hugo:     …%s…", f, i, a[from:min(len(a), i+100)], b[from:min(len(b), i+100)])
		}
	}
	if pages < 200 {
		t.Errorf("compared %d pages; the bundled portal has more", pages)
	}
	t.Logf("%d pages, %d files compared", pages, len(ownFiles))

	// The sitemaps list the same addresses with the same dates (the order is each engine's).
	type entry struct{ Loc, Lastmod string }
	sitemap := func(dir string) []entry {
		var set struct {
			URLs []entry `xml:"url"`
		}
		raw, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(raw, &set); err != nil {
			t.Fatalf("%s/sitemap.xml: %v", dir, err)
		}
		slices.SortFunc(set.URLs, func(a, b entry) int { return strings.Compare(a.Loc, b.Loc) })
		return set.URLs
	}
	if a, b := sitemap(own), sitemap(hugo); !reflect.DeepEqual(a, b) || len(a) < 200 {
		t.Errorf("sitemap.xml: samvirke lists %d addresses, hugo %d, or they differ:\n%v\n%v", len(a), len(b), a, b)
	}
	// The JSON outputs decode to the same values.
	for _, f := range []string{"lovverk/index.json", sitesearch.FallbackFile} {
		var a, b any
		for _, side := range []struct {
			dir string
			v   *any
		}{{own, &a}, {hugo, &b}} {
			raw, err := os.ReadFile(filepath.Join(side.dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, side.v); err != nil {
				t.Fatalf("%s/%s: %v", side.dir, f, err)
			}
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs between samvirke and hugo", f)
		}
	}
}

// TestIndexOfTheHugoSite: the search documents read from the Hugo-built site are the ones
// samvirke build indexed, and an index built from them (what samvirke index does) answers every
// query as samvirke build's own index does: each document's title and a set of staff queries.
func TestIndexOfTheHugoSite(t *testing.T) {
	hugo, _ := hugoPublic(t)
	dir, _ := contenttest.Portal(t)
	own := contenttest.PortalDocuments(t)
	docs, err := sitesearch.Documents(hugo)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(own, docs) {
		for i := range min(len(own), len(docs)) {
			if !reflect.DeepEqual(own[i], docs[i]) {
				t.Errorf("document %d:\n  samvirke build: %+v\n  from hugo:      %+v", i, own[i], docs[i])
				break
			}
		}
		t.Fatalf("the documents differ (%d from samvirke build, %d from the Hugo site)", len(own), len(docs))
	}

	opts := optsFor(t)
	indexDir := filepath.Join(t.TempDir(), "search.bleve")
	if _, err := search.Build(indexDir, docs, opts); err != nil {
		t.Fatal(err)
	}
	contenttest.SameAnswers(t, filepath.Join(dir, "search.bleve"), indexDir, docs)
}

// optsFor are the index options of the bundled portal (synonyms, the search server's texts).
func optsFor(t *testing.T) search.BuildOptions {
	t.Helper()
	files := source.New(contenttest.RepoRoot(t))
	d := &diag.List{}
	cfg, ok := config.Load(files, d)
	if !ok {
		t.Fatal(d.Report())
	}
	opts, problems := sitesearch.Options(files, tpl.LoadI18n(files, cfg.DefaultContentLanguage, d), cfg.DefaultContentLanguage)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return opts
}
