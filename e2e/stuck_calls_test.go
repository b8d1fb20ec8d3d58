package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

// waitUntilThreadFree asks for the scopes of a frame until its thread no longer refuses
// requests as busy: a call blocked in native code (a __repr__ in time.sleep) keeps the
// thread after its request was answered for, and each refusal takes about a second.
func waitUntilThreadFree(t *testing.T, s *daptest.Session, frameID int) {
	t.Helper()
	for i := 0; i < 60; i++ {
		if !refusedAsBusy(s.Request("scopes", map[string]any{"frameId": frameID})) {
			return
		}
	}
	t.Fatalf("the thread of frame %d stayed busy", frameID)
}

// refusedAsBusy reports whether a response refuses its request because the thread is
// still inside a call that an earlier request ran.
func refusedAsBusy(m dap.Message) bool {
	var body struct {
		Error struct {
			ID int `json:"id"`
		} `json:"error"`
	}
	_ = json.Unmarshal(m.Body, &body)
	return !m.Success && body.Error.ID == dap.ErrAgentThreadBusy
}

// stuckInProperty stops stuck_property.py at its breakpoint and expands the property
// whose getter blocks in native code, which the watchdog answers for; the thread stays
// inside the getter. It returns the stop.
func stuckInProperty(t *testing.T, s *daptest.Session, py daptest.Python) daptest.Stop {
	t.Helper()
	stop := s.StopAt(py, daptest.Testdata("stuck_property.py"), "@stop", nil)
	sensor := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Locals"), nil)["sensor"]
	reading := s.ChildrenByName(sensor.VariablesReference, nil)["reading"]
	if !reading.PresentationHint.Lazy {
		t.Fatalf("reading = %+v, want a lazy property", reading)
	}
	if m := s.Request("variables", map[string]any{"variablesReference": reading.VariablesReference}); m.Success {
		t.Fatalf("the blocked getter answered: %s", m.Body)
	}
	return stop
}

func TestRequestsForAThreadStuckInAPropertyAreAnswered(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := stuckInProperty(t, s, py)
		for _, context := range []string{"repl", "hover", "watch"} {
			m := s.Request("evaluate", map[string]any{"expression": "value", "frameId": stop.Top.Id, "context": context})
			if !refusedAsBusy(m) || !strings.Contains(m.ErrMessage, "variables") {
				t.Errorf("evaluate (%s) while the thread is stuck: %+v", context, m)
			}
		}
		if m := s.Request("scopes", map[string]any{"frameId": stop.Top.Id}); !refusedAsBusy(m) {
			t.Errorf("scopes while the thread is stuck: %+v", m)
		}
		s.Request("stackTrace", map[string]any{"threadId": stop.ThreadID}) // answered either way
		// Continue is answered at once; the thread runs on when the getter returns.
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		wantStdout(t, s, "stopped 1\nread 42\n")
	})
}

func TestDisconnectAndTerminateWhileAPropertyIsStuck(t *testing.T) {
	for _, command := range []string{"disconnect", "terminate"} {
		t.Run(command, func(t *testing.T) {
			daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
				s := daptest.Start(t)
				stuckInProperty(t, s, py)
				s.MustRequest(command, nil, nil)
				if command == "terminate" {
					s.WaitEvent("terminated")
					s.Disconnect(nil)
				}
				s.WaitClosed()
			})
		})
	}
}

func TestAnEvaluateWaitingForASuspendedThreadAnswers(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("evaluate_waits_for_thread.py"), "@stop", nil)
		msg := s.EvaluateFails(stop.Top.Id, "with lock: pass", "repl")
		if !strings.Contains(msg, "has not returned") || !strings.Contains(msg, "suspended") {
			t.Errorf("evaluate of a lock another thread holds: %q", msg)
		}
		// Once resumed, the holder lets go, the evaluation ends, and the program with it.
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		wantStdout(t, s, "holder done\nmain stops\nmain done\n")
	})
}

func TestPauseWhenEveryThreadIsBlockedInNativeCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("pause_all_blocked.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.ConfigurationDone(launch)
		s.WaitForOutput("ready")
		main := s.ThreadNamed("MainThread")
		s.MustRequest("pause", map[string]any{"threadId": main.Id}, nil)
		stop := s.WaitForStop()
		if stop.Reason != "pause" || !stop.AllThreadsStopped {
			t.Errorf("pause stop: %s", stop.Body)
		}
		// Each thread's Python stack, read where it stands in native code.
		// On a slow machine the sleeper's five seconds may end while the program is
		// paused: it then stands at its next line, and nobody has been woken yet.
		for name, markers := range map[string][]string{"MainThread": {"@input"}, "sleeper": {"@sleep", "@wake"},
			"waiter": {"@acquire"}} {
			frames := s.StackTrace(s.ThreadNamed(name).Id)
			at := false
			for _, marker := range markers {
				at = at || (len(frames) > 0 && frames[0].Line == s.LineOf(program, marker))
			}
			if !at {
				t.Errorf("%s's stack: %+v, want it at the line of %v", name, frames, markers)
			}
		}
		// Continue: each call goes on as if nothing had happened. (A thread whose call
		// returned while the program was paused stops at its next line, and is
		// reported then: continue that too.)
		s.Continue(stop.ThreadID)
		for {
			again, stopped := s.WaitForStopOrExit()
			if !stopped {
				break
			}
			s.Continue(again.ThreadID)
		}
		out := s.Output("stdout")
		if !strings.Contains(out, "read 'hello'\n") || !strings.Contains(out, "acquired\n") {
			t.Errorf("stdout = %q", out)
		}
	})
}
