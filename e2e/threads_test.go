package e2e

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

func threadEvent(m dap.Message) (reason string, id int) {
	var body struct {
		Reason   string `json:"reason"`
		ThreadID int    `json:"threadId"`
	}
	_ = json.Unmarshal(m.Body, &body)
	return body.Reason, body.ThreadID
}

// suspendedTop returns the top frame of a thread that must be suspended along with
// the one that stopped. If the client read its stack while it was still running
// (blocked in native code), the agent reports it once it stops: wait for that.
func suspendedTop(t *testing.T, s *daptest.Session, threadID int) daptest.StackFrame {
	t.Helper()
	frames := s.StackTrace(threadID)
	if len(frames) == 0 {
		t.Fatalf("thread %d has an empty stack", threadID)
	}
	if resp := s.Request("scopes", map[string]any{"frameId": frames[0].Id}); resp.Success {
		return frames[0]
	}
	s.WaitEventMatching("stopped", func(m dap.Message) bool {
		var body struct {
			ThreadID          int  `json:"threadId"`
			PreserveFocusHint bool `json:"preserveFocusHint"`
		}
		_ = json.Unmarshal(m.Body, &body)
		return body.ThreadID == threadID && body.PreserveFocusHint
	})
	return s.StackTrace(threadID)[0]
}

func TestBreakpointHitByFourThreadsAtOnceIsReportedFourTimes(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("threads_same_breakpoint.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		bp := s.SetBreakpoints(program, s.LineOf(program, "@hit"))[0]
		s.ConfigurationDone(launch)
		seen := map[int]bool{}
		for i := 0; i < 4; i++ {
			stop := s.WaitForStop()
			at(t, stop, program, "worker", "@hit")
			if stop.Reason != "breakpoint" || !stop.AllThreadsStopped || len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != bp.Id {
				t.Errorf("stop %d: %s", i, stop.Body)
			}
			if seen[stop.ThreadID] {
				t.Fatalf("thread %d reported twice", stop.ThreadID)
			}
			seen[stop.ThreadID] = true
			var names []string
			for _, th := range s.Threads() {
				names = append(names, th.Name)
			}
			sort.Strings(names)
			if i == 0 && len(names) != 5 {
				t.Errorf("threads at the first stop: %v", names)
			}
			var cont struct {
				AllThreadsContinued bool `json:"allThreadsContinued"`
			}
			s.MustRequest("continue", map[string]any{"threadId": stop.ThreadID}, &cont)
			if !cont.AllThreadsContinued {
				t.Errorf("continue: allThreadsContinued false")
			}
		}
		s.ExpectExit(0)
		wantStdout(t, s, "[0, 1, 2, 3]\n")
		if n := len(s.Events("stopped")); n != 4 {
			t.Errorf("%d stopped events, want 4", n)
		}
	})
}

func TestEveryThreadStaysSuspendedUntilContinue(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("threads_all_stop.py")
		s, stop := startAt(t, py, program, "@main-bp", nil)
		if !stop.AllThreadsStopped {
			t.Errorf("stopped without allThreadsStopped: %s", stop.Body)
		}
		main := s.ThreadNamed("MainThread")
		if main.Id != stop.ThreadID {
			t.Errorf("stopped thread %d, main is %d", stop.ThreadID, main.Id)
		}
		// The current name, set by the thread after it started.
		spinner := s.ThreadNamed("spinner-renamed")
		s.WaitEventMatching("thread", func(m dap.Message) bool {
			reason, id := threadEvent(m)
			return reason == "started" && id == spinner.Id
		})
		top := suspendedTop(t, s, spinner.Id)
		if top.Name != "spin" {
			t.Fatalf("spinner's top frame: %+v", top)
		}
		before := s.Locals(top.Id)["count"].Value
		s.Threads()
		s.StackTrace(stop.ThreadID)
		after := s.Locals(s.StackTrace(spinner.Id)[0].Id)["count"].Value
		if before == "" || before != after {
			t.Errorf("the spinner ran while stopped: count %q then %q", before, after)
		}
		s.Continue(stop.ThreadID)
		s.WaitEventMatching("thread", func(m dap.Message) bool {
			reason, id := threadEvent(m)
			return reason == "exited" && id == spinner.Id
		})
		s.ExpectExit(0)
		wantStdout(t, s, "main stops here\nspun True\n")
	})
}

func TestPauseStopsABusyLoopAndASleepingThread(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("pause_busy_and_sleeping.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.ConfigurationDone(launch)
		s.WaitForOutput("sleeping")
		s.WaitForOutput("spinning")
		main := s.ThreadNamed("MainThread")
		sleeper := s.ThreadNamed("sleeper")
		s.MustRequest("pause", map[string]any{"threadId": main.Id}, nil)
		stop := s.WaitForStop()
		if stop.Reason != "pause" || !stop.AllThreadsStopped || stop.ThreadID != main.Id {
			t.Fatalf("pause stop: %s", stop.Body)
		}
		if stop.Top.Name != "<module>" || stop.Top.Line < s.LineOf(program, "@spin")-1 {
			t.Errorf("main paused at %s", stop.Where())
		}
		x := s.Locals(stop.Top.Id)["x"].Value
		if again := s.Locals(s.StackTrace(main.Id)[0].Id)["x"].Value; x == "" || again != x {
			t.Errorf("main ran while paused: x %q then %q", x, again)
		}
		// The sleeper is still blocked in time.sleep: its stack is read as it runs, and
		// it is reported once the sleep returns to Python code.
		frames := s.StackTrace(sleeper.Id)
		if frames[0].Name != "sleeper" || frames[0].Line != s.LineOf(program, "@sleep") {
			t.Fatalf("sleeper's stack while it sleeps: %+v", frames)
		}
		if resp := s.Request("scopes", map[string]any{"frameId": frames[0].Id}); resp.Success {
			t.Fatalf("scopes of a thread blocked in time.sleep succeeded")
		}
		if top := suspendedTop(t, s, sleeper.Id); top.Line != s.LineOf(program, "@woke") {
			t.Errorf("the sleeper stopped at line %d, want the line after its sleep", top.Line)
		}
		if n := len(s.Events("stopped")); n > 2 {
			t.Errorf("%d stopped events", n)
		}
		s.Disconnect(nil)
		s.WaitClosed()
	})
}

func TestEightThreadsHittingABreakpointWhileSteppingLoseNoStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("threads_breakpoint_in_loop.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, s.LineOf(program, "@hit"))
		s.ConfigurationDone(launch)
		hits := 0
		for i := 0; ; i++ {
			stop, running := s.WaitForStopOrExit()
			if !running {
				break
			}
			if stop.Reason == "breakpoint" {
				hits++
			}
			// Every third stop steps; the others continue.
			command := "continue"
			if i%3 == 0 {
				command = "next"
			}
			s.MustRequest(command, map[string]any{"threadId": stop.ThreadID}, nil)
		}
		if hits != 40 {
			t.Errorf("%d breakpoint stops, want 40 (8 threads, 5 each)", hits)
		}
		wantStdout(t, s, "40\n")
	})
}
