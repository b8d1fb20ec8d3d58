package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

// Nothing waits for a client forever, and ending a session ends what it should.

func TestWithoutStartDebuggingChildrenRunOnAndTheProgramEnds(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t) // a client without supportsStartDebuggingRequest
		launch := s.Launch(py, map[string]any{"program": child("run_subprocess.py")})
		worker := child("worker.py")
		s.SetBreakpoints(worker, daptest.LineOf(t, worker, "@child-stop"))
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		expectOutputLines(t, s, "child result 42", "child exit code 3")
		if console := s.Output("console"); !strings.Contains(console, "child processes run without the debugger (the first: "+
			"worker.py, pid ") || !strings.Contains(console, "supportsStartDebuggingRequest") {
			t.Errorf("the debug console says %q", console)
		}
		if stops := s.Events("stopped"); len(stops) != 0 {
			t.Errorf("stopped: %v", stops)
		}
	})
}

func TestAChildNoClientAttachesToRunsOnAfterTheWait(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, daptest.Editor{StartDebugging: true, IgnoreChildren: true})
		launch := s.Launch(py, map[string]any{"program": child("run_subprocess.py"), "subProcessTimeout": 0.5})
		s.ConfigurationDone(launch)
		s.StartDebugging()
		s.ExpectExit(0)
		expectOutputLines(t, s, "child result 42", "child exit code 3")
		if console := s.Output("console"); !strings.Contains(console, "worker.py (pid ") ||
			!strings.Contains(console, "runs without the debugger: no child session attached to it within 500ms") {
			t.Errorf("the debug console says %q", console)
		}
	})
}

// processIDs returns the pid of the program (its process event) and of the child
// (the child session's).
func processIDs(t *testing.T, parent, c *daptest.Session) (int, int) {
	t.Helper()
	pid := func(s *daptest.Session) int {
		var body godap.ProcessEventBody
		if err := json.Unmarshal(s.Events("process")[0].Body, &body); err != nil {
			t.Fatal(err)
		}
		return body.SystemProcessId
	}
	return pid(parent), pid(c)
}

// expectGoneWithin waits, for at most limit, until none of pids runs.
func expectGoneWithin(t *testing.T, limit time.Duration, pids ...int) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for _, pid := range pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("process %d still runs %s after terminate", pid, limit)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func TestTerminatingTheParentWhileAChildIsStoppedEndsTheWholeTree(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, editorOf(t, false))
		launch := s.Launch(py, map[string]any{"program": child("run_subprocess.py")})
		s.ConfigurationDone(launch)
		c := s.Child()
		expectWorkerStop(t, c, "21")
		program, worker := processIDs(t, s, c)
		s.MustRequest("terminate", nil, nil)
		expectGoneWithin(t, 5*time.Second, worker, program)
		c.WaitEvent("terminated")
		s.WaitEvent("terminated")
		if out := s.Output("stdout"); strings.Contains(out, "child result") {
			t.Errorf("the child ran on past its breakpoint: stdout = %q", out)
		}
	})
}

func TestAChildSessionCanBeEndedAlone(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, editorOf(t, false))
		launch := s.Launch(py, map[string]any{"program": child("run_subprocess.py")})
		s.ConfigurationDone(launch)
		c := s.Child()
		expectWorkerStop(t, c, "21")
		c.MustRequest("terminate", nil, nil)
		c.ExpectExit(-2) // KeyboardInterrupt at the breakpoint, as its parent's wait saw
		s.ExpectExit(0)
		if out := s.Output("stdout"); out != "child exit code -2\n" {
			t.Errorf("stdout = %q", out)
		}
	})
}
