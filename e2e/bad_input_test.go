package e2e

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/agent"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

// launchError sends initialize and launch and returns the launch error text.
func launchError(t *testing.T, s *daptest.Session, args map[string]any) string {
	t.Helper()
	s.Initialize()
	m := s.Request("launch", args)
	if m.Success {
		t.Fatalf("launch %v succeeded; want an error", args)
	}
	return m.ErrMessage
}

func TestLaunchOfMissingProgramIsAClearError(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		msg := launchError(t, s, map[string]any{"python": py.Path, "program": "no_such_program.py"})
		if !strings.Contains(msg, `program "no_such_program.py" does not exist`) {
			t.Errorf("error = %q", msg)
		}
		// The session goes on serving: a good launch still works.
		launch := s.Send("launch", map[string]any{"python": py.Path, "program": daptest.Testdata("hello.py")})
		s.WaitEvent("initialized")
		s.MustRequest("configurationDone", nil, nil)
		s.WaitResponse(launch)
		s.ExpectExit(0)
	})
}

func TestLaunchArgumentErrors(t *testing.T) {
	hello := daptest.Testdata("hello.py")
	cases := []struct {
		name string
		args map[string]any
		want string
	}{
		{"python missing", map[string]any{"program": hello, "python": "/no/such/python3"}, `python "/no/such/python3" not found`},
		{"program and module", map[string]any{"program": hello, "module": "pkg"}, `exactly one of "program", "module" or "code"`},
		{"no target", map[string]any{}, `exactly one of "program", "module" or "code"`},
		{"args of the wrong type", map[string]any{"program": hello, "args": 5}, `"args" must be a string or an array of strings`},
		{"cwd missing", map[string]any{"program": hello, "cwd": "/no/such/dir"}, `cwd "/no/such/dir" is not a directory`},
		{"unknown console", map[string]any{"program": hello, "console": "tty"}, `console "tty" is not one of`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := daptest.Start(t)
			if msg := launchError(t, s, c.args); !strings.Contains(msg, c.want) {
				t.Errorf("error = %q, want it to contain %q", msg, c.want)
			}
		})
	}
}

func TestSyntaxErrorShowsTracebackAndExitsOne(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("syntax_error.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(1)
		stderr := s.Output("stderr")
		if !strings.Contains(stderr, "SyntaxError") || !strings.Contains(stderr, "syntax_error.py") {
			t.Errorf("stderr = %q", stderr)
		}
	})
}

func TestUncaughtExceptionTracebackHasNoDebuggerFrames(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("uncaught.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(1)
		stderr := s.Output("stderr")
		if !strings.Contains(stderr, "ValueError: boom") {
			t.Errorf("stderr = %q", stderr)
		}
		if showsDebugger(t, stderr) {
			t.Errorf("traceback shows the debugger: %q", stderr)
		}
	})
}

// showsDebugger reports whether text (a traceback the program printed) shows the
// agent: its modules, its start-up hook, or the directory it is unpacked in. A word
// of the program's own path (a clone named "dapper") is not the debugger.
func showsDebugger(t *testing.T, text string) bool {
	t.Helper()
	dir, err := agent.Dir()
	if err != nil {
		t.Fatal(err)
	}
	for _, sign := range []string{"dapper_agent", "dapper_bootstrap", "sitecustomize", dir} {
		if strings.Contains(text, sign) {
			return true
		}
	}
	return false
}

func TestProtocolErrorsGetErrorResponses(t *testing.T) {
	s := daptest.Start(t)
	if m := s.Request("threads", nil); m.Success || !strings.Contains(m.ErrMessage, "send initialize first") {
		t.Errorf("request before initialize: %+v", m)
	}
	s.Initialize()
	if m := s.Request("fooBar", nil); m.Success || !strings.Contains(m.ErrMessage, `unknown request "fooBar"`) {
		t.Errorf("unknown request: %+v", m)
	}
	if m := s.Request("threads", nil); m.Success || !strings.Contains(m.ErrMessage, "no program is being debugged") {
		t.Errorf("threads before launch: %+v", m)
	}
	s.SendRaw([]byte(`{"seq": 77, "type": "request", "command": `))
	if m := s.WaitResponse(0); m.Success || !strings.Contains(m.ErrMessage, "malformed DAP message") {
		t.Errorf("malformed JSON: %+v", m)
	}
	s.SendRaw([]byte(`{"seq": 78, "type": "request"}`))
	if m := s.WaitResponse(78); m.Success || !strings.Contains(m.ErrMessage, "no command") {
		t.Errorf("request without a command: %+v", m)
	}
	if m := s.Request("initialize", map[string]any{"adapterID": "x"}); m.Success {
		t.Errorf("second initialize succeeded")
	}
	s.Disconnect(nil)
	s.WaitClosed()
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}

// startForever launches forever.py and returns the pids of it and its child.
func startForever(t *testing.T, s *daptest.Session, py daptest.Python) []int {
	t.Helper()
	return startReportingPids(t, s, py, "forever.py")
}

// startReportingPids launches a testdata program that prints "pids P C..." and
// returns those pids.
func startReportingPids(t *testing.T, s *daptest.Session, py daptest.Python, program string) []int {
	t.Helper()
	return startReportingPidsWith(t, s, py, map[string]any{"program": daptest.Testdata(program)})
}

// startReportingPidsWith is startReportingPids with the launch arguments given.
func startReportingPidsWith(t *testing.T, s *daptest.Session, py daptest.Python, args map[string]any) []int {
	t.Helper()
	launch := s.Launch(py, args)
	s.ConfigurationDone(launch)
	m := s.WaitEventMatching("output", func(m daptest.Message) bool { return strings.Contains(string(m.Body), "pids ") })
	_, text := outputBody(m.Body)
	var pids []int
	for _, f := range strings.Fields(strings.TrimPrefix(strings.TrimSpace(text), "pids ")) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("bad pids line %q", text)
		}
		pids = append(pids, n)
	}
	return pids
}

func expectGone(t *testing.T, pids []int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for _, pid := range pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("process %d is still running", pid)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func TestDisconnectMidRunLeavesNoProcessBehind(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startForever(t, s, py)
		s.Disconnect(nil)
		expectGone(t, pids)
		s.WaitClosed()
	})
}

func TestTerminateEndsTheProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startForever(t, s, py)
		s.MustRequest("terminate", nil, nil)
		s.WaitEvent("exited")
		s.WaitEvent("terminated")
		expectGone(t, pids)
		s.Disconnect(nil)
	})
}

func TestTruncatedFrameEndsTheSessionCleanly(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startForever(t, s, py)
		s.WriteBytes([]byte("Content-Length: 500\r\n\r\n{\"seq\": 9, \"type\""))
		s.CloseInput()
		s.WaitClosed()
		expectGone(t, pids)
	})
}
