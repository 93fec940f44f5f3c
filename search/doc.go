// Package search is the site's full-text search: a bleve index built from the
// rendered pages, and the HTTP endpoints that query it.
//
// The generator calls Build with one Document per page, the synonyms and word
// families from data/synonymer.yaml and the abbreviations from
// data/forkortelser.yaml (read and checked by the generator, each problem at
// its file:line:column, with CheckMember, CheckAbbreviation and
// CheckExpansion), and writes Fallback's JSON for
// static hosting. A server calls Open on the index directory and serves
// Handler (GET /api/search) and PageHandler (GET /sok/, results rendered
// without JavaScript). An index directory holds everything a search needs:
//
//	DIR/bleve/               the bleve index (scorch), merged into one segment
//	DIR/samvirke.json        format version, languages, synonyms, abbreviations
//	DIR/vocabulary.tsv       every folded word of the pages and how many pages have it
//
// # Matching
//
// Text is analysed once per field: words, lower case, folded (diacritics off,
// æ/ø/å spellings made equal), stop words out, stemmed with the stemmer of
// the page's language ("no" for nb and nn, "da", "en"). The user's text is
// turned into a query in code (see buildQuery), never parsed as bleve query
// syntax: per word its stems in every field (a title counts most), as part
// of the pages' compounds, close spellings for a word no page has, the parts
// of a compound the pages lack (decompounding, compound.go), and the other
// members of a synonym group, word family or abbreviation. A page that has
// more of what was typed ranks first (match.direct), then by score; a page
// that no longer applies or is unverified (Document.Status) ranks below a
// current one that matches as well. A search that finds nothing suggests
// other queries from the vocabulary (suggest.go). See mapping.go and query.go.
//
// # One engine
//
// Queries are not run by bleve's searchers but by evaluate.go over postings
// that Open reads into memory (postings.go; bodies for snippets are held
// snappy-compressed): at 10,000 synthetic pages bleve's searchers cost 5 to
// 15 times as much CPU for the same queries, over the budget of a 2-core
// server (BenchmarkEngine; docs/architecture.md has the figures). bleve
// analyses, builds and stores the index; Open closes it again once it has
// read it. Totals and facets come from the same pass, fuzzy matching needs no
// Levenshtein automata (fuzzy.go), and of a long query only the maxSlots
// rarest words are searched. Nothing held depends on what users search for.
package search
