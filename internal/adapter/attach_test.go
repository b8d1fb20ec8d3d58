package adapter

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/inject"
)

// attachByPid sends attach {"processId": pid} and returns the request's seq and the
// listener the agent is told to connect to (in the injected code).
func (s *scripted) attachByPid(pid int) (int, *fakeListener) {
	s.t.Helper()
	s.initialize()
	seq := s.client.request("attach", map[string]any{"processId": pid, "justMyCode": false})
	l := <-s.launcher.listeners
	select {
	case in := <-s.launcher.injections:
		if in.pid != pid || !strings.Contains(in.code, "dapper_agent.attach(") {
			s.t.Fatalf("injected into %d: %s", in.pid, in.code)
		}
	case <-time.After(waitLimit):
		s.t.Fatal("nothing was injected")
	}
	return seq, l
}

// adopt has the agent of pid connect; the session hands it initialize and the attach
// request, whose arguments must hold args.
func (s *scripted) adopt(l *fakeListener, pid int, args string) *peer {
	s.t.Helper()
	agent := l.connect(s.t, pid)
	s.agents = append(s.agents, agent)
	if m := s.client.expect("process"); !strings.Contains(string(m.Body), `"startMethod":"attach"`) ||
		!strings.Contains(string(m.Body), fmt.Sprintf(`"systemProcessId":%d`, pid)) {
		s.t.Fatalf("process: %s", m.Raw)
	}
	agent.respond(agent.expect("initialize"), "")
	if m := agent.expect("attach"); !strings.Contains(string(m.Arguments), args) {
		s.t.Fatalf("the agent got attach %s", m.Arguments)
	}
	s.client.expect("initialized")
	return agent
}

// attached is a process attached by pid whose client has configured.
func (s *scripted) attached(pid int) *peer {
	s.t.Helper()
	seq, l := s.attachByPid(pid)
	agent := s.adopt(l, pid, `"justMyCode":false`)
	done := s.client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	s.expectResponses(done, seq)
	return agent
}

func TestAttachByPidAdoptsTheAgentOfThatProcessOnly(t *testing.T) {
	s := startScripted(t, nil)
	seq, l := s.attachByPid(777)
	stranger := l.connect(t, 778) // another process with the agent: not ours
	stranger.expectClosed()
	agent := s.adopt(l, 777, `"processId":777`)
	done := s.client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	s.expectResponses(done, seq)
}

func TestAttachByPidExplainsARefusedInjection(t *testing.T) {
	s := startScripted(t, nil)
	s.launcher.injectErr = &inject.Error{Pid: 777, Step: "attach", Kind: inject.ErrPermission, Detail: "ptrace_scope is 1"}
	seq, _ := s.attachByPid(777)
	s.client.expectError(seq, errAttach, "inject: pid 777: attach: not permitted: ptrace_scope is 1. Attaching needs the right to trace")
}

func TestAttachByPidTimesOutWhenTheCodeNeverRuns(t *testing.T) {
	s := startScripted(t, func(d *deadlines) { d.injected = fast })
	seq, l := s.attachByPid(777)
	s.client.expectError(seq, errAttachTimeout, "did not run the agent's code within 50ms. Its main thread")
	select {
	case <-l.closed: // an agent that comes late is turned away
	case <-time.After(waitLimit):
		t.Fatal("the session still waits for the agent")
	}
}

func TestDisconnectFromAnAttachedProcessLeavesItRunning(t *testing.T) {
	s := startScripted(t, nil)
	agent := s.attached(777)
	seq := s.client.request("disconnect", nil)
	agent.expect("disconnect") // it ends the client's session in the agent; nothing waits for its answer
	s.expectResponses(seq)
	agent.expectClosed() // no dapper/terminate: the program runs on
	s.waitServed()
}

func TestDisconnectWithTerminateAsksTheAgentToEndItsProcess(t *testing.T) {
	s := startScripted(t, nil)
	agent := s.attached(777)
	seq := s.client.request("disconnect", map[string]any{"terminateDebuggee": true})
	agent.respond(agent.expect("disconnect"), "")
	if m := agent.expect("dapper/terminate"); !strings.Contains(string(m.Arguments), `"grace"`) {
		t.Fatalf("dapper/terminate %s", m.Arguments)
	}
	agent.conn.Close() // the process has gone, and the agent with it
	s.client.expect("terminated")
	s.expectResponses(seq)
}

func TestAnAttachedProgramsExitCodeComesFromItsHost(t *testing.T) {
	s := startScripted(t, nil)
	agent := s.attached(777)
	agent.sendRaw(`{"seq":1,"type":"event","event":"dapper/exited","body":{"exitCode":3}}`)
	agent.conn.Close()
	s.expectExit(3)
}

func TestAnAttachedProgramWhoseEndIsUnknownIsOnlyTerminated(t *testing.T) {
	s := startScripted(t, nil)
	agent := s.attached(777)
	agent.conn.Close()
	if m := s.client.next(); m.Event != "terminated" {
		t.Fatalf("got %s, want terminated (no exit code is known)", m.Raw)
	}
}

func TestAClientThatGoesAwayLeavesAnAttachedProgramRunning(t *testing.T) {
	s := startScripted(t, nil)
	agent := s.attached(777)
	s.client.conn.Close()
	agent.expect("disconnect")
	agent.expectClosed()
	s.waitServed()
}

func TestAttachListenWaitsAtTheAddressAndWarnsWhenOthersCanReachIt(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	seq := s.client.request("attach", map[string]any{"listen": map[string]any{"host": "0.0.0.0", "port": 5678}})
	l := <-s.launcher.listeners
	if l.address != "0.0.0.0:5678" {
		t.Fatalf("listening on %s", l.address)
	}
	if m := s.client.expect("output"); !strings.Contains(string(m.Body), "anyone who can reach this port can run code") {
		t.Fatalf("output %s", m.Body)
	}
	if m := s.client.expect("output"); !strings.Contains(string(m.Body), "waiting for a program to connect to 0.0.0.0:5678") {
		t.Fatalf("output %s", m.Body)
	}
	agent := s.adopt(l, 4000, `"listen"`)
	done := s.client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	s.expectResponses(done, seq)
}

func TestAttachConnectRelaysEverythingToTheFarSide(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	seq := s.client.request("attach", map[string]any{"connect": map[string]any{"port": 5678}})
	far := newPeer(t, "far side", <-s.launcher.dials)
	far.respond(far.expect("initialize"), "")
	attach := far.expect("attach")
	far.sendRaw(`{"seq":1,"type":"event","event":"initialized"}`)
	s.client.expect("initialized")
	threads := s.client.request("threads", nil)
	far.respond(far.expect("threads"), `{"threads":[]}`)
	if m := s.client.next(); !m.IsResponse() || m.RequestSeq != threads {
		t.Fatalf("got %s, want the threads response", m.Raw)
	}
	far.sendRaw(`{"seq":7,"type":"request","command":"runInTerminal","arguments":{}}`)
	reverse := s.client.expect("runInTerminal")
	s.client.respond(reverse, "")
	if m := far.next(); !m.IsResponse() || m.RequestSeq != 7 {
		t.Fatalf("the far side got %s, want the answer to its request 7", m.Raw)
	}
	far.respond(attach, "")
	s.expectResponses(seq)
	bye := s.client.request("disconnect", nil)
	far.respond(far.expect("disconnect"), "")
	s.expectResponses(bye)
	s.waitServed()
}

func TestAttachConnectSaysWhenNothingListens(t *testing.T) {
	s := startScripted(t, nil)
	s.launcher.dialErr = errors.New("connection refused")
	s.initialize()
	seq := s.client.request("attach", map[string]any{"host": "localhost", "port": "5678"})
	s.client.expectError(seq, errAttach, "attach: cannot connect to localhost:5678: connection refused (is `dapper run --listen localhost:5678` running there?)")
}

func TestAttachNeedsToKnowWhere(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	args, _ := json.Marshal(map[string]any{"processId": 1, "listen": map[string]any{"port": 1}})
	seq := s.client.request("attach", json.RawMessage(args))
	s.client.expectError(seq, 2001, `give exactly one of "connect"`)
}
