// Package search is the site's full-text search: a bleve index built from the
// rendered pages, and the HTTP endpoints that query it.
//
// The generator calls Build with one Document per page and the synonyms from
// data/synonymer.yaml (LoadSynonyms), and writes Fallback's JSON for static
// hosting. A server calls Open on the index directory and serves Handler
// (GET /api/search) and PageHandler (GET /sok/, results rendered without
// JavaScript). An index directory holds everything a search needs:
//
//	DIR/bleve/          the bleve index (scorch), merged into one segment
//	DIR/samvirke.json   format version, languages in use, synonyms
//
// # Matching
//
// Text fields are analysed twice: with bleve's stemming analyzer for the
// page's language ("no" for nb and nn, "da", "en"), and folded (asciifolding,
// lower case, and æ/ø/å spellings made equal) without stemming. The user's
// text is turned into term queries in code (see buildQuery), never parsed as
// bleve query syntax: per word the stems in the stemmed fields, the folded
// word in the folded fields, close spellings within edit distance 1 or 2 in
// the folded text, and the other members of a synonym group, each with a
// lower boost than the one before. See mapping.go and query.go.
//
// # Performance
//
// Open holds the folded field's term list and every document's type and
// language in memory, so that fuzzy matching needs no Levenshtein automata
// and facets need no second search. See fuzzy.go and facets.go, and the
// benchmarks in bench_test.go.
package search
