package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// at fails the test unless the stop is in function name at the line marked marker
// of file. Names are qualified ("Class.method") from Python 3.11 on, bare before.
func at(t *testing.T, stop daptest.Stop, file, name, marker string) {
	t.Helper()
	line := daptest.LineOf(t, file, marker)
	if stop.Top.Name != name && !strings.HasSuffix(stop.Top.Name, "."+name) || stop.Top.Line != line || filepath.Base(stop.Top.Source.Path) != filepath.Base(file) {
		t.Fatalf("stopped at %s:%d in %s (stack %s), want %s:%d (%s) in %s",
			stop.Top.Name, stop.Top.Line, stop.Top.Source.Path, stop.Where(), name, line, marker, filepath.Base(file))
	}
}

// wantStdout fails the test unless the program's whole stdout so far is want.
func wantStdout(t *testing.T, s *daptest.Session, want string) {
	t.Helper()
	if got := s.Output("stdout"); got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
}

// startAt launches program with a breakpoint at marker and waits for the stop there.
func startAt(t *testing.T, py daptest.Python, program, marker string, args map[string]any) (*daptest.Session, daptest.Stop) {
	t.Helper()
	s := daptest.Start(t)
	full := map[string]any{"program": program}
	for k, v := range args {
		full[k] = v
	}
	launch := s.Launch(py, full)
	s.SetBreakpoints(program, s.LineOf(program, marker))
	s.ConfigurationDone(launch)
	stop := s.WaitForStop()
	if stop.Reason != "breakpoint" {
		t.Fatalf("first stop: reason %q, want breakpoint", stop.Reason)
	}
	return s, stop
}

func TestStepOverInAndOutAcrossModules(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_calls.py")
		helper := daptest.Testdata("stepping_helper.py")
		s, stop := startAt(t, py, program, "@main-start", nil)
		tid := stop.ThreadID
		at(t, stop, program, "main", "@main-start")

		stop = s.Next(tid)
		at(t, stop, program, "main", "@main-call-add")
		if stop.Reason != "step" || !stop.AllThreadsStopped {
			t.Errorf("step stop: reason %q allThreadsStopped %v", stop.Reason, stop.AllThreadsStopped)
		}
		at(t, s.StepIn(tid), program, "add", "@add-body")
		at(t, s.Next(tid), program, "add", "@add-return")
		// Over the return: in the caller, on the line of the call.
		stop = s.Next(tid)
		at(t, stop, program, "main", "@main-call-add")
		if got := s.Locals(stop.Top.Id)["x"].Value; got != "1" {
			t.Errorf("x in main after the return = %q", got)
		}
		at(t, s.Next(tid), program, "main", "@main-call-scale")
		at(t, s.StepIn(tid), helper, "scale", "@scale-body")
		at(t, s.StepOut(tid), program, "main", "@main-call-scale")
		at(t, s.Next(tid), program, "main", "@main-print")
		// print() has no user code (its output goes through the agent): stepIn acts as next.
		at(t, s.StepIn(tid), program, "main", "@main-return")
		at(t, s.StepIn(tid), program, "<module>", "@module-call-main")
		// Stepping off the end of the program lets it end.
		s.MustRequest("next", map[string]any{"threadId": tid}, nil)
		s.ExpectExit(0)
		wantStdout(t, s, "1 3 6\n")
		if got := s.Output("stderr"); got != "" {
			t.Errorf("stderr = %q", got)
		}
		if n := len(s.Events("stopped")); n != 11 {
			t.Errorf("%d stopped events, want 11", n)
		}
	})
}

func TestStepInEntersContextManagerAndStepOverSkipsIt(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_flow.py")
		s, stop := startAt(t, py, program, "@with", nil)
		tid := stop.ThreadID
		at(t, s.Next(tid), program, "main", "@with-body")
		// Leaving the block runs __exit__; from 3.10 on Python reports the with line again.
		stop = s.Next(tid)
		if stop.Top.Line == s.LineOf(program, "@with") {
			stop = s.Next(tid)
		}
		at(t, stop, program, "main", "@after-with")
		s.ContinueToExit(tid, 0)

		s, stop = startAt(t, py, program, "@with", nil)
		tid = stop.ThreadID
		at(t, s.StepIn(tid), program, "__enter__", "@enter")
		at(t, s.StepOut(tid), program, "main", "@with")
		at(t, s.StepIn(tid), program, "main", "@with-body")
		stop = s.StepIn(tid)
		if stop.Top.Line == s.LineOf(program, "@with") {
			stop = s.StepIn(tid)
		}
		at(t, stop, program, "__exit__", "@exit")
		s.ContinueToExit(tid, 0)
	})
}

func TestSteppingThroughAGeneratorFollowsItsValues(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_flow.py")
		s, stop := startAt(t, py, program, "@for", nil)
		tid := stop.ThreadID
		at(t, s.StepIn(tid), program, "numbers", "@gen-first")
		// A yield hands the value to the consumer: the step lands there.
		at(t, s.Next(tid), program, "main", "@for")
		at(t, s.Next(tid), program, "main", "@loop-body")
		at(t, s.Next(tid), program, "main", "@for")
		at(t, s.StepIn(tid), program, "numbers", "@gen-second")
		s.SetBreakpoints(program)
		s.ContinueToExit(tid, 0)
	})
}

func TestNextOverAwaitStaysInTheCoroutine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_flow.py")
		s, stop := startAt(t, py, program, "@await", nil)
		tid := stop.ThreadID
		at(t, s.Next(tid), program, "fetch", "@after-await")
		// The coroutine returns to the one that awaited it.
		at(t, s.Next(tid), program, "run_async", "@call-fetch")
		s.ContinueToExit(tid, 0)
		wantStdout(t, s, "True 3 5\n")

		// stepIn on asyncio.run() goes through the event loop to the first user line.
		s, stop = startAt(t, py, program, "@asyncio-run", nil)
		at(t, s.StepIn(stop.ThreadID), program, "run_async", "@call-fetch")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestJustMyCodeRunsOnThroughLibraryCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("library_callback.py")
		s, stop := startAt(t, py, program, "@hook-body", nil)
		tid := stop.ThreadID
		// Library frames (json's) are hidden.
		if got, want := stop.Where(), "hook:5 main:10 <module>:15"; got != want {
			t.Errorf("stack = %s, want %s", got, want)
		}
		at(t, s.Next(tid), program, "hook", "@hook-return")
		// hook returns into json: the step runs on to the next user line, the next call.
		stop = s.Next(tid)
		at(t, stop, program, "hook", "@hook-body")
		if got := s.Locals(stop.Top.Id)["obj"].Value; got != "{'b': 2}" {
			t.Errorf("second object = %q", got)
		}
		// Out of the last call: json returns to main, which goes on to its next line.
		at(t, s.StepOut(tid), program, "main", "@after-loads")
		s.ContinueToExit(tid, 0)

		// stepIn on a call into a library lands in the user code it calls back.
		s, stop = startAt(t, py, program, "@loads", nil)
		at(t, s.StepIn(stop.ThreadID), program, "hook", "@hook-body")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestJustMyCodeOffShowsAndStepsIntoLibraries(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("library_callback.py")
		s, stop := startAt(t, py, program, "@hook-body", map[string]any{"justMyCode": false})
		tid := stop.ThreadID
		var library int
		for _, f := range stop.Frames {
			user := filepath.Dir(f.Source.Path) == filepath.Dir(program)
			if user && f.PresentationHint != "" || !user && f.PresentationHint != "subtle" {
				t.Errorf("frame %s in %s has presentationHint %q", f.Name, f.Source.Path, f.PresentationHint)
			}
			if !user {
				library++
			}
		}
		if library == 0 {
			t.Errorf("no library frame in %s", stop.Where())
		}
		at(t, s.Next(tid), program, "hook", "@hook-return")
		stop = s.Next(tid)
		if !strings.Contains(filepath.ToSlash(stop.Top.Source.Path), "json/") {
			t.Errorf("stepping out of hook landed in %s:%d (%s), want json's code", stop.Top.Name, stop.Top.Line, stop.Top.Source.Path)
		}
		s.Continue(tid)
		stop = s.WaitForStop() // the second object
		at(t, stop, program, "hook", "@hook-body")
		s.SetBreakpoints(program)
		s.ContinueToExit(tid, 0)

		// Even with justMyCode off, stepping never enters the agent: print() writes
		// through it, and stepIn goes on to the next line.
		s, stop = startAt(t, py, program, "@after-loads", map[string]any{"justMyCode": false})
		at(t, s.StepIn(stop.ThreadID), program, "main", "@main-return")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestStepOverARaiseLandsInTheHandlerOfTheCaller(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_exception.py")
		s, stop := startAt(t, py, program, "@raise", nil)
		tid := stop.ThreadID
		at(t, s.Next(tid), program, "main", "@except")
		at(t, s.Next(tid), program, "main", "@handler")
		s.ContinueToExit(tid, 0)

		s, stop = startAt(t, py, program, "@raise", nil)
		at(t, s.StepOut(stop.ThreadID), program, "main", "@except")
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "True\n")
	})
}

func TestSteppingAThreadThatIsNotStoppedIsAnError(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_calls.py")
		s, stop := startAt(t, py, program, "@main-start", nil)
		for _, command := range []string{"next", "stepIn", "stepOut"} {
			resp := s.Request(command, map[string]any{"threadId": stop.ThreadID + 100000})
			if resp.Success || !strings.Contains(resp.ErrMessage, "is not stopped") {
				t.Errorf("%s on an unknown thread: success %v, %q", command, resp.Success, resp.ErrMessage)
			}
		}
		resp := s.Request("setBreakpoints", map[string]any{"source": map[string]any{"path": program},
			"breakpoints": []map[string]any{{"line": "three"}}})
		if resp.Success {
			t.Errorf("setBreakpoints with a line that is not a number succeeded")
		}
		// The stopped thread is still stopped and steps on.
		at(t, s.Next(stop.ThreadID), program, "main", "@main-call-add")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}
