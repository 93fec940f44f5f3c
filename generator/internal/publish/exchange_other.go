//go:build !linux

package publish

// exchange is not available here (macOS, Windows, the BSDs have no renameat2): Swap falls back to
// swapByRename.
func exchange(a, b string) (done bool, err error) { return false, nil }
