package adapter

import (
	"encoding/json"
	"fmt"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
)

// debuggee is the launched process and, once it has connected, its agent; or, for
// attach, a program the adapter did not start (attachedProcess), known by its agent.
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
	onExited      func()        // set by the shutdown that is ending the program
	endReplies    []dap.Message // the disconnect requests to answer at the end
	attached      bool          // not started by this session: it may outlive it
	exitKnown     bool          // attached: dapper/exited said how it ended
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

// detachAgent tells the agent to stop debugging: no new stops. With terminate, the
// suspended threads resume only into an exception raised where they stand (see
// onTerminate); else they resume. then (if not nil) runs once the agent has answered,
// with whether threads were released into that exception, or at once without an
// agent. The agent of a launched program ends it when its connection drops, unless it
// was told (terminate false) that the program runs on.
func (d *debuggee) detachAgent(terminate bool, then func(raised bool)) {
	if d.agent == nil || d.agentClosed {
		if then != nil {
			then(false)
		}
		return
	}
	var done func(dap.Message)
	if then != nil {
		done = func(m dap.Message) {
			var body struct {
				Raised bool `json:"dapper/raised"`
			}
			_ = json.Unmarshal(m.Body, &body)
			then(m.Success && body.Raised)
		}
	}
	args, _ := json.Marshal(map[string]bool{"terminateDebuggee": terminate})
	d.requestInternal("disconnect", args, done)
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
	"dapper/exceptions": true, // the exception chain of a stop (pdb's exceptions command)
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
	case m.IsEvent() && m.Event == "dapper/exited":
		s.onAgentExited(d, m)
	case m.IsEvent() && m.Event == "dapper/childExited":
		s.onChildExitedEvent(m)
	case m.IsEvent():
		s.forward(m.Raw, nil)
	}
}

// onAgentExited takes dapper/exited, meant for the adapter: from a host (`dapper run`)
// that knows how its program ended.
func (s *Session) onAgentExited(d *debuggee, m dap.Message) {
	var exited struct {
		ExitCode *int `json:"exitCode"`
	}
	if json.Unmarshal(m.Body, &exited) == nil && exited.ExitCode != nil {
		d.exitCode, d.exitKnown = *exited.ExitCode, true
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
	if d.attached { // its end is all we can know of the program's
		d.processExited = true
		if s.holdChildExit(d) {
			return
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
	if a.role == launch.LauncherRole {
		s.onLauncherHello(a)
		return
	}
	if s.attach != nil {
		s.onAttachHello(a)
		return
	}
	if t := s.terminal; t != nil && !t.started && !s.stopped {
		t.early = append(t.early, a) // the launcher has not said which process is ours yet
		return
	}
	d := s.debuggee
	if !s.stopped && d != nil && d.agent != nil && !d.exitedSent {
		s.onChildAgent(a) // a later agent from the program's tree
		return
	}
	if s.stopped || d == nil || d.agent != nil || d.exitedSent || !a.descendsFrom(d.process.Pid()) {
		// Not the program: a later Python child, or a process from outside the
		// launched tree. It runs on without the debugger. The first agent from the
		// tree is the program, which a wrapper script may have started as its child.
		s.log.Info("agent refused: not the launched process", "pid", a.pid)
		a.stream.Close()
		return
	}
	s.connectAgent(d, a)
	s.onAgentReady()
}

// connectAgent makes a the agent connection of d.
func (s *Session) connectAgent(d *debuggee, a agentConn) {
	d.agent = dap.NewConn(a.stream, a.stream, a.stream)
	tapConn(d.agent, s.log, "agent")
	s.log.Info("agent connected", "pid", a.pid)
	d.agent.Start(
		func(body []byte) { s.post(func() { s.onAgentFrame(body) }) },
		func(error) { s.post(s.onAgentClosed) },
	)
}
