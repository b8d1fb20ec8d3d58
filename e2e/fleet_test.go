package e2e

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

// A fleet: an adapter attached with listen keeps listening; the first program to
// connect is the session's, each later one a child session. Programs join with
// DAPPER_CONNECT and the agent on PYTHONPATH, as a distributed job's workers would.

// waitingAt is the address an adapter attached with listen says it waits at.
func waitingAt(t *testing.T, s *daptest.Session) string {
	t.Helper()
	var addr string
	s.WaitEventMatching("output", func(m dap.Message) bool {
		found := regexp.MustCompile(`waiting for a program to connect to (\S+)`).FindStringSubmatch(string(m.Body))
		if found != nil {
			addr = found[1]
		}
		return found != nil
	})
	return addr
}

func TestThreeIndependentWorkersOfAFleetStopInTheirOwnSessions(t *testing.T) {
	agentDir := strings.TrimSpace(string(mustOutput(t, daptest.Binary(t), "agent-path")))
	worker := child("fleet_worker.py")
	line := daptest.LineOf(t, worker, "@fleet-stop")
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, daptest.Editor{StartDebugging: true, ChildBreakpoints: map[string][]int{worker: {line}}})
		s.Initialize()
		attach := s.Send("attach", map[string]any{"listen": map[string]any{"port": 0}})
		addr := waitingAt(t, s)
		join := func(name string) *daptest.Program {
			return daptest.StartProgram(t, []string{"DAPPER_CONNECT=" + addr, "PYTHONPATH=" + agentDir}, py.Path, worker, name)
		}
		first := join("a")
		s.WaitEvent("initialized")
		s.SetBreakpoints(worker, line)
		s.ConfigurationDone(attach)
		stop := s.WaitForStop()
		workers := map[string]*daptest.Program{"a": first, "b": join("b"), "c": join("c")}
		var names []string
		type stopped struct {
			session *daptest.Session
			stop    daptest.Stop
		}
		all := []stopped{{s, stop}}
		for range 2 {
			c := s.Child()
			all = append(all, stopped{c, c.WaitForStop()})
		}
		// All three stand stopped at once, each in its own session.
		for _, st := range all {
			if st.stop.Top.Line != line {
				t.Fatalf("a worker stopped at %s", st.stop.Where())
			}
			names = append(names, st.session.Locals(st.stop.Top.Id)["name"].Value)
		}
		slices.Sort(names)
		if !slices.Equal(names, []string{"'a'", "'b'", "'c'"}) {
			t.Errorf("the workers stopped with names %v", names)
		}
		for _, st := range all {
			st.session.Continue(st.stop.ThreadID)
			st.session.WaitEvent("terminated")
		}
		for name, p := range workers {
			p.ExpectExit(0)
			p.WaitStdout("worker " + name + "\n")
		}
	})
}
