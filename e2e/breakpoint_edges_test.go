package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestABreakpointOnAContinuationLineBindsToItsStatement(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_continuation.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		cases := []struct{ marker, statement string }{
			{"@closing-bracket", "names = ["},
			{"@closing-paren", "total = add("},
			{"@joined-string", "greeting = ("},
			{"@comment-in-header", "if (total > 2 and"},
			{"@in-loop", "total = add(total,"},
		}
		var lines []int
		for _, c := range cases {
			lines = append(lines, s.LineOf(program, c.marker))
		}
		bps := s.SetBreakpoints(program, lines...)
		for i, c := range cases {
			if want := s.LineOf(program, c.statement); !bps[i].Verified || bps[i].Line != want {
				t.Errorf("a breakpoint on the line of %s: %+v, want it verified at line %d", c.marker, bps[i], want)
			}
		}
		s.ConfigurationDone(launch)
		// Once per run of each statement: Python reports a multi-line call's first line
		// again after its arguments, which is not a second reason to stop.
		for _, c := range append(cases, cases[len(cases)-1]) {
			stop := s.WaitForStop()
			if stop.Top.Line != s.LineOf(program, c.statement) {
				t.Errorf("stopped at %s, want the line of %q", stop.Where(), c.statement)
			}
			s.Continue(stop.ThreadID)
		}
		s.ExpectExit(0)
	})
}

func TestABreakpointInAFileThatDoesNotExistSaysSo(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py")})
		missing := filepath.Join(t.TempDir(), "no_such_module.py")
		bps := s.SetBreakpoints(missing, 3)
		if len(bps) != 1 || bps[0].Verified || !strings.Contains(bps[0].Message, "file does not exist") {
			t.Errorf("a breakpoint in a missing file: %+v", bps)
		}
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
	})
}

func TestFrameIdsStayTheSameAtOneStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("deep_stack.py"), "@bottom", nil)
		again := s.StackTrace(stop.ThreadID)
		if len(again) != len(stop.Frames) {
			t.Fatalf("%d frames, then %d", len(stop.Frames), len(again))
		}
		for i := range again {
			if again[i].Id != stop.Frames[i].Id {
				t.Errorf("frame %d (%s) had id %d, then %d", i, again[i].Name, stop.Frames[i].Id, again[i].Id)
			}
		}
		// A page of the stack names its frames with the same ids.
		page := requestFrames(t, s, stop.ThreadID, 1, 2)
		if len(page) != 2 || page[0].Id != stop.Frames[1].Id || page[1].Id != stop.Frames[2].Id {
			t.Errorf("frames 1-2 = %+v, want ids %d and %d", page, stop.Frames[1].Id, stop.Frames[2].Id)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func requestFrames(t *testing.T, s *daptest.Session, threadID, start, levels int) []daptest.StackFrame {
	t.Helper()
	var body struct {
		StackFrames []daptest.StackFrame `json:"stackFrames"`
	}
	s.MustRequest("stackTrace", map[string]any{"threadId": threadID, "startFrame": start, "levels": levels}, &body)
	return body.StackFrames
}
