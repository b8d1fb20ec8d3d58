package e2e

import (
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// chainBody is the answer to dapper/exceptions.
type chainBody struct {
	Exceptions []struct {
		Text string `json:"text"`
	} `json:"exceptions"`
	Current int `json:"current"`
}

// stopOnUncaught runs program with the uncaught exception filter, to its stop.
func stopOnUncaught(t *testing.T, py daptest.Python, program string) (*daptest.Session, daptest.Stop) {
	t.Helper()
	s := daptest.Start(t)
	launch := s.Launch(py, map[string]any{"program": program})
	s.SetExceptionBreakpoints(map[string]any{"filters": []string{"uncaught"}})
	s.ConfigurationDone(launch)
	return s, s.WaitForStop()
}

func TestExceptionChainListsCausesAndShowsTheirTracebacks(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("chained_exception.py")
		s, stop := stopOnUncaught(t, py, program)
		at(t, stop, program, "start", "@reraise")

		var chain chainBody
		s.MustRequest("dapper/exceptions", map[string]any{"threadId": stop.ThreadID}, &chain)
		if len(chain.Exceptions) != 2 || chain.Exceptions[0].Text != "KeyError('port')" ||
			chain.Exceptions[1].Text != "RuntimeError('no port configured')" || chain.Current != 1 {
			t.Fatalf("chain %+v, want KeyError then RuntimeError, the second shown", chain)
		}
		s.MustRequest("dapper/exceptions", map[string]any{"threadId": stop.ThreadID, "select": 0}, &chain)
		if frames := s.StackTrace(stop.ThreadID); chain.Current != 0 || frames[0].Name != "load" ||
			frames[0].Line != s.LineOf(program, "@lookup") {
			t.Fatalf("after selecting the KeyError: current %d, stack %+v, want load() at @lookup", chain.Current, frames)
		}
		s.MustRequest("dapper/exceptions", map[string]any{"threadId": stop.ThreadID, "select": 1}, &chain)
		if frames := s.StackTrace(stop.ThreadID); frames[0].Line != s.LineOf(program, "@reraise") {
			t.Fatalf("back to the RuntimeError: stack %+v", frames)
		}
		if m := s.Request("dapper/exceptions", map[string]any{"threadId": stop.ThreadID, "select": 5}); m.Success {
			t.Errorf("select 5 of 2 succeeded")
		}
		s.ContinueToExit(stop.ThreadID, 1)
	})
}
