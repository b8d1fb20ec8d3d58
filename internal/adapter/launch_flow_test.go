package adapter

import (
	"strconv"
	"testing"
)

func TestLaunchIsAnsweredAtConfigurationDone(t *testing.T) {
	s := startScripted(t, nil)
	launchSeq, p, l := s.launch(nil)
	agent := s.connect(p, l)

	// Configuring is relayed while launch waits.
	bp := s.client.request("setBreakpoints", map[string]any{"source": map[string]any{"path": "/x.py"}})
	agent.respond(agent.expect("setBreakpoints"), `{"breakpoints":[]}`)
	s.expectResponses(bp)

	done := s.client.request("configurationDone", nil)
	agent.respond(agent.expect("configurationDone"), "")
	s.expectResponses(done, launchSeq)
}

func TestAFailedConfigurationDoneStillAnswersLaunch(t *testing.T) {
	s := startScripted(t, nil)
	launchSeq, p, l := s.launch(nil)
	agent := s.connect(p, l)
	done := s.client.request("configurationDone", nil)
	req := agent.expect("configurationDone")
	agent.sendRaw(`{"seq":9,"type":"response","request_seq":` + strconv.Itoa(req.Seq) +
		`,"success":false,"command":"configurationDone","message":"the agent is unhappy"}`)
	s.client.expectError(done, errAgent, "the agent is unhappy")
	s.expectResponses(launchSeq)
}

func TestConfigurationDoneBeforeTheAgentIsReadyIsRefused(t *testing.T) {
	s := startScripted(t, nil)
	s.launch(nil)
	done := s.client.request("configurationDone", nil)
	s.client.expectError(done, errSequence, "the debuggee is not ready")
}

func TestLaunchFailsWhenTheAgentNeverConnects(t *testing.T) {
	s := startScripted(t, func(d *deadlines) { d.agentConnect = fast })
	launchSeq, p, _ := s.launch(nil)
	s.client.expectError(launchSeq, errAgent, "launch: the debugger agent did not connect within 50ms")
	p.expectSignal(t, "kill")
	p.exit(-9)
	s.expectExit(-9)
}

func TestLaunchFailsWhenTheProgramExitsBeforeTheAgentConnects(t *testing.T) {
	s := startScripted(t, nil)
	launchSeq, p, _ := s.launch(nil)
	p.output("stderr", "No module named nowhere\n")
	p.exit(3)
	s.client.expect("output")
	s.client.expectError(launchSeq, errAgent, "launch: sh exited with code 3 before the debugger could attach; see its output")
	s.expectExit(3)
}

func TestExitedComesAfterAllOutputThenTerminated(t *testing.T) {
	cases := []struct {
		name   string
		change func(*deadlines)
		// run makes the program exit with code 4 and the agent end (or not); it
		// returns how many output events come before exited.
		run func(p *fakeProcess, agent *peer) int
	}{
		{"agent ends after the exit", nil, func(p *fakeProcess, agent *peer) int {
			p.output("stdout", "from the program\n")
			p.exit(4)
			agent.sendRaw(`{"seq":70,"type":"event","event":"output","body":{"category":"console","output":"from the agent"}}`)
			agent.conn.Close()
			return 2
		}},
		{"agent ends before the exit", nil, func(p *fakeProcess, agent *peer) int {
			agent.sendRaw(`{"seq":70,"type":"event","event":"output","body":{"category":"console","output":"from the agent"}}`)
			agent.conn.Close()
			p.output("stderr", "from the program\n")
			p.exit(4)
			return 2
		}},
		{"agent never ends", func(d *deadlines) { d.exitedOutput = fast }, func(p *fakeProcess, agent *peer) int {
			p.output("stdout", "from the program\n")
			p.exit(4)
			return 1
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startScripted(t, c.change)
			p, agent := s.configured()
			for range c.run(p, agent) {
				s.client.expect("output")
			}
			s.expectExit(4)
		})
	}
}
