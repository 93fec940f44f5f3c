package search

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/golang/snappy"
)

// Index is an open, read-only search index. It is safe for concurrent use.
// Everything a search needs is read into memory at Open: the bleve index is
// closed again before Open returns.
type Index struct {
	queries  *queryBuilder
	mem      *memIndex   // postings of the searched fields
	stored   []storedDoc // by document number
	evals    evaluators
	types    *keywordTable
	langs    *keywordTable
	status   []uint8       // by document number: statusBits
	urlRank  []uint32      // by document number: its place when the documents are sorted by URL
	timeout  time.Duration // for the handlers; 0 means searchTimeout
	messages Messages      // the texts the handlers show
	docs     int           // documents, from the manifest
	built    time.Time     // when Build finished (the manifest's modification time)
}

// Stats are the number of documents in the index and when it was built, for health checks.
func (ix *Index) Stats() (docs int, built time.Time) { return ix.docs, ix.built }

// Open opens an index written by Build.
func Open(dir string) (*Index, error) {
	man, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix, err := load(idx, man)
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		var vocab *termDict
		if vocab, err = readVocabulary(dir, ix.mem.docs); err == nil {
			ix.queries = newQueryBuilder(ix.queries.an, vocab, man.Langs, man.Synonyms, man.Abbreviations)
			ix.queries.df = ix.docFreq
		}
	}
	if err != nil {
		return nil, fmt.Errorf("search: %s: %w", dir, err)
	}
	ix.docs = man.Docs
	if st, err := os.Stat(filepath.Join(dir, manifestFile)); err == nil {
		ix.built = st.ModTime()
	}
	return ix, nil
}

// load reads what searches keep in memory from an open bleve index.
func load(idx bleve.Index, man manifest) (*Index, error) {
	an, err := analyzersFrom(idx.Mapping())
	if err != nil {
		return nil, err
	}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	ix := &Index{queries: &queryBuilder{an: an}}
	if ix.mem, err = loadMemIndex(r); err == nil {
		ix.stored, err = loadStored(r, ix.mem.maxDoc)
		ix.urlRank = rankByURL(ix.stored)
	}
	if err == nil {
		if ix.types, err = loadKeywordTable(r, fieldType); err == nil {
			ix.langs, err = loadKeywordTable(r, fieldLang)
		}
	}
	if err == nil {
		ix.status, err = loadStatus(r, ix.mem.maxDoc)
	}
	if err != nil {
		return nil, err
	}
	ix.evals.maxDoc = ix.mem.maxDoc
	ix.messages = man.Messages
	return ix, nil
}

// run evaluates q, sets resp's Total and Facets, and returns the document
// numbers of the page of hits that r asks for.
func (ix *Index) run(ctx context.Context, q *qnode, r Request, resp *Response) ([]uint32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n, err := ix.mem.compile(q)
	if err != nil || n == nil {
		return nil, err
	}
	e := ix.evals.get()
	defer ix.evals.put(e)
	matches, err := e.eval(ctx, n)
	if err != nil {
		return nil, err
	}
	defer e.release(matches)

	types, langs := ix.types, ix.langs
	wantType, wantLang := types.lookup(r.Type), langs.lookup(r.Lang)
	typeCount := make([]int, len(types.values))
	langCount := make([]int, len(langs.values))
	from := (r.Page - 1) * r.Size
	top := topN{n: from + r.Size}
	for _, m := range matches {
		ty, la := types.of(m.doc), langs.of(m.doc)
		typeCount[ty]++
		langCount[la]++
		if (wantType != 0 && int(ty) != wantType) || (wantLang != 0 && int(la) != wantLang) {
			continue
		}
		resp.Total++
		if int(m.doc) < len(ix.urlRank) {
			m.tie = ix.urlRank[m.doc]
		}
		if st := ix.statusOf(m.doc); st != 0 {
			m.score *= statusWeight(st)
			if st&expiredBit != 0 {
				// A provision that no longer applies ranks below every current match (those
				// score > 0), however well it matches and however many of the words it has as
				// typed (an old spelling in an old law must not put it first), in the same order
				// among its kind.
				m.direct, m.score = 0, -1/(1+m.score)
			}
		}
		top.offer(m)
	}
	resp.Facets = map[string]map[string]int{
		fieldType: types.counts(typeCount),
		fieldLang: langs.counts(langCount),
	}
	best := top.sorted()
	if from >= len(best) {
		return nil, nil
	}
	docs := make([]uint32, 0, len(best)-from)
	for _, m := range best[from:] {
		docs = append(docs, m.doc)
	}
	return docs, nil
}

// storedDoc is what a hit shows of a document, and what its snippet is cut
// from. The body, most of what an index holds in memory, is kept
// snappy-compressed: about half the size, and decompressing the ten bodies
// of a page of hits costs a few microseconds each.
type storedDoc struct {
	hit         Hit // without Snippet
	body        []byte
	description string
}

// text returns the document's body, decompressed into buf (which it may
// grow): the result is valid until buf is used again.
func (d *storedDoc) text(buf *[]byte) string {
	n, err := snappy.DecodedLen(d.body)
	if err != nil {
		return "" // written by loadStored: cannot happen
	}
	if cap(*buf) < n {
		*buf = make([]byte, n)
	}
	b, err := snappy.Decode((*buf)[:cap(*buf)], d.body)
	if err != nil {
		return ""
	}
	return bytesAsString(b)
}

// bodyBuffers are the buffers bodies are decompressed into for snippets.
var bodyBuffers = sync.Pool{New: func() any { return new([]byte) }}

// loadStored reads the stored fields of every document. Held in memory, they
// cost each search nothing to read and nothing to decompress.
func loadStored(r index.IndexReader, maxDoc int) ([]storedDoc, error) {
	docs := make([]storedDoc, maxDoc)
	var buf []byte
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	for {
		iid, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if iid == nil {
			return docs, nil
		}
		n := iid.Value()
		if n >= uint64(maxDoc) {
			continue // in no posting list: no search finds it
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, err
		}
		d, err := r.Document(id)
		if err != nil {
			return nil, err
		}
		if d == nil {
			return nil, fmt.Errorf("document %s not found", id)
		}
		sd := &docs[n]
		d.VisitFields(func(f index.Field) {
			switch v := string(f.Value()); f.Name() {
			case fieldTitle:
				sd.hit.Title = v
			case fieldURL:
				sd.hit.URL = v
			case fieldType:
				sd.hit.Type = v
			case fieldLang:
				sd.hit.Lang = v
			case fieldStatus:
				sd.hit.Status = append(sd.hit.Status, v)
			case fieldBody:
				buf = snappy.Encode(buf[:cap(buf)], f.Value())
				sd.body = bytes.Clone(buf) // Encode's result has room to spare
			case fieldDescription:
				sd.description = v
			}
		})
		if sd.hit.URL == "" {
			sd.hit.URL = id
		}
	}
}

// Close releases the index. Open has read everything into memory, so
// there is nothing left to close; the method stays for callers that close
// what they open.
func (ix *Index) Close() error { return nil }

// docFreq is the number of documents with term in field (0 on error).
func (ix *Index) docFreq(field, term string) uint64 {
	if fp, ok := ix.mem.fields[field]; ok {
		return fp.docFreq(term)
	}
	return 0
}

// Response is the result of a search.
type Response struct {
	Query  string                    `json:"query"`
	Total  uint64                    `json:"total"`
	TookMS float64                   `json:"took_ms"`
	Hits   []Hit                     `json:"hits"`
	Facets map[string]map[string]int `json:"facets"` // "type" and "lang": value -> hits
	// Suggestions are other queries that find something, when this one
	// finds nothing ("did you mean"), best first.
	Suggestions []string `json:"suggestions,omitempty"`
}

// Hit is one result.
type Hit struct {
	Title   string   `json:"title"`
	URL     string   `json:"url"`
	Type    string   `json:"type"`
	Lang    string   `json:"lang"`
	Status  []string `json:"status,omitempty"` // StatusExpired, StatusNotInForce, StatusUnverified
	Snippet string   `json:"snippet"`          // HTML: matches in <mark>, all else escaped
}

// Search runs r. An invalid r gives a *RequestError. Facets count the hits of
// the query before the Type and Lang filters, so a user can see what another
// filter would give; Total counts them after.
func (ix *Index) Search(ctx context.Context, r Request) (Response, error) {
	start := time.Now()
	r, err := r.normalize()
	if err != nil {
		return Response{}, err
	}
	resp := Response{
		Query:  r.Q,
		Hits:   []Hit{},
		Facets: map[string]map[string]int{fieldType: {}, fieldLang: {}},
	}
	q, m := ix.queries.buildQuery(r.Q, r.Lang)
	hits, err := ix.run(ctx, q, r, &resp)
	if err != nil {
		return Response{}, err
	}
	if resp.Total == 0 && r.Type == "" && r.Lang == "" && r.Page == 1 {
		if resp.Suggestions, err = ix.suggest(ctx, r); err != nil {
			return Response{}, err
		}
	}
	buf := bodyBuffers.Get().(*[]byte)
	for _, doc := range hits {
		d := &ix.stored[doc]
		h := d.hit
		h.Snippet = m.snippet(d.text(buf), d.description) // copies what it keeps of the body
		resp.Hits = append(resp.Hits, h)
	}
	bodyBuffers.Put(buf)
	resp.TookMS = millis(time.Since(start))
	return resp, nil
}

func millis(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}

// rankByURL gives every document its place in URL order. bleve numbers documents in the order the
// build's workers added them, which varies between builds; ties in score are broken by this rank
// so that the same pages always come out in the same order.
func rankByURL(stored []storedDoc) []uint32 {
	order := make([]int, len(stored))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(stored[a].hit.URL, stored[b].hit.URL) })
	rank := make([]uint32, len(stored))
	for place, doc := range order {
		rank[doc] = uint32(place)
	}
	return rank
}
