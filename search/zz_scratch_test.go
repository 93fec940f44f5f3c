package search

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestScratchScores(t *testing.T) {
	qs := os.Getenv("Q")
	if qs == "" {
		t.Skip()
	}
	ix, err := Open("/tmp/i17-portal/search.bleve")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(qs, ";") {
		r, _ := Request{Q: q, Size: 12}.normalize()
		qn, _ := ix.queries.buildQuery(r.Q, "")
		if os.Getenv("V") != "" {
			fmt.Println(qn)
		}
		var resp Response
		n, _ := ix.mem.compile(qn)
		e := ix.evals.get()
		ms, _ := e.eval(context.Background(), n)
		top := topN{n: 10}
		for _, m := range ms {
			if st := ix.statusOf(m.doc); st != 0 {
				m.score *= statusWeight(st)
			}
			top.offer(m)
		}
		fmt.Printf("== %q total %d\n", q, len(ms))
		for i, m := range top.sorted() {
			fmt.Printf("  %2d. d%d %.3f %s %v\n", i+1, m.direct, m.score, ix.stored[m.doc].hit.URL, ix.stored[m.doc].hit.Status)
		}
		_ = resp
	}
}
