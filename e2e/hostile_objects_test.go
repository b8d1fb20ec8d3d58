package e2e

import (
	"fmt"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// TestHostileObjectsAtABreakpointAreAllAnswered shows, expands, evaluates and completes
// every object of hostile_objects.py: each request must be answered (its success
// does not matter), and the program must end as it would have.
func TestHostileObjectsAtABreakpointAreAllAnswered(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("hostile_objects.py"), "@stop", nil)
		frame := stop.Top.Id
		localsRef, globalsRef := s.ScopeRef(frame, "Locals"), s.ScopeRef(frame, "Globals")
		locals := s.ChildrenByName(localsRef, nil)
		// Nothing here blocks in native code: no request may find the thread stuck.
		request := func(command string, args map[string]any) {
			t.Helper()
			if m := s.Request(command, args); refusedAsBusy(m) {
				t.Errorf("%s %v: %s", command, args, m.ErrMessage)
			}
		}
		for _, name := range []string{"raising", "spinning", "huge_length", "lying", "no_class", "keyed", "big", "deep"} {
			v, ok := locals[name]
			if !ok {
				t.Fatalf("no local %q in %v", name, locals)
			}
			if v.VariablesReference != 0 {
				for _, args := range []map[string]any{
					nil, {"start": 0, "count": 10}, {"filter": "indexed", "start": 999999999990, "count": 10},
					{"filter": "named"}, {"filter": "indexed", "count": 1000000},
				} {
					full := map[string]any{"variablesReference": v.VariablesReference}
					for k, a := range args {
						full[k] = a
					}
					request("variables", full)
				}
			}
			for _, context := range []string{"hover", "watch", "repl", "clipboard"} {
				request("evaluate", map[string]any{"expression": name, "frameId": frame, "context": context})
			}
			for _, expr := range []string{"len(%s)", "repr(%s)", "list(%s)", "%s == %s", "hash(%s)", "dir(%s)",
				"%s.__class__", "str(%s)", "bool(%s)", "%s.anything", "%s[0]", "0 in %s"} {
				request("evaluate", map[string]any{"expression": fmt.Sprintf(expr, name, name), "frameId": frame, "context": "watch"})
			}
			request("completions", map[string]any{"text": name + ".", "column": len(name) + 2, "frameId": frame})
			request("setVariable", map[string]any{"variablesReference": localsRef, "name": name, "value": name})
		}
		// Deep down the nested list, and back.
		ref := locals["deep"].VariablesReference
		for i := 0; i < 30 && ref != 0; i++ {
			children := s.Children(ref, nil)
			if len(children) == 0 {
				break
			}
			ref = children[0].VariablesReference
		}
		request("stackTrace", map[string]any{"threadId": stop.ThreadID})
		request("scopes", map[string]any{"frameId": frame})

		// Last, what blocks in native code: the first request is answered for, the
		// thread stays inside the call, and what follows is answered all the same.
		for _, expr := range []string{"blocked", "len(blocked)"} {
			s.Request("evaluate", map[string]any{"expression": expr, "frameId": frame, "context": "watch"})
		}
		s.Request("variables", map[string]any{"variablesReference": globalsRef})
		s.Request("evaluate", map[string]any{"expression": "blocked", "frameId": frame, "context": "hover"})

		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		wantStdout(t, s, "ready\n1000000000000 3 100000000 10000 1 Raising Spinning HugeLength NoClass\n")
	})
}
