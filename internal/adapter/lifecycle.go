package adapter

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
	godap "github.com/google/go-dap"
)

// deadlines bound every wait of a session; unit tests shorten them.
type deadlines struct {
	agentConnect   time.Duration // from spawning the program to the agent's hello
	terminalStart  time.Duration // from runInTerminal to the launcher's report that the program started
	injected       time.Duration // attach by process id: from the injection to the agent's hello
	exitedOutput   time.Duration // from the exit to the agent's last output
	terminateGrace time.Duration // between SIGINT, SIGTERM and SIGKILL
	detach         time.Duration // for the agent to answer disconnect before signals
	shutdown       time.Duration // from a disconnect that ends the program to SIGKILL
	agentDrain     time.Duration // for the agent's outbox to drain before its stream closes
	clientDrain    time.Duration // for the client's outbox to drain before its stream closes
	goroutines     time.Duration // for the goroutines the session did not start (see Serve)
}

var defaultDeadlines = deadlines{
	agentConnect:   20 * time.Second,
	terminalStart:  10 * time.Second,
	injected:       10 * time.Second,
	exitedOutput:   launch.PumpGrace,
	terminateGrace: 1500 * time.Millisecond,
	detach:         1500 * time.Millisecond,
	shutdown:       6 * time.Second,
	agentDrain:     time.Second,
	clientDrain:    2 * time.Second,
	goroutines:     2 * time.Second,
}

// exitCodeKilled is the exit code reported for a program the adapter had to kill
// before its own status was known: launch reports a process ended by a signal as
// minus the signal's number, and SIGKILL is what ended it.
const exitCodeKilled = -int(syscall.SIGKILL)

func (s *Session) onInitialize(m dap.Message) {
	if s.initialized {
		s.respondError(m, errSequence, "initialize: the session is already initialized")
		return
	}
	s.initialized = true
	s.clientArgs = m.Arguments
	s.respond(m, capabilities())
}

func (s *Session) onLaunch(m dap.Message) {
	if s.bound != nil {
		s.respondError(m, errUnsupported, "launch: this is `dapper run`, whose program runs already: send attach")
		return
	}
	if s.launchReq != nil || s.debuggee != nil || s.attach != nil {
		s.respondError(m, errSequence, "launch: this session has already launched a program")
		return
	}
	cfg, err := s.parseLaunch(m.Arguments)
	if err == nil {
		err = s.prepareChildren("launch", m.Arguments, false)
	}
	if err != nil {
		s.respondConfigError(m, err)
		return
	}
	for k, v := range s.programLogEnv() {
		cfg.Env[k] = &v
	}
	s.config, s.launchReq = cfg, &m
	s.launchArgs = s.agentArguments(m.Arguments)
	s.log.Info("launch", "target", cfg.Target(), "python", cfg.Python, "cwd", cfg.Cwd, "console", cfg.Console,
		"noDebug", cfg.NoDebug, "redirectOutput", cfg.Redirects())
	if cfg.NoDebug && !cfg.InTerminal() {
		s.sendEvent("initialized", nil) // the program starts at configurationDone
		return
	}
	if s.agents, err = s.launcher.Listen(); err != nil {
		s.failLaunch(errSpawn, err.Error())
		return
	}
	s.acceptAgents(s.agents)
	switch {
	case cfg.NoDebug:
		s.sendEvent("initialized", nil) // the terminal opens at configurationDone
	case cfg.InTerminal():
		s.runInTerminal(s.agents.Agent())
	default:
		if err := s.spawn(launch.BuildCommand(cfg, s.agents.Agent())); err != nil {
			s.failLaunch(errSpawn, err.Error())
			return
		}
		s.awaitAgent()
	}
}

// awaitAgent fails the launch if the program's agent has not connected in time.
func (s *Session) awaitAgent() {
	limit := s.deadlines.agentConnect
	s.after(limit, func() {
		if d := s.debuggee; d != nil && d.agent == nil && !d.processExited && s.launchReq != nil {
			s.failLaunch(errAgent, fmt.Sprintf("launch: the debugger agent did not connect within %s", limit))
			d.process.Kill()
		}
	})
}

// respondConfigError answers a launch or attach whose arguments cannot work.
func (s *Session) respondConfigError(m dap.Message, err error) {
	var ce *launch.ConfigError
	if errors.As(err, &ce) {
		s.respondError(m, ce.ID, ce.Text)
	} else {
		s.respondError(m, errUnsupported, err.Error())
	}
}

// failLaunch answers the held launch request with an error.
func (s *Session) failLaunch(id int, text string) {
	if s.launchReq != nil {
		s.log.Info("launch failed", "reason", text)
		s.respondError(*s.launchReq, id, text)
		s.launchReq = nil
	}
}

// failHeldLaunch answers the launch (or attach) request that waits for
// configurationDone, if any: what ("the session", "the program") ended first.
func (s *Session) failHeldLaunch(what string) {
	if s.launchReq != nil {
		s.failLaunch(errNoDebuggee, fmt.Sprintf("%s: %s ended before configurationDone", s.launchReq.Command, what))
	}
}

func (s *Session) spawn(cmd launch.Command) error {
	redirect := s.config.Redirects()
	s.log.Info("spawn", "argv", cmd.Argv, "dir", cmd.Dir)
	p, err := s.launcher.Start(cmd, launch.Handlers{
		OnOutput: func(category, text string) {
			if redirect { // else the program's output goes nowhere, as with debugpy
				s.post(func() { s.sendEvent("output", godap.OutputEventBody{Category: category, Output: text}) })
			}
		},
		OnExit: func(code int) { s.post(func() { s.onProcessExit(code) }) },
	})
	if err != nil {
		return err
	}
	s.debuggee = newDebuggee(p)
	s.sendProcessEvent(p.Pid())
	return nil
}

// sendProcessEvent tells the client the program runs, as process pid.
func (s *Session) sendProcessEvent(pid int) {
	s.sendEvent("process", godap.ProcessEventBody{
		Name: s.config.Name(), SystemProcessId: pid, IsLocalProcess: true, StartMethod: "launch",
		PointerSize: strconv.IntSize,
	})
}

// onAgentReady runs when the debuggee's agent has connected: it is handed the
// client's initialize and launch (or attach) arguments, then the client may configure.
func (s *Session) onAgentReady() {
	d := s.debuggee
	start := "launch"
	if s.attach != nil {
		start = "attach"
	}
	d.requestInternal("initialize", s.clientArgs, nil)
	d.requestInternal(start, s.launchArgs, nil)
	s.sendEvent("initialized", nil)
}

func (s *Session) onConfigurationDone(m dap.Message) {
	if s.launchReq == nil || s.configDone {
		s.respondError(m, errSequence, "configurationDone: no launch is waiting for configuration")
		return
	}
	if s.config.NoDebug && s.config.InTerminal() {
		s.configDone = true
		s.respond(m, nil)
		s.runInTerminal(launch.Agent{}) // the launch is answered once the program has started
		return
	}
	if s.config.NoDebug {
		s.configDone = true
		cmd := launch.BuildCommand(s.config, launch.Agent{})
		if err := s.spawn(cmd); err != nil {
			s.respondError(m, errSpawn, err.Error())
			s.failLaunch(errSpawn, err.Error())
			s.sendEvent("terminated", nil)
			return
		}
		s.respond(m, nil)
		s.respond(*s.launchReq, nil)
		s.launchReq = nil
		return
	}
	d := s.debuggee
	if d == nil || d.agent == nil {
		s.respondError(m, errSequence, "configurationDone: the debuggee is not ready; wait for the initialized event")
		return
	}
	s.configDone = true
	d.requestInternal("configurationDone", nil, func(resp dap.Message) {
		if resp.Success {
			s.respond(m, nil)
		} else {
			s.respondError(m, errAgent, resp.ErrMessage)
		}
		if s.launchReq != nil {
			s.respond(*s.launchReq, nil)
			s.launchReq = nil
		}
	})
}

func (s *Session) onDisconnect(m dap.Message) {
	var args struct {
		TerminateDebuggee *bool `json:"terminateDebuggee"`
	}
	_ = json.Unmarshal(m.Arguments, &args)
	terminate := s.attach == nil // an attached program runs on, unless asked
	if args.TerminateDebuggee != nil {
		terminate = *args.TerminateDebuggee
	}
	s.shutdown(terminate, &m)
}

func (s *Session) onTerminate(m dap.Message) {
	d := s.debuggee
	s.respond(m, nil)
	if d == nil || d.exitedSent {
		s.sendEvent("terminated", nil)
		return
	}
	s.endDebuggee(d)
}

// endDebuggee detaches the agent and then ends the process group. Signals wait for
// the agent's answer (its suspended threads have been released into an exception
// raised where they stand, or resumed), bounded by deadlines.detach in case the agent
// is stuck or gone. A program whose threads got that exception is not interrupted
// again: its finally blocks and atexit handlers run, within terminateGrace.
func (s *Session) endDebuggee(d *debuggee) {
	grace := s.deadlines.terminateGrace
	s.log.Info("ending the program")
	s.endChildren(true)
	d.detachAgent(true, func(raised bool) {
		s.log.Info("agent detached", "threadsReleasedIntoAnException", raised)
		d.process.Terminate(grace, !raised) // Terminate runs once
	})
	s.after(s.deadlines.detach, func() { d.process.Terminate(grace, true) })
}

// shutdown ends the session: the debuggee ends too when terminate is set, and reply
// (a disconnect request, if any) is answered once it has. A shutdown that comes while
// another is ending the program waits for that end.
func (s *Session) shutdown(terminate bool, reply *dap.Message) {
	d := s.debuggee
	replies := new([]dap.Message) // every disconnect to answer at the end
	if d != nil {
		replies = &d.endReplies
	}
	if reply != nil {
		*replies = append(*replies, *reply)
	}
	finish := func() {
		s.failHeldLaunch("the session")
		for _, r := range *replies {
			s.respond(r, nil)
		}
		s.end()
	}
	switch {
	case d == nil || d.exitedSent:
		finish()
		return
	case d.onExited != nil:
		return // a shutdown is ending the program already; its end answers this one too
	case !terminate:
		s.endChildren(false)
		d.detachAgent(false, nil)
		finish()
		return
	}
	d.onExited = finish
	s.endDebuggee(d)
	s.after(s.deadlines.shutdown, func() {
		if d.exitedSent {
			return
		}
		d.process.Kill()
		if d.processExited {
			s.sendExited(d.exitCode) // it had exited; exited was waiting for the agent's last output
		} else {
			s.sendExited(exitCodeKilled)
		}
	})
}

func (s *Session) onProcessExit(code int) {
	s.log.Info("program exited", "exitCode", code)
	d := s.debuggee
	d.processExited, d.exitCode = true, code
	s.noteChildExit(d.process.Pid(), code) // an image it exec'd may be a child session's
	if s.launchReq != nil && d.agent == nil && !s.config.NoDebug {
		s.failLaunch(errAgent, fmt.Sprintf("launch: %s exited with code %d before the debugger could attach; see its output",
			filepath.Base(s.config.Python[0]), code))
	}
	if d.agent == nil || d.agentClosed {
		s.sendExited(code)
		return
	}
	// The agent's last output may still be in flight: wait for its connection to end.
	s.after(s.deadlines.exitedOutput, func() { s.sendExited(code) })
}

// sendExited reports the end of the debuggee, once, after all its output.
func (s *Session) sendExited(code int) {
	d := s.debuggee
	if d == nil || d.exitedSent {
		return
	}
	d.exitedSent = true
	s.failHeldLaunch("the program")
	d.process.Kill() // leave no descendant of the debuggee behind
	s.closeAgent()
	s.closeAgents()
	if !d.attached || d.exitKnown {
		s.sendEvent("exited", godap.ExitedEventBody{ExitCode: code})
	}
	s.sendEvent("terminated", nil)
	if d.onExited != nil {
		d.onExited()
	}
}
