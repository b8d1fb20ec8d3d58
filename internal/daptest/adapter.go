package daptest

import (
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

// AdapterStderr waits for the stdio adapter to exit (closing its stdin, as a client
// that has finished does) and returns everything it wrote to stderr. It fails the
// test if the adapter does not exit within 10 seconds.
func (s *Session) AdapterStderr() string {
	s.t.Helper()
	if s.proc == nil {
		s.t.Fatal("AdapterStderr: the session is not on stdio")
	}
	if err := s.proc.Stop(10 * time.Second); err != nil {
		s.t.Fatalf("%v\n%s", err, s.Timeline())
	}
	return s.proc.Stderr()
}
