package adapter

import (
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/launch"
)

// fakeLauncher is a scripted debuggee side: Start records a fakeProcess that the test
// drives (output, exit), and agents connect when the test says so, over in-memory pipes.
type fakeLauncher struct {
	listeners  chan *fakeListener // each Listen and ListenAt, in order
	processes  chan *fakeProcess  // each Start, in order
	injections chan injection     // each Inject, in order
	dials      chan net.Conn      // the far end of each Dial
	onStart    func()             // if set, runs inside Start (a test may panic there)
	injectErr  error              // what Inject returns
	dialErr    error              // what Dial returns
	started    int
}

// injection is code the session had injected into a process.
type injection struct {
	pid  int
	code string
}

func newFakeLauncher() *fakeLauncher {
	return &fakeLauncher{listeners: make(chan *fakeListener, 4), processes: make(chan *fakeProcess, 4),
		injections: make(chan injection, 4), dials: make(chan net.Conn, 4)}
}

func (f *fakeLauncher) Listen() (agentListener, error) {
	l := &fakeListener{agentQueue: newAgentQueue(), address: "fake:1"}
	f.listeners <- l
	return l, nil
}

func (f *fakeLauncher) ListenAt(addr string) (agentListener, error) {
	l := &fakeListener{agentQueue: newAgentQueue(), address: addr}
	f.listeners <- l
	return l, nil
}

func (f *fakeLauncher) Inject(pid int, code string, timeout time.Duration) error {
	f.injections <- injection{pid, code}
	return f.injectErr
}

func (f *fakeLauncher) Dial(addr string) (io.ReadWriteCloser, error) {
	if f.dialErr != nil {
		return nil, f.dialErr
	}
	ours, theirs := net.Pipe()
	f.dials <- theirs
	return ours, nil
}

func (f *fakeLauncher) Start(cmd launch.Command, h launch.Handlers) (process, error) {
	if f.onStart != nil {
		f.onStart()
	}
	f.started++
	p := &fakeProcess{pid: 4241 + f.started, cmd: cmd, handlers: h,
		signals: make(chan string, 64), done: make(chan struct{}), doneAsked: make(chan struct{}, 1)}
	f.processes <- p
	return p, nil
}

// fakeListener hands the session the agent connections a test makes.
type fakeListener struct {
	agentQueue
	address string
}

func (l *fakeListener) Agent() launch.Agent {
	return launch.Agent{Dir: "/fake/agent", Address: l.address, Token: "fake-token"}
}

func (l *fakeListener) Close() { l.close() }

// connect makes an agent in process pid say hello, and returns the agent's end.
func (l *fakeListener) connect(t *testing.T, pid int) *peer {
	t.Helper()
	return l.connectFrom(t, pid, nil)
}

// connectFrom is connect for an agent whose process descends from ancestors (its
// parent first).
func (l *fakeListener) connectFrom(t *testing.T, pid int, ancestors []int) *peer {
	t.Helper()
	ours, theirs := net.Pipe()
	if !l.offer(agentConn{pid: pid, ancestors: ancestors, stream: theirs}) {
		t.Fatal("the session no longer accepts agents")
	}
	return newPeer(t, "agent", ours)
}

// fakeProcess is a program that does what the test says. Terminate and Kill are
// recorded in signals; the program exits only when the test calls exit.
type fakeProcess struct {
	pid       int
	cmd       launch.Command
	handlers  launch.Handlers
	signals   chan string   // "terminate", "terminate without interrupting", "kill"
	done      chan struct{} // closed by release
	doneAsked chan struct{} // signalled when the session asks for Done
	exitOnce  sync.Once
	freeOnce  sync.Once
}

func (p *fakeProcess) Pid() int { return p.pid }
func (p *fakeProcess) Terminate(grace time.Duration, interrupt bool) {
	if interrupt {
		p.signals <- "terminate"
	} else {
		p.signals <- "terminate without interrupting"
	}
}
func (p *fakeProcess) Kill() { p.signals <- "kill" }

func (p *fakeProcess) Done() <-chan struct{} {
	select {
	case p.doneAsked <- struct{}{}:
	default:
	}
	return p.done
}

// output is the program writing text to stdout or stderr.
func (p *fakeProcess) output(category, text string) { p.handlers.OnOutput(category, text) }

// exit ends the program, as launch.Process reports it: after all its output.
func (p *fakeProcess) exit(code int) {
	p.reportExit(code)
	p.release()
}

// reportExit reports the exit; the goroutines that watch the program run on until
// release.
func (p *fakeProcess) reportExit(code int) { p.exitOnce.Do(func() { p.handlers.OnExit(code) }) }

// release ends the goroutines that watch the program: Done is closed.
func (p *fakeProcess) release() { p.freeOnce.Do(func() { close(p.done) }) }

// expectSignal waits for the session to terminate or kill the program.
func (p *fakeProcess) expectSignal(t *testing.T, want string) {
	t.Helper()
	select {
	case got := <-p.signals:
		if got != want {
			t.Fatalf("the program got %s, want %s", got, want)
		}
	case <-time.After(waitLimit):
		t.Fatalf("the program got no %s", want)
	}
}

// expectNoSignal checks that nothing has signalled the program so far.
func (p *fakeProcess) expectNoSignal(t *testing.T) {
	t.Helper()
	select {
	case got := <-p.signals:
		t.Fatalf("the program got %s, want none", got)
	default:
	}
}
