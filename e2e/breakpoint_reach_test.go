package e2e

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

// Breakpoints must stop wherever their code runs, however the program reaches it: on
// CPython <= 3.11 the agent leaves threads untraced and brings the breakpoint to the
// code, so each way code can come to run is a scenario here.

func TestBreakpointsInModuleImportedLaterStopAtModuleLevelAndInFunction(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_in_late_import.py")
		module := daptest.Testdata("imported/late_module.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(module, 1, 5)
		s.ConfigurationDone(launch)
		stop := expectStopAt(t, s, "<module>", 1)
		s.Continue(stop.ThreadID)
		stop = expectStopAt(t, s, "triple", 5)
		if x := s.Locals(stop.Top.ID)["x"].Value; x != "4" {
			t.Errorf("x = %q, want 4", x)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestBreakpointInWorkerThreadStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_in_thread.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, 5)
		s.ConfigurationDone(launch)
		stop := expectStopAt(t, s, "compute", 5)
		if !hasFrame(stop, "worker") {
			t.Errorf("the stop is not in the worker thread: %+v", stop.Frames)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "42\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestBreakpointAfterYieldStopsAfterEachResume(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_after_yield.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, 4)
		s.ConfigurationDone(launch)
		for _, want := range []string{"0", "1", "2"} {
			stop := expectStopAt(t, s, "numbers", 4)
			if i := s.Locals(stop.Top.ID)["i"].Value; i != want {
				t.Errorf("i = %q, want %s", i, want)
			}
			s.Continue(stop.ThreadID)
		}
		s.ExpectExit(0)
	})
}

func TestBreakpointAfterAwaitStopsAfterEachResume(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_after_await.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, 7)
		s.ConfigurationDone(launch)
		for range 2 {
			stop := expectStopAt(t, s, "fetch", 7)
			s.Continue(stop.ThreadID)
		}
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "42\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestBreakpointInClosureMadeAfterConfigurationStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_in_closure.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, 3)
		s.ConfigurationDone(launch)
		stop := expectStopAt(t, s, "add", 3)
		if n := s.Locals(stop.Top.ID)["x"].Value; n != "3" {
			t.Errorf("x = %q, want 3", n)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestBreakpointSetWhileAThreadSpinsStopsThatThread(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_while_spinning.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.ConfigurationDone(launch)
		s.WaitEventMatching("output", func(m dap.Message) bool { return strings.Contains(string(m.Body), "spinning") })
		s.SetBreakpoints(program, 11)
		expectStopAt(t, s, "spin", 11)
		s.Disconnect(map[string]any{"terminateDebuggee": true})
	})
}

func TestBreakpointSetWhileAGeneratorIsSuspendedStopsWhenItResumes(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_in_suspended_generator.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.ConfigurationDone(launch)
		s.WaitEventMatching("output", func(m dap.Message) bool { return strings.Contains(string(m.Body), "suspended") })
		s.SetBreakpoints(program, 9)
		expectStopAt(t, s, "ticks", 9)
		s.Disconnect(map[string]any{"terminateDebuggee": true})
	})
}

func TestBreakpointInCodeCompiledFromRewrittenSourceStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_in_rewritten_code.py")
		target := daptest.Testdata("imported/rewritten_target.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(target, 5)
		s.ConfigurationDone(launch)
		stop := expectStopAt(t, s, "scale", 5)
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "15\n" {
			t.Errorf("stdout = %q (the rewritten code did not run?)", got)
		}
	})
}

// expectStopAt waits for the next stop and checks it is at a breakpoint in function
// name (its qualified name, on Pythons that have one, ends with it), at line.
func expectStopAt(t *testing.T, s *daptest.Session, name string, line int) daptest.Stop {
	t.Helper()
	stop := s.WaitForStop()
	if stop.Reason != "breakpoint" || !namesFunction(stop.Top.Name, name) || stop.Top.Line != line {
		t.Fatalf("stopped (%s) in %s at line %d, want a breakpoint in %s at line %d", stop.Reason, stop.Top.Name, stop.Top.Line, name, line)
	}
	return stop
}

func namesFunction(frameName, function string) bool {
	return frameName == function || strings.HasSuffix(frameName, "."+function)
}

func hasFrame(stop daptest.Stop, name string) bool {
	for _, f := range stop.Frames {
		if namesFunction(f.Name, name) {
			return true
		}
	}
	return false
}
