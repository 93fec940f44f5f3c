//go:build unix

package publish

import (
	"errors"
	"syscall"
)

// alive reports whether a process with this id exists (another user's counts too).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
