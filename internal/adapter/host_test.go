package adapter

import (
	"bytes"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/launch"
)

// hostUnderTest is a Host (dapper run) with a scripted program and agent.
type hostUnderTest struct {
	t        *testing.T
	launcher *fakeLauncher
	process  *fakeProcess
	agent    *peer
	addr     string
	code     chan int
}

// syncBuffer is what the Host announces, read while it writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// runHost starts a Host for a program and has the program's agent connect; it checks
// that the agent is told it is hosted.
func runHost(t *testing.T, wait bool) *hostUnderTest {
	t.Helper()
	l := newFakeLauncher()
	announce := &syncBuffer{}
	program := &launch.Config{Program: "/app.py", Python: []string{"/bin/sh"}, Env: map[string]*string{}}
	h := newHost(HostOptions{Program: program, Listen: "127.0.0.1:0", WaitForClient: wait, Announce: announce}, l, defaultDeadlines)
	u := &hostUnderTest{t: t, launcher: l, code: make(chan int, 1)}
	go func() {
		code, err := h.Run()
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		u.code <- code
	}()
	listener := <-l.listeners
	u.process = <-l.processes
	if !u.process.cmd.Foreground {
		t.Error("dapper run's program does not share its terminal")
	}
	u.agent = listener.connect(t, u.process.pid)
	if m := u.agent.expect("dapper/host"); !strings.Contains(string(m.Arguments), `"program":"/app.py"`) {
		t.Fatalf("dapper/host %s", m.Arguments)
	}
	deadline := time.Now().Add(waitLimit)
	for u.addr == "" && time.Now().Before(deadline) {
		if m := regexp.MustCompile(`on (\S+)`).FindStringSubmatch(announce.String()); m != nil {
			u.addr = m[1]
		}
		time.Sleep(time.Millisecond)
	}
	t.Cleanup(func() {
		u.process.exit(0)
		u.agent.conn.Close()
	})
	return u
}

// client connects a DAP client to the Host and attaches.
func (u *hostUnderTest) client() (*peer, int) {
	u.t.Helper()
	c, err := net.Dial("tcp", u.addr)
	if err != nil {
		u.t.Fatal(err)
	}
	client := newPeer(u.t, "client", c)
	client.request("initialize", map[string]any{"adapterID": "test"})
	client.expect("initialize")
	return client, client.request("attach", map[string]any{"connect": map[string]any{"port": 1}})
}

func TestAHostedProgramsExitCodeReachesItsClientAndEndsTheHost(t *testing.T) {
	u := runHost(t, true)
	client, attach := u.client()
	if m := client.expect("process"); !strings.Contains(string(m.Body), `"startMethod":"attachForSuspendedLaunch"`) {
		t.Fatalf("process %s", m.Raw)
	}
	u.agent.respond(u.agent.expect("initialize"), "")
	u.agent.respond(u.agent.expect("attach"), "")
	client.expect("initialized")
	done := client.request("configurationDone", nil)
	u.agent.respond(u.agent.expect("configurationDone"), "")
	client.expect("configurationDone")
	if m := client.next(); m.RequestSeq != attach || m.RequestSeq == done {
		t.Fatalf("got %s, want the attach response", m.Raw)
	}
	u.process.reportExit(7)
	u.agent.conn.Close()
	if m := client.expect("exited"); !strings.Contains(string(m.Body), `"exitCode":7`) {
		t.Fatalf("exited %s", m.Raw)
	}
	client.expect("terminated")
	client.request("disconnect", nil)
	client.expect("disconnect")
	select {
	case code := <-u.code:
		if code != 7 {
			t.Fatalf("dapper run's exit code is %d, want the program's 7", code)
		}
	case <-time.After(waitLimit):
		t.Fatal("the Host did not end with its program")
	}
}

func TestALeavingClientEndsItsSessionInTheAgentAndTheNextIsTold(t *testing.T) {
	u := runHost(t, false)
	first, _ := u.client()
	first.expect("process")
	u.agent.respond(u.agent.expect("initialize"), "")
	u.agent.expect("attach")
	first.expect("initialized")
	second, busy := u.client()
	second.expectError(busy, errBusy, "another client is attached to this program")
	first.conn.Close()
	u.agent.expect("disconnect") // the session's: breakpoints cleared, threads resumed
	third, _ := u.client()
	if m := third.expect("process"); !strings.Contains(string(m.Body), `"startMethod":"attach"`) {
		t.Fatalf("process %s", m.Raw)
	}
}
