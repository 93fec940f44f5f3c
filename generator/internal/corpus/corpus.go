// Package corpus writes synthetic sites for benchmarks: N pages of realistic Norwegian Markdown
// (headings, paragraphs, lists, tables) spread over ten sections, using the real theme.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var sections = []string{"barnehage", "skole", "helsestasjon", "barnevern", "nav", "ppt", "psykisk-helse", "rus", "fritid", "bolig"}

var sentences = []string{
	"Tjenestene skal samarbeide når et barn eller en familie trenger hjelp fra flere steder samtidig.",
	"Stafettholderen sørger for at tiltakene henger sammen og at ingen faller mellom to stoler.",
	"Du skriver ned det du ser og hører, så konkret som mulig, før du drøfter saken med en kollega.",
	"Foreldrene skal være med når tiltak planlegges, med mindre det gjelder mistanke om vold eller overgrep.",
	"Ansvarsgruppen møtes jevnlig og evaluerer tiltakene opp mot målene familien selv har satt.",
	"Koordinatoren har oversikt over hvem som gjør hva, og følger opp at avtalene blir holdt.",
	"Når flere tjenester er involvert, må dere avklare hvem som har samordningsansvaret.",
	"Taushetsplikten hindrer ikke at du drøfter en sak anonymt med kolleger eller leder.",
	"Innbyggeren skal oppleve at hjelpen er helhetlig, forutsigbar og tilpasset de faktiske behovene.",
	"Laget rundt barnet består av de voksne som til sammen kan gi riktig hjelp til riktig tid.",
	"En individuell plan gir oversikt over mål, tiltak og ansvar, og den eies av brukeren.",
	"Evalueringen viser om tiltakene virker, eller om dere må justere eller avslutte dem.",
	"Relasjonell kapasitet handler om kunnskap, respekt og evnen til å løse problemer sammen.",
	"Samarbeidsplikten gjelder for alle velferdstjenestene når det er nødvendig for et godt tilbud.",
}

var words = strings.Fields("samarbeid samordning tjeneste barn familie tiltak plan møte ansvar oppfølging kartlegging mål evaluering skole barnehage helse koordinator stafettlogg undring bekymring")

// Write creates a site with n pages in dir, copying hugo.toml, layouts, assets and i18n from
// theme (the repository root).
func Write(dir, theme string, n int) error {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	for _, name := range []string{"hugo.toml", "layouts", "assets", "i18n"} {
		if err := copyTree(filepath.Join(theme, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	content := filepath.Join(dir, "content")
	if err := write(filepath.Join(content, "_index.md"), "---\ntitle: Forside\n---\nSyntetisk innhold for ytelsesmåling.\n"); err != nil {
		return err
	}
	for i, s := range sections {
		idx := fmt.Sprintf("---\ntitle: %s\ndescription: Sider om %s.\nweight: %d\n---\n%s\n", upper(s), s, i+1, sentences[i%len(sentences)])
		if err := write(filepath.Join(content, s, "_index.md"), idx); err != nil {
			return err
		}
	}
	for i := range n {
		s := sections[i%len(sections)]
		if err := write(filepath.Join(content, s, fmt.Sprintf("side-%05d.md", i)), page(r, i)); err != nil {
			return err
		}
	}
	return nil
}

func page(r *rand.Rand, i int) string {
	var b strings.Builder
	title := fmt.Sprintf("%s og %s %d", upper(words[r.IntN(len(words))]), words[r.IntN(len(words))], i)
	fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\nweight: %d\nlastmod: 2026-%02d-%02d\ntags: [%s, %s]\n---\n\n",
		title, sentences[r.IntN(len(sentences))], i%50+1, r.IntN(12)+1, r.IntN(28)+1, words[r.IntN(len(words))], words[r.IntN(len(words))])
	for h := range 4 {
		fmt.Fprintf(&b, "## %s %s for %s\n\n", upper(words[r.IntN(len(words))]), words[r.IntN(len(words))], words[(h+i)%len(words)])
		for range 2 {
			for range 4 + r.IntN(3) {
				b.WriteString(sentences[r.IntN(len(sentences))])
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		}
		switch h % 3 {
		case 0:
			for range 4 {
				fmt.Fprintf(&b, "- **%s**: %s\n", upper(words[r.IntN(len(words))]), sentences[r.IntN(len(sentences))])
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Tjeneste | Ansvar | Frist |\n|---|---|---|\n")
			for k := range 4 {
				fmt.Fprintf(&b, "| %s | %s | %d dager |\n", upper(words[r.IntN(len(words))]), words[r.IntN(len(words))], 7*(k+1))
			}
			b.WriteString("\n")
		default:
			for k := range 3 {
				fmt.Fprintf(&b, "%d. %s\n", k+1, sentences[r.IntN(len(sentences))])
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
