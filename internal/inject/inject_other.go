//go:build !linux || !amd64

package inject

import (
	"runtime"
	"time"
)

// Run would schedule code to run in the CPython process pid; injection is implemented
// for linux/amd64 only, so here it reports ErrPlatform.
func Run(pid int, code string, timeout time.Duration) error {
	return &Error{Pid: pid, Step: "attach", Kind: ErrPlatform,
		Detail: "not supported on " + runtime.GOOS + "/" + runtime.GOARCH + " (linux/amd64 only)"}
}
