//go:build unix

package search

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used so far.
// The benchmarks report it next to wall time because the machines they run
// on are shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
