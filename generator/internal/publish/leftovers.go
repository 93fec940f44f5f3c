package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// What a build puts beside its destination while it runs: the staged new tree, and (when the
// directories cannot be exchanged atomically) the old tree moved aside for a moment.
const (
	kindStaging = "staging"
	kindBackup  = "old"
)

// leftoverName is the name prefix of a build's temporary folder beside dest: ".public.staging-PID-".
func leftoverName(dest, kind string, pid int) string {
	return fmt.Sprintf(".%s.%s-%d-", dest, kind, pid)
}

// RemoveLeftovers removes, beside dest, the temporary folders of earlier builds to dest whose
// process no longer runs (a build that was killed): staged trees are deleted, and an old tree
// moved aside is put back when dest is missing (the build died between the two renames of a
// swap) or deleted otherwise. Only folders named by this package are touched, and never those of
// a build that is still running.
func RemoveLeftovers(dest string) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return
	}
	dir, base := filepath.Dir(abs), filepath.Base(abs)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	pattern := regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.(` + kindStaging + `|` + kindBackup + `)-([0-9]+)-[0-9]+$`)
	for _, e := range entries {
		m := pattern.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		pid, err := strconv.Atoi(m[2])
		if err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if m[1] == kindBackup {
			if _, err := os.Lstat(abs); os.IsNotExist(err) {
				os.Rename(p, abs)
				continue
			}
		}
		os.RemoveAll(p)
	}
}
