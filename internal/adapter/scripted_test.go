package adapter

import (
	"encoding/json"
	"net"
	"testing"
	"time"
)

// scripted is a Session under test with a scripted debuggee side.
type scripted struct {
	t         *testing.T
	client    *peer
	launcher  *fakeLauncher // nil for the real one
	served    chan struct{} // closed when serve has returned
	processes []*fakeProcess
	agents    []*peer
	initArgs  map[string]any // the client's initialize arguments, if not the plainest
}

// fast is a deadline that a test waits for; never is one it does not reach.
const (
	fast  = 50 * time.Millisecond
	never = time.Hour
)

// startScripted serves a session with a scripted debuggee side over an in-memory
// pipe. Deadlines that a test does not wait for are long, so that they never fire by
// accident; change picks others.
func startScripted(t *testing.T, change func(*deadlines)) *scripted {
	t.Helper()
	d := defaultDeadlines
	if change != nil {
		change(&d)
	}
	return serveOverPipe(t, newFakeLauncher(), d)
}

// serveOverPipe serves a session with launcher l; its client is s.client.
func serveOverPipe(t *testing.T, l launcher, d deadlines) *scripted {
	return serveOverWrappedPipe(t, l, d, func(c net.Conn) net.Conn { return c })
}

// serveOverWrappedPipe is serveOverPipe with the session's end of the client stream
// wrapped.
func serveOverWrappedPipe(t *testing.T, l launcher, d deadlines, wrap func(net.Conn) net.Conn) *scripted {
	ours, pipeEnd := net.Pipe()
	theirs := wrap(pipeEnd)
	s := &scripted{t: t, client: newPeer(t, "client", ours), served: make(chan struct{})}
	s.launcher, _ = l.(*fakeLauncher)
	go func() {
		defer close(s.served)
		newSession(l, d).serve(theirs, theirs, theirs)
	}()
	t.Cleanup(func() {
		// Whatever the test left running ends, and the client goes away.
		for _, a := range s.agents {
			a.conn.Close()
		}
		for _, p := range s.processes {
			p.exit(0)
		}
		ours.Close()
		select {
		case <-s.served:
		case <-time.After(waitLimit):
			t.Error("the session did not end when its client went away")
		}
	})
	return s
}

// initialize sends initialize and checks the answer.
func (s *scripted) initialize() {
	s.t.Helper()
	args := s.initArgs
	if args == nil {
		args = map[string]any{"adapterID": "test"}
	}
	seq := s.client.request("initialize", args)
	if m := s.client.expect("initialize"); !m.Success || m.RequestSeq != seq {
		s.t.Fatalf("initialize: %s", m.Raw)
	}
}

// launch initializes and launches a program; the launch response is held.
func (s *scripted) launch(extra map[string]any) (launchSeq int, p *fakeProcess, l *fakeListener) {
	s.t.Helper()
	s.initialize()
	args := map[string]any{"code": "pass", "python": "/bin/sh"}
	for k, v := range extra {
		args[k] = v
	}
	launchSeq = s.client.request("launch", args)
	select {
	case l = <-s.launcher.listeners:
	case <-time.After(waitLimit):
		s.t.Fatal("launch did not listen for the agent")
	}
	select {
	case p = <-s.launcher.processes:
	case <-time.After(waitLimit):
		s.t.Fatal("launch did not start the program")
	}
	s.processes = append(s.processes, p)
	if m := s.client.expect("process"); !m.IsEvent() {
		s.t.Fatalf("process: %s", m.Raw)
	}
	return launchSeq, p, l
}

// connect has the program's agent connect; the agent is handed the client's
// initialize and launch, and the client is told to configure.
func (s *scripted) connect(p *fakeProcess, l *fakeListener) *peer {
	s.t.Helper()
	agent := l.connect(s.t, p.pid)
	s.agents = append(s.agents, agent)
	for _, command := range []string{"initialize", "launch"} {
		agent.respond(agent.expect(command), "")
	}
	s.client.expect("initialized")
	return agent
}

// configured is a launched program whose agent has connected and that the client
// has configured: both the configurationDone and the launch responses have come.
func (s *scripted) configured() (p *fakeProcess, agent *peer) {
	s.t.Helper()
	launchSeq, p, l := s.launch(nil)
	agent = s.connect(p, l)
	done := s.client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	s.expectResponses(done, launchSeq)
	return p, agent
}

// expectResponses checks that the next messages are successful responses to the
// requests with these seqs, in this order.
func (s *scripted) expectResponses(seqs ...int) {
	s.t.Helper()
	for _, seq := range seqs {
		if m := s.client.next(); !m.IsResponse() || !m.Success || m.RequestSeq != seq {
			s.t.Fatalf("got %s, want the response to request %d", m.Raw, seq)
		}
	}
}

// expectExit checks that the client is told the program exited with code, then
// that it terminated.
func (s *scripted) expectExit(code int) {
	s.t.Helper()
	m := s.client.expect("exited")
	var body struct{ ExitCode int }
	if err := json.Unmarshal(m.Body, &body); err != nil || body.ExitCode != code {
		s.t.Fatalf("exited: %s, want code %d", m.Raw, code)
	}
	s.client.expect("terminated")
}

// obeyTerminate has the program end on the terminate signal with code, and its agent's
// connection with it, and checks that the client is told. The goroutines that watch
// the program run on until p.release.
func (s *scripted) obeyTerminate(p *fakeProcess, agent *peer, code int) {
	s.t.Helper()
	p.expectSignal(s.t, "terminate")
	p.reportExit(code)
	agent.conn.Close()
	s.expectExit(code)
}

// waitServed waits for serve to return.
func (s *scripted) waitServed() {
	s.t.Helper()
	select {
	case <-s.served:
	case <-time.After(waitLimit):
		s.t.Fatal("serve did not return")
	}
}
