package adapter

import (
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/launch"
)

// connectLauncher makes a terminal's launcher say hello, and returns its end.
func (l *fakeListener) connectLauncher(t *testing.T) *peer {
	t.Helper()
	ours, theirs := net.Pipe()
	if !l.offer(agentConn{pid: 99, role: launch.LauncherRole, stream: theirs}) {
		t.Fatal("the session no longer accepts connections")
	}
	return newPeer(t, "launcher", ours)
}

// event sends an event from p.
func (p *peer) event(name string, body any) {
	p.t.Helper()
	p.seq++
	b, err := dap.NewEvent(p.seq, name, body)
	if err != nil {
		p.t.Fatal(err)
	}
	p.sendRaw(string(b))
}

// launchInTerminal initializes as a client that runs terminals and launches a
// program in one; it returns the launch's seq, the runInTerminal request and the
// listener the launcher and the agent connect to.
func (s *scripted) launchInTerminal(extra map[string]any) (int, dap.Message, *fakeListener) {
	s.t.Helper()
	s.client.request("initialize", map[string]any{"adapterID": "test", "supportsRunInTerminalRequest": true})
	s.client.expect("initialize")
	args := map[string]any{"code": "pass", "python": "/bin/sh", "console": "integratedTerminal"}
	for k, v := range extra {
		args[k] = v
	}
	seq := s.client.request("launch", args)
	var l *fakeListener
	select {
	case l = <-s.launcher.listeners:
	case <-time.After(waitLimit):
		s.t.Fatal("launch did not listen")
	}
	for {
		if m := s.client.next(); m.IsRequest() && m.Command == "runInTerminal" {
			return seq, m, l
		}
	}
}

func TestATerminalLaunchRunsTheLauncherAndWaitsForItsPid(t *testing.T) {
	s := startScripted(t, nil)
	launchSeq, req, l := s.launchInTerminal(map[string]any{"consoleTitle": "Mine"})
	var args launch.TerminalRequest
	if err := json.Unmarshal(req.Arguments, &args); err != nil || args.Kind != "integrated" || args.Title != "Mine" ||
		args.Args[1] != "launcher" || args.Env["DAPPER_LAUNCHER_TOKEN"] == nil {
		t.Fatalf("runInTerminal: %s", req.Raw)
	}
	s.client.respond(req, `{"processId":99}`)
	// The agent says hello before the launcher has reported its program's pid.
	agent := l.connect(t, 4242)
	s.agents = append(s.agents, agent)
	launcher := l.connectLauncher(t)
	launcher.event(launch.EventProcessStarted, map[string]any{"pid": 4242})
	var process struct{ SystemProcessId, PointerSize int }
	if m := s.client.expect("process"); json.Unmarshal(m.Body, &process) != nil || process.SystemProcessId != 4242 ||
		process.PointerSize == 0 {
		t.Fatalf("process: %s", m.Raw)
	}
	agent.respond(agent.expect("initialize"), "")
	launched := agent.expect("launch")
	if !strings.Contains(string(launched.Arguments), `"redirectOutput":false`) {
		t.Errorf("the agent would capture a terminal's output: %s", launched.Arguments)
	}
	agent.respond(launched, "")
	s.client.expect("initialized")
	done := s.client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	s.expectResponses(done, launchSeq)

	// Stopped at a breakpoint: terminate releases the threads into an exception, and
	// the launcher is asked to end the program without interrupting it again.
	seq := s.client.request("terminate", nil)
	s.expectResponses(seq)
	agent.respond(agent.expect("disconnect"), `{"dapper/raised":true}`)
	end := launcher.expect(launch.RequestLauncherEnd)
	if !strings.Contains(string(end.Arguments), `"interrupt":false`) {
		t.Errorf("terminate: %s", end.Arguments)
	}
	launcher.event(launch.EventProcessExited, map[string]any{"exitCode": 130})
	agent.conn.Close()
	s.expectExit(130)
}

func TestATerminalLaunchFails(t *testing.T) {
	cases := []struct {
		name   string
		change func(*deadlines)
		act    func(s *scripted, req dap.Message, l *fakeListener)
		want   string
	}{
		{"when the client refuses runInTerminal", nil, func(s *scripted, req dap.Message, _ *fakeListener) {
			seq := s.client.seq + 1
			s.client.seq = seq
			b, _ := dap.NewErrorResponse(seq, req.Seq, req.Command, 1, "no terminals here")
			s.client.sendRaw(string(b))
		}, "could not run the program in a terminal: no terminals here"},
		{"when the launcher never comes", func(d *deadlines) { d.terminalStart = fast },
			func(*scripted, dap.Message, *fakeListener) {}, "did not start in the terminal within 50ms"},
		{"when the program cannot start", nil, func(s *scripted, req dap.Message, l *fakeListener) {
			s.client.respond(req, "")
			l.connectLauncher(s.t).event(launch.EventProcessFailed, map[string]any{"message": `launch: starting "/bin/nope"`})
		}, `launch: in the terminal: starting "/bin/nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startScripted(t, c.change)
			launchSeq, req, l := s.launchInTerminal(nil)
			c.act(s, req, l)
			s.client.expectError(launchSeq, errSpawn, c.want)
		})
	}
}

func TestAClientWithoutTerminalsIsToldTheConsoleFallsBack(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	s.client.request("launch", map[string]any{"code": "pass", "python": "/bin/sh", "console": "integratedTerminal",
		"noSuchThing": 1, "alsoUnknown": true})
	var texts []string
	for range 2 {
		m := s.client.expect("output")
		var body struct{ Category, Output string }
		_ = json.Unmarshal(m.Body, &body)
		if body.Category != "console" {
			t.Errorf("output: %s", m.Raw)
		}
		texts = append(texts, body.Output)
	}
	all := strings.Join(texts, "")
	if !strings.Contains(all, `does not know: "alsoUnknown", "noSuchThing"`) || !strings.Contains(all, `runs as "internalConsole"`) {
		t.Errorf("output: %q", all)
	}
	<-s.launcher.listeners
	s.processes = append(s.processes, <-s.launcher.processes)
}
