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
