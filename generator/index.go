package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/sitesearch"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/tpl"
	"samvirke/search"
)

// cmdIndex builds the search index from a site that is already built (by samvirke build, or by
// the Hugo CLI from samvirke's layouts): the documents come from the site's search-fallback.json
// and pages, as samvirke build reads them; the synonyms and the search server's texts from the
// source. The index is staged and swapped in like samvirke build's, under the same guard.
func cmdIndex(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("index", stderr)
	public := fs.String("public", "", "the built site (required)")
	index := fs.String("index", "", "search index directory (default search.bleve beside --public)")
	src := fs.String("source", ".", "site source directory, for data/synonymer.yaml and i18n/")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *public == "" {
		fmt.Fprintf(stderr, "samvirke index: --public is required: the folder of a built site\n")
		return exitUsage
	}
	if st, err := os.Stat(*public); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "samvirke index: --public %q is not a directory\n", *public)
		return exitUsage
	}
	if _, ok := sourceDir(*src, stderr); !ok {
		return exitUsage
	}
	if *index == "" {
		*index = filepath.Join(filepath.Dir(filepath.Clean(*public)), sitesearch.DefaultIndexDir)
	}
	for _, check := range []func() error{
		func() error { return publish.CheckDest(*src, *index) },
		func() error { return publish.CheckApart(*public, *index) },
	} {
		if err := check(); err != nil {
			fmt.Fprintf(stderr, "samvirke index: %v\n", err)
			var r *publish.RefusedError
			if errors.As(err, &r) {
				fmt.Fprintf(stderr, "\t%s\n", r.Hint)
			}
			return exitUsage
		}
	}

	start := time.Now()
	d := &diag.List{}
	files := source.New(*src)
	cfg, ok := config.Load(files, d)
	if !ok || d.HasErrors() {
		fmt.Fprint(stderr, d.Report())
		return exitContent
	}
	opts, problems := sitesearch.Options(files, tpl.LoadI18n(files, cfg.DefaultContentLanguage, d), cfg.DefaultContentLanguage)
	for _, p := range problems {
		d.Add(p)
	}
	docs, err := sitesearch.Documents(*public)
	if err != nil {
		d.Add(diag.Diagnostic{File: sitesearch.FallbackFile, Message: err.Error(),
			Hint: "samvirke index reads the search documents that samvirke's layouts write (search-fallback.json and the pages); build the site with them"})
	}
	if d.HasErrors() {
		fmt.Fprint(stderr, d.Report())
		fmt.Fprintf(stderr, "index failed: %d error(s); %s was left as it was\n", len(d.Errors()), *index)
		return exitContent
	}
	staged, err := publish.Stage(*index)
	if err == nil {
		_, err = search.Build(staged, docs, opts)
		if err == nil {
			if err = publish.CheckReplaceable(*index); err == nil {
				err = publish.Swap(staged, *index)
			}
		}
		if err != nil {
			os.RemoveAll(staged)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "samvirke index: %v\n", err)
		var r *publish.RefusedError
		if errors.As(err, &r) {
			fmt.Fprintf(stderr, "\t%s\n", r.Hint)
			return exitUsage
		}
		return exitContent
	}
	fmt.Fprint(stderr, d.Report())
	fmt.Fprintf(stdout, "indexed %d documents of %s into %s in %s\n", len(docs), *public, *index, time.Since(start).Round(time.Millisecond))
	return exitOK
}
