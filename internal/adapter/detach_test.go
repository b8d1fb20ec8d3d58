package adapter

import (
	"encoding/json"
	"testing"
)

// The agent ends a launched program whose adapter connection drops, unless the
// adapter let it go: every disconnect the agent gets says which.
func TestTheAgentIsToldWhetherTheProgramRunsOn(t *testing.T) {
	cases := []struct {
		name      string
		request   string
		args      map[string]any
		terminate bool
	}{
		{"disconnect", "disconnect", nil, true},
		{"disconnect, terminateDebuggee false", "disconnect", map[string]any{"terminateDebuggee": false}, false},
		{"terminate", "terminate", nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startScripted(t, nil)
			_, agent := s.configured()
			s.client.request(c.request, c.args)
			detach := agent.expect("disconnect")
			var args struct{ TerminateDebuggee *bool }
			if err := json.Unmarshal(detach.Arguments, &args); err != nil || args.TerminateDebuggee == nil ||
				*args.TerminateDebuggee != c.terminate {
				t.Fatalf("the agent got %s, want terminateDebuggee %v", detach.Raw, c.terminate)
			}
		})
	}
}

// A launch is answered at configurationDone; a session that ends before that (a
// disconnect) or a program that ends before it (terminate) still answers it.
func TestAHeldLaunchIsAnsweredWhenTheSessionEndsFirst(t *testing.T) {
	s := startScripted(t, nil)
	launchSeq, p, l := s.launch(nil)
	agent := s.connect(p, l)
	disconnect := s.client.request("disconnect", nil)
	agent.respond(agent.expect("disconnect"), "")
	p.expectSignal(t, "terminate")
	p.reportExit(-2)
	agent.conn.Close()
	s.client.expectError(launchSeq, errNoDebuggee, "launch: the program ended before configurationDone")
	s.expectExit(-2)
	s.expectResponses(disconnect)
}

func TestAHeldLaunchIsAnsweredWhenTheSessionIsLeftFirst(t *testing.T) {
	s := startScripted(t, nil)
	launchSeq, p, l := s.launch(nil)
	agent := s.connect(p, l)
	disconnect := s.client.request("disconnect", map[string]any{"terminateDebuggee": false})
	agent.respond(agent.expect("disconnect"), "")
	s.client.expectError(launchSeq, errNoDebuggee, "launch: the session ended before configurationDone")
	s.expectResponses(disconnect)
}

// A second disconnect while the first is still ending the program is answered too,
// when the program has ended.
func TestEveryDisconnectIsAnsweredWhileTheProgramEnds(t *testing.T) {
	s := startScripted(t, func(d *deadlines) { d.detach = never })
	p, agent := s.configured()
	first := s.client.request("disconnect", nil)
	detach := agent.expect("disconnect")
	second := s.client.request("disconnect", map[string]any{"terminateDebuggee": false})
	agent.respond(detach, "")
	s.obeyTerminate(p, agent, -2)
	s.expectResponses(first, second)
	s.client.expectClosed()
}
