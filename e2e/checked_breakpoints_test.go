package e2e

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// Breakpoints that the program's code checks itself (the agent compiles a copy of the
// function with the check inlined) must behave as those that tracing decides: these
// scenarios cross the seams between the two.

func TestSteppingOntoAConditionalBreakpointStopsOnceWithTheRightReason(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_while_stepping.py")
		before, checked, after := daptest.LineOf(t, program, "@before"), daptest.LineOf(t, program, "@checked"),
			daptest.LineOf(t, program, "@after")
		s, bps := launchWithBreakpoints(t, py, program,
			daptest.SourceBreakpoint{Line: before, Condition: "i in (1, 2)"},
			daptest.SourceBreakpoint{Line: checked, Condition: "evaluations.append(i) or i == 2"})
		// i = 1: the condition does not hold, so the step stops for itself.
		stop := s.WaitForStop()
		if stop.Top.Line != before || s.Locals(stop.Top.Id)["i"].Value != "1" {
			t.Fatalf("first stop at %s", stop.Where())
		}
		stop = s.Next(stop.ThreadID)
		if stop.Reason != "step" || stop.Top.Line != checked {
			t.Fatalf("next from the line before: %s, reason %s", stop.Where(), stop.Reason)
		}
		if stop = s.Next(stop.ThreadID); stop.Top.Line != after {
			t.Fatalf("next over the checked line: %s", stop.Where())
		}
		s.Continue(stop.ThreadID)
		// i = 2: the step lands where the condition holds, and the breakpoint is the reason.
		stop = s.WaitForStop()
		if stop.Top.Line != before || s.Locals(stop.Top.Id)["i"].Value != "2" {
			t.Fatalf("second stop at %s", stop.Where())
		}
		stop = s.Next(stop.ThreadID)
		if stop.Reason != "breakpoint" || stop.Top.Line != checked || len(stop.HitBreakpointIDs) != 1 ||
			stop.HitBreakpointIDs[0] != bps[1].Id {
			t.Fatalf("next onto the line where the condition holds: %s", stop.Body)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		// Once per pass, stepped or not.
		wantStdout(t, s, "total 6 evaluations 4\n")
		if n := len(s.Events("stopped")); n != 5 {
			t.Errorf("%d stops, want 5", n)
		}
	})
}

func TestNothingStopsInsideAFunctionThatAConditionCalls(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_while_stepping.py")
		s, bps := launchWithBreakpoints(t, py, program,
			daptest.SourceBreakpoint{Line: daptest.LineOf(t, program, "@in-condition")},
			daptest.SourceBreakpoint{Line: daptest.LineOf(t, program, "@checked"), Condition: "interesting(i)"})
		stop := s.WaitForStop()
		if stop.Reason != "breakpoint" || stop.HitBreakpointIDs[0] != bps[1].Id || s.Locals(stop.Top.Id)["i"].Value != "2" {
			t.Fatalf("stop: %s", stop.Body)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 1 {
			t.Errorf("%d stops, want 1", n)
		}
	})
}

func TestAConditionChangedWhileItsFunctionRunsAppliesAtOnce(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_changed_while_running.py")
		line := daptest.LineOf(t, program, "@spin")
		s, _ := launchWithBreakpoints(t, py, program, daptest.SourceBreakpoint{Line: line, Condition: "i < 0"})
		s.WaitForOutput("spinning")
		s.SetSourceBreakpoints(program, daptest.SourceBreakpoint{Line: line, Condition: "i > 1000"})
		stop := s.WaitForStop()
		if stop.Reason != "breakpoint" || stop.Top.Line != line || len(s.Locals(stop.Top.Id)["i"].Value) < 4 {
			t.Fatalf("stop: %s with i = %s", stop.Body, s.Locals(stop.Top.Id)["i"].Value)
		}
		endSpin(t, s, stop)
	})
}

func TestPauseStopsALoopWhoseLineHoldsAConditionalBreakpoint(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_changed_while_running.py")
		s, _ := launchWithBreakpoints(t, py, program, daptest.SourceBreakpoint{Line: daptest.LineOf(t, program, "@spin"), Condition: "i < 0"})
		s.WaitForOutput("spinning")
		s.MustRequest("pause", map[string]any{"threadId": s.ThreadNamed("MainThread").Id}, nil)
		stop := s.WaitForStop()
		if stop.Reason != "pause" || stop.Top.Name != "spin" {
			t.Fatalf("pause stop: %s at %s", stop.Body, stop.Where())
		}
		endSpin(t, s, stop)
	})
}

// endSpin ends condition_changed_while_running.py's loop from a stop in it: no
// breakpoints, running = False, continue.
func endSpin(t *testing.T, s *daptest.Session, stop daptest.Stop) {
	t.Helper()
	s.SetSourceBreakpoints(daptest.Testdata("condition_changed_while_running.py"))
	if resp, _ := s.SetVariable(s.ScopeRef(stop.Top.Id, "Globals"), "running", "False"); !resp.Success {
		t.Fatalf("setVariable running: %s", resp.Body)
	}
	s.Continue(stop.ThreadID)
	s.ExpectExit(0)
	wantStdout(t, s, "spinning\nspun True\n")
}

func TestAFunctionWithABreakpointPickledByValueStillRuns(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		travels(t, py, daptest.Testdata("breakpoint_travels.py"))
	})
}

// TestAFunctionWithABreakpointPickledWithCloudpickleStillRuns uses Debian's
// python3-cloudpickle (.ci/run installs it) with the python it serves.
func TestAFunctionWithABreakpointPickledWithCloudpickleStillRuns(t *testing.T) {
	const system = "/usr/bin/python3"
	if err := exec.Command(system, "-c", "import cloudpickle").Run(); err != nil {
		t.Skipf("%s has no cloudpickle (apt-get install python3-cloudpickle): %v", system, err)
	}
	out, err := exec.Command(system, "-c", "import sys; print(*sys.version_info[:2])").Output()
	py := daptest.Python{Path: system}
	if _, scanned := fmt.Sscan(string(out), &py.Major, &py.Minor); err != nil || scanned != nil {
		t.Fatalf("%s: its version: %v %v", system, err, scanned)
	}
	travels(t, py, daptest.Testdata("breakpoint_travels_cloudpickle.py"))
}

// travels runs a program that pickles work() by value and calls the copy, then work()
// itself, which stops at its breakpoint.
func travels(t *testing.T, py daptest.Python, program string) {
	t.Helper()
	s, bps := launchWithBreakpoints(t, py, program,
		daptest.SourceBreakpoint{Line: daptest.LineOf(t, program, "@work"), Condition: "x == 1"})
	stop := s.WaitForStop()
	if stop.Reason != "breakpoint" || stop.HitBreakpointIDs[0] != bps[0].Id || s.Locals(stop.Top.Id)["x"].Value != "1" {
		t.Fatalf("stop: %s", stop.Body)
	}
	s.Continue(stop.ThreadID)
	s.ExpectExit(0)
	if got := s.Output("stdout"); got != "travelled 41\nran 3\n" {
		t.Errorf("stdout = %q, stderr = %q", got, strings.TrimSpace(s.Output("stderr")))
	}
}
