package corpus

import (
	"os"
	"testing"
)

func TestWriteCorpusForProfiling(t *testing.T) {
	dir := os.Getenv("SAMVIRKE_CORPUS_OUT")
	if dir == "" {
		t.Skip("set SAMVIRKE_CORPUS_OUT to write a corpus")
	}
	if err := Write(dir, "../../..", 10000); err != nil {
		t.Fatal(err)
	}
}
