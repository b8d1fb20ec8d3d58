package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// stopAtBreakpointThen runs stop_means_stop.py to its breakpoint, has stop end the
// session's program, and checks that the line after the breakpoint never ran while
// its finally block and atexit handler did.
func stopAtBreakpointThen(t *testing.T, py daptest.Python, extra map[string]any, stop func(s *daptest.Session)) *daptest.Session {
	t.Helper()
	s := daptest.Start(t)
	program := daptest.Testdata("stop_means_stop.py")
	marker := filepath.Join(t.TempDir(), "written")
	args := map[string]any{"program": program, "args": []string{marker}}
	for k, v := range extra {
		args[k] = v
	}
	launch := s.Launch(py, args)
	s.SetBreakpoints(program, s.LineOf(program, "# @stop"))
	s.ConfigurationDone(launch)
	s.WaitForStop()
	stop(s)
	s.WaitEvent("exited")
	s.WaitEvent("terminated")
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("the line after the breakpoint ran: %s exists", marker)
	}
	out := s.Output("stdout")
	if strings.Contains(out, "after the breakpoint") || !strings.Contains(out, "finally ran\n") ||
		!strings.Contains(out, "atexit ran\n") {
		t.Errorf("stdout = %q: want the finally block and atexit, and nothing after the breakpoint", out)
	}
	if stderr := s.Output("stderr"); strings.Contains(stderr, "dapper_agent") || strings.Contains(stderr, "sitecustomize") {
		t.Errorf("stderr shows the debugger's frames:\n%s", stderr)
	}
	return s
}

func TestTerminateAtABreakpointRunsNoFurtherLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := stopAtBreakpointThen(t, py, nil, func(s *daptest.Session) { s.MustRequest("terminate", nil, nil) })
		if stderr := s.Output("stderr"); !strings.Contains(stderr, "KeyboardInterrupt") {
			t.Errorf("stderr = %q, want the KeyboardInterrupt's traceback", stderr)
		}
	})
}

func TestDisconnectAtABreakpointRunsNoFurtherLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		stopAtBreakpointThen(t, py, nil, func(s *daptest.Session) {
			s.MustRequest("disconnect", map[string]any{"terminateDebuggee": true}, nil)
		})
	})
}

func TestOnTerminateSystemExitEndsQuietly(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := stopAtBreakpointThen(t, py, map[string]any{"onTerminate": "SystemExit"},
			func(s *daptest.Session) { s.MustRequest("terminate", nil, nil) })
		if stderr := s.Output("stderr"); stderr != "" {
			t.Errorf("stderr = %q, want nothing: SystemExit ends the program without a traceback", stderr)
		}
	})
}

func TestTerminateStopsAThreadThatWasInNativeCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("stop_means_stop_threads.py")
		marker := filepath.Join(t.TempDir(), "written")
		launch := s.Launch(py, map[string]any{"program": program, "args": []string{marker}})
		s.SetBreakpoints(program, s.LineOf(program, "# @stop"))
		s.ConfigurationDone(launch)
		s.WaitForStop()
		s.MustRequest("terminate", nil, nil)
		s.WaitEvent("exited")
		if _, err := os.Stat(marker); err == nil {
			t.Errorf("the worker ran on after the stop: %s exists", marker)
		}
		if out := s.Output("stdout"); out != "worker finally ran\n" {
			t.Errorf("stdout = %q, want only the worker's finally block", out)
		}
	})
}
