package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/config"
	"samvirke/generator/internal/features"
	"samvirke/generator/internal/publish"
)

// version is set with -ldflags "-X main.version=…"; otherwise the module build info is used.
var version = ""

const usage = `samvirke builds a guidance portal from content/, layouts/, assets/, static/, i18n/ and hugo.toml.

Usage:
  samvirke build  [--source DIR] [--dest DIR] [--index DIR] [--drafts] [--baseURL URL]
  samvirke check  [--source DIR] [--drafts] [--strict]
  samvirke serve  [--source DIR] [--port 1313] [--bind 127.0.0.1]
  samvirke search --index DIR [--bind 127.0.0.1] [--port 1314]
  samvirke version
`

const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return cmdBuild(rest, stdout, stderr)
	case "check":
		return cmdCheck(rest, stdout, stderr)
	case "serve", "server":
		return cmdServe(rest, stdout, stderr)
	case "search":
		return cmdSearch(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "samvirke", versionString())
		return exitOK
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "samvirke: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev := ""
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = s.Value[:12]
			}
		}
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
		if rev != "" {
			return "dev-" + rev
		}
	}
	return "dev"
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("samvirke "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags; a usage problem or stray argument is exit code 2.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

func sourceDir(src string, stderr io.Writer) (string, bool) {
	st, err := os.Stat(src)
	if err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "samvirke: --source %q is not a directory\n", src)
		return "", false
	}
	return src, true
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	src := fs.String("source", ".", "site source directory")
	dest := fs.String("dest", "", "output directory (default SOURCE/public)")
	drafts := fs.Bool("drafts", false, "include pages with draft: true")
	baseURL := fs.String("baseURL", "", "override hugo.toml's baseURL")
	index := fs.String("index", "", "search index directory (default search.bleve beside the output)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if _, ok := sourceDir(*src, stderr); !ok {
		return exitUsage
	}
	if *baseURL != "" {
		if _, err := config.CheckBaseURL(*baseURL); err != nil {
			fmt.Fprintf(stderr, "samvirke build: --%v\n", err)
			return exitUsage
		}
	}
	if *dest == "" {
		*dest = filepath.Join(*src, "public")
	}
	if *index != "" {
		// Relative to the working directory, like --dest (the feature would put a relative name
		// beside the output folder).
		abs, err := filepath.Abs(*index)
		if err != nil {
			fmt.Fprintf(stderr, "samvirke build: --index %q: %v\n", *index, err)
			return exitUsage
		}
		*index = abs
	}
	res, err := build.Build(build.Options{Source: *src, Dest: *dest, Drafts: *drafts, BaseURL: *baseURL,
		Features: features.All(*index)})
	var refused *publish.RefusedError
	if errors.As(err, &refused) {
		fmt.Fprintf(stderr, "samvirke build: %v\n\t%s\n", refused, refused.Hint)
		return exitUsage
	}
	fmt.Fprint(stderr, res.Diagnostics.Report())
	if err != nil {
		if !errors.Is(err, build.ErrFailed) {
			fmt.Fprintf(stderr, "samvirke: %v\n", err)
		}
		fmt.Fprintf(stderr, "build failed: %d error(s); %s was left as it was\n", len(res.Diagnostics.Errors()), *dest)
		return exitContent
	}
	fmt.Fprintf(stdout, "built %d pages into %s in %s (%d warnings)\n", res.Pages, *dest, res.Duration.Round(1e6), len(res.Diagnostics.Warnings()))
	return exitOK
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	src := fs.String("source", ".", "site source directory")
	drafts := fs.Bool("drafts", false, "check pages with draft: true too")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if _, ok := sourceDir(*src, stderr); !ok {
		return exitUsage
	}
	res, err := build.Build(build.Options{Source: *src, Drafts: *drafts, Check: true, Strict: *strict, Features: features.All("")})
	fmt.Fprint(stderr, res.Diagnostics.Report())
	if err != nil {
		fmt.Fprintf(stderr, "check failed: %d error(s)\n", len(res.Diagnostics.Errors()))
		return exitContent
	}
	fmt.Fprintf(stdout, "checked %d pages: no errors, %d warnings\n", res.Pages, len(res.Diagnostics.Warnings()))
	return exitOK
}

// signalContext is cancelled on SIGINT or SIGTERM, for graceful shutdown.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
