package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

func TestConvenienceVariablesAtAReturnStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@double-body", nil)
		s.SetBreakpoints(program)
		s.MustRequest("stepOut", map[string]any{"threadId": stop.ThreadID, "stopAtReturn": true}, nil)
		frame := s.WaitForStop().Top.Id
		for _, c := range []struct{ expression, want string }{
			{"$_retval", "12"},
			{"$_frame.f_code.co_name", "'double'"},
			{"'$_retval'", "'$_retval'"}, // not in a string literal
			{"$count = 5", ""},
			{"$count + result", "17"},
		} {
			if got := s.Evaluate(frame, c.expression, "repl", nil).Result; got != c.want {
				t.Errorf("%s = %q, want %q", c.expression, got, c.want)
			}
		}
		if msg := s.EvaluateFails(frame, "$_exception", "repl"); !strings.Contains(msg, "$_exception is not set here") {
			t.Errorf("$_exception at a return: %q", msg)
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestConvenienceExceptionAtAnExceptionStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s, stop := stopOnUncaught(t, py, daptest.Testdata("chained_exception.py"))
		got := s.Evaluate(stop.Top.Id, "type($_exception).__name__, type($_exception.__cause__).__name__", "repl", nil).Result
		if got != "('RuntimeError', 'KeyError')" {
			t.Errorf("$_exception and its cause: %s", got)
		}
		s.ContinueToExit(stop.ThreadID, 1)
	})
}

func TestChangingAVariableInvalidatesTheVariablesShown(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s := daptest.StartEditor(t, daptest.Editor{Invalidated: true})
		stop := s.StopAt(py, program, "@after-skip", nil)
		locals := s.ScopeRef(stop.Top.Id, "Locals")
		if m, _ := s.SetVariable(locals, "total", "100"); !m.Success {
			t.Fatalf("setVariable: %s", m.ErrMessage)
		}
		event := decodeEvent[godap.InvalidatedEventBody](t, s.WaitEvent("invalidated"))
		if event.ThreadId != stop.ThreadID || !slices.Equal(event.Areas, []godap.InvalidatedAreas{"variables"}) {
			t.Errorf("after setVariable: invalidated %+v, want variables of thread %d", event, stop.ThreadID)
		}
		if m, _ := s.SetExpression(stop.Top.Id, "total", "total + 1"); !m.Success {
			t.Fatalf("setExpression: %s", m.ErrMessage)
		}
		s.WaitEvent("invalidated")
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "total 311 value 14\n")
	})
}

func TestNoInvalidatedEventForAClientThatDoesNotTakeIt(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@after-skip", nil)
		if m, _ := s.SetVariable(s.ScopeRef(stop.Top.Id, "Locals"), "total", "100"); !m.Success {
			t.Fatalf("setVariable: %s", m.ErrMessage)
		}
		s.ContinueToExit(stop.ThreadID, 0)
		if n := len(s.Events("invalidated")); n != 0 {
			t.Errorf("%d invalidated events to a client that did not say it supports them", n)
		}
	})
}
