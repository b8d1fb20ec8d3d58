package e2e

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// untilStopped runs testdata/attach_until_stopped.py under `dapper run` with extra
// options; the program laps until stop is created, then exits with code 3.
func untilStopped(t *testing.T, py daptest.Python, options ...string) (run *daptest.Program, addr, stop string) {
	t.Helper()
	stop = filepath.Join(t.TempDir(), "stop")
	args := append(append([]string{"--python", py.Path}, options...), daptest.Testdata("attach_until_stopped.py"), stop)
	run, addr = daptest.StartRun(t, nil, args...)
	return run, addr, stop
}

// stopAtLap attaches s, with its breakpoint on the program's lap line, and returns the
// stop there.
func stopAtLap(t *testing.T, s *daptest.Session, args map[string]any) daptest.Stop {
	t.Helper()
	program := daptest.Testdata("attach_until_stopped.py")
	attach := s.Attach(args)
	if bps := s.SetBreakpoints(program, s.LineOf(program, "# @lap")); !bps[0].Verified {
		t.Fatalf("the breakpoint did not bind: %+v", bps[0])
	}
	s.ConfigurationDone(attach)
	return s.WaitForStop()
}

func TestRunListenThenAttachStopsAtABreakpointAndEndsWithTheProgramsExitCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		run, addr, stop := untilStopped(t, py, "--listen", "0")
		run.WaitStdout("running")
		s := daptest.Connect(t, addr)
		st := stopAtLap(t, s, connectTo(t, addr))
		if st.Reason != "breakpoint" || st.Top.Name != "<module>" {
			t.Fatalf("stopped at %s for %q", st.Where(), st.Reason)
		}
		process := s.Events("process")
		if len(process) != 1 || !strings.Contains(string(process[0].Body), `"startMethod":"attach"`) {
			t.Errorf("process events: %v", process)
		}
		if v := s.Evaluate(st.Top.Id, "laps > 0", "repl", nil); v.Result != "True" {
			t.Errorf("laps > 0 = %s", v.Result)
		}
		s.SetBreakpoints(daptest.Testdata("attach_until_stopped.py"))
		s.Continue(st.ThreadID)
		createFile(t, stop)
		s.ExpectExit(3)
		run.ExpectExit(3)
		if got := run.Stdout(); got != "running\nstopped after laps: True\n" {
			t.Errorf("dapper run's stdout = %q (the program's, once)", got)
		}
		if got := s.Output("stdout"); !strings.Contains(got, "stopped after laps: True\n") {
			t.Errorf("the client's stdout = %q", got)
		}
	})
}

// connectTo is the attach arguments an editor sends to reach addr.
func connectTo(t *testing.T, addr string) map[string]any {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"connect": map[string]any{"host": host, "port": port}}
}

func createFile(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWaitForClientRunsNoLineBeforeConfigurationDone(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("attach_first_line.py")
		mark := filepath.Join(t.TempDir(), "mark")
		run, addr := daptest.StartRun(t, nil, "--listen", "0", "--wait-for-client", "--python", py.Path, program, mark)
		s := daptest.Connect(t, addr)
		attach := s.Attach(connectTo(t, addr))
		s.SetBreakpoints(program, s.LineOf(program, "# @after-mark"))
		s.Threads() // one more round trip to the agent, with the interpreter up and waiting
		if _, err := os.Stat(mark); err == nil {
			t.Fatal("the program's first line ran before configurationDone")
		}
		if p := s.Events("process"); len(p) != 1 || !strings.Contains(string(p[0].Body), `"startMethod":"attachForSuspendedLaunch"`) {
			t.Errorf("process events: %v", p)
		}
		s.ConfigurationDone(attach)
		st := s.WaitForStop()
		if _, err := os.Stat(mark); err != nil {
			t.Errorf("stopped after the first line, but it left no mark: %v", err)
		}
		s.ContinueToExit(st.ThreadID, 0)
		run.ExpectExit(0)
	})
}

func TestAClientThatDisconnectsLeavesTheProgramRunningForTheNext(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		run, addr, stop := untilStopped(t, py, "--listen", "0")
		first := daptest.Connect(t, addr)
		st := stopAtLap(t, first, connectTo(t, addr))
		first.Disconnect(nil) // terminateDebuggee defaults to false for attach
		first.WaitClosed()
		if !run.Running() {
			t.Fatal("the program ended with its first client")
		}

		second := daptest.Connect(t, addr)
		again := stopAtLap(t, second, connectTo(t, addr))
		if again.Top.Line != st.Top.Line {
			t.Errorf("the second client stopped at %s, the first at %s", again.Where(), st.Where())
		}
		second.Disconnect(nil)
		second.WaitClosed()

		createFile(t, stop) // the program ran on, with no breakpoint left behind
		run.ExpectExit(3)
	})
}
