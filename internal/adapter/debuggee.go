package adapter

import (
	"encoding/json"
	"fmt"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// debuggee is the launched process and, once it has connected, its agent.
type debuggee struct {
	process       process
	agent         *dap.Conn
	agentSeq      int
	pending       map[int]pendingRequest
	processExited bool
	exitCode      int
	agentClosed   bool // the agent's stream has ended (or we closed it)
	agentShut     bool // Close has been called
	exitedSent    bool
	onExited      func()
}

// pendingRequest is a request sent to the agent: either the client's (relayed back)
// or the adapter's own (handled by done).
type pendingRequest struct {
	client *dap.Message
	done   func(dap.Message)
}

func newDebuggee(p process) *debuggee {
	return &debuggee{process: p, pending: map[int]pendingRequest{}}
}

// requestInternal sends the adapter's own request to the agent.
func (d *debuggee) requestInternal(command string, args json.RawMessage, done func(dap.Message)) {
	d.agentSeq++
	var arguments any
	if len(args) > 0 {
		arguments = args
	}
	body, err := dap.NewRequest(d.agentSeq, command, arguments)
	if err != nil {
		return
	}
	d.pending[d.agentSeq] = pendingRequest{done: done}
	d.agent.Send(body)
}

// detachAgent tells the agent to stop debugging: every thread resumes, no new stops.
// then (if not nil) runs once the agent has answered, or at once without an agent.
func (d *debuggee) detachAgent(then func()) {
	if d.agent == nil || d.agentClosed {
		if then != nil {
			then()
		}
		return
	}
	var done func(dap.Message)
	if then != nil {
		done = func(dap.Message) { then() }
	}
	d.requestInternal("disconnect", nil, done)
}

// closeAgent closes the agent connection (once), after draining what is queued; the
// drain, bounded by agentDrain, runs off the loop. The reader goroutine may already
// have ended; the writer ends here.
func (s *Session) closeAgent() {
	d := s.debuggee
	if d != nil && d.agent != nil && !d.agentShut {
		d.agentShut = true
		d.agentClosed = true
		agent := d.agent
		s.handOff(func() { agent.Close(s.deadlines.agentDrain) })
	}
}

// knownRequests are DAP requests the agent may serve; anything else is unknown.
var knownRequests = map[string]bool{
	"setBreakpoints": true, "setFunctionBreakpoints": true, "setExceptionBreakpoints": true,
	"setDataBreakpoints": true, "setInstructionBreakpoints": true, "breakpointLocations": true,
	"continue": true, "next": true, "stepIn": true, "stepOut": true, "stepBack": true,
	"reverseContinue": true, "restartFrame": true, "goto": true, "gotoTargets": true, "pause": true,
	"stackTrace": true, "scopes": true, "variables": true, "setVariable": true, "source": true,
	"threads": true, "terminateThreads": true, "modules": true, "loadedSources": true,
	"evaluate": true, "setExpression": true, "stepInTargets": true, "completions": true,
	"exceptionInfo": true, "readMemory": true, "writeMemory": true, "disassemble": true,
	"dataBreakpointInfo": true, "cancel": true, "restart": true, "locations": true,
}

// relayToAgent passes a client request to the agent unchanged but for its seq.
func (s *Session) relayToAgent(m dap.Message) {
	d := s.debuggee
	if !knownRequests[m.Command] {
		s.respondError(m, errUnknownRequest, fmt.Sprintf("unknown request %q", m.Command))
		return
	}
	if d == nil || d.agent == nil || d.agentClosed {
		s.respondError(m, errNoDebuggee, fmt.Sprintf("%s: no program is being debugged", m.Command))
		return
	}
	d.agentSeq++
	body, err := dap.Rewrite(m.Raw, d.agentSeq, nil)
	if err != nil {
		s.respondError(m, errMalformed, err.Error())
		return
	}
	d.pending[d.agentSeq] = pendingRequest{client: &m}
	d.agent.Send(body)
}

func (s *Session) onAgentFrame(body []byte) {
	d := s.debuggee
	m, err := dap.Decode(body)
	if err != nil || d == nil {
		return
	}
	switch {
	case m.IsResponse():
		p, ok := d.pending[m.RequestSeq]
		if !ok {
			return
		}
		delete(d.pending, m.RequestSeq)
		if p.client != nil {
			s.forward(m.Raw, &p.client.Seq)
		} else if p.done != nil {
			p.done(m)
		}
	case m.IsEvent():
		s.forward(m.Raw, nil)
	}
}

func (s *Session) onAgentClosed() {
	d := s.debuggee
	if d == nil {
		return
	}
	d.agentClosed = true
	for seq, p := range d.pending {
		delete(d.pending, seq)
		if p.client != nil {
			s.respondError(*p.client, errNoDebuggee, p.client.Command+": the debuggee has gone")
		}
	}
	if d.processExited {
		s.sendExited(d.exitCode)
	}
}

// acceptAgents hands each agent that connects to the session loop, until the listener
// closes.
func (s *Session) acceptAgents(l agentListener) {
	s.workers.Add(1)
	go func() {
		defer s.workers.Done()
		for {
			a, err := l.Accept()
			if err != nil {
				return
			}
			if !s.post(func() { s.onAgentHello(a) }) {
				a.stream.Close()
			}
		}
	}()
}

func (s *Session) onAgentHello(a agentConn) {
	d := s.debuggee
	if s.stopped || d == nil || d.agent != nil || d.exitedSent || a.pid != d.process.Pid() {
		// Not the launched process (a subprocess): it runs on without the debugger.
		a.stream.Close()
		return
	}
	d.agent = dap.NewConn(a.stream, a.stream, a.stream)
	d.agent.Start(
		func(body []byte) { s.post(func() { s.onAgentFrame(body) }) },
		func(error) { s.post(s.onAgentClosed) },
	)
	s.onAgentReady()
}
