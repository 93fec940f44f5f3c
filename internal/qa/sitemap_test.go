package qa

import (
	"slices"
	"testing"
)

func TestSitemapPages(t *testing.T) {
	got, err := SitemapPages(goodDir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/", "/om/", "/sok/"}
	if !slices.Equal(got, want) {
		t.Errorf("SitemapPages = %q, want %q", got, want)
	}
}

func TestOnePerType(t *testing.T) {
	in := []string{"/", "/tjenester/", "/tjenester/barnehage/", "/tjenester/skole/", "/om/", "/tjenester/skole/soknad/", "/404.html"}
	want := []string{"/", "/tjenester/", "/tjenester/barnehage/", "/om/", "/tjenester/skole/soknad/", "/404.html"}
	if got := OnePerType(in); !slices.Equal(got, want) {
		t.Errorf("OnePerType = %q, want %q", got, want)
	}
}
