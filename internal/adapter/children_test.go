package adapter

import (
	"encoding/json"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The child process paths of a session, with a scripted program and agents: a later
// agent of the tree is announced with startDebugging, a child session claims it over
// the owner's real loopback listener, and the tree ends with the parent.

// startDebugging is a startDebugging request the client got.
type startDebugging struct {
	Request       string
	Configuration struct {
		Request         string
		Name            string
		SubProcessID    int    `json:"subProcessId"`
		SubProcessToken string `json:"subProcessToken"`
		Connect         struct {
			Host string
			Port int
		}
		JustMyCode *bool `json:"justMyCode"`
		Program    *string
	}
	raw json.RawMessage
}

// editorScripted is a scripted session whose client takes startDebugging.
func editorScripted(t *testing.T, change func(*deadlines)) *scripted {
	s := startScripted(t, change)
	s.initArgs = map[string]any{"adapterID": "test", "supportsStartDebuggingRequest": true}
	return s
}

// childAgent has an agent in process pid, a child of the program, say hello, and
// returns it and the startDebugging request the client got (answered).
func (s *scripted) childAgent(l *fakeListener, pid int) (*peer, startDebugging) {
	s.t.Helper()
	agent := l.connectFrom(s.t, pid, []int{s.processes[0].pid})
	s.agents = append(s.agents, agent)
	m := s.client.expect("startDebugging")
	var req startDebugging
	if err := json.Unmarshal(m.Arguments, &req); err != nil {
		s.t.Fatal(err)
	}
	req.raw = m.Arguments
	s.client.respond(m, "")
	return agent, req
}

// claim connects a child session as an editor does and attaches with the
// configuration; the child's agent is handed initialize and attach.
func (s *scripted) claim(req startDebugging, agent *peer) *peer {
	s.t.Helper()
	c, err := net.Dial("tcp", net.JoinHostPort(req.Configuration.Connect.Host, strconv.Itoa(req.Configuration.Connect.Port)))
	if err != nil {
		s.t.Fatal(err)
	}
	client := newPeer(s.t, "child client", c)
	s.t.Cleanup(func() { c.Close() })
	client.request("initialize", map[string]any{"adapterID": "test"})
	client.expect("initialize")
	var cfg map[string]any
	_ = json.Unmarshal(req.raw, &struct{ Configuration *map[string]any }{&cfg})
	client.request("attach", cfg)
	if m := client.expect("process"); !strings.Contains(string(m.Body), `"startMethod":"attachForSuspendedLaunch"`) ||
		!strings.Contains(string(m.Body), fmt.Sprintf(`"systemProcessId":%d`, req.Configuration.SubProcessID)) {
		s.t.Fatalf("the child's process event: %s", m.Body)
	}
	agent.respond(agent.expect("initialize"), "")
	if m := agent.expect("attach"); !strings.Contains(string(m.Arguments), `"redirectOutput":false`) {
		s.t.Fatalf("a child that writes where its parent does gets attach %s", m.Arguments)
	}
	client.expect("initialized")
	return client
}

// configuredLaunch is a launched program whose client has configured, and the
// listener its agents connect to.
func (s *scripted) configuredLaunch(extra map[string]any) (*fakeProcess, *peer, *fakeListener) {
	s.t.Helper()
	launchSeq, p, l := s.launch(extra)
	program := s.connect(p, l)
	done := s.client.request("configurationDone", nil)
	program.respond(program.expect("configurationDone"), "")
	s.expectResponses(done, launchSeq)
	return p, program, l
}

// family is a configured launch whose program has a child waiting, announced.
type family struct {
	*scripted
	program, child *peer
	req            startDebugging
	listener       *fakeListener
}

func withChild(t *testing.T, change func(*deadlines), extra map[string]any) family {
	s := editorScripted(t, change)
	p, program, l := s.configuredLaunch(extra)
	child, req := s.childAgent(l, p.pid+1)
	return family{s, program, child, req, l}
}

func TestALaterAgentIsAnnouncedWithTheParentsSettings(t *testing.T) {
	req := withChild(t, nil, map[string]any{"justMyCode": false}).req
	cfg := req.Configuration
	if req.Request != "attach" || cfg.Request != "attach" || cfg.SubProcessID != 4243 || cfg.SubProcessToken == "" ||
		cfg.Connect.Host != "127.0.0.1" || cfg.Connect.Port == 0 {
		t.Fatalf("startDebugging %s", req.raw)
	}
	if cfg.JustMyCode == nil || *cfg.JustMyCode || cfg.Program != nil || !strings.HasSuffix(cfg.Name, "(pid 4243)") {
		t.Fatalf("the child's configuration: %s", req.raw)
	}
}

func TestAChildSessionClaimsItsChildAndConfiguresIt(t *testing.T) {
	f := withChild(t, nil, nil)
	agent := f.child
	client := f.claim(f.req, agent)
	seq := client.request("setBreakpoints", map[string]any{"source": map[string]any{"path": "/w.py"}})
	agent.respond(agent.expect("setBreakpoints"), `{"breakpoints":[]}`)
	if m := client.next(); !m.IsResponse() || m.RequestSeq != seq {
		t.Fatalf("got %s", m.Raw)
	}
	done := client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	if m := client.next(); !m.IsResponse() || m.RequestSeq != done {
		t.Fatalf("got %s", m.Raw)
	}
	client.expect("attach")
}

func TestAClaimNeedsTheTokenOfTheConfiguration(t *testing.T) {
	req := withChild(t, nil, nil).req
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", req.Configuration.Connect.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	client := newPeer(t, "child client", c)
	client.request("initialize", map[string]any{"adapterID": "test"})
	client.expect("initialize")
	seq := client.request("attach", map[string]any{"subProcessId": req.Configuration.SubProcessID, "subProcessToken": "forged"})
	client.expectError(seq, errNoDebuggee, "does not come from this adapter's startDebugging")
	none := client.request("attach", map[string]any{})
	client.expectError(none, errSequence, "already debugging")
}

func TestWithoutStartDebuggingAChildRunsOnAndTheClientIsToldOnce(t *testing.T) {
	s := startScripted(t, nil)
	p, _, l := s.configuredLaunch(nil)
	for pid := p.pid + 1; pid <= p.pid+2; pid++ {
		l.connectFrom(t, pid, []int{p.pid}).expectClosed()
	}
	m := s.client.expect("output")
	if !strings.Contains(string(m.Body), "child processes run without the debugger (the first: python, pid 4243)") {
		t.Fatalf("output %s", m.Body)
	}
}

func TestAChildNobodyClaimsRunsOnAfterTheWait(t *testing.T) {
	f := withChild(t, nil, map[string]any{"subProcessTimeout": 0.05})
	f.child.expectClosed()
	if m := f.client.expect("output"); !strings.Contains(string(m.Body), "no child session attached to it within 50ms") {
		t.Fatalf("output %s", m.Body)
	}
}

func TestAChildsExitCodeComesFromItsParentsWait(t *testing.T) {
	f := withChild(t, nil, nil)
	client := f.claim(f.req, f.child)
	f.child.conn.Close()
	f.program.sendRaw(fmt.Sprintf(`{"seq":9,"type":"event","event":"dapper/childExited","body":{"pid":%d,"exitCode":7}}`,
		f.req.Configuration.SubProcessID))
	m := client.skipTo("exited") // after the answer to the attach, held until configurationDone
	if !strings.Contains(string(m.Body), `"exitCode":7`) {
		t.Fatalf("exited %s", m.Body)
	}
	client.expect("terminated")
	seq := f.client.request("threads", nil) // the parent's client is not told: its next message is this answer
	f.program.respond(f.program.expect("threads"), `{"threads":[]}`)
	f.expectResponses(seq)
}

func TestTerminatingTheParentEndsItsChildrenToo(t *testing.T) {
	f := withChild(t, func(d *deadlines) { d.detach, d.exitedOutput = never, fast }, nil)
	agent := f.child
	client := f.claim(f.req, agent)
	waiting, _ := f.childAgent(f.listener, 4300)
	f.client.request("terminate", nil)
	for _, a := range []*peer{agent, waiting} {
		if m := a.expect("disconnect"); !strings.Contains(string(m.Arguments), `"terminateDebuggee":true`) {
			t.Fatalf("disconnect %s", m.Arguments)
		}
	}
	waiting.expectClosed()
	f.program.expect("disconnect")
	agent.conn.Close()
	client.skipTo("terminated")
}

// TestATreeLeavesNoGoroutineBehind: the child listener, the child session and its
// agent's connection end with the parent's session.
func TestATreeLeavesNoGoroutineBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	f := withChild(t, func(d *deadlines) { d.exitedOutput = fast }, nil)
	client := f.claim(f.req, f.child)
	f.child.conn.Close() // the child has ended
	client.skipTo("terminated")
	client.request("disconnect", nil)
	client.skipTo("disconnect")
	client.expectClosed()
	f.processes[0].exit(0)
	f.program.conn.Close()
	f.client.skipTo("terminated")
	f.client.request("disconnect", nil)
	f.client.skipTo("disconnect")
	f.client.expectClosed()
	f.waitServed()
	client.conn.Close()
	f.client.conn.Close()
	expectGoroutinesBackTo(t, before)
}
