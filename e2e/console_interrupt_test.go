package e2e

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

// Ctrl-C typed in the program's terminal while it is stopped neither moves it nor is
// lost: requests are still answered, and the KeyboardInterrupt is raised at the
// stopped line when the program continues.
func TestCtrlCWhileStoppedInATerminalIsRaisedOnContinue(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, terminalEditor)
		program := daptest.Testdata("ctrl_c_while_stopped.py")
		launch := s.Launch(py, map[string]any{"program": program, "console": "integratedTerminal"})
		term, _ := s.Terminal()
		s.SetBreakpoints(program, s.LineOf(program, "# @stopped"))
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		term.Type("\x03")
		s.WaitEventMatching("output", func(m dap.Message) bool {
			return strings.Contains(string(m.Body), "KeyboardInterrupt (Ctrl-C) while the program is stopped")
		})
		if got := s.Evaluate(stop.Top.Id, "1 + 1", "watch", nil); got.Result != "2" {
			t.Errorf("evaluate after Ctrl-C = %q", got.Result)
		}
		if threads := s.Threads(); len(threads) == 0 {
			t.Errorf("no threads after Ctrl-C")
		}
		s.Continue(stop.ThreadID)
		term.Expect("finally ran")
		term.Expect("KeyboardInterrupt")
		s.ExpectExit(-2)
		screen := term.Screen()
		if strings.Contains(screen, "the line after the stop ran") {
			t.Errorf("the program ran past the stop:\n%s", screen)
		}
		if strings.Contains(screen, "dapper_agent") {
			t.Errorf("the traceback shows the agent:\n%s", screen)
		}
	})
}
