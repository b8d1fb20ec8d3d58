package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// pythonWrapper writes a shell script that runs py as its child (no exec), as pyenv's
// shims and many site wrappers do, and returns its path.
func pythonWrapper(t *testing.T, py daptest.Python) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "python")
	script := fmt.Sprintf("#!/bin/sh\n%q \"$@\"\nstatus=$?\nexit $status\n", py.Path)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// The interpreter under a wrapper script is the program: its agent is the first to
// connect from the launched process tree, and the session debugs it to its exit.
func TestPythonBehindAWrapperScriptIsDebugged(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("exit_code.py")
		launch := s.Launch(py, map[string]any{"program": program, "python": pythonWrapper(t, py)})
		s.SetBreakpoints(program, 1)
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		s.Continue(stop.ThreadID)
		s.ExpectExit(3)
	})
}

// A killed adapter: the interpreter's agent ends the whole launched group, the
// wrapper that started it included.
func TestKilledAdapterEndsTheWrapperItsInterpreterAndChild(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startReportingPidsWith(t, s, py, map[string]any{
			"program": daptest.Testdata("forever.py"), "python": pythonWrapper(t, py)})
		wrapper := programPid(t, s)
		s.KillAdapter()
		expectGone(t, append(pids, wrapper))
	})
}
