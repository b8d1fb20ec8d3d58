package adapter

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
	"github.com/dapper-debugger/dapper/internal/logging"
)

// Host is `dapper run`: one program, and its agent's connection, that outlive the
// clients that come to debug it. A Session is per client; the Host keeps the program's
// agent between them and lends it to one client session at a time (a binding): it
// relays frames between the agent and the bound session's end of an in-memory pipe,
// or, with --connect, an adapter elsewhere that listens. The session sees an attached
// program like any other (attach.go); when it leaves, the Host tells the agent to
// end that client's session (breakpoints cleared, threads resumed) and waits for the
// next. The program's exit code is the Host's, and reaches a bound client as
// dapper/exited before the agent's stream ends.
//
// Goroutine model: like a Session's, one loop (Run) owns every field; the agent's and
// each binding's connection, the client listener, the program's wait goroutine and
// timers hand work to it with post.
type Host struct {
	opts      HostOptions
	launcher  launcher
	deadlines deadlines
	posts     chan func()
	done      chan struct{}
	workers   sync.WaitGroup
	sessions  sync.WaitGroup

	agents     agentListener
	agent      *dap.Conn // the program's agent, once it has said hello
	agentPid   int
	agentGone  bool
	process    process // the program, when the Host started it
	exited     bool
	exitCode   int
	seq        int // of the Host's own requests to the agent
	released   bool
	binding    *binding
	waiting    []pendingBind // binds that wait for the agent
	clients    net.Listener
	clientAddr string
	remote     io.ReadWriteCloser // --connect: the adapter, dialled before the program starts
	finished   bool
	err        error
}

// HostOptions say what `dapper run` runs and where its clients are.
type HostOptions struct {
	Program       *launch.Config // the program to start; nil to take process Pid
	Pid           int            // a running process: the agent is injected, or comes itself (Handshake)
	Listen        string         // serve DAP clients on this address
	Connect       string         // or connect to an adapter listening there (attach.listen)
	WaitForClient bool           // no line of the program runs before the first configurationDone
	Announce      io.Writer      // where the Host says what it does (stderr)
	// Handshake: with Pid, the program's own agent connects (dapper.listen()): the
	// address and token it needs are written here as one JSON line, never on a
	// command line.
	Handshake io.Writer
}

// hostSeq numbers the Host's own requests to the agent far from any session's.
const hostSeq = 1 << 30

var errProgramGone = errors.New("the program has exited")

// NewHost prepares a Host; Run starts it.
func NewHost(o HostOptions) *Host {
	return newHost(o, localLauncher{}, defaultDeadlines)
}

func newHost(o HostOptions, l launcher, d deadlines) *Host {
	return &Host{opts: o, launcher: l, deadlines: d, posts: make(chan func(), 256), done: make(chan struct{}), seq: hostSeq}
}

// Run starts the program (or takes the process), serves it until it has ended, and
// returns its exit code (0 when the Host did not start it). An error means it could
// not start.
func (h *Host) Run() (int, error) {
	if err := h.start(); err != nil {
		h.shutDown()
		return 1, err
	}
	for !h.finished {
		(<-h.posts)()
	}
	h.finish()
	sessions := make(chan struct{})
	go func() { h.sessions.Wait(); close(sessions) }()
	grace := time.NewTimer(h.deadlines.clientDrain)
	defer grace.Stop()
	for waiting := true; waiting; {
		select {
		case f := <-h.posts:
			f()
		case <-sessions:
			waiting = false
		case <-grace.C:
			waiting = false
		}
	}
	h.shutDown()
	return h.exitCode, h.err
}

// Interrupt is a signal to dapper run. A program the Host started gets SIGTERM and
// SIGHUP passed on (the terminal gives it SIGINT itself); a process it took is left to
// run on without the debugger, and the Host ends.
func (h *Host) Interrupt(sig os.Signal) {
	h.post(func() {
		switch {
		case h.process != nil && sig != os.Interrupt:
			if s, ok := sig.(syscall.Signal); ok {
				_ = syscall.Kill(h.process.Pid(), s)
			}
		case h.process == nil:
			h.finished = true
		}
	})
}

func (h *Host) post(f func()) bool {
	select {
	case h.posts <- f:
		return true
	case <-h.done:
		return false
	}
}

func (h *Host) after(d time.Duration, f func()) {
	h.workers.Add(1)
	go func() {
		defer h.workers.Done()
		select {
		case <-time.After(d):
			h.post(f)
		case <-h.done:
		}
	}()
}

func (h *Host) say(format string, args ...any) {
	if h.opts.Announce != nil {
		fmt.Fprintf(h.opts.Announce, "dapper: "+format+"\n", args...)
	}
}

// start reaches the clients' side first (so that a wrong address fails before the
// program runs), then the program.
func (h *Host) start() error {
	if err := h.startClients(); err != nil {
		return err
	}
	var err error
	if h.agents, err = h.launcher.Listen(); err != nil {
		return err
	}
	h.acceptAgent()
	switch {
	case h.opts.Program != nil:
		if err := h.spawn(); err != nil {
			return err
		}
	case h.opts.Handshake != nil:
		a := h.agents.Agent()
		line, _ := json.Marshal(map[string]string{"listen": h.clientAddr, "agent": a.Address, "token": a.Token})
		if _, err := fmt.Fprintf(h.opts.Handshake, "%s\n", line); err != nil {
			return err
		}
	case h.opts.Program == nil:
		if err := h.launcher.Inject(h.opts.Pid, launch.InjectionCode(h.agents.Agent()), injectTimeout); err != nil {
			return errors.New(injectionFailure(h.opts.Pid, err))
		}
	}
	limit := h.deadlines.agentConnect
	if h.opts.Program == nil && h.opts.Handshake == nil {
		limit = h.deadlines.injected
	}
	h.after(limit, func() {
		if h.agent == nil && !h.finished && h.process == nil {
			h.err = fmt.Errorf("the agent did not come into process %d within %s: its main thread must "+
				"return to Python (from time.sleep, select, input(), a blocking read) to take it", h.opts.Pid, limit)
			h.finished = true
		}
	})
	return nil
}

// startClients listens for DAP clients, or dials the adapter that listens.
func (h *Host) startClients() error {
	if h.opts.Connect != "" {
		var err error
		if h.remote, err = h.launcher.Dial(h.opts.Connect); err != nil {
			return fmt.Errorf("cannot connect to a debug adapter at %s: %w "+
				`(start one with an attach configuration {"listen": {"host", "port"}})`, h.opts.Connect, err)
		}
		return nil
	}
	ln, err := net.Listen("tcp", h.opts.Listen)
	if err != nil {
		return fmt.Errorf("listening for debug clients: %w", err)
	}
	h.clients = ln
	addr := ln.Addr().String()
	if host, _, err := net.SplitHostPort(h.opts.Listen); err == nil {
		_, port, _ := net.SplitHostPort(addr)
		addr = net.JoinHostPort(host, port) // as asked: 0.0.0.0 stays 0.0.0.0
	}
	h.clientAddr = addr
	if !launch.IsLoopback(addr) {
		h.say("%s", launch.ExposedWarning(addr))
	}
	if h.opts.Handshake == nil {
		h.say("listening for debug clients on %s", addr)
	}
	h.workers.Add(1)
	go func() {
		defer h.workers.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			h.serveClient(c)
		}
	}()
	return nil
}

// serveClient runs a Session for c, bound to this Host's program.
func (h *Host) serveClient(c net.Conn) {
	h.sessions.Add(1)
	go func() {
		defer h.sessions.Done()
		s := newSession(h.launcher, h.deadlines)
		s.bound = h
		s.serve(c, c, c)
	}()
}

func (h *Host) spawn() error {
	cfg := *h.opts.Program
	if logDir != "" { // the agent logs too (see SetLog)
		cfg.Env[logging.EnvDir] = &logDir
	}
	cmd := launch.BuildCommand(cfg, h.agents.Agent())
	cmd.Foreground = true
	if os.Getenv("PYTHONUNBUFFERED") == "" { // the program's output buffers as it would without us
		cmd.Env = withoutVar(cmd.Env, "PYTHONUNBUFFERED")
	}
	p, err := h.launcher.Start(cmd, launch.Handlers{OnExit: func(code int) { h.post(func() { h.onExit(code) }) }})
	if err != nil {
		return err
	}
	h.process = p
	return nil
}

func (h *Host) onExit(code int) {
	h.exited, h.exitCode = true, code
	if h.agent == nil || h.agentGone {
		h.finished = true
		return
	}
	// The agent's last output may still be in flight: its stream ends soon after.
	h.after(h.deadlines.exitedOutput, func() { h.finished = true })
}

// finish: the program has ended (or the Host gives it up). The bound client hears how
// it ended, waiting binds fail, no more clients are taken.
func (h *Host) finish() {
	h.finished = true
	for _, w := range h.waiting {
		w.done(agentConn{}, errProgramGone)
	}
	h.waiting = nil
	if b := h.binding; b != nil {
		if h.exited {
			if body, err := dap.NewEvent(0, "dapper/exited", map[string]int{"exitCode": h.exitCode}); err == nil {
				b.conn.Send(body)
			}
		}
		h.unbind(b)
	}
	if h.clients != nil {
		h.clients.Close()
	}
	if h.agent != nil && !h.agentGone {
		h.agentGone = true
		agent := h.agent
		h.hand(func() { agent.Close(h.deadlines.agentDrain) })
	}
}

// shutDown ends every goroutine the Host started.
func (h *Host) shutDown() {
	if h.clients != nil {
		h.clients.Close()
	}
	if h.agents != nil {
		h.agents.Close()
	}
	if h.remote != nil && h.binding == nil {
		h.remote.Close()
	}
	close(h.done)
	h.workers.Wait()
}

// hand runs f off the loop; Run waits for it.
func (h *Host) hand(f func()) {
	h.workers.Add(1)
	go func() {
		defer h.workers.Done()
		f()
	}()
}

func withoutVar(env []string, key string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if len(kv) <= len(key) || kv[:len(key)+1] != key+"=" {
			out = append(out, kv)
		}
	}
	return out
}
