package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// child is a testdata program of the child process scenarios.
func child(name string) string { return daptest.Testdata("children/" + name) }

// editorOf is an editor that starts child sessions, directly (as VS Code does) or
// through a second `dapper adapter` (relay), with the worker's breakpoint set in each.
func editorOf(t *testing.T, relay bool) daptest.Editor {
	worker := child("worker.py")
	return daptest.Editor{StartDebugging: true, ChildAdapter: relay,
		ChildBreakpoints: map[string][]int{worker: {daptest.LineOf(t, worker, "@child-stop")}}}
}

// expectOutputLines checks that the program's stdout is these lines, in any order: a
// child writes to the pipe the adapter reads, the program by its agent, and the two
// interleave as they come.
func expectOutputLines(t *testing.T, s *daptest.Session, lines ...string) {
	t.Helper()
	got := strings.Split(strings.TrimSuffix(s.Output("stdout"), "\n"), "\n")
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(lines))) {
		t.Errorf("stdout = %q, want the lines %q; stderr = %q", s.Output("stdout"), lines, s.Output("stderr"))
	}
}

// bothWays runs scenario with child sessions started directly and through a relay.
func bothWays(t *testing.T, scenario func(t *testing.T, py daptest.Python, relay bool)) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, relay := range []bool{false, true} {
			name := "direct"
			if relay {
				name = "relay"
			}
			t.Run(name, func(t *testing.T) { scenario(t, py, relay) })
		}
	})
}

// expectWorkerStop waits for a child session's stop at the worker's breakpoint, with
// n as the argument.
func expectWorkerStop(t *testing.T, c *daptest.Session, n string) daptest.Stop {
	t.Helper()
	stop := c.WaitForStop()
	if stop.Top.Line != daptest.LineOf(t, child("worker.py"), "@child-stop") || stop.Top.Name != "work" {
		t.Fatalf("the child stopped at %s", stop.Where())
	}
	if got := c.Locals(stop.Top.Id)["n"].Value; got != n {
		t.Errorf("n = %s in the child, want %s", got, n)
	}
	return stop
}

func TestASubprocessChildStopsAtItsBreakpointInAChildSession(t *testing.T) {
	bothWays(t, func(t *testing.T, py daptest.Python, relay bool) {
		s := daptest.StartEditor(t, editorOf(t, relay))
		program := child("run_subprocess.py")
		launch := s.Launch(py, map[string]any{"program": program, "justMyCode": true})
		s.ConfigurationDone(launch)
		cfg := s.StartDebugging()
		if cfg["request"] != "attach" || cfg["subProcessId"] == nil || cfg["justMyCode"] != true || cfg["program"] != nil {
			t.Errorf("startDebugging configuration: %v", cfg)
		}
		c := s.Child()
		process := c.WaitEvent("process")
		if !strings.Contains(string(process.Body), `"name":"worker.py"`) ||
			!strings.Contains(string(process.Body), `"startMethod":"attachForSuspendedLaunch"`) {
			t.Errorf("the child's process event: %s", process.Body)
		}
		stop := expectWorkerStop(t, c, "21")
		c.ContinueToExit(stop.ThreadID, 3)
		s.ExpectExit(0)
		if out := s.Output("stdout"); !strings.Contains(out, "child result 42\n") || !strings.Contains(out, "child exit code 3\n") {
			t.Errorf("stdout = %q", out)
		}
	})
}
