package agent_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// TestAgentUnitTests runs the agent's Python unit tests (agent/tests) on every CPython
// found: the pieces that need no debuggee (where code lives, conditions, logpoint
// messages, exception and function breakpoint rules, the debugger's answer at a line
// breakpoint, the safe repr, children paging, the tracing protocol) are checked
// there, close to the code.
func TestAgentUnitTests(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	statPython(t, dir)
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		cmd := exec.Command(py.Path, "-m", "unittest", "discover", "-s", "tests")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s -m unittest: %v\n%s", py.Path, err, out)
		}
		if !strings.Contains(string(out), "\nOK") {
			t.Fatalf("unittest did not report OK:\n%s", out)
		}
	})
}

// statPython looks at every Python file under dir, so that Go's test cache reruns this
// test when one of them changes.
func statPython(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".py" {
			_, err = os.Stat(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
