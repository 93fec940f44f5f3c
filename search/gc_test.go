package search

import (
	"os"
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's target without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// Builds that overlap lower the collector's target once; the last to finish restores it.
func TestLowerGC(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: Build leaves the collector alone")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	first := lowerGC()
	second := lowerGC()
	if p := gcPercent(); p != 50 {
		t.Fatalf("during two builds: %d, want 50", p)
	}
	first()
	if p := gcPercent(); p != 50 {
		t.Errorf("one build still running: %d, want 50", p)
	}
	second()
	if p := gcPercent(); p != 100 {
		t.Errorf("after both: %d, want 100 again", p)
	}
}
