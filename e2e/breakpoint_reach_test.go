package e2e

import (
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// A breakpoint must stop wherever its code runs, however the program comes to run it.
// On CPython <= 3.11 the agent leaves threads untraced and brings each breakpoint to
// the code that holds it, so every way code comes to run is a scenario here.

func TestBreakpointsInModuleImportedLaterStopAtModuleLevelAndInFunction(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_in_late_import.py")
		module := daptest.Testdata("imported/late_module.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(module, s.LineOf(module, "@module-level"), s.LineOf(module, "@triple"))
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		at(t, stop, module, "<module>", "@module-level")
		s.Continue(stop.ThreadID)
		stop = s.WaitForStop()
		at(t, stop, module, "triple", "@triple")
		if x := s.Locals(stop.Top.Id)["x"].Value; x != "4" {
			t.Errorf("x = %q, want 4", x)
		}
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "12\n")
	})
}

func TestBreakpointInWorkerThreadStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_in_thread.py")
		s, stop := startAt(t, py, program, "@compute", nil)
		if stop.ThreadID != s.ThreadNamed("worker").Id {
			t.Errorf("stopped in thread %d, not the worker: %s", stop.ThreadID, stop.Where())
		}
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "42\n")
	})
}

func TestBreakpointAfterYieldStopsAfterEachResume(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_after_yield.py")
		s, stop := startAt(t, py, program, "@after-yield", nil)
		for _, want := range []string{"0", "1", "2"} {
			if want != "0" {
				s.Continue(stop.ThreadID)
				stop = s.WaitForStop()
				at(t, stop, program, "numbers", "@after-yield")
			}
			if i := s.Locals(stop.Top.Id)["i"].Value; i != want {
				t.Errorf("i = %q, want %s", i, want)
			}
		}
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "3\n")
	})
}

func TestBreakpointAfterAwaitStopsAfterEachResume(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_after_await.py")
		s, stop := startAt(t, py, program, "@after-await", nil)
		s.Continue(stop.ThreadID)
		stop = s.WaitForStop()
		at(t, stop, program, "fetch", "@after-await")
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "42\n")
	})
}

func TestBreakpointInClosureMadeAfterConfigurationStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_in_closure.py")
		s, stop := startAt(t, py, program, "@closure", nil)
		if x := s.Locals(stop.Top.Id)["x"].Value; x != "3" {
			t.Errorf("x = %q, want 3", x)
		}
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "5\n")
	})
}

func TestBreakpointSetWhileAThreadSpinsStopsThatThread(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_while_spinning.py")
		stopWhenSetWhileRunning(t, py, program, "spinning", "spin", "@spin")
	})
}

func TestBreakpointSetWhileAGeneratorIsSuspendedStopsWhenItResumes(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_in_suspended_generator.py")
		stopWhenSetWhileRunning(t, py, program, "generator suspended", "ticks", "@resumed")
	})
}

func TestBreakpointInCodeCompiledFromRewrittenSourceStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_in_rewritten_code.py")
		target := daptest.Testdata("imported/rewritten_target.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(target, s.LineOf(target, "@scale"))
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		at(t, stop, target, "scale", "@scale")
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "15\n") // the rewritten code ran
	})
}

// stopWhenSetWhileRunning launches program, waits for it to print ready, sets a
// breakpoint at marker and expects a stop there, in function name; then it ends the
// program.
func stopWhenSetWhileRunning(t *testing.T, py daptest.Python, program, ready, name, marker string) {
	t.Helper()
	s := daptest.Start(t)
	launch := s.Launch(py, map[string]any{"program": program})
	s.ConfigurationDone(launch)
	s.WaitForOutput(ready)
	s.SetBreakpoints(program, s.LineOf(program, marker))
	at(t, s.WaitForStop(), program, name, marker)
	s.Disconnect(map[string]any{"terminateDebuggee": true})
}
