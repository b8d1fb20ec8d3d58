package adapter

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
	godap "github.com/google/go-dap"
)

// Child processes. One session owns the debug tree: the program it launched (or
// attached to) and every Python process that comes of it. The session's agent listener
// keeps accepting once the program's own agent has come; each later agent (a child,
// a grandchild, a forked copy, an exec'd image; attached with listen, any program of
// the fleet) is a child process, held before its first line while the client is asked
// to start a child session for it: startDebugging {request: "attach", configuration:
// {the parent's settings, name, subProcessId, subProcessToken, connect}}.
//
// The client connects the child session to connect's address, a loopback listener of
// this adapter (or starts another `dapper adapter`, which relays there: proxy.go), and
// attaches with that configuration. Each connection is a Session of its own (the child
// session, child_session.go) that claims its child from the owner by pid and token,
// and then debugs it as an attached program. A child that no session claims within
// subProcessTimeout, or that the client cannot take (no supportsStartDebuggingRequest),
// is let go: its agent's connection is closed and it runs on without the debugger.
//
// The owner's loop owns the tree; a child session reaches it only by posting to the
// owner, and the owner reaches a child session the same way. The owner's Run waits for
// its child sessions, which end with it.

// childTree is the children of a session's program. The owner's loop owns every field.
type childTree struct {
	options   launch.Children
	fleet     bool                  // attached with listen: later programs need not descend from it
	listener  net.Listener          // child sessions connect here; nil until the first child
	port      int                   // the listener's port
	waiting   map[int]*waitingChild // by pid: announced, not claimed yet
	sessions  map[int]*Session      // by pid: the sessions that claimed their child
	exitCodes map[int]int           // by pid: how reaped children ended, as their parents' agents said
	told      map[string]bool       // what the user has been told once
	ended     bool                  // the tree has ended: no more children
}

// waitingChild is a child's agent waiting to be claimed, and the token its claim needs.
type waitingChild struct {
	conn  agentConn
	token string
}

// prepareChildren reads what the launch or attach request says about children. With
// fleet (attach listen), later programs are any that connect, not the program's
// descendants.
func (s *Session) prepareChildren(request string, args json.RawMessage, fleet bool) error {
	options, err := launch.ParseChildren(request, args)
	if err != nil {
		return err
	}
	s.children = &childTree{options: options, fleet: fleet, waiting: map[int]*waitingChild{},
		sessions: map[int]*Session{}, exitCodes: map[int]int{}, told: map[string]bool{}}
	return nil
}

// takesChildren reports whether agents after the program's own are children to debug.
func (s *Session) takesChildren() bool {
	return s.children != nil && s.children.options.Debugged && !s.children.ended
}

// clientStartsDebugging reports whether the client's initialize said it takes
// startDebugging.
func (s *Session) clientStartsDebugging() bool {
	var args struct {
		StartDebugging bool `json:"supportsStartDebuggingRequest"`
	}
	_ = json.Unmarshal(s.clientArgs, &args)
	return args.StartDebugging
}

// childName is how a child is called in its session's name and process event.
func childName(a agentConn) string {
	if a.program != "" {
		return a.program
	}
	return "python"
}

// onChildAgent: an agent after the program's own has said hello.
func (s *Session) onChildAgent(a agentConn) {
	t := s.children
	if !s.takesChildren() {
		s.log.Info("agent refused: children are not debugged", "pid", a.pid)
		a.stream.Close()
		return
	}
	s.log.Info("child process", "pid", a.pid, "program", a.program)
	if !s.clientStartsDebugging() {
		s.letChildGo(a, "this client cannot start child sessions (its initialize did not say supportsStartDebuggingRequest)", true)
		return
	}
	if err := s.listenForChildSessions(); err != nil {
		s.letChildGo(a, "no child session can be served: "+err.Error(), false)
		return
	}
	c := &waitingChild{conn: a, token: newChildToken()}
	if old := t.waiting[a.pid]; old != nil { // an exec'd image of a process still waiting
		old.conn.stream.Close()
	}
	t.waiting[a.pid] = c
	name := fmt.Sprintf("%s (pid %d)", childName(a), a.pid)
	cfg, err := launch.ChildConfiguration(s.launchArgs, name, launch.ChildClaim{Pid: a.pid, Token: c.token}, "127.0.0.1", t.port)
	if err != nil {
		s.releaseWaiting(c, "its configuration could not be made: "+err.Error())
		return
	}
	s.reverseRequest("startDebugging", map[string]any{"request": "attach", "configuration": cfg}, func(resp dap.Message) {
		if !resp.Success {
			s.releaseWaiting(c, "the client did not start its session: "+dap.ResponseError(resp).Error())
		}
	})
	wait := t.options.Wait
	s.after(wait, func() { s.releaseWaiting(c, fmt.Sprintf("no child session attached to it within %s", wait)) })
}

// releaseWaiting lets c go, if it is still waiting.
func (s *Session) releaseWaiting(c *waitingChild, why string) {
	t := s.children
	if t.waiting[c.conn.pid] != c {
		return
	}
	delete(t.waiting, c.conn.pid)
	s.letChildGo(c.conn, why, false)
}

// letChildGo closes a child's agent connection: it runs on without the debugger. The
// user is told (once, with once, for a reason that holds for every child).
func (s *Session) letChildGo(a agentConn, why string, once bool) {
	a.stream.Close()
	s.log.Info("child runs without the debugger", "pid", a.pid, "why", why)
	t := s.children
	if once && t.told[why] {
		return
	}
	t.told[why] = true
	text := fmt.Sprintf("dapper: %s (pid %d) runs without the debugger: %s\n", childName(a), a.pid, why)
	if once {
		text = fmt.Sprintf("dapper: child processes run without the debugger (the first: %s, pid %d): %s\n",
			childName(a), a.pid, why)
	}
	s.sendEvent("output", godap.OutputEventBody{Category: "console", Output: text})
}

func newChildToken() string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw)
	return hex.EncodeToString(raw)
}

// listenForChildSessions opens the loopback listener child sessions connect to (once)
// and serves each connection as a child session.
func (s *Session) listenForChildSessions() error {
	t := s.children
	if t.listener != nil {
		return nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	t.listener, t.port = ln, ln.Addr().(*net.TCPAddr).Port
	s.log.Info("listening for child sessions", "address", ln.Addr().String())
	launcher, deadlines := s.launcher, s.deadlines
	s.workers.Add(1)
	go func() {
		defer s.workers.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.workers.Add(1)
			go func() {
				defer s.workers.Done()
				child := newSession(launcher, deadlines)
				child.family = &childLink{owner: s, session: child}
				child.bound = child.family
				child.serve(c, c, c)
			}()
		}
	}()
	return nil
}

// errChildTaken is a claim of a child that another session has claimed.
var errChildTaken = fmt.Errorf("its child session is attached already: %w", errClientAttached)

// claimChild hands the child that claim names to session cs; done (which posts to cs)
// gets its agent, or why not.
func (s *Session) claimChild(claim launch.ChildClaim, cs *Session, done func(agentConn, error)) {
	t := s.children
	var c *waitingChild
	if t != nil {
		c = t.waiting[claim.Pid]
	}
	switch {
	case c == nil && t != nil && t.sessions[claim.Pid] != nil:
		done(agentConn{}, fmt.Errorf("child process %d: %w", claim.Pid, errChildTaken))
	case c == nil:
		done(agentConn{}, fmt.Errorf("no child process %d waits for a session here (it ran on without the debugger, "+
			"or has ended)", claim.Pid))
	case subtle.ConstantTimeCompare([]byte(claim.Token), []byte(c.token)) != 1:
		done(agentConn{}, fmt.Errorf("child process %d: the configuration does not come from this adapter's "+
			"startDebugging (its subProcessToken does not match)", claim.Pid))
	default:
		delete(t.waiting, claim.Pid)
		t.sessions[claim.Pid] = cs
		a := c.conn
		a.name, a.startMethod, a.descendant = childName(a), "attachForSuspendedLaunch", a.descendant || !t.fleet
		s.log.Info("child session attached", "pid", claim.Pid)
		done(a, nil)
		if code, ok := t.exitCodes[claim.Pid]; ok {
			cs.post(func() { cs.childExited(code) })
		}
	}
}

// noteChildExit: the process that reaped child pid said how it ended.
func (s *Session) noteChildExit(pid, code int) {
	t := s.children
	if t == nil {
		return
	}
	t.exitCodes[pid] = code
	if cs := t.sessions[pid]; cs != nil {
		cs.post(func() { cs.childExited(code) })
	}
}

// onChildExitedEvent takes dapper/childExited from an agent: the owner's own, or,
// through a child session, a child's.
func (s *Session) onChildExitedEvent(m dap.Message) {
	var body struct {
		Pid      int  `json:"pid"`
		ExitCode *int `json:"exitCode"`
	}
	if json.Unmarshal(m.Body, &body) != nil || body.ExitCode == nil || body.Pid <= 0 {
		return
	}
	if l := s.family; l != nil {
		owner, code := l.owner, *body.ExitCode
		owner.post(func() { owner.noteChildExit(body.Pid, code) })
		return
	}
	s.noteChildExit(body.Pid, *body.ExitCode)
}

// endChildren ends the tree: no more children are taken, those waiting are let go
// (with terminate: stopped before their first line), and every child session ends
// too, its process terminated with terminate (and terminateChildProcesses), else let
// go to run on.
func (s *Session) endChildren(terminate bool) {
	t := s.children
	if t == nil || t.ended {
		return
	}
	t.ended = true
	terminate = terminate && t.options.EndWithParent
	if t.listener != nil {
		t.listener.Close()
	}
	for pid, c := range t.waiting {
		delete(t.waiting, pid)
		stream := c.conn.stream
		if !terminate {
			stream.Close()
			continue
		}
		s.handOff(func() { stopBeforeTheFirstLine(stream) })
	}
	for _, cs := range t.sessions {
		cs.post(func() { cs.endAsChild(terminate) })
	}
}

// stopBeforeTheFirstLine ends a child that waits to begin: its agent, told to
// terminate before configurationDone, lets none of its code run.
func stopBeforeTheFirstLine(stream interface {
	Write([]byte) (int, error)
	Close() error
}) {
	if body, err := dap.NewRequest(1, "disconnect", map[string]bool{"terminateDebuggee": true}); err == nil {
		_ = dap.WriteFrame(stream, body)
	}
	stream.Close()
}
