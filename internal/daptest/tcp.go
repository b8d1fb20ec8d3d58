package daptest

import (
	"bufio"
	"net"
	"os/exec"
	"strings"
	"testing"
)

// TCPAdapter is `dapper adapter --port 0`: every connection to it is a session.
type TCPAdapter struct {
	Addr string // host:port it listens on
	cmd  *exec.Cmd
}

// StartTCPAdapter runs `dapper adapter --port 0` and reads the address it prints. The
// adapter is killed when the test ends.
func StartTCPAdapter(t testing.TB) *TCPAdapter {
	t.Helper()
	cmd := exec.Command(Binary(t), "adapter", "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dapper: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the listening address: %v", err)
	}
	return &TCPAdapter{Addr: strings.TrimSpace(strings.TrimPrefix(line, "dapper: listening on ")), cmd: cmd}
}

// Pid is the adapter's process id.
func (a *TCPAdapter) Pid() int { return a.cmd.Process.Pid }

// Connect opens a new session on the adapter.
func (a *TCPAdapter) Connect(t testing.TB) *Session {
	t.Helper()
	c, err := net.Dial("tcp", a.Addr)
	if err != nil {
		t.Fatalf("connecting to %q: %v", a.Addr, err)
	}
	s := newSession(t, c, Editor{})
	s.conn = c
	t.Cleanup(s.cleanup)
	return s
}

// StartTCP runs `dapper adapter --port 0`, reads the port it prints, and connects.
func StartTCP(t testing.TB) *Session {
	t.Helper()
	return StartTCPAdapter(t).Connect(t)
}

// ResetConnection aborts a session over TCP with a reset (RST), as a client that
// crashes on some systems does: no orderly end of stream.
func (s *Session) ResetConnection() {
	s.t.Helper()
	tcp, ok := s.conn.(*net.TCPConn)
	if !ok {
		s.t.Fatal("ResetConnection: the session is not over TCP")
	}
	_ = tcp.SetLinger(0)
	s.client.Close()
}
