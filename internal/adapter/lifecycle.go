package adapter

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
	godap "github.com/google/go-dap"
)

// deadlines bound every wait of a session; unit tests shorten them.
type deadlines struct {
	agentConnect   time.Duration // from spawning the program to the agent's hello
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

func (s *Session) onAttach(m dap.Message) {
	s.respondError(m, errUnsupported, "attach: not supported yet; use launch")
}

func (s *Session) onLaunch(m dap.Message) {
	if s.launchReq != nil || s.debuggee != nil {
		s.respondError(m, errSequence, "launch: this session has already launched a program")
		return
	}
	cfg, err := launch.ParseConfig(m.Arguments)
	if err != nil {
		var ce *launch.ConfigError
		if errors.As(err, &ce) {
			s.respondError(m, ce.ID, ce.Text)
		} else {
			s.respondError(m, errUnsupported, err.Error())
		}
		return
	}
	s.config, s.launchArgs, s.launchReq = cfg, m.Arguments, &m
	if cfg.NoDebug {
		s.sendEvent("initialized", nil) // the program starts at configurationDone
		return
	}
	if s.agents, err = s.launcher.Listen(); err != nil {
		s.failLaunch(errSpawn, err.Error())
		return
	}
	s.acceptAgents(s.agents)
	if err := s.spawn(launch.BuildCommand(cfg, s.agents.Agent())); err != nil {
		s.failLaunch(errSpawn, err.Error())
		return
	}
	limit := s.deadlines.agentConnect
	s.after(limit, func() {
		if d := s.debuggee; d != nil && d.agent == nil && !d.processExited && s.launchReq != nil {
			s.failLaunch(errAgent, fmt.Sprintf("launch: the debugger agent did not connect within %s", limit))
			d.process.Kill()
		}
	})
}

// failLaunch answers the held launch request with an error.
func (s *Session) failLaunch(id int, text string) {
	if s.launchReq != nil {
		s.respondError(*s.launchReq, id, text)
		s.launchReq = nil
	}
}

func (s *Session) spawn(cmd launch.Command) error {
	p, err := s.launcher.Start(cmd, launch.Handlers{
		OnOutput: func(category, text string) {
			s.post(func() { s.sendEvent("output", godap.OutputEventBody{Category: category, Output: text}) })
		},
		OnExit: func(code int) { s.post(func() { s.onProcessExit(code) }) },
	})
	if err != nil {
		return err
	}
	s.debuggee = newDebuggee(p)
	s.sendEvent("process", godap.ProcessEventBody{
		Name: s.processName(), SystemProcessId: p.Pid(), IsLocalProcess: true, StartMethod: "launch",
	})
	return nil
}

func (s *Session) processName() string {
	switch {
	case s.config.Program != "":
		return s.config.Program
	case s.config.Module != "":
		return s.config.Module
	default:
		return "-c"
	}
}

// onAgentReady runs when the launched process's agent has connected: it is handed
// the client's initialize and launch arguments, then the client may configure.
func (s *Session) onAgentReady() {
	d := s.debuggee
	d.requestInternal("initialize", s.clientArgs, nil)
	d.requestInternal("launch", s.launchArgs, nil)
	s.sendEvent("initialized", nil)
}

func (s *Session) onConfigurationDone(m dap.Message) {
	if s.launchReq == nil || s.configDone {
		s.respondError(m, errSequence, "configurationDone: no launch is waiting for configuration")
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
	terminate := args.TerminateDebuggee == nil || *args.TerminateDebuggee
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
// the agent's answer (its threads have left their suspension), bounded by
// deadlines.detach in case the agent is stuck or gone.
func (s *Session) endDebuggee(d *debuggee) {
	terminate := func() { d.process.Terminate(s.deadlines.terminateGrace) } // Terminate runs once
	d.detachAgent(terminate)
	s.after(s.deadlines.detach, terminate)
}

// shutdown ends the session: the debuggee ends too when terminate is set, and reply
// (a disconnect request, if any) is answered once it has.
func (s *Session) shutdown(terminate bool, reply *dap.Message) {
	finish := func() {
		if reply != nil {
			s.respond(*reply, nil)
		}
		s.end()
	}
	d := s.debuggee
	if d == nil || d.exitedSent {
		finish()
		return
	}
	if !terminate {
		d.detachAgent(nil)
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
	d := s.debuggee
	d.processExited, d.exitCode = true, code
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
	d.process.Kill() // leave no descendant of the debuggee behind
	s.closeAgent()
	s.closeAgents()
	s.sendEvent("exited", godap.ExitedEventBody{ExitCode: code})
	s.sendEvent("terminated", nil)
	if d.onExited != nil {
		d.onExited()
	}
}
