package launch

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A child that left the program's process group (a session of its own, as a daemon
// or start_new_session makes) is still the program's: Terminate ends it too.
func TestTerminateEndsADescendantThatLeftTheGroup(t *testing.T) {
	s := startShell(t, "setsid sleep 60 & echo \"child $!\"; while :; do sleep 0.01; done")
	var child int
	for deadline := time.Now().Add(10 * time.Second); child == 0; {
		s.mu.Lock()
		out := s.output["stdout"]
		s.mu.Unlock()
		if _, err := fmt.Sscanf(out, "child %d", &child); err != nil && time.Now().After(deadline) {
			t.Fatalf("the script did not start its child: %q", out)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Cleanup(func() { _ = syscall.Kill(child, syscall.SIGKILL) })
	waitForGroupOf(t, child)
	s.p.Terminate(10*time.Millisecond, true)
	select {
	case <-s.p.Done(): // the pumps end: the child no longer holds stdout and stderr
	case <-time.After(10 * time.Second):
		t.Fatal("Done was not closed after Terminate")
	}
	for deadline := time.Now().Add(10 * time.Second); running(child); {
		if time.Now().After(deadline) {
			t.Fatalf("the child %d that left the group runs on", child)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForGroupOf waits until pid has its own process group (setsid has run).
func waitForGroupOf(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if pgid, err := syscall.Getpgid(pid); err == nil && pgid == pid {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %d never got a group of its own", pid)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// running reports whether pid exists and is not a zombie.
func running(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}
