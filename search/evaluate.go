package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
)

// How a query runs over memIndex. buildQuery's qnode tree is compiled into
// nodes, and each composite node is evaluated term at a time: its children's
// postings (or, for composite children, their evaluated matches) are added
// into dense per-document arrays, which then give the node's matches. The
// scores are those of bleve's TF-IDF model without the query norm, which
// scales every score of a query alike:
//
//	term:   boost · idf² · sqrt(freq) · norm,  idf = 1 + ln(docs/(df+1))
//	sum:    the sum of the matching children
//	coord:  the sum of the matching children · matching/children, if at
//	        least min children match
//	all:    the sum of the children, if all match

// node is a compiled query.
type node struct {
	// a term: its postings and boost · idf²
	docs   []uint32
	impact []float32
	weight float64

	kids   []*node // a sum, coord or all when not nil
	op     qop
	min    int  // children that must match
	direct bool // what the user typed (qnode.direct)
}

// compile turns q into a node; nil matches nothing.
func (mi *memIndex) compile(q *qnode) (*node, error) {
	if q == nil {
		return nil, nil
	}
	if q.kids == nil {
		fp, ok := mi.fields[q.field]
		if !ok {
			return nil, fmt.Errorf("search: field %s is not loaded", q.field)
		}
		docs, impact := fp.lookup(q.term)
		if len(docs) == 0 {
			return nil, nil
		}
		df := uint64(len(docs))
		if q.idfField != "" {
			if f, ok := mi.fields[q.idfField]; ok {
				df = max(df, f.docFreq(q.term))
			}
		}
		idf := 1 + math.Log(float64(mi.docs)/float64(df+1))
		return &node{docs: docs, impact: impact, weight: q.boost * idf * idf, direct: q.direct}, nil
	}
	n := &node{op: q.op, min: 1, direct: q.direct}
	for _, c := range q.kids {
		k, err := mi.compile(c)
		if err != nil {
			return nil, err
		}
		switch {
		case k != nil:
			n.kids = append(n.kids, k)
		case q.op == opAll:
			return nil, nil // a child that matches nothing
		case q.op == opCoord:
			n.kids = append(n.kids, &node{kids: []*node{}}) // counts as a clause
		}
	}
	switch q.op {
	case opCoord:
		n.min = q.min
	case opAll:
		n.min = len(n.kids)
	}
	if len(n.kids) == 0 || n.min > len(n.kids) {
		return nil, nil
	}
	if len(n.kids) == 1 && q.op != opCoord {
		n.kids[0].direct = n.kids[0].direct || q.direct
		return n.kids[0], nil
	}
	return n, nil
}

// match is a matching document and its score. direct counts the parts of
// the query (the slots) that the document matched by what the user typed,
// rather than by a synonym, a compound's part or a close spelling: a
// document with more of them ranks higher whatever the scores, which is what
// ranks synonyms and parts below what was typed.
type match struct {
	doc    uint32
	direct uint8
	score  float64
	tie    uint32 // orders equal scores: the document's place by URL (Index.urlRank), so that two builds of the same pages rank alike
}

// evaluator holds the scratch space of one evaluation.
type evaluator struct {
	sum     []float64 // by document number
	cnt     []uint16  // matching children, by document number
	direct  []uint8   // match.direct, by document number
	touched []uint32  // documents with cnt > 0
	free    [][]match
}

// evaluators are reused across searches; they hold nothing of a query once
// it is done: the arrays, the touched list and the free match lists are
// zeroed.
type evaluators struct {
	pool   sync.Pool
	maxDoc int
}

func (p *evaluators) get() *evaluator {
	if e, ok := p.pool.Get().(*evaluator); ok {
		return e
	}
	return &evaluator{sum: make([]float64, p.maxDoc), cnt: make([]uint16, p.maxDoc), direct: make([]uint8, p.maxDoc)}
}

func (p *evaluators) put(e *evaluator) {
	clear(e.touched[:cap(e.touched)])
	e.touched = e.touched[:0]
	p.pool.Put(e)
}

func (e *evaluator) alloc(n int) []match {
	for i := len(e.free) - 1; i >= 0; i-- {
		if cap(e.free[i]) >= n {
			m := e.free[i][:0]
			e.free = slices.Delete(e.free, i, i+1)
			return m
		}
	}
	return make([]match, 0, n)
}

func (e *evaluator) release(m []match) {
	clear(m) // what lies beyond len was cleared when it was released before
	if cap(m) > 0 && len(e.free) < 16 {
		e.free = append(e.free, m[:0])
	}
}

// eval returns the matches of n, in no particular order. The result belongs
// to e: release it when done.
func (e *evaluator) eval(ctx context.Context, n *node) ([]match, error) {
	if n.kids == nil {
		out := e.alloc(len(n.docs))
		d0 := directOf(n)
		for i, d := range n.docs {
			out = append(out, match{doc: d, direct: d0, score: float64(n.impact[i]) * n.weight})
		}
		return out, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Composite children first: the arrays are shared.
	sub := make([][]match, len(n.kids))
	for i, k := range n.kids {
		if k.kids != nil {
			m, err := e.eval(ctx, k)
			if err != nil {
				for _, s := range sub[:i] {
					e.release(s)
				}
				return nil, err
			}
			sub[i] = m
		}
	}
	sum, cnt, direct, touched := e.sum, e.cnt, e.direct, e.touched[:0]
	conj, add := n.op == opAll, n.op != opSum
	for i, k := range n.kids {
		// In a conjunction a document must match every child: those that
		// missed one are not counted further, and only the first child adds
		// documents.
		need := uint16(i)
		if k.kids == nil {
			docs, impact, weight := k.docs, k.impact[:len(k.docs)], k.weight
			h := directOf(k)
			for j, d := range docs {
				c := cnt[d]
				if conj && c != need {
					continue
				}
				if c == 0 {
					touched = append(touched, d)
				}
				cnt[d] = c + 1
				sum[d] += float64(impact[j]) * weight
				if h > 0 {
					direct[d] = combineDirect(direct[d], h, add)
				}
			}
			continue
		}
		for _, m := range sub[i] {
			c := cnt[m.doc]
			if conj && c != need {
				continue
			}
			if c == 0 {
				touched = append(touched, m.doc)
			}
			cnt[m.doc] = c + 1
			sum[m.doc] += m.score
			if m.direct > 0 {
				direct[m.doc] = combineDirect(direct[m.doc], m.direct, add)
			}
		}
		e.release(sub[i])
	}
	out := e.alloc(len(touched))
	total := float64(len(n.kids))
	d0 := directOf(n)
	for _, d := range touched {
		c := int(cnt[d])
		if c >= n.min {
			s := sum[d]
			if n.op == opCoord {
				s *= float64(c) / total
			}
			out = append(out, match{doc: d, direct: max(d0, direct[d]), score: s})
		}
		cnt[d], sum[d], direct[d] = 0, 0, 0
	}
	e.touched = touched
	return out, nil
}

// directOf is match.direct of every match of n when n is what the user typed.
func directOf(n *node) uint8 {
	if n.direct {
		return 1
	}
	return 0
}

// combineDirect combines the direct counts of a document's matching
// children: added up across a query's slots, the highest within a slot.
func combineDirect(have, h uint8, add bool) uint8 {
	if add {
		return have + h
	}
	return max(have, h)
}

// better orders matches by direct, then by score, then by document number.
func better(a, b match) bool {
	if a.direct != b.direct {
		return a.direct > b.direct
	}
	if a.score != b.score {
		return a.score > b.score
	}
	if a.tie != b.tie {
		return a.tie < b.tie
	}
	return a.doc < b.doc
}

// topN keeps the best n matches offered to it.
type topN struct {
	n    int
	heap []match // worst first
}

func (t *topN) offer(m match) {
	h := t.heap
	if len(h) < t.n {
		h = append(h, m)
		// sift up
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !better(h[p], h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		t.heap = h
		return
	}
	if t.n == 0 || !better(m, h[0]) {
		return
	}
	h[0] = m
	// sift down
	for i := 0; ; {
		l, r, w := 2*i+1, 2*i+2, i
		if l < len(h) && better(h[w], h[l]) {
			w = l
		}
		if r < len(h) && better(h[w], h[r]) {
			w = r
		}
		if w == i {
			break
		}
		h[i], h[w] = h[w], h[i]
		i = w
	}
}

// sorted returns the kept matches, best first.
func (t *topN) sorted() []match {
	slices.SortFunc(t.heap, func(a, b match) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return t.heap
}
