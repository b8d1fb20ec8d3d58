package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestLaunchResponseIsHeldUntilConfigurationDone(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py")})
		s.SetBreakpoints(daptest.Testdata("hello.py"), 1)
		for _, e := range s.Messages() {
			if e.Msg.IsResponse() && e.Msg.RequestSeq == launch {
				t.Fatalf("launch was answered before configurationDone")
			}
		}
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestThreadStartedAndExitedEvents(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("threads_events.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		var id int
		if _, err := fmt.Sscanf(strings.Split(s.Output("stdout"), "\n")[1], "worker id %d", &id); err != nil {
			t.Fatalf("stdout = %q", s.Output("stdout"))
		}
		var reasons []string
		for _, m := range s.Events("thread") {
			if strings.Contains(string(m.Body), fmt.Sprintf(`"threadId": %d`, id)) ||
				strings.Contains(string(m.Body), fmt.Sprintf(`"threadId":%d`, id)) {
				reasons = append(reasons, string(m.Body))
			}
		}
		if len(reasons) != 2 || !strings.Contains(reasons[0], "started") || !strings.Contains(reasons[1], "exited") {
			t.Errorf("thread events for %d: %v", id, reasons)
		}
	})
}

func TestAgentWithWrongTokenIsRefused(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("wrong_token.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "refused\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

// Only the program is debugged: its Python child runs on without the debugger, also
// when the program's python is a wrapper script (the child is then the second Python
// of the launched tree).
func TestPythonChildRunsOnWithoutTheDebugger(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, wrapped := range []bool{false, true} {
			t.Run(fmt.Sprintf("wrapped=%v", wrapped), func(t *testing.T) {
				args := map[string]any{"program": daptest.Testdata("python_child.py")}
				if wrapped {
					args["python"] = pythonWrapper(t, py)
				}
				s := daptest.Start(t)
				s.ConfigurationDone(s.Launch(py, args))
				s.ExpectExit(0)
				if got := s.Output("stdout"); got != "child: child says hi 0\n" {
					t.Errorf("stdout = %q, stderr = %q", got, s.Output("stderr"))
				}
			})
		}
	})
}

func TestTerminateAtABreakpointShowsNoDebuggerFrames(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		// No child process here: a child still starting up when the signal arrives
		// dies in its own site import, as it would without a debugger.
		program := daptest.Testdata("sleep_loop.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, daptest.LineOf(t, program, "time.sleep(0.05)"))
		s.ConfigurationDone(launch)
		s.WaitForStop()
		s.MustRequest("terminate", nil, nil)
		s.WaitEvent("exited")
		if stderr := s.Output("stderr"); showsDebugger(t, stderr) {
			t.Errorf("stderr shows the debugger's frames:\n%s", stderr)
		}
	})
}
