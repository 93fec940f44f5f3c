package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	index "github.com/blevesearch/bleve_index_api"
)

// Document is one page of the site as the index sees it.
type Document struct {
	URL         string   // "/modeller/samarbeidsmodellen/"; also the document's ID
	Title       string   //
	Description string   //
	Headings    []string //
	Body        string   // plain text of the rendered page (tags stripped)
	Type        string   // "modell", "begrep", "lov", "beslutningstre", "veiviser", "side" …
	Lang        string   // "nb", "nn", "da", "en"
	Terms       []string // extra high-value terms: glossary term, tree questions, provision citation
	Status      []string // StatusExpired, StatusNotInForce, StatusUnverified; none for a current page
}

// BuildOptions configure Build.
type BuildOptions struct {
	// Synonyms and Abbreviations are stored in the index, so that Open
	// needs nothing but the index directory.
	Synonyms      Synonyms
	Abbreviations Abbreviations
	// Messages are the texts the endpoints show users (MessageIDs, from the
	// site's i18n/); stored in the index like the synonyms.
	Messages Messages
}

// BuildStats describe a finished Build.
type BuildStats struct {
	Docs     int
	Bytes    int64 // size of the index directory on disk
	Duration time.Duration
}

// Layout of an index directory.
const (
	bleveDir      = "bleve"         // the bleve (scorch) index
	manifestFile  = "samvirke.json" // manifest: format, languages, synonyms, abbreviations, messages
	formatVersion = 3               // bump when the mapping, the manifest or the vocabulary file changes
	maxBuildBatch = 500             // documents per bleve batch: each batch is a segment held in memory until persisted, so this bounds the build's memory
	buildWorkers  = 2               // goroutines filling batches
)

// manifest is what Open needs besides the bleve index.
type manifest struct {
	Format        int           `json:"format"`
	Docs          int           `json:"docs"`
	Langs         []string      `json:"langs"` // analyzer languages in use, see analyzerLangs
	Synonyms      Synonyms      `json:"synonyms"`
	Abbreviations Abbreviations `json:"abbreviations"`
	Messages      Messages      `json:"messages"`
}

// Build writes a new index of docs into dir, which must not exist or be empty.
// Document URLs must be unique and not empty. On error, Build removes what it
// wrote.
func Build(dir string, docs []Document, opts BuildOptions) (stats BuildStats, err error) {
	start := time.Now()
	// bleve's segments in the making are most of a build's heap, and at Go's default the heap may
	// grow to twice what is live: the peak of a whole samvirke build of 10,000 pages. Collecting at
	// half the live heap while the index is built takes that peak from 1.05 GB to about 0.75 GB for
	// a few seconds of CPU (GOGC in the environment overrides this).
	defer lowerGC()()
	if err := opts.Synonyms.validate(); err != nil {
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}
	if err := opts.Abbreviations.validate(); err != nil {
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}
	if err := opts.Messages.validate(); err != nil {
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}
	langs, err := checkDocs(docs)
	if err != nil {
		return BuildStats{}, err
	}
	created, err := prepareDir(dir)
	if err != nil {
		return BuildStats{}, err
	}
	defer func() {
		if err != nil {
			cleanDir(dir, created)
		}
	}()

	m, err := newIndexMapping()
	if err != nil {
		return BuildStats{}, err
	}
	idx, err := bleve.NewUsing(filepath.Join(dir, bleveDir), m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}
	vocab := collectVocabulary(docs)
	tables := make(map[string]*stems)
	for _, l := range langs {
		if l != "" {
			if tables[l], err = stemTable(l, vocab.df); err != nil {
				return BuildStats{}, err
			}
		}
	}
	defer useStems(tables)()
	splits := vocab.splits()
	parts := make([]docParts, len(docs))
	for i, c := range vocab.compounds {
		parts[i] = docParts{partsText(c.all, splits), partsText(c.title, splits)}
	}
	if err := fill(idx, docs, parts); err != nil {
		idx.Close()
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}
	if err := idx.Close(); err != nil {
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}
	if err := pruneSegments(filepath.Join(dir, bleveDir)); err != nil {
		return BuildStats{}, fmt.Errorf("search: %w", err)
	}

	if err := vocab.write(dir); err != nil {
		return BuildStats{}, err
	}
	man := manifest{Format: formatVersion, Docs: len(docs), Langs: langs, Synonyms: opts.Synonyms, Abbreviations: opts.Abbreviations, Messages: opts.Messages}
	b, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return BuildStats{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, manifestFile), b, 0o644); err != nil {
		return BuildStats{}, err
	}
	size, err := dirSize(dir)
	if err != nil {
		return BuildStats{}, err
	}
	return BuildStats{Docs: len(docs), Bytes: size, Duration: time.Since(start)}, nil
}

// fill indexes docs in batches from buildWorkers goroutines, so that both
// cores analyse and write segments, then merges everything into one segment,
// which is what makes searching fast. Batches are few and large: each becomes
// a segment, and merging segments costs more than building them.
func fill(idx bleve.Index, docs []Document, parts []docParts) error {
	size := min(max((len(docs)+buildWorkers-1)/buildWorkers, 1), maxBuildBatch)
	type chunk struct {
		docs  []Document
		parts []docParts
	}
	chunks := make(chan chunk)
	errs := make(chan error, buildWorkers)
	var wg sync.WaitGroup
	for range buildWorkers {
		wg.Go(func() {
			for c := range chunks {
				batch := idx.NewBatch()
				for i, d := range c.docs {
					if err := batch.Index(d.URL, newIndexedDoc(d, c.parts[i])); err != nil {
						errs <- fmt.Errorf("%s: %w", d.URL, err)
						return
					}
				}
				if err := idx.Batch(batch); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
send:
	for len(docs) > 0 {
		n := min(len(docs), size)
		select {
		case chunks <- chunk{docs[:n], parts[:n]}:
			docs, parts = docs[n:], parts[n:]
		case err = <-errs:
			break send
		}
	}
	close(chunks)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	if err != nil {
		return err
	}

	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		return s.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions)
	}
	return nil
}

// pruneSegments removes segment files the index no longer uses. scorch
// deletes them in the background after a merge, and Close may come first.
func pruneSegments(path string) error {
	idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		return err
	}
	live := make(map[string]bool)
	adv, err := idx.Advanced()
	if err == nil {
		var r index.IndexReader
		if r, err = adv.Reader(); err == nil {
			if snap, ok := r.(*scorch.IndexSnapshot); ok {
				for _, seg := range snap.Segments() {
					live[fmt.Sprintf("%012x.zap", seg.Id())] = true
				}
			}
			r.Close()
		}
	}
	if err := errors.Join(err, idx.Close()); err != nil || len(live) == 0 {
		return err
	}
	store := filepath.Join(path, "store")
	files, err := os.ReadDir(store)
	if err != nil {
		return err
	}
	for _, f := range files {
		if filepath.Ext(f.Name()) == ".zap" && !live[f.Name()] {
			if err := os.Remove(filepath.Join(store, f.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkDocs validates docs and returns the analyzer languages they use.
func checkDocs(docs []Document) ([]string, error) {
	seen := make(map[string]bool, len(docs))
	used := make(map[string]bool)
	for i, d := range docs {
		switch {
		case d.URL == "":
			return nil, fmt.Errorf("search: document %d (%q) has no URL", i, d.Title)
		case seen[d.URL]:
			return nil, fmt.Errorf("search: two documents have the URL %s", d.URL)
		case !validFilter(d.Type) || !validFilter(d.Lang):
			return nil, fmt.Errorf("search: %s: type %q and lang %q may only hold a–z, 0–9 and '-'", d.URL, d.Type, d.Lang)
		}
		if err := checkStatus(d); err != nil {
			return nil, err
		}
		seen[d.URL] = true
		used[analyzerLang(d.Lang)] = true
	}
	var langs []string
	for _, l := range analyzerLangs {
		if used[l] {
			langs = append(langs, l)
		}
	}
	return langs, nil
}

// prepareDir makes sure dir exists and is empty, and reports whether it
// created it.
func prepareDir(dir string) (created bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, os.MkdirAll(dir, 0o755)
	case err != nil:
		return false, fmt.Errorf("search: %w", err)
	case len(entries) > 0:
		return false, fmt.Errorf("search: %s is not empty; Build writes a fresh index", dir)
	}
	return false, nil
}

// cleanDir removes what Build wrote into dir, and dir if Build created it.
func cleanDir(dir string, created bool) {
	for _, name := range []string{bleveDir, manifestFile, vocabFile} {
		os.RemoveAll(filepath.Join(dir, name))
	}
	if created {
		os.Remove(dir)
	}
}

func dirSize(dir string) (int64, error) {
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		size += info.Size()
		return nil
	})
	return size, err
}

func readManifest(dir string) (manifest, error) {
	var man manifest
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return man, fmt.Errorf("search: %s is not a samvirke search index: %w", dir, err)
	}
	if err := json.Unmarshal(b, &man); err != nil {
		return man, fmt.Errorf("search: %s: %w", filepath.Join(dir, manifestFile), err)
	}
	if man.Format != formatVersion {
		return man, fmt.Errorf("search: index in %s has format %d, this program reads %d; rebuild it", dir, man.Format, formatVersion)
	}
	for _, l := range man.Langs {
		if !slices.Contains(analyzerLangs, l) {
			return man, fmt.Errorf("search: index in %s uses unknown language %q; rebuild it", dir, l)
		}
	}
	return man, nil
}

// buildGC counts the Builds running, so that concurrent ones lower the garbage collector's target
// once and the last to finish restores it.
var buildGC struct {
	sync.Mutex
	running int
	saved   int
}

// lowerGC sets the collector to half the live heap for a Build, unless GOGC is set, and returns
// what restores it.
func lowerGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	buildGC.Lock()
	if buildGC.running == 0 {
		buildGC.saved = debug.SetGCPercent(50)
	}
	buildGC.running++
	buildGC.Unlock()
	return func() {
		buildGC.Lock()
		if buildGC.running--; buildGC.running == 0 {
			debug.SetGCPercent(buildGC.saved)
		}
		buildGC.Unlock()
	}
}
