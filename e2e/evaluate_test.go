package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestEvaluateInTheDebugConsole(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("inspect_values.py"), "# STOP", nil)
		frame, caller := stop.Top.Id, stop.Frames[1].Id

		if r := s.Evaluate(frame, "point.x * factor + 1", "repl", nil); r.Result != "31" || r.Type != "int" {
			t.Errorf("an expression = %+v", r)
		}
		if r := s.Evaluate(frame, "names", "repl", nil); r.IndexedVariables != 2 || r.VariablesReference == 0 {
			t.Errorf("a list = %+v, want an expandable result", r)
		}
		// Statements: assignment (it sticks in the frame), import, print (as output).
		if r := s.Evaluate(frame, "total = 99", "repl", nil); r.Result != "" {
			t.Errorf("an assignment returned %+v", r)
		}
		s.Evaluate(frame, "import os", "repl", nil)
		s.Evaluate(frame, "print('console says', total, os.sep)", "repl", nil)
		s.WaitForOutput("console says 99 /\n")
		if r := s.Evaluate(frame, "[n.upper() for n in names if len(n) > factor - 8]", "repl", nil); r.Result != "['ANN', 'BOB']" {
			t.Errorf("a comprehension over locals = %+v", r)
		}
		// Another frame: the caller's locals.
		if r := s.Evaluate(caller, "origin.y", "watch", nil); r.Result != "4" {
			t.Errorf("origin.y in main = %+v", r)
		}
		s.Evaluate(caller, "origin.y = 40", "repl", nil)
		// No frame: the __main__ globals.
		if r := s.Evaluate(0, "counter + 1", "repl", nil); r.Result != "1" {
			t.Errorf("counter + 1 with no frame = %+v", r)
		}
		// Hex.
		if r := s.Evaluate(frame, "[255, factor]", "watch", map[string]any{"format": map[string]any{"hex": true}}); r.Result != "[0xff, 0xa]" {
			t.Errorf("hex = %+v", r)
		}
		// Clipboard: the whole text, unquoted.
		if r := s.Evaluate(frame, "text", "clipboard", nil); len(r.Result) != 5000 || !r.PresentationHint.Has("rawString") {
			t.Errorf("clipboard of text = %d characters, hint %+v", len(r.Result), r.PresentationHint)
		}
		if r := s.Evaluate(frame, "list(range(100000))", "clipboard", nil); len(r.Result) != 688890 || !strings.HasSuffix(r.Result, ", 99999]") {
			t.Errorf("clipboard of a 100,000-item list: %d characters, ending %q", len(r.Result), r.Result[len(r.Result)-20:])
		}
		// Errors are error responses with Python's text; the program is unharmed.
		for expr, want := range map[string]string{
			"1 +":                 "SyntaxError",
			"undefined_name":      "NameError: name 'undefined_name' is not defined",
			"1 / 0":               "ZeroDivisionError: division by zero",
			"raise SystemExit(3)": "SystemExit: 3",
		} {
			if got := s.EvaluateFails(frame, expr, "repl"); !strings.Contains(got, want) {
				t.Errorf("evaluate %q failed with %q, want %q", expr, got, want)
			}
		}
		expectResult(t, s, stop, 99) // the assignment to total stuck
	})
}

// expectResult lets inspect_values.py run to its end and checks the result it printed,
// which the changes made while it was stopped decide.
func expectResult(t *testing.T, s *daptest.Session, stop daptest.Stop, want int) {
	t.Helper()
	s.ContinueToExit(stop.ThreadID, 0)
	if got := s.Output("stdout"); !strings.HasSuffix(got, fmt.Sprintf("result %d\n", want)) {
		t.Errorf("stdout = %q, want it to end with result %d", got, want)
	}
}

func TestSetVariableAndSetExpressionChangeTheProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("inspect_values.py"), "# STOP", nil)
		frame := stop.Top.Id
		localsRef := s.ScopeRef(frame, "Locals")

		if m, v := s.SetVariable(localsRef, "total", "factor * 7"); !m.Success || v.Value != "70" || v.Type != "int" {
			t.Errorf("setVariable total = %s %+v", m.ErrMessage, v)
		}
		locals := s.ChildrenByName(localsRef, nil)
		if locals["total"].Value != "70" {
			t.Errorf("total after setVariable = %+v", locals["total"])
		}
		if m, _ := s.SetVariable(locals["names"].VariablesReference, "1", "'eve'"); !m.Success {
			t.Errorf("setVariable names[1]: %s", m.ErrMessage)
		}
		if m, _ := s.SetVariable(locals["table"].VariablesReference, "'one'", "[1]"); !m.Success {
			t.Errorf("setVariable table['one']: %s", m.ErrMessage)
		}
		if m, _ := s.SetVariable(locals["point"].VariablesReference, "x", "5"); !m.Success {
			t.Errorf("setVariable point.x: %s", m.ErrMessage)
		}
		if got := s.Evaluate(frame, "(names, table['one'], point.x)", "watch", nil).Result; got != "(['ann', 'eve'], [1], 5)" {
			t.Errorf("after setVariable: %s", got)
		}
		for name, value := range map[string]string{"total": "1 +", "factor": "nope"} {
			if m, _ := s.SetVariable(localsRef, name, value); m.Success || !strings.Contains(m.ErrMessage, "Error") {
				t.Errorf("setVariable %s = %s: success %v, message %q", name, value, m.Success, m.ErrMessage)
			}
		}
		if m, _ := s.SetVariable(locals["blob"].VariablesReference, "0", "7"); m.Success || !strings.Contains(m.ErrMessage, "cannot be changed") {
			t.Errorf("setVariable on bytes: %q", m.ErrMessage)
		}

		if m, v := s.SetExpression(frame, "point.y", "point.x * 2"); !m.Success || v.Value != "10" {
			t.Errorf("setExpression point.y = %s %+v", m.ErrMessage, v)
		}
		if m, _ := s.SetExpression(frame, "total", "total + 1"); !m.Success {
			t.Errorf("setExpression total: %s", m.ErrMessage)
		}
		if m, _ := s.SetExpression(frame, "counter", "5"); !m.Success {
			t.Errorf("setExpression on a global: %s", m.ErrMessage)
		}
		if m, _ := s.SetExpression(frame, "len(names)", "3"); m.Success || !strings.Contains(m.ErrMessage, "cannot be assigned") {
			t.Errorf("setExpression len(names): %q", m.ErrMessage)
		}
		if got := s.Evaluate(0, "counter", "watch", nil).Result; got != "5" {
			t.Errorf("the global counter = %s after setExpression", got)
		}
		expectResult(t, s, stop, 71)
	})
}

func TestCompletionsFromTheFrame(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		stop := s.StopAt(py, daptest.Testdata("inspect_values.py"), "# STOP", nil)
		labels := func(items []daptest.CompletionItem) string {
			var out []string
			for _, it := range items {
				out = append(out, it.Label+":"+string(it.Type))
			}
			return strings.Join(out, " ")
		}
		if got := labels(s.Completions(stop.Top.Id, "print(fa", 9)); !strings.Contains(got, "factor:variable") {
			t.Errorf("completions of fa = %s", got)
		}
		items := s.Completions(stop.Top.Id, "point.n", 8)
		if got := labels(items); got != "norm:function" || items[0].Start != 7 || items[0].Length != 1 {
			t.Errorf("completions of point.n = %+v", items)
		}
		if got := labels(s.Completions(stop.Top.Id, "point.", 7)); !strings.Contains(got, "x:variable") || !strings.Contains(got, "kind:variable") {
			t.Errorf("completions of point. = %s", got)
		}
		if got := labels(s.Completions(0, "coun", 5)); got != "counter:variable" {
			t.Errorf("completions of coun with no frame = %s", got)
		}
	})
}

// expectWatches evaluates each expression as a watch in the frame.
func expectWatches(t *testing.T, s *daptest.Session, frameID int, want map[string]string) {
	t.Helper()
	for expr, value := range want {
		if got := s.Evaluate(frameID, expr, "watch", nil).Result; got != value {
			t.Errorf("in frame %d, %s = %s, want %s", frameID, expr, got, value)
		}
	}
}

func TestEvaluateRunsOnTheThreadThatOwnsTheFrame(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("inspect_threads.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, daptest.LineOf(t, program, "# WORKER STOP"), daptest.LineOf(t, program, "# MAIN STOP"))
		s.ConfigurationDone(launch)

		worker := s.WaitForStop()
		expectWatches(t, s, worker.Top.Id, map[string]string{
			"threading.current_thread().name": "'worker'",
			"local.label":                     "'w1'",
			"mine":                            "'worker says w1'",
		})
		s.Continue(worker.ThreadID)

		main := s.WaitForStop()
		if main.ThreadID == worker.ThreadID {
			t.Fatalf("the second stop is the worker's again: %+v", main)
		}
		expectWatches(t, s, main.Top.Id, map[string]string{
			"threading.current_thread().name": "'MainThread'",
			"local.label":                     "'main'",
			"here":                            "'main frame'",
		})
		s.Continue(main.ThreadID)

		// While every thread runs, the console has no thread to run code on: an error,
		// not a hang. Completions need none.
		if msg := s.EvaluateFails(0, "keep_going", "repl"); !strings.Contains(msg, "the program is running") {
			t.Errorf("evaluate with no frame while running: %q", msg)
		}
		if got := s.Completions(0, "keep_", 6); len(got) != 1 || got[0].Label != "keep_going" {
			t.Errorf("completions while running = %+v", got)
		}
		s.Disconnect(map[string]any{"terminateDebuggee": true})
	})
}
