package adapter

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
)

// A terminal console: the client runs `dapper launcher` in a terminal (runInTerminal),
// the launcher connects to the agent listener (same token, its own role), starts the
// program and reports its pid and exit status (see internal/launch/terminal.go). The
// program's agent may say hello before the launcher has reported the pid: it waits.

// terminalLaunch is the state of a launch whose program runs in the client's terminal.
type terminalLaunch struct {
	launcher *dap.Conn   // nil until the launcher connects
	early    []agentConn // agents that said hello before the pid was known
	started  bool        // the launcher reported the program's pid
}

// reverseRequest sends a request to the client; done handles its response.
func (s *Session) reverseRequest(command string, args any, done func(dap.Message)) {
	seq := s.nextSeq()
	b, err := dap.NewRequest(seq, command, args)
	if err != nil {
		return
	}
	s.reverse[seq] = done
	s.client.Send(b)
}

func (s *Session) onReverseResponse(m dap.Message) {
	if done, ok := s.reverse[m.RequestSeq]; ok {
		delete(s.reverse, m.RequestSeq)
		done(m)
	}
}

// runInTerminal asks the client to run the program in a terminal, through the
// launcher. The launch fails if the client refuses, or if the program has not
// started within deadlines.terminalStart (not waited for with sudo, which may be
// asking for a password).
func (s *Session) runInTerminal(agent launch.Agent) {
	via := s.agents.Agent()
	req := launch.BuildTerminalRequest(s.config, agent,
		launch.Launcher{Binary: selfBinary(), Address: via.Address, Token: via.Token}, nil)
	s.log.Info("runInTerminal", "kind", req.Kind, "cwd", req.Cwd, "args", req.Args)
	s.terminal = &terminalLaunch{}
	s.reverseRequest("runInTerminal", req, func(resp dap.Message) {
		if !resp.Success {
			s.abandonTerminal(fmt.Sprintf("launch: the client could not run the program in a terminal: %s",
				dap.ResponseError(resp)))
		}
	})
	if s.config.Sudo {
		return
	}
	limit := s.deadlines.terminalStart
	s.after(limit, func() {
		if t := s.terminal; t != nil && !t.started {
			s.abandonTerminal(fmt.Sprintf("launch: the program did not start in the terminal within %s", limit))
		}
	})
}

// abandonTerminal fails a terminal launch whose program has not started.
func (s *Session) abandonTerminal(reason string) {
	t := s.terminal
	if t == nil || t.started {
		return
	}
	s.log.Info("terminal launch abandoned", "reason", reason)
	s.failLaunch(errSpawn, reason)
	s.terminal = nil
	for _, a := range t.early {
		a.stream.Close()
	}
	s.closeAgents()
	if t.launcher != nil {
		conn := t.launcher
		s.handOff(func() { conn.Close(s.deadlines.agentDrain) })
	}
}

// onLauncherHello takes the terminal's launcher connection.
func (s *Session) onLauncherHello(a agentConn) {
	t := s.terminal
	if s.stopped || t == nil || t.launcher != nil {
		a.stream.Close()
		return
	}
	t.launcher = dap.NewConn(a.stream, a.stream, a.stream)
	conn := t.launcher
	tapConn(conn, s.log, "launcher")
	s.log.Info("terminal launcher connected", "pid", a.pid)
	conn.Start(
		func(body []byte) { s.post(func() { s.onLauncherFrame(conn, body) }) },
		func(error) { s.post(func() { s.onLauncherClosed(conn) }) },
	)
}

func (s *Session) onLauncherFrame(conn *dap.Conn, body []byte) {
	t := s.terminal
	m, err := dap.Decode(body)
	if err != nil || !m.IsEvent() || t == nil || t.launcher != conn {
		return
	}
	var report struct {
		Pid      int    `json:"pid"`
		ExitCode int    `json:"exitCode"`
		Message  string `json:"message"`
	}
	_ = json.Unmarshal(m.Body, &report)
	switch m.Event {
	case launch.EventProcessStarted:
		s.onTerminalStarted(t, report.Pid)
	case launch.EventProcessFailed:
		s.abandonTerminal("launch: in the terminal: " + strings.TrimPrefix(report.Message, "launch: "))
	case launch.EventProcessExited:
		if d := s.debuggee; d != nil && !d.processExited {
			s.onProcessExit(report.ExitCode)
		}
	}
}

// onTerminalStarted: the program runs in the terminal, as process pid.
func (s *Session) onTerminalStarted(t *terminalLaunch, pid int) {
	if t.started {
		return
	}
	t.started = true
	s.log.Info("program started in the terminal", "pid", pid)
	s.debuggee = newDebuggee(&terminalProcess{pid: pid, conn: t.launcher})
	s.sendProcessEvent(pid)
	if s.config.NoDebug {
		if s.launchReq != nil {
			s.respond(*s.launchReq, nil)
			s.launchReq = nil
		}
		return
	}
	s.awaitAgent()
	early := t.early
	t.early = nil
	for _, a := range early {
		s.onAgentHello(a)
	}
}

// onLauncherClosed: the launcher's connection ended. A launcher that goes before the
// program's exit was reported (killed, its terminal closed) leaves the exit unknown.
func (s *Session) onLauncherClosed(conn *dap.Conn) {
	t := s.terminal
	if t == nil || t.launcher != conn {
		return
	}
	if !t.started {
		s.abandonTerminal("launch: the terminal's launcher ended before the program started")
		return
	}
	if d := s.debuggee; d != nil && !d.processExited {
		s.onProcessExit(exitCodeUnknown)
	}
}

// exitCodeUnknown is reported when the terminal's launcher went away without telling.
const exitCodeUnknown = -1

// closeLauncher closes the launcher's connection (once), after draining what is
// queued. The launcher itself runs on until its program has exited (and, if asked,
// a key was pressed).
func (s *Session) closeLauncher() {
	if t := s.terminal; t != nil && t.launcher != nil {
		conn := t.launcher
		t.launcher = nil
		s.handOff(func() { conn.Close(s.deadlines.agentDrain) })
	}
}

// terminalProcess is a program run by the terminal's launcher: it is signalled
// through the launcher, which is its parent.
type terminalProcess struct {
	pid  int
	conn *dap.Conn
	seq  atomic.Int64
	ends atomic.Bool // Terminate was asked for: it runs once, as launch.Process's does
}

func (p *terminalProcess) Pid() int { return p.pid }

func (p *terminalProcess) Terminate(grace time.Duration, interrupt bool) {
	if p.ends.Swap(true) {
		return
	}
	p.request(launch.RequestLauncherEnd, map[string]any{"graceMs": grace.Milliseconds(), "interrupt": interrupt})
}

func (p *terminalProcess) Kill() { p.request(launch.RequestLauncherKill, nil) }

// Done is closed once the launcher's connection has ended (the session closes it).
func (p *terminalProcess) Done() <-chan struct{} { return p.conn.Done() }

func (p *terminalProcess) request(command string, args any) {
	if b, err := dap.NewRequest(int(p.seq.Add(1)), command, args); err == nil {
		p.conn.Send(b)
	}
}
