// Package hugocli runs the Hugo CLI as samvirke's renderer: a command, never a Go library. It
// finds the binary, checks that it is the version the layouts are tested with, and builds a site
// into a folder, turning Hugo's ERROR and WARN lines into diagnostics.
package hugocli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"samvirke/generator/internal/diag"
)

// Version is the Hugo release the layouts are tested with (the parity test builds the bundled
// portal with it). Install it with InstallHint.
const Version = "0.152.2"

// InstallHint says how to get the tested Hugo.
const InstallHint = "install it with: go install github.com/gohugoio/hugo@v" + Version +
	" (then it is ~/go/bin/hugo), or pass its path: --hugo=/path/to/hugo"

// ErrNotFound is a Hugo binary that is not there.
var ErrNotFound = errors.New("the Hugo CLI was not found")

// CLI is a Hugo binary of the tested version.
type CLI struct {
	Path string
}

// Find returns the Hugo CLI at path (a file, or a name looked up on PATH; "" means "hugo"),
// after checking its version. A missing binary is ErrNotFound; another version is an error that
// names both versions.
func Find(path string) (*CLI, error) {
	if path == "" {
		path = "hugo"
	}
	bin, err := exec.LookPath(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %q (%v); %s", ErrNotFound, path, err, InstallHint)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version failed (%v): is it the Hugo CLI? %s", bin, err, InstallHint)
	}
	got := ParseVersion(string(out))
	if got != Version {
		if got == "" {
			got = strings.TrimSpace(string(out))
		}
		return nil, fmt.Errorf("%s is Hugo %s; samvirke's layouts are tested with Hugo %s: %s", bin, got, Version, InstallHint)
	}
	return &CLI{Path: bin}, nil
}

var versionRe = regexp.MustCompile(`\bv(\d+\.\d+\.\d+)`)

// ParseVersion reads the version from the output of hugo version ("hugo v0.152.2-… linux/amd64
// BuildDate=…" gives "0.152.2"), or "".
func ParseVersion(out string) string {
	if m := versionRe.FindStringSubmatch(out); m != nil {
		return m[1]
	}
	return ""
}

// Options of one Hugo build.
type Options struct {
	Source  string // the site source
	Dest    string // an empty folder: Hugo writes the site into it
	BaseURL string // --baseURL, when not ""
	Drafts  bool   // --buildDrafts
}

// Build runs hugo on the site. It leaves no lock file in the source (--noBuildLock) and keeps its
// cache in a folder of its own that it removes. Hugo's ERROR lines are errors, its WARN lines
// warnings; a failed run with no ERROR line is one error with Hugo's output.
func (c *CLI) Build(ctx context.Context, o Options) (*diag.List, error) {
	cache, err := os.MkdirTemp("", "samvirke-hugo-cache-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(cache)
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	dest, err := filepath.Abs(o.Dest)
	if err != nil {
		return nil, err
	}
	args := []string{"--source", src, "--destination", dest, "--cacheDir", cache, "--noBuildLock", "--logLevel", "warn"}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL)
	}
	if o.Drafts {
		args = append(args, "--buildDrafts")
	}
	cmd := exec.CommandContext(ctx, c.Path, args...)
	cmd.Dir = src
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	d := Diagnostics(out.String(), src)
	if runErr != nil && !d.HasErrors() {
		d.Add(diag.Diagnostic{Message: fmt.Sprintf("hugo: %v\n%s", runErr, strings.TrimSpace(out.String()))})
	}
	return d, nil
}

// logLine is one of Hugo's log lines: "ERROR …" or "WARN  …", and Hugo's "Error: …" on failure.
var logLine = regexp.MustCompile(`^(ERROR|WARN|Error:)\s+(.*)$`)

// position is the file position Hugo puts in front of a message: `"/abs/path/file:12:3": …`.
var position = regexp.MustCompile(`"([^"]+?):\d+:\d+": `)

// Diagnostics turns Hugo's output into diagnostics: ERROR and Error: lines are errors, WARN lines
// warnings (each once; Hugo repeats some); other lines (the build summary) are dropped. A message
// that starts with a file inside src names it relative to src; its position stays in the text
// (Hugo's output is text: the position is not read out of it).
func Diagnostics(out, src string) *diag.List {
	d := &diag.List{}
	seen := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		m := logLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || seen[line] {
			continue
		}
		seen[line] = true
		dg := diag.Diagnostic{Message: "hugo: " + m[2]}
		if m[1] == "WARN" {
			dg.Severity = diag.Warning
		}
		if p := position.FindStringSubmatch(m[2]); p != nil {
			if rel, err := filepath.Rel(src, p[1]); err == nil && filepath.IsLocal(rel) {
				dg.File = filepath.ToSlash(rel)
			}
		}
		d.Add(dg)
	}
	return d
}
