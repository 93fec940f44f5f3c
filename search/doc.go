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
// Queries are not run by bleve's searchers. Open reads the postings of the
// searched fields, every document's stored fields, type and language, and the
// folded field's term list into memory (about 8 MB at 1,000 synthetic pages,
// 72 MB at 10,000), and the query that buildQuery makes is evaluated term at
// a time over dense per-document arrays, scored as bleve's TF-IDF scorer
// scores it (evaluate.go, postings.go). Totals and facets come from the same
// pass, fuzzy matching needs no Levenshtein automata (fuzzy.go), and of a long
// query only the maxSlots rarest words are searched. Nothing held depends on
// what users search for. See the benchmarks in bench_test.go, and
// reference_test.go, which checks the results against bleve's own.
package search
