package e2e

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestVariablesExpandNestedValuesWithTypesHintsAndEvaluateNames(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("inspect_values.py"), "# STOP", nil)
		locals := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Locals"), nil)
		for name, want := range map[string]string{"total": "int", "names": "list", "table": "dict", "point": "Point",
			"queue": "deque", "blob": "bytes", "slotted": "Slotted", "factor": "int", "text": "str"} {
			if got := locals[name]; got.Type != want || got.EvaluateName != name {
				t.Errorf("local %s = %+v, want type %s and evaluateName %s", name, got, want, name)
			}
		}
		if v := locals["total"]; v.Value != "30" || v.VariablesReference != 0 || v.PresentationHint.Kind != "data" {
			t.Errorf("total = %+v", v)
		}

		point := s.ChildrenByName(locals["point"].VariablesReference, nil)
		if point["x"].Value != "3" || point["x"].EvaluateName != "point.x" || point["kind"].Value != "'point'" ||
			point["_hidden"].Value != "'h'" {
			t.Errorf("point's attributes = %+v", point)
		}
		functions := s.ChildrenByName(point["function variables"].VariablesReference, nil)
		if norm := functions["norm"]; norm.PresentationHint.Kind != "method" || norm.EvaluateName != "point.norm" {
			t.Errorf("function variables of point = %+v", functions)
		}
		special := s.ChildrenByName(point["special variables"].VariablesReference, nil)
		if special["__class__"].PresentationHint.Kind != "class" || !strings.Contains(special["__class__"].Value, "Point") {
			t.Errorf("special variables of point = %+v", special)
		}
		if point["special variables"].PresentationHint.Kind != "virtual" {
			t.Errorf("the special variables group = %+v", point["special variables"])
		}

		if names := locals["names"]; names.IndexedVariables != 2 || names.NamedVariables != 0 {
			t.Errorf("names = %+v, want 2 indexed children", names)
		}
		table := s.ChildrenByName(locals["table"].VariablesReference, nil)
		if table["'one'"].EvaluateName != "table['one']" || table["2"].Value != "'two'" ||
			table["(3, 4)"].EvaluateName != "table[(3, 4)]" || table["(3, 4)"].IndexedVariables != 2 {
			t.Errorf("table's items = %+v", table)
		}
		if tuple := s.Children(table["(3, 4)"].VariablesReference, nil); len(tuple) != 2 || tuple[1].Value != "6" {
			t.Errorf("table[(3, 4)] = %+v", tuple)
		}
		slotted := s.ChildrenByName(locals["slotted"].VariablesReference, nil)
		if _, unset := slotted["b"]; slotted["a"].Value != "1" || unset {
			t.Errorf("slotted = %+v, want a=1 and no b (never assigned)", slotted)
		}
		blob := s.Children(locals["blob"].VariablesReference, nil)
		if len(blob) != 3 || blob[2].Value != "2" || !blob[2].PresentationHint.Has("readOnly") {
			t.Errorf("blob's items = %+v", blob)
		}
		if text := locals["text"].Value; len(text) > 1100 || !strings.HasSuffix(text, "...' (5000 characters)") {
			t.Errorf("a 5000-character string shows as %q", text)
		}

		globals := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Globals"), nil)
		if g := globals["total"]; g.EvaluateName != "globals()['total']" || g.Value != "'a global that a local shadows'" {
			t.Errorf("the global total, shadowed by a local = %+v", g)
		}
		if g := globals["special variables"]; g.NamedVariables < 5 || globals["function variables"].NamedVariables != 2 {
			t.Errorf("the Globals groups: %+v %+v", g, globals["function variables"])
		}

		// Every evaluateName, two levels deep, evaluates as a watch to the value shown.
		checked := 0
		for _, v := range locals {
			checked += checkEvaluateNames(t, s, stop.Top.Id, v, 2)
		}
		checked += checkEvaluateNames(t, s, stop.Top.Id, globals["total"], 0)
		if checked < 30 {
			t.Errorf("only %d evaluateNames checked", checked)
		}
	})
}

// checkEvaluateNames evaluates v's evaluateName (and its children's, depth levels down)
// as a watch and compares the result with the value shown; it returns how many it checked.
func checkEvaluateNames(t *testing.T, s *daptest.Session, frameID int, v daptest.Value, depth int) int {
	t.Helper()
	checked := 0
	if v.EvaluateName != "" && !strings.Contains(v.Value, " object at 0x") {
		checked++
		if got := s.Evaluate(frameID, v.EvaluateName, "watch", nil); got.Result != v.Value {
			t.Errorf("watch %q = %q, but the variable %s shows %q", v.EvaluateName, got.Result, v.Name, v.Value)
		}
	}
	if depth > 0 && v.VariablesReference != 0 && v.NamedVariables+v.IndexedVariables < 100 {
		for _, child := range s.Children(v.VariablesReference, nil) {
			checked += checkEvaluateNames(t, s, frameID, child, depth-1)
		}
	}
	return checked
}

func TestHugeContainersPageByStartAndCount(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("hostile_values.py"), "# STOP", nil)
		huge := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Locals"), nil)["huge"]
		waitUntilThreadFree(t, s, stop.Top.Id) // the page may have met the sleeping __repr__
		if huge.IndexedVariables != 10_000_000 || !strings.HasPrefix(huge.Value, "[0, 1, 2, 3,") ||
			!strings.HasSuffix(huge.Value, "...] (10000000 items)") {
			t.Fatalf("huge = %.200s (indexed %d)", huge.Value, huge.IndexedVariables)
		}
		last := s.Children(huge.VariablesReference, map[string]any{"filter": "indexed", "start": 9_999_990, "count": 10})
		if len(last) != 10 || last[0].Name != "9999990" || last[9].Value != "9999999" || last[9].EvaluateName != "huge[9999999]" {
			t.Errorf("the last page of huge = %+v", last)
		}
		if named := s.Children(huge.VariablesReference, map[string]any{"filter": "named"}); len(named) != 0 {
			t.Errorf("a list has named children: %+v", named)
		}
		all := s.Children(huge.VariablesReference, nil)
		if len(all) != 1001 || all[999].Value != "999" || !strings.Contains(all[1000].Value, "9999000 more not shown") {
			t.Errorf("asking for all of huge returned %d children, ending %+v", len(all), all[len(all)-1])
		}

		// A dict pages by name, from anywhere, without sorting or copying it.
		r := s.Evaluate(stop.Top.Id, "{'k%d' % i: i for i in range(100000)}", "repl", nil)
		if r.NamedVariables != 100_000 {
			t.Fatalf("a 100,000-key dict reports %d named children", r.NamedVariables)
		}
		page := s.Children(r.VariablesReference, map[string]any{"start": 99_998, "count": 5})
		if len(page) != 2 || page[0].Name != "'k99998'" || page[1].Value != "99999" {
			t.Errorf("the end of the dict = %+v", page)
		}
	})
}

func TestHostileValuesNeverHangOrChangeTheProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("hostile_values.py"), "# STOP", nil)
		localsRef := s.ScopeRef(stop.Top.Id, "Locals")

		// The Locals page answers however slow the values' __repr__ are: the program's
		// code gets a time budget (how much of it a loaded machine leaves for each value
		// varies, so only the outcome that does not depend on it is checked here).
		locals := s.ChildrenByName(localsRef, nil)
		if v := locals["looped"].Value; v != "[1, 2, [...]]" {
			t.Errorf("looped = %q", v)
		}
		for _, name := range []string{"raising", "sleeping", "spinning"} {
			if v := locals[name].Value; !strings.Contains(v, " object at 0x") && !strings.HasPrefix(v, "<not shown: ") {
				t.Errorf("%s = %q", name, v)
			}
		}

		// One value at a time, each with the whole budget (once the thread is back from
		// the sleeping __repr__, if the page met it).
		waitUntilThreadFree(t, s, stop.Top.Id)
		hover := func(expr string) string { return s.Evaluate(stop.Top.Id, expr, "hover", nil).Result }
		if v := hover("raising"); !strings.Contains(v, "__repr__ raised ValueError: no repr for you") {
			t.Errorf("raising = %q", v)
		}
		// Blocked in C: the watchdog answers (unless the Locals page already met it).
		if v := hover("sleeping"); !strings.Contains(v, "not shown: its __repr__ ran longer than 0.5 s") &&
			!strings.Contains(v, "__repr__ not called: it took longer than 0.5 s before") {
			t.Errorf("sleeping = %q, want it abandoned", v)
		}
		// ... and the sleeper is not waited for again.
		waitUntilThreadFree(t, s, stop.Top.Id)
		if v := hover("sleeping"); !strings.Contains(v, "__repr__ not called: it took longer than 0.5 s before") {
			t.Errorf("sleeping, the second time = %q", v)
		}
		// Spinning in Python: interrupted.
		if v := hover("spinning"); !strings.Contains(v, "SpinningRepr object at 0x") || !strings.Contains(v, "__repr__ abandoned after 0.5 s") {
			t.Errorf("spinning = %q", v)
		}

		shy := s.ChildrenByName(locals["shy"].VariablesReference, nil)
		if shy["real"].Value != "1" {
			t.Errorf("shy = %+v", shy)
		}
		looped := s.Children(locals["looped"].VariablesReference, nil)
		if len(looped) != 3 || looped[2].Value != "[1, 2, [...]]" || looped[2].IndexedVariables != 3 {
			t.Errorf("looped's items = %+v", looped)
		}

		account := s.ChildrenByName(locals["account"].VariablesReference, nil)
		withdraw := account["withdraw"]
		if !withdraw.PresentationHint.Lazy || withdraw.PresentationHint.Kind != "property" || withdraw.VariablesReference == 0 {
			t.Fatalf("withdraw = %+v, want a lazy property", withdraw)
		}
		if got := s.Evaluate(stop.Top.Id, "side_effects", "hover", nil).Result; got != "[]" {
			t.Fatalf("showing the values ran the program's code: side_effects = %s", got)
		}
		if got := s.Evaluate(stop.Top.Id, "account.balance", "hover", nil).Result; got != "100" {
			t.Errorf("account.balance = %s before the property is evaluated", got)
		}
		// Expanding the lazy property runs it, once, because the user asked.
		if got := s.Children(withdraw.VariablesReference, nil); len(got) != 1 || got[0].Value != "90" || got[0].Name != "withdraw" {
			t.Errorf("withdraw evaluated = %+v", got)
		}
		broken := s.Children(account["broken"].VariablesReference, nil)
		if len(broken) != 1 || !strings.Contains(broken[0].Value, "KeyError: 'broken property'") {
			t.Errorf("broken evaluated = %+v", broken)
		}
		if got := s.Evaluate(stop.Top.Id, "side_effects", "hover", nil).Result; got != "['withdraw ran']" {
			t.Errorf("side_effects = %s, want only the property the user expanded", got)
		}

		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "ready\n1 90\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestHoverRunsNoCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("hostile_values.py"), "# STOP", nil)
		frame := stop.Top.Id
		for expr, want := range map[string]string{"looped[0]": "1", "looped[-1][1]": "2", "shy.real": "1", "huge[10:13]": "[10, 11, 12]"} {
			if got := s.Evaluate(frame, expr, "hover", nil).Result; got != want {
				t.Errorf("hover %s = %q, want %q", expr, got, want)
			}
		}
		for expr, want := range map[string]string{
			"account.withdraw": "not evaluated on hover",
			"len(huge)":        "not evaluated on hover",
			"shy.missing":      "AttributeError",
			"looped + looped":  "not evaluated on hover",
			"no_such_name":     "NameError",
			"account.balance[": "SyntaxError",
		} {
			if got := s.EvaluateFails(frame, expr, "hover"); !strings.Contains(got, want) {
				t.Errorf("hover %s failed with %q, want %q", expr, got, want)
			}
		}
		if got := s.Evaluate(frame, "side_effects", "hover", nil).Result; got != "[]" {
			t.Errorf("hovering ran the program's code: side_effects = %s", got)
		}
	})
}

func TestBadInspectionRequestsGetErrors(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("inspect_values.py"), "# STOP", nil)
		for _, req := range []struct {
			command string
			args    map[string]any
		}{
			{"variables", map[string]any{"variablesReference": 987654}},
			{"scopes", map[string]any{"frameId": 987654}},
			{"evaluate", map[string]any{"expression": "1", "frameId": 987654, "context": "watch"}},
			{"setVariable", map[string]any{"variablesReference": 987654, "name": "x", "value": "1"}},
			{"variables", map[string]any{"variablesReference": s.ScopeRef(stop.Top.Id, "Locals"), "start": "x"}},
		} {
			if m := s.Request(req.command, req.args); m.Success {
				t.Errorf("%s %v succeeded: %s", req.command, req.args, m.Body)
			}
		}
		// Requests that race a continue are each answered (before or after the thread
		// resumes), never left waiting; once the continue is answered, the frame is stale.
		locals := s.ScopeRef(stop.Top.Id, "Locals")
		racing := []int{
			s.Send("continue", map[string]any{"threadId": stop.ThreadID}),
			s.Send("evaluate", map[string]any{"expression": "total", "frameId": stop.Top.Id, "context": "watch"}),
			s.Send("variables", map[string]any{"variablesReference": locals}),
			s.Send("evaluate", map[string]any{"expression": "1 + 1", "context": "repl"}),
		}
		for _, seq := range racing {
			s.WaitResponse(seq)
		}
		if m := s.Request("evaluate", map[string]any{"expression": "total", "frameId": stop.Top.Id, "context": "watch"}); m.Success {
			t.Errorf("evaluate in a frame of a resumed thread succeeded: %s", m.Body)
		}
		s.ExpectExit(0)
	})
}

func TestValuesWithoutTypesWhenTheClientDidNotAsk(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("inspect_values.py")
		s.MustRequest("initialize", map[string]any{"clientID": "plain", "adapterID": "dapper", "linesStartAt1": true}, nil)
		launch := s.Send("launch", map[string]any{"python": py.Path, "program": program})
		s.WaitEvent("initialized")
		s.SetBreakpoints(program, daptest.LineOf(t, program, "# STOP"))
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		for name, v := range s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Locals"), nil) {
			if v.Type != "" {
				t.Errorf("%s has type %q, but the client did not send supportsVariableType", name, v.Type)
			}
		}
		if v := s.ChildrenByName(s.ScopeRef(stop.Top.Id, "Locals"), map[string]any{"format": map[string]any{"hex": true}})["total"]; v.Value != "0x1e" {
			t.Errorf("total in hex = %q", v.Value)
		}
	})
}

func TestInitializeAdvertisesInspection(t *testing.T) {
	s := daptest.Start(t)
	var caps map[string]any
	s.MustRequest("initialize", map[string]any{"adapterID": "dapper"}, &caps)
	for _, name := range []string{"supportsSetVariable", "supportsSetExpression", "supportsCompletionsRequest",
		"supportsValueFormattingOptions", "supportsEvaluateForHovers", "supportsClipboardContext"} {
		if caps[name] != true {
			t.Errorf("initialize does not advertise %s: %v", name, caps)
		}
	}
}

func TestReturnValueScopeAfterSteppingOut(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("return_value.py"), "# RETURN", nil)
		if ref := s.ScopeRef(stop.Top.Id, "Return value"); ref != 0 {
			t.Errorf("a Return value scope before anything returned")
		}
		out := s.StepOut(stop.ThreadID)
		if out.Top.Name != "main" {
			t.Fatalf("stepOut stopped in %s", out.Where())
		}
		ref := s.ScopeRef(out.Top.Id, "Return value")
		if ref == 0 {
			t.Fatalf("no Return value scope after stepping out of double: %+v", s.Scopes(out.Top.Id))
		}
		returned := s.Children(ref, nil)
		if len(returned) != 1 || returned[0].Name != "double" || returned[0].Value != "42" || !returned[0].PresentationHint.Has("readOnly") {
			t.Errorf("Return value = %+v", returned)
		}
		if ref := s.ScopeRef(out.Frames[1].Id, "Return value"); ref != 0 {
			t.Errorf("the caller's caller has a Return value scope too")
		}
		next := s.Next(out.ThreadID)
		if ref := s.ScopeRef(next.Top.Id, "Return value"); ref != 0 {
			t.Errorf("a Return value scope after a next that returned from nothing: %+v", s.Children(ref, nil))
		}
		s.ContinueToExit(next.ThreadID, 0)

		// showReturnValue: false turns it off.
		s = daptest.Start(t)
		stop = s.StopAt(py, daptest.Testdata("return_value.py"), "# RETURN", map[string]any{"showReturnValue": false})
		out = s.StepOut(stop.ThreadID)
		if ref := s.ScopeRef(out.Top.Id, "Return value"); ref != 0 {
			t.Errorf("a Return value scope with showReturnValue false")
		}
		s.ContinueToExit(out.ThreadID, 0)
	})
}
