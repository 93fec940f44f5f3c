// Package corpus writes synthetic sites for benchmarks: N pages of Norwegian (some Nynorsk and
// Danish) Markdown with headings, paragraphs, lists and tables, spread over ten sections, using the
// real theme. The text comes from package search/synth: words drawn by Zipf's law with compounds,
// inflections and rare words, so that the search index of a synthetic site grows as a real
// site's does.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"samvirke/search/synth"
)

var sections = []string{"barnehage", "skole", "helsestasjon", "barnevern", "nav", "ppt", "psykisk-helse", "rus", "fritid", "bolig"}

// tags are the editors' tags the pages get two of: a small set, as on a real site (every tag is a
// taxonomy page in Hugo).
var tags = strings.Fields("samarbeid samordning tjeneste barn familie tiltak plan møte ansvar oppfølging kartlegging mål evaluering skole barnehage helse koordinator stafettlogg undring bekymring")

// Write creates a site with n pages in dir, copying hugo.toml, layouts, assets and i18n from
// theme (the repository root).
func Write(dir, theme string, n int) error {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"hugo.toml", "layouts", "assets", "i18n"} {
		if err := copyTree(filepath.Join(theme, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	content := filepath.Join(dir, "content")
	if err := write(filepath.Join(content, "_index.md"), "---\ntitle: Forside\n---\nSyntetisk innhold for ytelsesmåling.\n"); err != nil {
		return err
	}
	if err := write(filepath.Join(content, "sok.md"), "---\ntitle: Søk\nlayout: sok\nsearch_exclude: true\n---\nSøk i alle sidene.\n"); err != nil {
		return err
	}
	for i, s := range sections {
		idx := fmt.Sprintf("---\ntitle: %s\ndescription: Sider om %s.\nweight: %d\n---\nSider om %s.\n", upper(s), s, i+1, s)
		if err := write(filepath.Join(content, s, "_index.md"), idx); err != nil {
			return err
		}
	}
	for i, p := range synth.Pages(n) {
		sec := sections[i%len(sections)]
		if err := write(filepath.Join(content, sec, fmt.Sprintf("side-%05d.md", i)), page(r, i, p)); err != nil {
			return err
		}
	}
	return nil
}

// page renders p as Markdown: front matter, the lead, then each section, with one paragraph in
// three written as a list and one section in three ending with a table.
func page(r *rand.Rand, i int, p synth.Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\nweight: %d\nlastmod: 2026-%02d-%02d\n", p.Title, p.Description, i%50+1, r.IntN(12)+1, r.IntN(28)+1)
	if p.Lang != "nb" {
		fmt.Fprintf(&b, "lang: %s\n", p.Lang)
	}
	fmt.Fprintf(&b, "tags: [%s, %s]\n", tags[r.IntN(len(tags))], tags[r.IntN(len(tags))])
	b.WriteString("---\n\n")
	for k, sec := range p.Sections {
		if sec.Heading != "" {
			fmt.Fprintf(&b, "## %s\n\n", sec.Heading)
		}
		for j, para := range sec.Paragraphs {
			if (k+j)%3 == 2 {
				for _, sent := range strings.SplitAfter(para, ". ") {
					fmt.Fprintf(&b, "- %s\n", strings.TrimSpace(sent))
				}
				b.WriteString("\n")
				continue
			}
			b.WriteString(para)
			b.WriteString("\n\n")
		}
		if k%3 == 1 {
			b.WriteString("| Tjeneste | Ansvar | Frist |\n|---|---|---|\n")
			for d := range 3 {
				fmt.Fprintf(&b, "| %s | %s | %d dager |\n", upper(sections[(i+d)%len(sections)]), strings.Fields(p.Title)[0], 7*(d+1))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func upper(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func write(p, s string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(s), 0o644)
}

func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
