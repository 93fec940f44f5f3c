package qa

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
)

// VNUJar is the path of the Nu Html Checker in node_modules, from the npm
// package vnu-jar.
const VNUJar = "vnu-jar/build/dist/vnu.jar"

// HTMLValidity checks pages with the Nu Html Checker (vnu.jar of the npm
// package vnu-jar) in one run of Java, and returns its errors. The pages
// are files relative to dir, as HTMLFiles returns them; no pages means
// every HTML file in dir.
func HTMLValidity(dir string, pages []string) ([]Finding, error) {
	if len(pages) == 0 {
		var err error
		if pages, err = HTMLFiles(dir); err != nil {
			return nil, fmt.Errorf("html: %w", err)
		}
		if len(pages) == 0 {
			return nil, nil
		}
	}
	jar, err := nodeFile(VNUJar)
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	java, err := lookPath("java")
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}

	args := []string{"-jar", jar, "--format", "json", "--errors-only", "--stdout"}
	for _, p := range pages {
		args = append(args, filepath.Join(absDir, filepath.FromSlash(p)))
	}
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// vnu exits with 1 when it finds errors, and prints its JSON all the same.
	var exitErr *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exitErr) {
		return nil, fmt.Errorf("html: run vnu: %w", runErr)
	}
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("html: vnu printed no JSON (%v): %s", runErr, shorten(stderr.String()+stdout.String(), 2000))
	}

	var findings []Finding
	for _, m := range out.Messages {
		findings = append(findings, m.finding(absDir))
	}
	sortFindings(findings)
	return findings, nil
}

// vnuMessage is a message of vnu's JSON format.
type vnuMessage struct {
	Type      string `json:"type"` // "error", "non-document-error", "info"
	SubType   string `json:"subType"`
	URL       string `json:"url"` // "file:/abs/path.html"
	FirstLine int    `json:"firstLine"`
	LastLine  int    `json:"lastLine"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
}

func (m vnuMessage) finding(absDir string) Finding {
	page := m.URL
	if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
		if rel, err := filepath.Rel(absDir, filepath.FromSlash(u.Path)); err == nil {
			page = PagePath(rel)
		}
	}
	line := m.FirstLine
	if line == 0 {
		line = m.LastLine
	}
	rule := "invalid-html"
	if m.Type != "error" {
		rule = m.Type
	}
	return Finding{
		Page: page, Gate: GateHTML, Rule: rule,
		Element: strings.Join(strings.Fields(m.Extract), " "), Line: line,
		Message: m.Message, Fix: vnuFix(m.Message), Severity: Error,
	}
}

// vnuFixes are hints for common messages of vnu, by a part of the message.
var vnuFixes = []struct{ part, fix string }{
	{"must have an “alt” attribute", `give the image alt="…" describing it, or alt="" if it is decorative`},
	{"not allowed as child of element", "move the element to a parent that may contain it (see the content model in the HTML standard); e.g. no block elements inside <p>, only <li> inside <ul>"},
	{"element in scope but a", "close elements in the order they were opened; a <p> cannot contain block elements such as <div>"},
	{"Stray end tag", "remove the end tag, or add the start tag it belongs to"},
	{"Duplicate ID", "make every id unique on the page"},
	{"Bad value", "use a value that the attribute allows"},
	{"not allowed on element", "remove the attribute, or use one that the element allows"},
	{"Unclosed element", "add the missing end tag"},
}

func vnuFix(msg string) string {
	for _, f := range vnuFixes {
		if strings.Contains(msg, f.part) {
			return f.fix
		}
	}
	return "fix the markup as the message says; the generator's templates are the usual cause"
}
