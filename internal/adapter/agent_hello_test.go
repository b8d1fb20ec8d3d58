package adapter

import "testing"

// A python that is a wrapper script running the interpreter as its child: the first
// agent from the launched process tree is the program; its own Python children are
// not (they run on without the debugger).
func TestTheFirstAgentFromTheLaunchedTreeIsTheProgram(t *testing.T) {
	s := startScripted(t, nil)
	_, p, l := s.launch(nil)
	interpreter := p.pid + 1
	agent := l.connectFrom(t, interpreter, []int{p.pid, 1})
	s.agents = append(s.agents, agent)
	for _, command := range []string{"initialize", "launch"} {
		agent.respond(agent.expect(command), "")
	}
	s.client.expect("initialized")
	child := l.connectFrom(t, interpreter+1, []int{interpreter, p.pid, 1})
	child.expectClosed()
}

// An agent from outside the launched tree is not the program, even if it is first.
func TestAnAgentFromOutsideTheLaunchedTreeIsRefused(t *testing.T) {
	s := startScripted(t, nil)
	_, p, l := s.launch(nil)
	stranger := l.connectFrom(t, p.pid+7, []int{p.pid + 6, 1})
	stranger.expectClosed()
	s.connect(p, l) // the program's own agent is still taken
}
