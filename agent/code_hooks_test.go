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
// the agent's own check of the code copies that bring breakpoints to the code and of
// switching tracing in another thread, on every CPython found.
func TestCodeHooksKeepLineEventsAndReachOtherThreads(t *testing.T) {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	// The agent's own files are embedded in this package; stat the checks too, so that
	// Go's test cache reruns this test when they change.
	for _, name := range []string{"code_hooks_check.py", "hooks_sample.py"} {
		if _, err := os.Stat(filepath.Join(dir, "testdata", name)); err != nil {
			t.Fatal(err)
		}
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		cmd := exec.Command(py.Path, filepath.Join(dir, "testdata", "code_hooks_check.py"))
		cmd.Env = append(cmd.Environ(), "PYTHONPATH="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("code_hooks_check.py: %v\n%s", err, out)
		}
	})
}
