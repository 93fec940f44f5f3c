package search

import (
	"fmt"
	"testing"
)

func TestStemExplore(t *testing.T) {
	an := defaultAnalyzers()
	for _, w := range []string{"koordinater", "koordinering", "koordinator", "forvaltningsloven", "forvaltningsorganer", "samhandling", "samarbeid", "en", "er", "på", "og", "hva", "netværksmøde", "stafettloggen"} {
		fmt.Printf("%-20s", w)
		for _, l := range analyzerLangs {
			var ts []string
			for _, tk := range an.stemmers[l].Analyze([]byte(w)) {
				ts = append(ts, string(tk.Term))
			}
			fmt.Printf(" %s=%v", l, ts)
		}
		fmt.Println()
	}
}
