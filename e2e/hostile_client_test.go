package e2e

import (
	"strings"
	"syscall"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// A header block without Content-Length cannot be framed: the session ends, saying
// why, instead of reading the body as headers and swallowing the requests after it.
func TestHeaderBlockWithoutContentLengthEndsTheSessionCleanly(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startForever(t, s, py)
		s.WriteBytes([]byte("X-Note: 1\r\n\r\n" + `{"seq": 90, "type": "request", "command": "threads"}`))
		s.Send("threads", nil)
		s.WaitClosed()
		expectGone(t, pids)
		if stderr := s.WaitAdapterExit().Stderr; !strings.Contains(stderr, "no Content-Length") {
			t.Errorf("adapter stderr = %q, want the framing error", stderr)
		}
	})
}

// expectExitedByItself checks that the adapter ended on its own, not by a signal
// (a broken pipe's SIGPIPE is what killed it once).
func expectExitedByItself(t *testing.T, exit daptest.AdapterExit) {
	t.Helper()
	if ws, ok := exit.State.Sys().(syscall.WaitStatus); !ok || ws.Signaled() {
		t.Errorf("the adapter ended with %v; want an exit of its own\nstderr:\n%s", exit.State, exit.Stderr)
	}
}

// A client that dies closes both ends of the adapter's stdio while the program is
// still writing: the adapter ends the program and its child, and exits.
func TestClientThatDiesEndsTheProgramAndTheAdapter(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startReportingPids(t, s, py, "chatty_forever.py")
		s.CloseOutput()
		s.CloseInput()
		expectGone(t, pids)
		expectExitedByItself(t, s.WaitAdapterExit())
	})
}

// A client that stops reading (its end of the adapter's stdout is closed) but whose
// stdin stays open: the first write that fails ends the session all the same.
func TestBrokenClientOutputEndsTheSession(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startReportingPids(t, s, py, "chatty_forever.py")
		s.CloseOutput()
		expectGone(t, pids)
		expectGone(t, []int{s.AdapterPid()})
		expectExitedByItself(t, s.WaitAdapterExit())
	})
}

// A TCP client whose connection is reset: its program ends, and the adapter goes on
// serving other sessions.
func TestResetTCPConnectionEndsItsProgramOnly(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		adapter := daptest.StartTCPAdapter(t)
		s := adapter.Connect(t)
		pids := startReportingPids(t, s, py, "chatty_forever.py")
		s.ResetConnection()
		expectGone(t, pids)
		next := adapter.Connect(t)
		launch := next.Launch(py, map[string]any{"program": daptest.Testdata("hello.py")})
		next.ConfigurationDone(launch)
		next.ExpectExit(0)
	})
}
