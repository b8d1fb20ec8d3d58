// Package adapter is the debug adapter: one Session per client connection, owning the
// debuggee process and the agent connection of that debug session.
//
// Goroutine model. One goroutine, the session loop (Session.Run), owns every field of
// Session. Each connection (client, agent) has a reader and a writer goroutine (see
// dap.Conn); each process has a wait goroutine and two pump goroutines; the agent
// listener has an accept goroutine. None of those touch Session fields: they hand
// work to the loop with Session.post. Nothing here takes a mutex on session state.
package adapter

import (
	"encoding/json"
	"io"
	"net"
	"sync"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
)

// Session is one debug session: a client, and the program it debugs.
type Session struct {
	client  *dap.Conn
	posts   chan func()
	done    chan struct{}
	seq     int
	stopped bool

	initialized   bool
	clientArgs    json.RawMessage
	launchReq     *dap.Message // held until configurationDone
	launchArgs    json.RawMessage
	config        launch.Config
	configDone    bool
	terminateOnly bool // disconnect should not end the debuggee (terminateDebuggee false)

	debuggee *debuggee
	agents   *agentListener

	// goroutines that must end before Run returns
	workers sync.WaitGroup
}

// Serve runs a session over a client stream until the client disconnects or the
// stream ends, and returns when every goroutine of the session has ended.
func Serve(r io.Reader, w io.Writer, closer io.Closer) {
	s := &Session{
		posts: make(chan func(), 256),
		done:  make(chan struct{}),
	}
	s.client = dap.NewConn(r, w, closer)
	s.client.Start(
		func(body []byte) { s.post(func() { s.onClientFrame(body) }) },
		func(err error) { s.post(func() { s.onClientGone(err) }) },
	)
	s.Run()
}

// ServeConn serves one session over a network connection.
func ServeConn(c net.Conn) { Serve(c, c, c) }

// Run is the session loop. It returns once the session has ended.
func (s *Session) Run() {
	for !s.stopped {
		f := <-s.posts
		f()
	}
	close(s.done)
	s.workers.Wait()
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
	if b, err := dap.Rewrite(raw, s.nextSeq(), requestSeq); err == nil {
		s.client.Send(b)
	}
}

// end finishes the session: the client's outbox is drained (bounded) and closed.
func (s *Session) end() {
	if s.stopped {
		return
	}
	s.stopped = true
	if s.agents != nil {
		s.agents.close()
	}
	if s.debuggee != nil {
		s.debuggee.closeAgent()
	}
	s.client.Close(2 * time.Second)
}
