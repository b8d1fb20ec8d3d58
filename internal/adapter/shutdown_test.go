package adapter

import "testing"

func TestTerminateDetachesTheAgentBeforeSignalling(t *testing.T) {
	s := startScripted(t, func(d *deadlines) { d.detach = never })
	p, agent := s.configured()
	seq := s.client.request("terminate", nil)
	s.expectResponses(seq)
	detach := agent.expect("disconnect")
	p.expectNoSignal(t) // the agent has not answered, and the deadline is far
	agent.respond(detach, "")
	s.obeyTerminate(p, agent, -2)
}

func TestTerminateSignalsAtTheDeadlineWhenTheAgentDoesNotAnswer(t *testing.T) {
	s := startScripted(t, func(d *deadlines) { d.detach = fast })
	p, agent := s.configured()
	seq := s.client.request("terminate", nil)
	s.expectResponses(seq)
	agent.expect("disconnect")
	s.obeyTerminate(p, agent, 1)
}

func TestDisconnectEndsTheProgramThenAnswers(t *testing.T) {
	cases := []struct {
		name string
		args map[string]any
	}{
		{"by default", nil},
		{"with terminateDebuggee", map[string]any{"terminateDebuggee": true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startScripted(t, func(d *deadlines) { d.detach = never })
			p, agent := s.configured()
			seq := s.client.request("disconnect", c.args)
			agent.respond(agent.expect("disconnect"), "")
			s.obeyTerminate(p, agent, -2)
			s.expectResponses(seq)
			s.client.expectClosed()
			p.release()
			s.waitServed()
		})
	}
}

func TestDisconnectWithoutTerminateLeavesTheProgramRunning(t *testing.T) {
	s := startScripted(t, nil)
	p, agent := s.configured()
	seq := s.client.request("disconnect", map[string]any{"terminateDebuggee": false})
	agent.expect("disconnect")
	s.expectResponses(seq)
	s.client.expectClosed()
	s.waitServed()
	agent.expectClosed()
	p.expectNoSignal(t)
}

func TestDisconnectKillsAProgramThatOutlivesTheShutdownDeadline(t *testing.T) {
	s := startScripted(t, func(d *deadlines) {
		d.detach, d.shutdown = fast, 2*fast
	})
	p, agent := s.configured()
	seq := s.client.request("disconnect", nil)
	agent.expect("disconnect") // and no answer
	p.expectSignal(t, "terminate")
	p.expectSignal(t, "kill") // it ignored the signals
	s.expectExit(exitCodeKilled)
	s.expectResponses(seq)
	p.exit(-9)
	s.client.expectClosed()
	s.waitServed()
}

func TestAProgramThatExitedBeforeTheShutdownDeadlineReportsItsOwnCode(t *testing.T) {
	s := startScripted(t, func(d *deadlines) {
		d.detach, d.shutdown, d.exitedOutput = never, 2*fast, never
	})
	p, agent := s.configured()
	p.exit(7) // while its agent's connection stays open: exited waits for it
	seq := s.client.request("disconnect", nil)
	agent.respond(agent.expect("disconnect"), "")
	p.expectSignal(t, "terminate")
	p.expectSignal(t, "kill")
	s.expectExit(7)
	s.expectResponses(seq)
	s.client.expectClosed()
	s.waitServed()
}
