package daptest

import (
	"os"
	"syscall"
	"time"
)

// AdapterPid is the pid of the stdio adapter (0 for a session over TCP).
func (s *Session) AdapterPid() int {
	if s.proc == nil {
		return 0
	}
	return s.proc.Pid()
}

// KillAdapter sends SIGKILL to the stdio adapter alone, as a crash or an impatient
// editor does: its process group (and the program's) are left as they are.
func (s *Session) KillAdapter() {
	s.t.Helper()
	if s.proc == nil {
		s.t.Fatal("KillAdapter: the session is not on stdio")
	}
	if err := syscall.Kill(s.proc.Pid(), syscall.SIGKILL); err != nil {
		s.t.Fatalf("killing the adapter: %v", err)
	}
}

// CloseOutput closes the reading end of the stdio adapter's stdout, as a client that
// dies does; its stdin stays open until CloseInput.
func (s *Session) CloseOutput() {
	s.t.Helper()
	if s.proc == nil {
		s.t.Fatal("CloseOutput: the session is not on stdio")
	}
	_ = s.proc.CloseOutput()
}

// AdapterExit is how a stdio adapter ended.
type AdapterExit struct {
	Stderr string           // everything it wrote to stderr
	State  *os.ProcessState // its exit status
}

// WaitAdapterExit waits for the stdio adapter to exit (closing its stdin, as a client
// that has finished does) and says how it ended. It fails the test if the adapter
// does not exit by itself within 10 seconds.
func (s *Session) WaitAdapterExit() AdapterExit {
	s.t.Helper()
	if s.proc == nil {
		s.t.Fatal("WaitAdapterExit: the session is not on stdio")
	}
	if err := s.proc.Stop(10 * time.Second); err != nil {
		s.t.Fatalf("%v\n%s", err, s.Timeline())
	}
	return AdapterExit{Stderr: s.proc.Stderr(), State: s.proc.State()}
}
