package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

// gotoLine asks for the goto target at the line holding marker and returns the
// goto response.
func gotoLine(t *testing.T, s *daptest.Session, tid int, program, marker string) dap.Message {
	t.Helper()
	var targets godap.GotoTargetsResponseBody
	line := s.LineOf(program, marker)
	s.MustRequest("gotoTargets", map[string]any{"source": map[string]any{"path": program}, "line": line}, &targets)
	if len(targets.Targets) != 1 || targets.Targets[0].Line != line {
		t.Fatalf("gotoTargets at line %d: %+v, want one target on that line", line, targets.Targets)
	}
	return s.Request("goto", map[string]any{"threadId": tid, "targetId": targets.Targets[0].Id})
}

func TestGotoSkipsLinesAndStopsWithReasonGoto(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@main-start", nil)
		if m := gotoLine(t, s, stop.ThreadID, program, "@after-skip"); !m.Success {
			t.Fatalf("goto failed: %s", m.ErrMessage)
		}
		stop = s.WaitForStop()
		if stop.Reason != "goto" {
			t.Fatalf("stop after goto: reason %q, want goto", stop.Reason)
		}
		at(t, stop, program, "main", "@after-skip")
		// The jumped-to line runs next: a step stops on the line after it.
		at(t, s.Next(stop.ThreadID), program, "main", "@loop")
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "total 210 value 14\n") // "total += 1" never ran
	})
}

func TestGotoRefusesWhatPythonRefuses(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@main-start", nil)
		m := gotoLine(t, s, stop.ThreadID, program, "@in-loop")
		if m.Success || !strings.Contains(m.ErrMessage, "cannot jump to line") {
			t.Fatalf("goto into a for loop: success %v, message %q; want CPython's refusal", m.Success, m.ErrMessage)
		}
		// The thread has not moved.
		at(t, s.Next(stop.ThreadID), program, "main", "@after-skip")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestStepInTargetsListTheLinesCallsAndStepIntoTheChosenOne(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@calls", nil)
		var body godap.StepInTargetsResponseBody
		s.MustRequest("stepInTargets", map[string]any{"frameId": stop.Top.Id}, &body)
		var labels []string
		for _, target := range body.Targets {
			labels = append(labels, target.Label)
		}
		if strings.Join(labels, " ") != "triple double double" {
			t.Fatalf("step-in targets %q, want triple, double, double in the order they run", labels)
		}
		// The second double: double(1), not double(triple(2)).
		s.MustRequest("stepIn", map[string]any{"threadId": stop.ThreadID, "targetId": body.Targets[2].Id}, nil)
		stop = s.WaitForStop()
		at(t, stop, program, "double", "@double-body")
		if x := s.Locals(stop.Top.Id)["x"].Value; x != "1" {
			t.Errorf("stepped into double with x = %s, want the call double(1)", x)
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestStepOutWithStopAtReturnStopsAtTheReturnWithItsValue(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@double-body", nil)
		s.SetBreakpoints(program)
		s.MustRequest("stepOut", map[string]any{"threadId": stop.ThreadID, "stopAtReturn": true}, nil)
		stop = s.WaitForStop()
		if stop.Reason != "return" {
			t.Fatalf("stop: reason %q, want return", stop.Reason)
		}
		at(t, stop, program, "double", "@double-return")
		returned := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Return value"), nil)
		if v, ok := returned["double"]; !ok || v.Value != "12" {
			t.Fatalf("Return value scope %+v, want double = 12", returned)
		}
		// From the return, a step lands in the caller, on the line of the call.
		at(t, s.Next(stop.ThreadID), program, "main", "@calls")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestAStepThatResumesEveryThreadSaysSo(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("goto_and_step_targets.py")
		s, stop := startAt(t, py, program, "@main-start", nil)
		s.Next(stop.ThreadID)
		continued := s.WaitEvent("continued")
		body := decodeEvent[godap.ContinuedEventBody](t, continued)
		if body.ThreadId != stop.ThreadID || !body.AllThreadsContinued {
			t.Errorf("continued event %s, want thread %d with allThreadsContinued", continued.Body, stop.ThreadID)
		}
		// A continue is a resume the client asked for: no continued event.
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if n := len(s.Events("continued")); n != 1 {
			t.Errorf("%d continued events, want 1 (for the step only)", n)
		}
	})
}

// decodeEvent reads an event's body as a T.
func decodeEvent[T any](t *testing.T, m dap.Message) T {
	t.Helper()
	var body T
	if err := json.Unmarshal(m.Body, &body); err != nil {
		t.Fatalf("decoding the %s event: %v: %s", m.Event, err, m.Body)
	}
	return body
}
