package treestest

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/features"
	"samvirke/generator/internal/serve"
	"samvirke/generator/internal/trees"
)

// The bundled portal, built once for every test in this file and the browser tests.
var portal struct {
	once  sync.Once
	dir   string
	res   *build.Result
	trees *trees.Feature
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if portal.dir != "" {
		os.RemoveAll(portal.dir)
	}
	os.Exit(code)
}

// built builds the repository's site into a temporary directory (once) and returns the output.
func built(t *testing.T) (string, *build.Result, *trees.Feature) {
	t.Helper()
	portal.once.Do(func() {
		root := contenttest.RepoRoot(t)
		tmp, err := os.MkdirTemp("", "samvirke-trees-")
		if err != nil {
			portal.err = err
			return
		}
		portal.dir = tmp
		feats := features.Site(nil)
		for _, f := range feats {
			if tf, ok := f.(*trees.Feature); ok {
				portal.trees = tf
			}
		}
		// The day the bundled trees were last legally reviewed, so that their review does not
		// turn into a warning as time passes (the legal registry's tests pin their day too).
		portal.trees.Now = func() time.Time { return reviewDay }
		portal.res, portal.err = build.Build(build.Options{Source: root, Dest: filepath.Join(tmp, "public"), Features: feats})
	})
	if portal.err != nil {
		report := ""
		if portal.res != nil {
			report = portal.res.Diagnostics.Report()
		}
		t.Fatalf("building the portal: %v\n%s", portal.err, report)
	}
	return filepath.Join(portal.dir, "public"), portal.res, portal.trees
}

// reviewDay is the build day of the tests over the bundled trees.
var reviewDay = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// shipped are the trees the portal ships, in the order of the issue.
var shipped = []string{"samarbeidsniva", "barnekoordinator", "koordinator", "drofte-eller-dele",
	"samordningsansvar", "samarbejdsmodellen-malgruppe", "ny-bruker"}

func shippedTrees(t *testing.T) map[string]*trees.Tree {
	_, _, f := built(t)
	out := map[string]*trees.Tree{}
	for _, tr := range f.Trees() {
		out[tr.Slug] = tr
	}
	if len(out) != len(shipped) {
		t.Fatalf("%d trees, want %d: %v", len(out), len(shipped), out)
	}
	for _, s := range shipped {
		if out[s] == nil {
			t.Fatalf("tree %s is missing", s)
		}
	}
	return out
}

func TestShippedTreesHaveNoDiagnostics(t *testing.T) {
	_, res, _ := built(t)
	for _, d := range res.Diagnostics.All() {
		if strings.HasPrefix(d.File, "content/beslutningstrer/") {
			t.Errorf("%s", d)
		}
	}
}

// TestEveryPathEndsInOutcome walks every path of every shipped tree from its start.
func TestEveryPathEndsInOutcome(t *testing.T) {
	total := 0
	for _, slug := range shipped {
		tr := shippedTrees(t)[slug]
		paths := 0
		outcomes := map[string]bool{}
		var walk func(id string, path []string)
		walk = func(id string, path []string) {
			path = append(path, id)
			if len(path) > 50 {
				t.Fatalf("%s: path too long (a cycle?): %v", slug, path)
			}
			n := tr.Nodes[id]
			if n == nil {
				t.Fatalf("%s: %s leads to a missing node", slug, strings.Join(path, " → "))
			}
			if n.IsOutcome() {
				paths++
				outcomes[id] = true
				return
			}
			if len(n.Answers) < 2 {
				t.Errorf("%s: %s ends at a question with %d answers", slug, strings.Join(path, " → "), len(n.Answers))
			}
			for _, a := range n.Answers {
				walk(a.Next, path)
			}
		}
		walk(tr.Start, nil)
		for _, id := range tr.Order {
			if tr.Nodes[id].IsOutcome() && !outcomes[id] {
				t.Errorf("%s: outcome %s is on no path", slug, id)
			}
		}
		t.Logf("%s: %d paths, %d nodes, %d outcomes", slug, paths, len(tr.Order), len(outcomes))
		total += paths
	}
	t.Logf("%d paths in all", total)
}

// The shipped trees' language and the rule for outcomes about confidentiality.
func TestShippedContentRules(t *testing.T) {
	trs := shippedTrees(t)
	if l := trs["samarbejdsmodellen-malgruppe"].Lang; l != "da" {
		t.Errorf("the Danish tree has lang %q", l)
	}
	confidential := regexp.MustCompile(`(?i)taushetsplikt|opplysning|samtykke|samtykket`)
	const tvil = "Er du i tvil, spør leder eller jurist."
	checked := 0
	for _, slug := range shipped {
		tr := trs[slug]
		if tr.Lang != "nb" {
			continue
		}
		for _, id := range tr.Order {
			o := tr.Nodes[id].Outcome
			if o == nil {
				continue
			}
			touches := confidential.MatchString(o.Body)
			for _, ref := range o.Legal {
				touches = touches || strings.HasPrefix(ref, "fvl-13")
			}
			if touches {
				checked++
				if !strings.HasSuffix(strings.TrimSpace(o.Body), tvil) {
					t.Errorf("%s/%s touches confidentiality but its body does not end with %q", slug, id, tvil)
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d outcomes found that touch confidentiality; the rule is not being checked", checked)
	}
	t.Logf("%d outcomes about confidentiality end with %q", checked, tvil)
}

func readFile(t *testing.T, dir, urlPath string) string {
	t.Helper()
	return contenttest.ReadPage(t, dir, urlPath)
}

var (
	styleAttr    = regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=`)
	scriptTag    = regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)
	treeDataJSON = regexp.MustCompile(`(?s)<script type="application/json" id="tree-data">(.*?)</script>`)
	svgRe        = regexp.MustCompile(`(?s)<svg class="tree-svg".*?</svg>`)
)

// TestTreePages checks the generated HTML of every tree page, node page and outcome page.
func TestTreePages(t *testing.T) {
	dir, res, _ := built(t)
	pages := 0
	for _, slug := range shipped {
		tr := shippedTrees(t)[slug]
		base := "/beslutningstrer/" + slug + "/"
		h := readFile(t, dir, base)
		pages++
		for _, m := range scriptTag.FindAllStringSubmatch(h, -1) {
			a := contenttest.Parse(m[0]).Elements("script")[0].Attrs
			if a["src"] == "" && a["type"] != "application/json" {
				t.Errorf("%s: inline script %q", base, m[0][:min(80, len(m[0]))])
			}
		}
		if styleAttr.MatchString(h) {
			t.Errorf("%s: a style attribute (the CSP forbids inline styles)", base)
		}
		// The first question as links, for reading without JavaScript.
		static := contenttest.Elements(h, "section")
		if len(static) == 0 || !strings.Contains(static[0].Text(), tr.Nodes[tr.Start].Question) {
			t.Errorf("%s: no static first question", base)
		} else if got := len(static[0].Tags("a")); got < len(tr.Nodes[tr.Start].Answers) {
			t.Errorf("%s: %d links for %d answers", base, got, len(tr.Nodes[tr.Start].Answers))
		}
		// The widget's data.
		m := treeDataJSON.FindStringSubmatch(h)
		if m == nil {
			t.Fatalf("%s: no tree-data block", base)
		}
		var data struct {
			Start string `json:"start"`
			Lang  string `json:"lang"`
			Nodes map[string]struct {
				URL     string `json:"url"`
				Q       string `json:"q"`
				Answers []struct{ Label, Value, Next string }
				Outcome *struct{ Title, Body string }
			} `json:"nodes"`
			S map[string]string `json:"s"`
		}
		if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
			t.Fatalf("%s: tree-data: %v", base, err)
		}
		if data.Start != tr.Start || len(data.Nodes) != len(tr.Order) || data.Lang != tr.Lang || data.S["next"] == "" {
			t.Errorf("%s: tree-data start %q, %d nodes, lang %q", base, data.Start, len(data.Nodes), data.Lang)
		}
		if tr.Lang == "da" && data.S["next"] != "Næste" {
			t.Errorf("%s: Danish tree has UI strings %q", base, data.S["next"])
		}
		// The diagram: in <details>, in a labelled focusable region, an image with a title.
		for _, want := range []string{`<details class="tree-overview" data-tree-overview>`, `role="region"`, `tabindex="0"`,
			`role="img" aria-labelledby="tree-svg-title"`, `<title id="tree-svg-title">`, `class="tree-outline"`} {
			if !strings.Contains(h, want) {
				t.Errorf("%s: missing %s", base, want)
			}
		}
		svg := svgRe.FindString(h)
		checkSVG(t, base, svg, tr)

		for _, id := range tr.Order {
			n := tr.Nodes[id]
			u := base + id + "/"
			nh := readFile(t, dir, u)
			pages++
			if styleAttr.MatchString(nh) {
				t.Errorf("%s: a style attribute", u)
			}
			if !strings.Contains(nh, `lang="`+tr.Lang+`"`) {
				t.Errorf("%s: the page is not lang=%q", u, tr.Lang)
			}
			if !strings.Contains(nh, `href="`+base+`"`) {
				t.Errorf("%s: no link back to the tree's start", u)
			}
			if n.IsOutcome() {
				if !strings.Contains(nh, `class="page tree-outcome-page"`) || !strings.Contains(nh, esc(n.Outcome.Title)) {
					t.Errorf("%s: not an outcome page for %q", u, n.Outcome.Title)
				}
				continue
			}
			for _, a := range n.Answers {
				if !strings.Contains(nh, `href="`+base+a.Next+`/">`+esc(a.Label)+`</a>`) {
					t.Errorf("%s: no link %q to %s", u, a.Label, a.Next)
				}
			}
		}
	}
	t.Logf("%d tree and node pages of %d pages", pages, res.Pages)

	// No broken links from tree pages.
	broken, err := contenttest.BrokenLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		if strings.HasPrefix(b.Page, "/beslutningstrer/") {
			t.Errorf("broken link on %s: %s (%s)", b.Page, b.Element, b.Message)
		}
	}
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// checkSVG parses the diagram as XML and checks that it has a box per node and per answer, that
// no two boxes overlap, and that it uses classes only.
func checkSVG(t *testing.T, page, svg string, tr *trees.Tree) {
	t.Helper()
	if svg == "" {
		t.Errorf("%s: no diagram", page)
		return
	}
	type rect struct{ x, y, w, h float64 }
	var rects []rect
	dec := xml.NewDecoder(strings.NewReader(svg))
	groups := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: the diagram is not well-formed XML: %v", page, err)
			return
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		if _, ok := attr["style"]; ok {
			t.Errorf("%s: style attribute in the diagram", page)
		}
		switch se.Name.Local {
		case "g":
			for _, c := range strings.Fields(attr["class"]) {
				groups[c]++
			}
		case "rect":
			f := func(k string) float64 { v, _ := strconv.ParseFloat(attr[k], 64); return v }
			rects = append(rects, rect{f("x"), f("y"), f("width"), f("height")})
		}
	}
	questions, outcomes, answers := 0, 0, 0
	for _, id := range tr.Order {
		if tr.Nodes[id].IsOutcome() {
			outcomes++
		} else {
			questions++
			answers += len(tr.Nodes[id].Answers)
		}
	}
	if groups["tree-svg-question"] != questions || groups["tree-svg-outcome"] != outcomes || groups["tree-svg-answer"] != answers {
		t.Errorf("%s: diagram has %v, want %d questions, %d outcomes, %d answers", page, groups, questions, outcomes, answers)
	}
	for i := range rects {
		for j := i + 1; j < len(rects); j++ {
			a, b := rects[i], rects[j]
			if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
				t.Errorf("%s: boxes overlap: %v and %v", page, a, b)
			}
		}
	}
}

func TestTreeIndex(t *testing.T) {
	dir, _, _ := built(t)
	h := readFile(t, dir, "/beslutningstrer/")
	var list contenttest.Element
	for _, ul := range contenttest.Elements(h, "ul") {
		if strings.Contains(ul.Attrs["class"], "tree-index") {
			list = ul
		}
	}
	items := list.Elements("li")
	if len(items) != len(shipped) {
		t.Fatalf("the index lists %d trees, want %d", len(items), len(shipped))
	}
	var hrefs []string
	for _, it := range items {
		links := it.Tags("a")
		if len(links) != 1 {
			t.Errorf("an index line has %d links", len(links))
			continue
		}
		hrefs = append(hrefs, links[0]["href"])
		if strings.Contains(links[0]["href"], "samarbejdsmodellen") && it.Attrs["lang"] != "da" {
			t.Errorf("the Danish tree's line is not lang=da: %v", it.Attrs)
		}
	}
	for i, slug := range shipped { // by weight
		if i < len(hrefs) && hrefs[i] != "/beslutningstrer/"+slug+"/" {
			t.Errorf("index line %d is %s, want %s", i+1, hrefs[i], slug)
		}
	}
}

// serveSite serves the built site over plain HTTP on 127.0.0.1, with the portal's security
// headers (the strict CSP), for the duration of the test.
func serveSite(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	// httptest listens on the loopback interface only.
	srv := httptest.NewServer(serve.Headers(http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	return srv
}

var hrefRe = regexp.MustCompile(`href="([^"#?]*)"`)

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(b)
}

// TestWithoutJavaScript reads the trees over plain HTTP, as a browser without JavaScript or a
// crawler does: from the tree page, following only links, every node page is reachable, and
// following answers leads to an outcome with "Start på nytt".
func TestWithoutJavaScript(t *testing.T) {
	dir, _, _ := built(t)
	srv := serveSite(t, dir)
	for _, slug := range shipped {
		tr := shippedTrees(t)[slug]
		base := "/beslutningstrer/" + slug + "/"

		// Crawl.
		seen := map[string]bool{base: true}
		queue := []string{base}
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			for _, m := range hrefRe.FindAllStringSubmatch(get(t, srv.URL+u), -1) {
				if strings.HasPrefix(m[1], base) && !seen[m[1]] {
					seen[m[1]] = true
					queue = append(queue, m[1])
				}
			}
		}
		for _, id := range tr.Order {
			if !seen[base+id+"/"] {
				t.Errorf("%s: node page %s is not reachable by following links", slug, id)
			}
		}

		// Follow the last answer of each question (a different route than the first) to an outcome.
		u := base
		var route []string
		for step := 0; ; step++ {
			h := get(t, srv.URL+u)
			if strings.Contains(h, `class="page tree-outcome-page"`) {
				if !strings.Contains(h, `href="`+base+`">`+map[string]string{"nb": "Start på nytt", "da": "Start forfra"}[tr.Lang]+`</a>`) {
					t.Errorf("%s: outcome %s has no restart link", slug, u)
				}
				break
			}
			if step > 20 {
				t.Fatalf("%s: no outcome after 20 steps: %v", slug, route)
			}
			var choices []string
			for _, a := range contenttest.Tags(h, "a") {
				if a["class"] == "tree-choice" {
					choices = append(choices, a["href"])
				}
			}
			if len(choices) < 2 {
				t.Fatalf("%s: %s has %d answer links", slug, u, len(choices))
			}
			u = choices[len(choices)-1]
			route = append(route, u)
		}
		t.Logf("%s: %s", slug, strings.Join(route, " → "))
	}
}

func TestNodePageCount(t *testing.T) {
	dir, _, f := built(t)
	n := 0
	for _, tr := range f.Trees() {
		n += len(tr.Order)
	}
	var files []string
	_ = filepath.Walk(filepath.Join(dir, "beslutningstrer"), func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Name() == "index.html" {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	// Node pages, one page per tree, and the index.
	if want := n + len(shipped) + 1; len(files) != want {
		t.Errorf("%d pages under /beslutningstrer/, want %d", len(files), want)
	}
	t.Logf("%d node pages", n)
}

// TestShippedTreesDutyToReport walks every path of every shipped tree from its start: in a tree
// about children, no path reaches an outcome that advises not to share without passing a
// question that checks the duty to report; every duty-to-report outcome cites barnevernsloven
// § 13-2 and links to the page about the duty.
func TestShippedTreesDutyToReport(t *testing.T) {
	trs := shippedTrees(t)
	paths, guarded, duty := 0, 0, 0
	for _, slug := range shipped {
		tr := trs[slug]
		if len(tr.Audience) == 0 {
			t.Errorf("%s has no audience", slug)
		}
		var walk func(id string, path []string, checked bool)
		walk = func(id string, path []string, checked bool) {
			n := tr.Nodes[id]
			path = append(path, id)
			checked = checked || n.Checks == trees.ChecksDutyToReport
			if !n.IsOutcome() {
				for _, a := range n.Answers {
					walk(a.Next, path, checked)
				}
				return
			}
			paths++
			if n.Outcome.Kind == trees.KindDoNotShare && tr.IncludesChildren() {
				guarded++
				if !checked {
					t.Errorf("%s: %s advises not to share without the duty-to-report question", slug, strings.Join(path, " → "))
				}
			}
		}
		walk(tr.Start, nil, false)
		for _, id := range tr.Order {
			o := tr.Nodes[id].Outcome
			if o == nil || o.Kind != trees.KindDutyToReport {
				continue
			}
			duty++
			if !slices.Contains(o.Legal, "bvl-13-2") {
				t.Errorf("%s/%s: a duty-to-report outcome without bvl-13-2", slug, id)
			}
			linked := false
			for _, l := range o.Links {
				linked = linked || l.URL == "/opplysningsplikt/"
			}
			if !linked {
				t.Errorf("%s/%s: a duty-to-report outcome does not link to /opplysningsplikt/", slug, id)
			}
			if !strings.Contains(o.Body+strings.Join(o.NextSteps, " "), "barnevernvakt") {
				t.Errorf("%s/%s: does not say whom to call out of hours (barnevernvakten)", slug, id)
			}
		}
	}
	if guarded < 10 || duty < 8 {
		t.Errorf("%d do-not-share paths and %d duty-to-report outcomes: the rule is not being exercised", guarded, duty)
	}
	t.Logf("%d paths walked; %d end in do-not-share in trees about children, all behind the check; %d duty-to-report outcomes", paths, guarded, duty)
}

// The legal content of the trees after the 2026-12-03 review (issue 12).
func TestShippedTreesLegalContent(t *testing.T) {
	trs := shippedTrees(t)
	dd := trs["drofte-eller-dele"]
	// Right after acute danger comes the question about a child at serious risk.
	var afterDanger []string
	for _, a := range dd.Nodes[dd.Start].Answers {
		afterDanger = append(afterDanger, a.Next)
	}
	if !slices.Contains(afterDanger, "barn") || dd.Nodes["barn"].Checks != trees.ChecksDutyToReport {
		t.Errorf("drofte-eller-dele: the answers of %q lead to %v, not to the duty-to-report question", dd.Start, afterDanger)
	}
	for _, slug := range shipped {
		tr := trs[slug]
		for _, id := range tr.Order {
			n := tr.Nodes[id]
			o := n.Outcome
			if o == nil {
				continue
			}
			text := strings.ToLower(o.Title + " " + o.Body)
			// fvl. § 13 b nr. 7 is narrow, and says so wherever it is cited.
			if slices.Contains(o.Legal, "fvl-13b-7") && !(strings.Contains(text, "nødvendig") && strings.Contains(text, "uten navn")) {
				t.Errorf("%s/%s cites fvl. § 13 b nr. 7 without saying how narrow it is", slug, id)
			}
			// Violence and abuse against a child: the duty to report and the duty to avert.
			if o.Kind == trees.KindDutyToReport && strings.Contains(text, "overgrep") && strings.Contains(strings.ToLower(o.Title), "foreldrene") &&
				!(slices.Contains(o.Legal, "bvl-13-2") && slices.Contains(o.Legal, "strl-196")) {
				t.Errorf("%s/%s is about violence or abuse but does not cite bvl-13-2 and strl-196: %v", slug, id, o.Legal)
			}
			// No outcome sends health personnel away without telling them which law governs them.
			if strings.Contains(text, "ikke del ut fra denne veiviseren") {
				t.Errorf("%s/%s sends the worker away: %q", slug, id, o.Title)
			}
			// The coordinator trees never tell the worker that a family has no right.
			if (slug == "barnekoordinator" || slug == "koordinator") && regexp.MustCompile(`(?i)\b(ikke|ingen) rett\b`).MatchString(o.Title) {
				t.Errorf("%s/%s says «ikke rett» on the worker's judgement: %q", slug, id, o.Title)
			}
		}
	}
	if o := dd.Nodes["utfall-helse"].Outcome; !strings.Contains(o.Body, "helsepersonelloven") || !slices.Contains(o.Legal, "hpl-33") {
		t.Errorf("drofte-eller-dele/utfall-helse does not tell health personnel that helsepersonelloven governs them")
	}
	// Outcomes that say a coordinator is unlikely say that the family or person may still ask, and appeal.
	for slug, ids := range map[string][]string{
		"barnekoordinator": {"utfall-ikke-alvorlig", "utfall-ikke-vilkar", "utfall-avklar-behov", "utfall-rett"},
		"koordinator":      {"utfall-kortvarig", "utfall-usikker", "utfall-en-tjeneste", "utfall-rett-til-koordinator"},
	} {
		for _, id := range ids {
			if o := trs[slug].Nodes[id].Outcome; !slices.Contains(o.Legal, "pbrl-7-2") {
				t.Errorf("%s/%s does not say that a refusal can be appealed (pbrl-7-2)", slug, id)
			}
		}
	}
	if !strings.Contains(trs["barnekoordinator"].Nodes["alvorlig"].Help, "ingen bestemt diagnose") {
		t.Error("barnekoordinator: the question about serious illness does not say that no diagnosis is needed")
	}
	koord := false
	for _, id := range trs["koordinator"].Order {
		if o := trs["koordinator"].Nodes[id].Outcome; o != nil && slices.Contains(o.Legal, "sthl-2-5a") {
			koord = true
		}
	}
	if !koord {
		t.Error("koordinator: no outcome covers the specialist health service (sthl-2-5a)")
	}
	// Coordination does not depend on consent: no question in samordningsansvar asks for it.
	for _, id := range trs["samordningsansvar"].Order {
		if n := trs["samordningsansvar"].Nodes[id]; !n.IsOutcome() && strings.Contains(strings.ToLower(n.Question), "samtykk") {
			t.Errorf("samordningsansvar asks about consent before coordinating: %q", n.Question)
		}
	}
	// Consent help texts: everyone with parental responsibility, the child's say, practice as practice.
	for _, ref := range []struct{ tree, node string }{{"drofte-eller-dele", "samtykke"}, {"samarbeidsniva", "samtykke"}} {
		h := trs[ref.tree].Nodes[ref.node].Help
		for _, want := range []string{"alle som har foreldreansvar", "eldre og mer modent", "praksis"} {
			if !strings.Contains(h, want) {
				t.Errorf("%s/%s: the consent help does not say %q", ref.tree, ref.node, want)
			}
		}
	}
}
