package contacts

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/goccy/go-yaml"

	"samvirke/generator/internal/diag"
)

// The bundled data/kontakter.yaml: valid, the national numbers as ../shared/research/legal-facts.md
// confirms them (2026-12-03), and every municipal service an example the build warns about.
func TestShippedContacts(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "..", "data", "kontakter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Contacts []struct {
			ID, Name, Phone   string
			National, Example bool
		}
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	national := map[string]string{"politi": "112", "amk": "113", "brann": "110", "alarmtelefonen": "116 111", "legevakt": "116 117"}
	examples := []string{"barnevernstjeneste", "barnevernvakt", "koordinerende-enhet", "ppt", "helsestasjon", "nav", "psykisk-helse-rus", "familievernkontor"}
	byID := map[string]bool{}
	for _, c := range file.Contacts {
		byID[c.ID] = true
		if want, ok := national[c.ID]; ok {
			if c.Phone != want || !c.National || c.Example {
				t.Errorf("%s: phone %q national %v example %v; want %q, national, not an example", c.ID, c.Phone, c.National, c.Example, want)
			}
			continue
		}
		if !c.Example {
			t.Errorf("%s (%s) is neither a national number nor marked example: true", c.ID, c.Name)
		}
	}
	for _, id := range append(examples, "politi", "amk", "brann", "alarmtelefonen", "legevakt") {
		if !byID[id] {
			t.Errorf("no contact %q", id)
		}
	}
	d := &diag.List{}
	got := validate(raw, siteWithTerms(t), d)
	if d.HasErrors() || len(got) != len(file.Contacts) {
		t.Errorf("the bundled file does not validate:\n%s", d.Report())
	}
}
