package e2e

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
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
		if st.Reason != "breakpoint" || st.Top.Name != "lap" {
			t.Fatalf("stopped at %s for %q", st.Where(), st.Reason)
		}
		process := s.Events("process")
		if len(process) != 1 || !strings.Contains(string(process[0].Body), `"startMethod":"attach"`) {
			t.Errorf("process events: %v", process)
		}
		expectStopFile(t, s, st, stop)
		runToTheEnd(t, s, st, daptest.Testdata("attach_until_stopped.py"), stop, run)
		if got := run.Stdout(); got != "running\nstopped after laps: True\n" {
			t.Errorf("dapper run's stdout = %q (the program's, once)", got)
		}
		if got := s.Output("stdout"); !strings.Contains(got, "stopped after laps: True\n") {
			t.Errorf("the client's stdout = %q", got)
		}
	})
}

// runToTheEnd clears the breakpoints of program (which stopped st), lets it run and
// stop, and checks that the client and dapper run both see its exit code.
func runToTheEnd(t *testing.T, s *daptest.Session, st daptest.Stop, program, stop string, run *daptest.Program) {
	t.Helper()
	s.SetBreakpoints(program)
	s.Continue(st.ThreadID)
	createFile(t, stop)
	s.ExpectExit(3)
	s.Disconnect(nil)
	run.ExpectExit(3)
}

// expectStopFile evaluates the program's stop_file in the frame it stopped in.
func expectStopFile(t *testing.T, s *daptest.Session, st daptest.Stop, stop string) {
	t.Helper()
	if v := s.Evaluate(st.Top.Id, "stop_file", "repl", nil); v.Result != fmt.Sprintf("%q", stop) && v.Result != "'"+stop+"'" {
		t.Errorf("stop_file = %s, want %q", v.Result, stop)
	}
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
		s.Disconnect(nil)
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

func TestAttachConnectThroughAnAdapterRelaysToDapperRun(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		run, addr, stop := untilStopped(t, py, "--listen", "0")
		s := daptest.Start(t) // an editor that always starts `dapper adapter`
		st := stopAtLap(t, s, connectTo(t, addr))
		expectStopFile(t, s, st, stop)
		runToTheEnd(t, s, st, daptest.Testdata("attach_until_stopped.py"), stop, run)
	})
}

// listeningAdapter starts `dapper adapter` with attach {"listen"} on a free port, and
// returns the session and the address it waits on.
func listeningAdapter(t *testing.T) (*daptest.Session, int, string) {
	s := daptest.Start(t)
	s.Initialize()
	attach := s.Send("attach", map[string]any{"listen": map[string]any{"host": "127.0.0.1", "port": 0}})
	var addr string
	s.WaitEventMatching("output", func(m dap.Message) bool {
		found := regexp.MustCompile(`waiting for a program to connect to (\S+)`).FindStringSubmatch(string(m.Body))
		if found != nil {
			addr = found[1]
		}
		return found != nil
	})
	return s, attach, addr
}

func TestRunConnectReachesAnAdapterThatListens(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s, attach, addr := listeningAdapter(t)
		stop := filepath.Join(t.TempDir(), "stop")
		program := daptest.Testdata("attach_until_stopped.py")
		run, _ := daptest.StartRun(t, nil, "--connect", addr, "--wait-for-client", "--python", py.Path, program, stop)
		s.WaitEvent("initialized")
		s.SetBreakpoints(program, s.LineOf(program, "# @lap"))
		s.ConfigurationDone(attach)
		st := s.WaitForStop()
		if p := s.Events("process"); len(p) != 1 || !strings.Contains(string(p[0].Body), `"startMethod":"attachForSuspendedLaunch"`) {
			t.Errorf("process events: %v", p)
		}
		runToTheEnd(t, s, st, program, stop, run)
	})
}

func TestTheInCodeAPIListensWaitsAndStops(t *testing.T) {
	agentDir := strings.TrimSpace(string(mustOutput(t, daptest.Binary(t), "agent-path")))
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("api_listen.py")
		p := daptest.StartProgram(t, []string{"PYTHONPATH=" + agentDir}, py.Path, program)
		addr := p.WaitStdoutMatch(regexp.MustCompile(`listening on (\S+)\n`))[1]
		p.WaitStdout("connected before a client: False\n")
		s := daptest.Connect(t, addr)
		s.ConfigurationDone(s.Attach(connectTo(t, addr)))
		st := s.WaitForStop()
		if st.Reason != "breakpoint" || st.Top.Line != s.LineOf(program, "# @api-stop") {
			t.Fatalf("stopped at %s for %q", st.Where(), st.Reason)
		}
		p.WaitStdout("connected after wait_for_client: True\n")
		if v := s.Evaluate(st.Top.Id, "answer", "repl", nil); v.Result != "41" {
			t.Errorf("answer = %s", v.Result)
		}
		s.Continue(st.ThreadID)
		s.WaitEvent("terminated")
		s.Disconnect(nil)
		p.ExpectExit(0)
		p.WaitStdout("answer 42\n")
	})
}

func mustOutput(t *testing.T, argv ...string) []byte {
	t.Helper()
	out, err := exec.Command(argv[0], argv[1:]...).Output()
	if err != nil {
		t.Fatalf("%q: %v", argv, err)
	}
	return out
}

func TestPathMappingsMapBreakpointsAndStacksBetweenTwoCopies(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		local := daptest.Testdata("attach_until_stopped.py")
		remote := t.TempDir()
		data, err := os.ReadFile(local)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(remote, "attach_until_stopped.py"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		stop := filepath.Join(t.TempDir(), "stop")
		run, addr := daptest.StartRun(t, nil, "--listen", "0", "--python", py.Path, filepath.Join(remote, "attach_until_stopped.py"), stop)
		s := daptest.Connect(t, addr)
		args := connectTo(t, addr)
		args["pathMappings"] = []map[string]any{{"localRoot": filepath.Dir(local), "remoteRoot": remote}}
		st := stopAtLap(t, s, args)
		if st.Top.Source == nil || st.Top.Source.Path != local {
			t.Errorf("the frame's source is %+v, want the local %s", st.Top.Source, local)
		}
		if v := s.Evaluate(st.Top.Id, "__file__", "repl", nil); !strings.Contains(v.Result, remote) {
			t.Errorf("the program runs %s, want the copy in %s", v.Result, remote)
		}
		runToTheEnd(t, s, st, local, stop, run)
	})
}

func TestAttachToARunningProcessByItsPid(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		stop := filepath.Join(t.TempDir(), "stop")
		target := daptest.StartProgram(t, nil, py.Path, daptest.Testdata("attach_until_stopped.py"), stop)
		target.WaitStdout("running\n")
		s := daptest.Start(t)
		st := stopAtLap(t, s, map[string]any{"processId": target.Pid()})
		if p := s.Events("process"); len(p) != 1 || !strings.Contains(string(p[0].Body), fmt.Sprintf(`"systemProcessId":%d`, target.Pid())) {
			t.Errorf("process events: %v", p)
		}
		expectStopFile(t, s, st, stop)
		other := daptest.Start(t)
		other.Initialize()
		if m := other.Request("attach", map[string]any{"processId": target.Pid()}); m.Success ||
			!strings.Contains(m.ErrMessage, "being debugged already") {
			t.Errorf("a second attach: %s", m.Raw)
		}
		s.Disconnect(nil)
		s.WaitClosed()
		if !target.Running() {
			t.Fatal("the process ended with the session")
		}

		again := daptest.Start(t) // the agent left with its client: a new one comes in
		stopAtLap(t, again, map[string]any{"processId": target.Pid()})
		again.Disconnect(nil)
		again.WaitClosed()
		createFile(t, stop) // it runs on, with nothing of the debugger left in its way
		target.ExpectExit(3)
		if got := target.Stdout(); got != "running\nstopped after laps: True\n" {
			t.Errorf("the process's stdout = %q", got)
		}
	})
}

func TestAttachWhereTracingIsRefusedSaysWhy(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run the adapter as another user than the target")
	}
	py := daptest.Pythons()[0]
	stop := filepath.Join(t.TempDir(), "stop")
	target := daptest.StartProgram(t, nil, py.Path, daptest.Testdata("attach_until_stopped.py"), stop)
	target.WaitStdout("running\n")
	// The adapter runs as nobody, with no capabilities: it may not trace root's process.
	dir := worldReadableDir(t)
	binary := filepath.Join(dir, "dapper")
	if err := os.WriteFile(binary, mustRead(t, daptest.Binary(t)), 0o755); err != nil {
		t.Fatal(err)
	}
	s := daptest.StartCommand(t, "/usr/bin/env", "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "HOME="+dir,
		"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", binary, "adapter")
	s.Initialize()
	m := s.Request("attach", map[string]any{"processId": target.Pid()})
	if m.Success {
		t.Fatal("attach succeeded without the right to trace")
	}
	for _, want := range []string{fmt.Sprintf("pid %d", target.Pid()), "not permitted", "CAP_SYS_PTRACE"} {
		if !strings.Contains(m.ErrMessage, want) {
			t.Errorf("the error does not say %q: %s", want, m.ErrMessage)
		}
	}
	t.Log(m.ErrMessage)
	createFile(t, stop)
	target.ExpectExit(3)
}

func worldReadableDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "dapper-attach-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestASecondClientWaitsItsTurn(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		run, addr, stop := untilStopped(t, py, "--listen", "0")
		first := daptest.Connect(t, addr)
		stopAtLap(t, first, connectTo(t, addr))
		second := daptest.Connect(t, addr)
		second.Initialize()
		m := second.Request("attach", connectTo(t, addr))
		if m.Success || !strings.Contains(m.ErrMessage, "another client is attached to this program") {
			t.Fatalf("the second attach: %s", m.Raw)
		}
		first.Disconnect(nil)
		createFile(t, stop)
		run.ExpectExit(3)
	})
}
