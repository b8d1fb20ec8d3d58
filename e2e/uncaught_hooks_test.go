package e2e

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// Up to 3.11 an uncaught exception alone is seen by the excepthooks after its frames
// have finished (nothing is traced meanwhile): the stop must still show them, with
// their locals, and a step from it can only let the program end.
func TestUncaughtStopShowsTheFinishedFramesWithTheirLocals(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("uncaught_locals.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{"uncaught"}})
		stop := exceptionStop(t, s, program, "@raise", "ValueError", "count=3")
		if len(stop.Frames) != 2 || stop.Frames[0].Name != "fail" || stop.Frames[1].Name != "<module>" ||
			stop.Frames[1].Line != daptest.LineOf(t, program, "fail(total)") {
			t.Fatalf("stack = %+v", stop.Frames)
		}
		if got := s.Locals(stop.Frames[0].Id)["label"].Value; got != "'count=3'" {
			t.Errorf("label = %s", got)
		}
		if got := s.Locals(stop.Frames[1].Id)["total"].Value; got != "3" {
			t.Errorf("total = %s", got)
		}
		if py.AtLeast(3, 12) {
			s.Continue(stop.ThreadID)
		} else {
			s.MustRequest("next", map[string]any{"threadId": stop.ThreadID}, nil)
		}
		s.ExpectExit(1)
		if n := len(s.Events("stopped")); n != 1 {
			t.Errorf("%d stops, want 1", n)
		}
		if !strings.Contains(s.Output("stderr"), "ValueError: count=3") {
			t.Errorf("stderr = %q", s.Output("stderr"))
		}
	})
}

// The wrapped hook keeps the original's name, and a program that sets its own hook
// keeps it working; up to 3.11 its uncaught exception then does not stop.
func TestProgramsOwnExcepthookStillRuns(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("own_excepthook.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{"uncaught"}})
		if py.AtLeast(3, 12) {
			stop := exceptionStop(t, s, program, "@raise", "ValueError", "mine")
			s.Continue(stop.ThreadID)
		}
		s.ExpectExit(1)
		if s.Output("stdout") != "hook is named excepthook\n" || !strings.Contains(s.Output("stderr"), "own hook: ValueError: mine") {
			t.Errorf("stdout %q stderr %q", s.Output("stdout"), s.Output("stderr"))
		}
	})
}

// The excepthooks' stop goes through the same decision as any uncaught stop: the
// filter's condition (evaluated in the raising frame) and the break mode by type.
func TestUncaughtStopHonoursConditionsAndBreakModes(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("uncaught_locals.py")
		for _, settings := range []map[string]any{
			{"filters": []string{}, "filterOptions": []map[string]any{{"filterId": "uncaught", "condition": "label == 'count=4'"}}},
			{"filters": []string{"uncaught"}, "exceptionOptions": []map[string]any{{
				"path": []map[string]any{{"names": []string{"Python Exceptions"}}, {"names": []string{"ValueError"}}}, "breakMode": "never"}}},
		} {
			s := launchWithExceptions(t, py, program, nil, settings)
			s.ExpectExit(1)
			if n := len(s.Events("stopped")); n != 0 {
				t.Errorf("%v: %d stops, want none", settings, n)
			}
		}
		s := launchWithExceptions(t, py, program, nil, map[string]any{
			"filters": []string{}, "filterOptions": []map[string]any{{"filterId": "uncaught", "condition": "label == 'count=3'"}}})
		stop := exceptionStop(t, s, program, "@raise", "ValueError", "count=3")
		if info := s.ExceptionInfo(stop.ThreadID); info.BreakMode != "unhandled" || !strings.Contains(info.Details.StackTrace, "in fail") {
			t.Errorf("exceptionInfo = %+v", info)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(1)
	})
}
