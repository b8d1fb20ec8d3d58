// Package adapter is the debug adapter: one Session per client connection, owning the
// debuggee process and the agent connection of that debug session.
//
// Goroutine model. One goroutine, the session loop (Session.Run), owns every field of
// Session. Each connection (client, agent) has a reader and a writer goroutine (see
// dap.Conn); each process has a wait goroutine and two pump goroutines, and one more
// while it is being terminated (see launch.Process); the agent listener has an accept
// goroutine and one per handshake, and the session one that takes what it accepts.
// Timers (Session.after) and slow closes (Session.handOff) run on goroutines of
// their own. None of those touch Session fields: they hand work to the loop with
// Session.post. Nothing here takes a mutex on session state.
//
// The debuggee side (starting a program, the agent's connection) is reached through
// the launcher interface (launcher.go), so that tests can script it.
package adapter

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
)

// Session is one debug session: a client, and the program it debugs.
type Session struct {
	log       *slog.Logger
	client    *dap.Conn
	posts     chan func()
	done      chan struct{}
	seq       int
	stopped   bool
	launcher  launcher
	deadlines deadlines

	initialized bool
	clientArgs  json.RawMessage
	launchReq   *dap.Message // held until configurationDone
	launchArgs  json.RawMessage
	config      launch.Config
	configDone  bool

	debuggee *debuggee
	agents   agentListener
	attach   *launch.AttachConfig // the attach request's, once one came
	bound    binder               // a session of `dapper run`: where its program comes from
	proxy    *proxy               // attach.connect: everything goes to another adapter
	children *childTree           // the program's child processes (children.go)
	family   *childLink           // a child session: the session that owns its child's tree

	// reverse requests sent to the client, by seq, and what handles their responses
	reverse  map[int]func(dap.Message)
	terminal *terminalLaunch // a launch whose program runs in the client's terminal

	// goroutines the session started itself; they end before Run returns
	workers sync.WaitGroup
}

// Serve runs a session over a client stream until the client disconnects or the
// stream ends. It returns when every goroutine of the session has ended, waiting at
// most two seconds in all for those that closing cannot stop: a read from a stream whose
// Close does not interrupt it (a terminal on stdin), a write to a client that has
// stopped reading, or pumps reading output that a descendant of the program, gone
// from its process group, still holds open. A program left running by a disconnect
// with terminateDebuggee false is not waited for: its wait and pump goroutines drain
// and reap it until it exits.
func Serve(r io.Reader, w io.Writer, closer io.Closer) {
	newSession(localLauncher{}, defaultDeadlines).serve(r, w, closer)
}

// ServeConn serves one session over a network connection.
func ServeConn(c net.Conn) { Serve(c, c, c) }

func newSession(l launcher, d deadlines) *Session {
	return &Session{
		log:       newSessionLog(),
		posts:     make(chan func(), 256),
		done:      make(chan struct{}),
		launcher:  l,
		deadlines: d,
		reverse:   map[int]func(dap.Message){},
	}
}

func (s *Session) serve(r io.Reader, w io.Writer, closer io.Closer) {
	s.client = dap.NewConn(r, w, closer)
	tapConn(s.client, s.log, "client")
	s.log.Info("session started")
	// The client is gone when its stream ends or when a write to it fails (it has
	// stopped reading, though its end of our input may stay open).
	var gone sync.Once
	clientGone := func(err error) { gone.Do(func() { s.post(func() { s.onClientGone(err) }) }) }
	s.client.OnWriteError(func(err error) { clientGone(fmt.Errorf("writing: %w", err)) })
	s.client.Start(func(body []byte) { s.post(func() { s.onClientFrame(body) }) }, clientGone)
	s.Run()
}

// Run is the session loop. It returns once the session has ended and its goroutines
// with it (see Serve).
func (s *Session) Run() {
	for !s.stopped {
		f := <-s.posts
		f()
	}
	close(s.done)
	s.workers.Wait()
	s.awaitGoroutines()
}

// awaitGoroutines waits, up to deadlines.goroutines in all, for the goroutines the
// session did not start itself: each connection's reader and writer, and those that
// watch a process the session has seen end.
func (s *Session) awaitGoroutines() {
	done := []<-chan struct{}{s.client.Done()}
	if s.proxy != nil && s.proxy.remote != nil {
		done = append(done, s.proxy.remote.Done())
	}
	if d := s.debuggee; d != nil {
		if d.agent != nil {
			done = append(done, d.agent.Done())
		}
		if d.exitedSent {
			done = append(done, d.process.Done())
		}
	}
	deadline := time.NewTimer(s.deadlines.goroutines)
	defer deadline.Stop()
	for _, c := range done {
		select {
		case <-c:
		case <-deadline.C:
			return
		}
	}
}

// post hands f to the session loop. Safe from any goroutine; once the session has
// ended it drops f and returns false.
func (s *Session) post(f func()) bool {
	select {
	case s.posts <- f:
		return true
	case <-s.done:
		return false
	}
}

// after posts f to the loop once d has passed (unless the session ended first).
func (s *Session) after(d time.Duration, f func()) {
	s.workers.Add(1)
	go func() {
		defer s.workers.Done()
		select {
		case <-time.After(d):
			s.post(f)
		case <-s.done:
		}
	}()
}

// handOff runs f, which may block for a bounded time, off the loop; Run waits for it.
func (s *Session) handOff(f func()) {
	s.workers.Add(1)
	go func() {
		defer s.workers.Done()
		f()
	}()
}

func (s *Session) nextSeq() int {
	s.seq++
	return s.seq
}

// sendEvent sends an adapter-made event to the client.
func (s *Session) sendEvent(event string, body any) {
	if b, err := dap.NewEvent(s.nextSeq(), event, body); err == nil {
		s.client.Send(b)
	}
}

// respond sends a success response to a client request.
func (s *Session) respond(req dap.Message, body any) {
	if b, err := dap.NewResponse(s.nextSeq(), req.Seq, req.Command, body); err == nil {
		s.client.Send(b)
	}
}

// respondError sends a failed response to a client request.
func (s *Session) respondError(req dap.Message, id int, text string) {
	if b, err := dap.NewErrorResponse(s.nextSeq(), req.Seq, req.Command, id, text); err == nil {
		s.client.Send(b)
	}
}

// forward relays a message that came from the debuggee to the client, with our seq
// and, for responses, the client's request_seq.
func (s *Session) forward(raw json.RawMessage, requestSeq *int) {
	if parts, err := dap.RewriteParts(raw, s.nextSeq(), requestSeq); err == nil {
		s.client.SendParts(parts)
	}
}

// closeAgents stops accepting agents (once).
func (s *Session) closeAgents() {
	if l := s.agents; l != nil {
		s.agents = nil
		s.handOff(l.Close)
	}
}

// end finishes the session: the client's outbox is drained (bounded) and closed.
func (s *Session) end() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.log.Info("session ends")
	s.endChildren(false)
	s.closeAgents()
	s.closeAgent()
	s.closeLauncher()
	if s.proxy != nil {
		s.proxy.close()
	}
	s.client.Close(s.deadlines.clientDrain)
}
