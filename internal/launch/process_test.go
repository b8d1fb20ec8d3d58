package launch

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// started runs a shell command and records what it produces.
type started struct {
	p      *Process
	mu     sync.Mutex
	output map[string]string
	exits  chan int
}

func startShell(t *testing.T, script string) *started {
	t.Helper()
	s := &started{output: map[string]string{}, exits: make(chan int, 2)}
	p, err := Start(Command{Argv: []string{"/bin/sh", "-c", script}}, Handlers{
		OnOutput: func(category, text string) {
			s.mu.Lock()
			s.output[category] += text
			s.mu.Unlock()
		},
		OnExit: func(code int) { s.exits <- code },
	})
	if err != nil {
		t.Fatal(err)
	}
	s.p = p
	return s
}

func (s *started) expectExit(t *testing.T, want int) {
	t.Helper()
	select {
	case code := <-s.exits:
		if code != want {
			t.Errorf("exit code %d, want %d", code, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit")
	}
	select {
	case <-s.p.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Done was not closed after the exit")
	}
}

func TestAProcessReportsAllItsOutputThenItsExit(t *testing.T) {
	s := startShell(t, "echo out; echo err >&2; exit 3")
	s.expectExit(t, 3)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.output["stdout"] != "out\n" || s.output["stderr"] != "err\n" {
		t.Errorf("output = %q", s.output)
	}
	if s.p.Pid() <= 0 {
		t.Errorf("pid = %d", s.p.Pid())
	}
}

func TestTerminateEndsAProcessThatIgnoresSIGINT(t *testing.T) {
	s := startShell(t, "trap '' INT; echo ready; while :; do sleep 0.01; done")
	for deadline := time.Now().Add(10 * time.Second); !s.printed("stdout", "ready"); {
		if time.Now().After(deadline) {
			t.Fatal("the script did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.p.Terminate(10*time.Millisecond, true)
	s.expectExit(t, -15) // SIGTERM, the second step
}

func TestTerminateAfterTheExitReturnsAtOnce(t *testing.T) {
	s := startShell(t, "exit 0")
	s.expectExit(t, 0)
	s.p.Terminate(time.Hour, true) // the sequence ends at its first step: nothing to wait for
}

func (s *started) printed(category, text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Contains(s.output[category], text)
}
