package portaltest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/goccy/go-yaml"

	"samvirke/generator/internal/contenttest"
	"samvirke/internal/browser"
)

type contact struct {
	ID, Name, Phone, Group string
	Example, National      bool
}

func contactsFile(t *testing.T) []contact {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(contenttest.RepoRoot(t), "data", "kontakter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Contacts []contact }
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	return f.Contacts
}

// TestContactsPage: /kontakter/ shows every contact of data/kontakter.yaml under its need, with
// its number as a tel: link; examples are marked as such; the page prints with the numbers.
func TestContactsPage(t *testing.T) {
	base := site(t)
	ctx := browser.New(t)
	tb := browser.OpenTab(t, ctx, base)
	tb.Open("/kontakter/", true)
	type card struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Tel     string `json:"tel"`
		Number  string `json:"number"`
		Example bool   `json:"example"`
		Group   string `json:"group"`
	}
	read := func() []card {
		return eval[[]card](tb, `[...document.querySelectorAll(".contact-card")].filter((c) => c.getClientRects().length > 0).map((c) => {
		  const a = c.querySelector(".contact-phone a");
		  return {id: c.id, name: c.querySelector(".contact-name").textContent, tel: a ? a.getAttribute("href") : "",
		    number: a ? a.textContent.replace(/^Telefon: /, "") : "", example: !!c.querySelector(".contact-badge"),
		    group: c.closest("section").querySelector("h2").id};
		})`)
	}
	cards := read()
	want := contactsFile(t)
	if len(cards) != len(want) {
		t.Fatalf("%d contact cards, %d contacts in the file", len(cards), len(want))
	}
	byID := map[string]card{}
	for _, c := range cards {
		byID[c.ID] = c
	}
	for _, c := range want {
		got, ok := byID["kontakt-"+c.ID]
		switch {
		case !ok:
			t.Errorf("no card for %s", c.ID)
		case got.Number != c.Phone || got.Tel != "tel:"+strings.ReplaceAll(c.Phone, " ", ""):
			t.Errorf("%s: number %q links to %q", c.ID, got.Number, got.Tel)
		case got.Example != c.Example || !strings.HasPrefix(got.Name, c.Name):
			t.Errorf("%s: %q, marked example %v", c.ID, got.Name, got.Example)
		case got.Group != "gruppe-"+c.Group:
			t.Errorf("%s is under %s, want %s", c.ID, got.Group, c.Group)
		}
	}
	if n := eval[int](tb, withVisible(`[...document.querySelectorAll(".contact-example-notice")].filter(visible).length`)); n != 1 {
		t.Errorf("%d notices that example entries remain", n)
	}
	if err := browser.EmulatePrint(tb.Ctx); err != nil {
		t.Fatal(err)
	}
	text := eval[string](tb, `document.querySelector("main").innerText`)
	for _, c := range want {
		if !strings.Contains(text, c.Phone) {
			t.Errorf("the printout lacks %s's number %s", c.ID, c.Phone)
		}
	}
	_ = browser.EmulateMedia(tb.Ctx, "")
}

// TestNumbersWhereItSaysRing: where a tree outcome, a guide step or the duty-to-report page tells
// the worker to call, the number is there as a tel: link, with and without JavaScript.
func TestNumbersWhereItSaysRing(t *testing.T) {
	base := site(t)
	ctx := browser.New(t)
	for _, js := range []bool{false, true} {
		tb := browser.OpenTab(t, ctx, base)
		if !js {
			if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			path string
			want []string // tel: hrefs
		}{
			{"/beslutningstrer/samarbeidsniva/utfall-meld/", []string{"tel:12345601", "tel:12345602"}},
			{"/beslutningstrer/drofte-eller-dele/utfall-fare/", []string{"tel:112", "tel:113"}},
			{"/opplysningsplikt/", []string{"tel:12345601", "tel:12345602", "tel:112", "tel:113", "tel:116111", "tel:116117"}},
			{"/veiviser/trinn-4/", []string{"tel:112", "tel:12345602"}},
		} {
			tb.Open(c.path, js)
			links := eval[[]string](tb, withVisible(` [...document.querySelectorAll("main a[href^='tel:']")].filter(visible).map((a) => a.getAttribute("href"))`))
			for _, w := range c.want {
				if !strings.Contains(strings.Join(links, " "), w) {
					t.Errorf("js=%v %s: no visible link %s (have %v)", js, c.path, w, links)
				}
			}
		}
		if js {
			// The widget's outcome too: «Jeg er usikker» on the duty-to-report question.
			tb.Open("/beslutningstrer/samarbeidsniva/?svar=akutt-fare.nei,vold.usikker", true)
			tb.WaitFor(`document.querySelector("#tree-result-h")`)
			if got := eval[string](tb, `document.querySelector(".tree-result").innerText`); !strings.Contains(got, "12 34 56 01") || !strings.Contains(got, "12 34 56 02") {
				t.Errorf("the widget's outcome does not show the numbers:\n%s", got)
			}
		}
	}
}
