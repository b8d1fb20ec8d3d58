package e2e

import (
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestUncaughtSystemExitStopsWhereItWasRaisedOnEveryPython(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("system_exit_ways.py")
		uncaught := map[string]any{"filters": []string{"uncaught"}}

		// The frames are live at the stop: the function's local is there to read.
		s := launchWithExceptions(t, py, program, []string{"function"}, uncaught)
		stop := exceptionStop(t, s, program, "@sys-exit", "SystemExit", "4")
		if got := s.Locals(stop.Top.Id)["code"].Value; got != "4" {
			t.Errorf("code = %q at the stop", got)
		}
		if len(stop.Frames) < 2 || stop.Frames[1].Name != "<module>" {
			t.Errorf("the stack at the stop: %s", stop.Where())
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(4)
		wantStdout(t, s, "caught 5 untraced\n")
		if n := len(s.Events("stopped")); n != 1 {
			t.Errorf("%d stops, want 1 (the caught sys.exit(5) is no reason to stop)", n)
		}

		s = launchWithExceptions(t, py, program, []string{"builtin"}, uncaught)
		stop = exceptionStop(t, s, program, "@builtin-exit", "SystemExit", "6")
		s.Continue(stop.ThreadID)
		s.ExpectExit(6)
	})
}
