package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// testMessages are the endpoints' texts from the site's own i18n/ files, the one place they live.
var testMessages = func() Messages {
	m := Messages{Default: "nb", Text: map[string]map[string]string{}}
	files, _ := filepath.Glob(filepath.Join("..", "i18n", "*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		var all map[string]any
		if err := yaml.Unmarshal(b, &all); err != nil {
			panic(err)
		}
		lang := strings.TrimSuffix(filepath.Base(f), ".yaml")
		m.Text[lang] = map[string]string{}
		for _, id := range MessageIDs {
			if s, ok := all[id].(string); ok {
				m.Text[lang][id] = s
			}
		}
	}
	return m
}()

func TestMessagesAreRequired(t *testing.T) {
	for name, m := range map[string]Messages{
		"none":            {},
		"no default":      {Default: "se", Text: testMessages.Text},
		"default lacks 1": {Default: "nb", Text: map[string]map[string]string{"nb": {"searchErrEmpty": "x"}}},
	} {
		if _, err := Build(filepath.Join(t.TempDir(), "ix"), testDocs, BuildOptions{Messages: m}); err == nil || !strings.Contains(err.Error(), "messages") {
			t.Errorf("%s: Build = %v, want an error about the messages", name, err)
		}
	}
}

func TestMessagesPickTheRequestedLanguage(t *testing.T) {
	m := Messages{Default: "nb", Text: map[string]map[string]string{
		"nb": {"searchErrRange": "{param} må være et heltall fra {min} til {max}.", "searchNext": "Neste"},
		"da": {"searchErrRange": "{param} skal være et heltal fra {min} til {max}."},
	}}
	for _, c := range []struct{ ui, id, want string }{
		{"da", "searchErrRange", "page skal være et heltal fra 1 til 100."},
		{"nb", "searchErrRange", "page må være et heltall fra 1 til 100."},
		{"", "searchErrRange", "page må være et heltall fra 1 til 100."},
		{"se", "searchErrRange", "page må være et heltall fra 1 til 100."}, // no Sami texts: the default
		{"da", "searchNext", "Neste"},                                      // missing in Danish: the default's
	} {
		if got := m.get(m.lang(c.ui), c.id, "param", "page", "min", "1", "max", "100"); got != c.want {
			t.Errorf("ui=%q %s: %q, want %q", c.ui, c.id, got, c.want)
		}
	}
}
