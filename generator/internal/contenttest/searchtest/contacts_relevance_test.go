package searchtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"samvirke/generator/internal/contenttest"
)

// The contacts page (/kontakter/) is indexed through the normal page path (its body lists every
// contact, through the kontakter shortcode) and is found for the services' names – the names in
// data/kontakter.yaml and the words workers use for them.
func TestContactsFoundByServiceName(t *testing.T) {
	ix := openIndex(t)
	raw, err := os.ReadFile(filepath.Join(contenttest.RepoRoot(t), "data", "kontakter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Contacts []struct{ ID, Name string } }
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	queries := []string{"barnevernvakt", "barnevernvakten", "koordinerende enhet", "PPT", "helsestasjon", "familievernkontor",
		"NAV-kontoret", "psykisk helse og rus", "legevakt", "alarmtelefonen", "telefonnummer", "nødnummer", "hvem kontakter jeg"}
	for _, c := range file.Contacts {
		// The municipality's own name goes in the example names; search by the service's.
		name, _, _ := strings.Cut(c.Name, " i Eksempel kommune")
		queries = append(queries, name)
	}
	for _, q := range queries {
		requireInTop(t, ix, q, 5, "/kontakter/")
	}
}
