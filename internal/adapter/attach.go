package adapter

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/inject"
	"github.com/dapper-debugger/dapper/internal/launch"
	godap "github.com/google/go-dap"
)

// Attach: the session debugs a program it did not start. The request names where the
// program is, and each way ends the same, with one agent connection the session adopts
// (adoptAgent) exactly as it would a launched program's, held until configurationDone:
//
//   - a session of `dapper run` (s.bound) binds to the program that command runs;
//   - listen: the session listens where the user said, and the first agent to arrive
//     (a program started with `dapper run --connect`, or that called dapper.connect())
//     is the debuggee;
//   - processId: the session listens on loopback and injects code that connects the
//     agent back, with a token, into the running interpreter;
//   - connect: the session relays to a `dapper run --listen`, which serves DAP itself
//     (proxy.go): that program's own session does the rest.
//
// An attached program outlives the session: disconnect and a client that goes away
// leave it running (terminateDebuggee defaults to false), and its agent, told to end
// the session, clears breakpoints and resumes every thread.

// binder hands a session the agent of a program it did not find itself: `dapper
// run`'s program, or a child process (child_session.go). done is called, on any
// goroutine, with the agent's stream, or an error when another client has it or the
// program has gone; s is the session, args its attach request's.
type binder interface {
	bind(s *Session, args json.RawMessage, done func(agentConn, error))
}

// injectTimeout bounds the injection itself (ptrace), not the wait for its effect.
const injectTimeout = 5 * time.Second

func (s *Session) onAttach(m dap.Message) {
	if s.launchReq != nil || s.debuggee != nil || s.attach != nil {
		s.respondError(m, errSequence, "attach: this session is already debugging a program")
		return
	}
	var cfg launch.AttachConfig
	var err error
	if s.bound == nil { // a session of `dapper run` has its program: where the client found it is no matter
		cfg, err = launch.ParseAttachConfig(m.Arguments)
	}
	if err != nil {
		s.respondConfigError(m, err)
		return
	}
	s.attach = &cfg
	if s.bound == nil && cfg.Connect != "" {
		s.startProxy(cfg.Connect, m) // the far side reads the rest
		return
	}
	common, err := launch.ParseCommon(m.Arguments)
	if err != nil {
		s.attach = nil
		s.respondConfigError(m, err)
		return
	}
	if err := s.prepareChildren("attach", m.Arguments, cfg.Listen != ""); err != nil {
		s.attach = nil
		s.respondConfigError(m, err)
		return
	}
	for _, note := range launch.AttributeNotes("attach", m.Arguments, launch.AttachAttributes, launch.CommonAttributes) {
		s.tellUser(note)
	}
	s.launchArgs, s.launchReq = m.Arguments, &m
	redirect := common.RedirectOutput == nil || *common.RedirectOutput
	if args, err := common.AgentArguments(m.Arguments, redirect, nil); err == nil {
		s.launchArgs = args
	}
	switch {
	case s.bound != nil:
		s.bound.bind(s, m.Arguments, func(a agentConn, err error) {
			if !s.post(func() { s.onBound(a, err) }) && err == nil {
				a.stream.Close()
			}
		})
	case cfg.Listen != "":
		s.listenForAgent(cfg.Listen)
	default:
		s.injectAgent(cfg.ProcessID)
	}
}

func (s *Session) onBound(a agentConn, err error) {
	if err != nil {
		id := errNoDebuggee
		if errors.Is(err, errClientAttached) {
			id = errBusy
		}
		s.failLaunch(id, "attach: "+err.Error())
		return
	}
	if s.stopped || s.launchReq == nil {
		a.stream.Close()
		return
	}
	if s.family != nil {
		s.adoptChild(a)
		return
	}
	s.adoptAgent(a)
}

// listenForAgent waits, as long as the client does, for a program to connect.
func (s *Session) listenForAgent(addr string) {
	l, err := s.launcher.ListenAt(addr)
	if err != nil {
		s.failLaunch(errAttach, "attach: "+err.Error())
		return
	}
	s.agents = l
	s.acceptAgents(l)
	where := l.Agent().Address
	if !launch.IsLoopback(where) {
		s.sendEvent("output", godap.OutputEventBody{Category: "important", Output: "dapper: " + launch.ExposedWarning(where) + "\n"})
	}
	s.sendEvent("output", godap.OutputEventBody{Category: "console", Output: fmt.Sprintf(
		"dapper: waiting for a program to connect to %s (dapper run --connect %s program.py)\n", where, where)})
}

// injectAgent gets the agent into process pid: the code is queued off the loop (ptrace
// blocks a thread), and the agent's hello must follow within deadlines.injected.
func (s *Session) injectAgent(pid int) {
	l, err := s.launcher.Listen()
	if err != nil {
		s.failLaunch(errAttach, "attach: "+err.Error())
		return
	}
	s.agents = l
	s.acceptAgents(l)
	code := launch.InjectionCode(l.Agent())
	s.handOff(func() {
		err := s.launcher.Inject(pid, code, injectTimeout)
		if err != nil {
			s.post(func() { s.failAttach(errAttach, injectionFailure(pid, err)) })
		}
	})
	limit := s.deadlines.injected
	s.after(limit, func() {
		if s.debuggee == nil && s.launchReq != nil {
			s.failAttach(errAttachTimeout, fmt.Sprintf("attach: process %d did not run the agent's code within %s. "+
				"Its main thread runs it between two bytecodes, and is blocked in a call that does not "+
				"return to Python meanwhile (time.sleep, select, input(), a blocking read or C code): "+
				"the agent comes in when that call returns. Attach again then, or start the program "+
				"with `dapper run --listen`. The process also needs to be able to read %s.",
				pid, limit, l.Agent().Dir))
		}
	})
}

// failAttach answers the held attach with an error and stops waiting for an agent.
func (s *Session) failAttach(id int, text string) {
	if s.debuggee == nil {
		s.failLaunch(id, text)
		s.closeAgents()
	}
}

// injectionFailure says why the agent could not be put into pid, in the user's terms.
func injectionFailure(pid int, err error) string {
	text := "attach: " + err.Error()
	switch {
	case errors.Is(err, inject.ErrPermission):
		text += ". Attaching needs the right to trace the process: run dapper as its user with " +
			"/proc/sys/kernel/yama/ptrace_scope at 0, or with CAP_SYS_PTRACE, or start the program " +
			"with `dapper run --listen`"
	case errors.Is(err, inject.ErrVersion), errors.Is(err, inject.ErrPlatform), errors.Is(err, inject.ErrSymbols):
		text += ". Start the program with `dapper run --listen` instead"
	}
	return text
}

// onAttachHello takes the agent an attach waits for; others are closed (they run on
// without the debugger). Once it has come, later agents are children (its own, or,
// with listen, the other programs of a fleet).
func (s *Session) onAttachHello(a agentConn) {
	if !s.stopped && s.debuggee != nil && s.debuggee.agent != nil {
		s.onChildAgent(a)
		return
	}
	if s.stopped || s.debuggee != nil || s.launchReq == nil ||
		(s.attach.ProcessID != 0 && a.pid != s.attach.ProcessID) {
		a.stream.Close()
		return
	}
	if !s.takesChildren() {
		s.closeAgents()
	}
	if a.refused != "" {
		s.closeAgents()
		a.stream.Close()
		s.failLaunch(errAttach, fmt.Sprintf("attach: process %d cannot be attached to: %s", a.pid, a.refused))
		return
	}
	s.adoptAgent(a)
}

// adoptAgent makes a's program the session's debuggee and starts the configuration.
func (s *Session) adoptAgent(a agentConn) {
	p := &attachedProcess{pid: a.pid}
	d := newDebuggee(p)
	d.attached = true
	p.debuggee = d
	s.debuggee = d
	s.connectAgent(d, a)
	method, name := a.startMethod, a.name
	if method == "" {
		method = "attach"
	}
	if name == "" {
		name = fmt.Sprintf("process %d", a.pid)
	}
	s.sendEvent("process", godap.ProcessEventBody{
		Name: name, SystemProcessId: a.pid, IsLocalProcess: !a.remote, StartMethod: method,
	})
	s.onAgentReady()
}

// attachedProcess stands for a program the adapter did not start: the agent says
// which process it is and ends it when asked; its connection's end is the program's,
// as far as the session can know.
type attachedProcess struct {
	pid      int
	debuggee *debuggee
}

func (p *attachedProcess) Pid() int { return p.pid }

// Terminate asks the agent to end its process: SIGINT (when interrupt is set), then
// SIGTERM and SIGKILL after grace each.
func (p *attachedProcess) Terminate(grace time.Duration, interrupt bool) {
	p.ask(map[string]any{"grace": grace.Seconds(), "interrupt": interrupt})
}

// Kill asks the agent for SIGKILL at once.
func (p *attachedProcess) Kill() { p.ask(map[string]any{"now": true}) }

func (p *attachedProcess) ask(args map[string]any) {
	if d := p.debuggee; d.agent != nil && !d.agentClosed {
		d.requestInternal("dapper/terminate", mustJSON(args), nil)
	}
}

func (p *attachedProcess) Done() <-chan struct{} { return p.debuggee.agent.Done() }

// mustJSON encodes arguments the adapter makes itself (always encodable).
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
