package adapter

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/dapper-debugger/dapper/agent"
	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/inject"
	"github.com/dapper-debugger/dapper/internal/launch"
)

// The debuggee side of a session is reached through three small interfaces, so that
// unit tests can run a Session against a scripted agent and a fake process. The session
// loop calls them and owns what they return; what they do on goroutines of their own
// reaches the session only through the callbacks it passes, which post to the loop.
// The real ones (localLauncher) are launch.Start and a loopback listener that checks
// a token.

// launcher starts the programs of a session and opens the channel their agents
// connect back on; for attach, it also reaches programs it did not start.
type launcher interface {
	// Listen opens a channel for agents; its Agent goes into the command line.
	Listen() (agentListener, error)
	// Start spawns cmd. h's callbacks run on the process's own goroutines.
	Start(cmd launch.Command, h launch.Handlers) (process, error)
	// ListenAt opens a channel for agents at a user-chosen address (attach.listen),
	// where a program started with `dapper run --connect` arrives.
	ListenAt(addr string) (agentListener, error)
	// Inject runs code in the running CPython pid (attach by process id); it blocks
	// until the code is queued in the target, for at most timeout.
	Inject(pid int, code string, timeout time.Duration) error
	// Dial connects to the DAP server at addr (attach.connect).
	Dial(addr string) (io.ReadWriteCloser, error)
}

// agentListener hands over the connections of agents that have said hello.
type agentListener interface {
	// Agent is how a debuggee reaches this listener.
	Agent() launch.Agent
	// Accept waits for the next agent that has presented the token; it fails once
	// Close has been called.
	Accept() (agentConn, error)
	// Close stops accepting; it returns once every goroutine of the listener has ended.
	Close()
}

// agentConn is an agent's stream once its hello has been read.
type agentConn struct {
	pid         int                // the process the agent runs in, as its hello said
	ancestors   []int              // its parent, the parent's parent... as its hello said
	role        string             // "" for an agent, launch.LauncherRole for a terminal's launcher
	stream      io.ReadWriteCloser // the DAP messages that follow the hello
	startMethod string             // how the program came to be debugged, for the process event; "" is the session's
	remote      bool               // the agent connected from another machine
	refused     string             // why the process cannot be attached to (it is debugged already)
	program     string             // what the process runs, as its hello said ("app.py")
	name        string             // a child's, for its session's process event
	descendant  bool               // a child of the program (not a fleet's peer): see adoptChild
}

// descendsFrom reports whether the agent runs in process pid or a descendant of it.
func (a agentConn) descendsFrom(pid int) bool {
	return a.pid == pid || slices.Contains(a.ancestors, pid)
}

// process is a started program (launch.Process).
type process interface {
	Pid() int
	// Terminate ends the process group: SIGINT (when interrupt is set), then SIGTERM
	// and SIGKILL after grace.
	Terminate(grace time.Duration, interrupt bool)
	// Kill sends SIGKILL to the process group.
	Kill()
	// Done is closed once the process has exited and its goroutines have ended.
	Done() <-chan struct{}
}

// localLauncher spawns programs with launch.Start; agents reach it over loopback TCP.
type localLauncher struct{}

func (localLauncher) Start(cmd launch.Command, h launch.Handlers) (process, error) {
	if cmd.Foreground {
		return launch.StartForeground(cmd, h.OnExit)
	}
	return launch.Start(cmd, h)
}

func (localLauncher) Listen() (agentListener, error) {
	dir, err := agent.Dir()
	if err != nil {
		return nil, err
	}
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	return listenForAgents("127.0.0.1:0", launch.Agent{Dir: dir, Token: hex.EncodeToString(raw)})
}

// ListenAt listens where the user asked. Nobody handed the program a token, so the
// token is the one both sides may share through DAPPER_TOKEN; without it, any agent
// that says hello is taken (see the README's security notes).
func (localLauncher) ListenAt(addr string) (agentListener, error) {
	return listenForAgents(addr, launch.Agent{Token: os.Getenv("DAPPER_TOKEN")})
}

func (localLauncher) Inject(pid int, code string, timeout time.Duration) error {
	return inject.Run(pid, code, timeout)
}

func (localLauncher) Dial(addr string) (io.ReadWriteCloser, error) {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// listenForAgents accepts agents at addr whose hello presents a.Token (any, if it is
// empty); a.Address becomes the address it listens on.
func listenForAgents(addr string, a launch.Agent) (*loopbackListener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listening for the agent on %s: %w", addr, err)
	}
	a.Address = ln.Addr().String()
	l := &loopbackListener{agentQueue: newAgentQueue(), ln: ln, agent: a}
	l.goroutines.Add(1)
	go l.acceptLoop()
	return l, nil
}

// agentQueue is where agents that have said hello wait for Accept.
type agentQueue struct {
	ready     chan agentConn
	closed    chan struct{}
	closeOnce sync.Once
}

func newAgentQueue() agentQueue {
	return agentQueue{ready: make(chan agentConn), closed: make(chan struct{})}
}

func (q *agentQueue) Accept() (agentConn, error) {
	select {
	case a := <-q.ready:
		return a, nil
	case <-q.closed:
		return agentConn{}, net.ErrClosed
	}
}

// offer waits for Accept to take a; once the queue has closed, it closes a instead
// and returns false.
func (q *agentQueue) offer(a agentConn) bool {
	select {
	case q.ready <- a:
		return true
	case <-q.closed:
		a.stream.Close()
		return false
	}
}

func (q *agentQueue) close() { q.closeOnce.Do(func() { close(q.closed) }) }

// loopbackListener accepts agent connections (on loopback, unless the user chose an
// address); each must present the token in its first message, dapper/hello, within
// helloTimeout. A terminal's launcher connects here too, with the same token (its hello
// says its role).
type loopbackListener struct {
	agentQueue
	ln         net.Listener
	agent      launch.Agent
	goroutines sync.WaitGroup // the accept loop and each handshake
}

const helloTimeout = 10 * time.Second

func (l *loopbackListener) Agent() launch.Agent { return l.agent }

func (l *loopbackListener) Close() {
	l.close()
	_ = l.ln.Close()
	l.goroutines.Wait()
}

func (l *loopbackListener) acceptLoop() {
	defer l.goroutines.Done()
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		l.goroutines.Add(1)
		go func() {
			defer l.goroutines.Done()
			l.handshake(c)
		}()
	}
}

// handshake reads the agent's dapper/hello and hands an authenticated connection to
// Accept.
func (l *loopbackListener) handshake(c net.Conn) {
	// A listener that closes mid-handshake closes the connection, ending the read; once
	// the hello is read, the connection is offer's to close.
	finished := make(chan struct{})
	read := sync.OnceFunc(func() { close(finished) })
	defer read()
	l.goroutines.Add(1)
	go func() {
		defer l.goroutines.Done()
		select {
		case <-l.closed:
			select {
			case <-finished:
			default:
				c.Close()
			}
		case <-finished:
		}
	}()
	_ = c.SetReadDeadline(time.Now().Add(helloTimeout))
	r := bufio.NewReaderSize(c, 64<<10)
	body, err := dap.ReadFrame(r)
	if err != nil {
		c.Close()
		return
	}
	var hello struct {
		Event string `json:"event"`
		Body  struct {
			Token       string `json:"token"`
			Pid         int    `json:"pid"`
			Ancestors   []int  `json:"ancestors"`
			Role        string `json:"role"`
			StartMethod string `json:"startMethod"`
			Refused     string `json:"refused"`
			Program     string `json:"program"`
			Child       bool   `json:"child"` // relayed by `dapper run --connect` for its program's child
		} `json:"body"`
	}
	if json.Unmarshal(body, &hello) != nil || hello.Event != "dapper/hello" ||
		(l.agent.Token != "" && subtle.ConstantTimeCompare([]byte(hello.Body.Token), []byte(l.agent.Token)) != 1) {
		c.Close()
		return
	}
	_ = c.SetReadDeadline(time.Time{})
	read()
	l.offer(agentConn{pid: hello.Body.Pid, ancestors: hello.Body.Ancestors, role: hello.Body.Role,
		stream: bufferedConn{r, c}, startMethod: hello.Body.StartMethod,
		remote: !launch.IsLoopback(c.RemoteAddr().String()), refused: hello.Body.Refused,
		program: hello.Body.Program, descendant: hello.Body.Child})
}

// bufferedConn reads through the reader that read the hello, which may hold more.
type bufferedConn struct {
	r *bufio.Reader
	net.Conn
}

func (b bufferedConn) Read(p []byte) (int, error) { return b.r.Read(p) }
