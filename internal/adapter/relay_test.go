package adapter

import (
	"fmt"
	"strings"
	"testing"
)

func TestRelayRewritesOnlyTheSeqs(t *testing.T) {
	s := startScripted(t, nil)
	_, agent := s.configured()

	// The agent has had initialize, launch and configurationDone: this is its 4th.
	request := `{"seq":10, "type":"request","command":"evaluate",` + "\n" +
		`"arguments":{"expression":"a < b \u003c 'é' & \"q\"","frameId":7,"zeta":1,"alpha":[]}}`
	s.client.sendRaw(request)
	got := agent.expect("evaluate")
	if want := strings.Replace(request, `"seq":10`, `"seq":4`, 1); string(got.Raw) != want {
		t.Fatalf("the agent got\n%s\nwant\n%s", got.Raw, want)
	}

	response := `{"type":"response", "seq":99,"request_seq":4,"success":true,"command":"evaluate",` +
		`"body":{"result":"<b> \u003c\u003e & é 😀","variablesReference":0,"seq":1}}`
	agent.sendRaw(response)
	relayed := s.client.next()
	want := strings.Replace(response, `"seq":99`, fmt.Sprintf(`"seq":%d`, relayed.Seq), 1)
	want = strings.Replace(want, `"request_seq":4`, `"request_seq":10`, 1)
	if string(relayed.Raw) != want {
		t.Fatalf("the client got\n%s\nwant\n%s", relayed.Raw, want)
	}
}

func TestAgentEventsAreRelayedWithTheClientsSeq(t *testing.T) {
	s := startScripted(t, nil)
	_, agent := s.configured()
	events := []string{
		`{"seq":50,"type":"event","event":"stopped","body":{"reason":"breakpoint","threadId":1,"allThreadsStopped":true}}`,
		`{"seq":51,"type":"event","event":"output","body":{"category":"console","output":"<\u003e>\n"}}`,
		`{"seq":52,"type":"event","event":"dapper/custom"}`,
	}
	last := 0
	for i, e := range events {
		agent.sendRaw(e)
		m := s.client.next()
		if m.Seq <= last {
			t.Errorf("event %d has seq %d after %d", i, m.Seq, last)
		}
		last = m.Seq
		if want := strings.Replace(e, fmt.Sprintf(`"seq":%d`, 50+i), fmt.Sprintf(`"seq":%d`, m.Seq), 1); string(m.Raw) != want {
			t.Errorf("the client got %s, want %s", m.Raw, want)
		}
	}
}

func TestPendingRequestsFailWhenTheAgentGoesAway(t *testing.T) {
	s := startScripted(t, nil)
	_, agent := s.configured()
	first := s.client.request("stackTrace", map[string]any{"threadId": 1})
	second := s.client.request("scopes", map[string]any{"frameId": 1})
	agent.expect("stackTrace")
	agent.expect("scopes")
	agent.conn.Close()

	// Both fail, in no particular order (they are kept in a map).
	failed := map[int]bool{}
	for range 2 {
		m := s.client.next()
		var command string
		switch m.RequestSeq {
		case first:
			command = "stackTrace"
		case second:
			command = "scopes"
		}
		if m.Success || command == "" || m.ErrMessage != command+": the debuggee has gone" {
			t.Fatalf("got %s", m.Raw)
		}
		failed[m.RequestSeq] = true
	}
	if len(failed) != 2 {
		t.Fatalf("failed = %v", failed)
	}
	late := s.client.request("threads", nil)
	s.client.expectError(late, errNoDebuggee, "threads: no program is being debugged")
}

func TestAResponseToNoPendingRequestIsDropped(t *testing.T) {
	s := startScripted(t, nil)
	_, agent := s.configured()
	agent.sendRaw(`{"seq":60,"type":"response","request_seq":777,"success":true,"command":"threads"}`)
	agent.sendRaw(`{"seq":61,"type":"response","request_seq":3,"success":true,"command":"configurationDone"}`)
	agent.sendRaw(`{"seq":62,"type":"event","event":"marker"}`)
	// Messages from one agent keep their order: had either response been relayed, it
	// would come before the marker.
	s.client.expect("marker")
}

func TestAnAgentFromAnotherProcessIsRefused(t *testing.T) {
	s := startScripted(t, nil)
	_, p, l := s.launch(nil)
	child := l.connect(t, p.pid+1)
	child.expectClosed()
	agent := s.connect(p, l)
	if agent == nil {
		t.Fatal("the launched program's agent was not taken")
	}
}
