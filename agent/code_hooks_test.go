package agent

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// TestCodeHooksKeepLineEventsAndReachOtherThreads runs testdata/code_hooks_check.py,
// the agent's own check of the hooks that code copies call when a scope must be
// traced, and of switching tracing in another thread, on every CPython found.
func TestCodeHooksKeepLineEventsAndReachOtherThreads(t *testing.T) {
	runCheck(t, "code_hooks_check.py", "hooks_sample.py")
}

// TestCodeChecksKeepLineEventsLocalsAndPlainConstants runs testdata/code_checks_check.py,
// the agent's own check of the breakpoint checks that code copies hold: for every line
// of checks_sample.py, line events, results, names and flags as the plain code has
// them, constants that marshal and pickle by value, and a call into the agent exactly
// when a check fires; on every CPython found.
func TestCodeChecksKeepLineEventsLocalsAndPlainConstants(t *testing.T) {
	runCheck(t, "code_checks_check.py", "checks_sample.py")
}

// runCheck runs a check script of testdata with the agent on PYTHONPATH, on every
// CPython found; it must print "ok".
func runCheck(t *testing.T, script string, samples ...string) {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	// The agent's own files are embedded in this package; stat the checks too, so that
	// Go's test cache reruns this test when they change.
	for _, name := range append([]string{script}, samples...) {
		if _, err := os.Stat(filepath.Join(dir, "testdata", name)); err != nil {
			t.Fatal(err)
		}
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		cmd := exec.Command(py.Path, filepath.Join(dir, "testdata", script))
		cmd.Env = append(cmd.Environ(), "PYTHONPATH="+dir, "PYTHONDONTWRITEBYTECODE=1")
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
	})
}
