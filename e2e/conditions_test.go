package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// launchWithBreakpoints launches program with these breakpoints set in it and ends the
// configuration; it returns the breakpoints as the adapter answered them.
func launchWithBreakpoints(t *testing.T, py daptest.Python, program string, bps ...daptest.SourceBreakpoint) (*daptest.Session, []daptest.Breakpoint) {
	t.Helper()
	s := daptest.Start(t)
	launch := s.Launch(py, map[string]any{"program": program})
	bound := s.SetSourceBreakpoints(program, bps...)
	s.ConfigurationDone(launch)
	return s, bound
}

// stopsWithI waits for a stop at breakpoint id for each value of the local i, in
// order, continuing after each, and returns the stopped events' descriptions.
func stopsWithI(t *testing.T, s *daptest.Session, id int, values ...string) []string {
	t.Helper()
	var descriptions []string
	for _, want := range values {
		stop := s.WaitForStop()
		if stop.Reason != "breakpoint" || len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != id {
			t.Fatalf("stop = %+v, want breakpoint %d", stop, id)
		}
		if got := s.Locals(stop.Top.Id)["i"].Value; got != want {
			t.Fatalf("stopped with i = %s, want %s", got, want)
		}
		var body struct {
			Description string `json:"description"`
		}
		_ = json.Unmarshal(stop.Body, &body)
		descriptions = append(descriptions, body.Description)
		s.Continue(stop.ThreadID)
	}
	return descriptions
}

func TestConditionStopsOnlyWhereItHolds(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_loop.py")
		line := daptest.LineOf(t, program, "@loop")
		s, bps := launchWithBreakpoints(t, py, program, daptest.SourceBreakpoint{Line: line, Condition: "i == 7 or i == 9"})
		if !bps[0].Verified || bps[0].Line != line {
			t.Fatalf("breakpoint = %+v", bps[0])
		}
		stopsWithI(t, s, bps[0].Id, "7", "9")
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 2 {
			t.Errorf("%d stops, want 2", n)
		}
	})
}

func TestConditionRunsOncePerPass(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_loop.py")
		// Side effects show how often it ran: once per pass, whether it stops or not.
		s, bps := launchWithBreakpoints(t, py, program,
			daptest.SourceBreakpoint{Line: daptest.LineOf(t, program, "@loop"), Condition: "evaluations.append(i) or i == 4"})
		stopsWithI(t, s, bps[0].Id, "4")
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "total 45 evaluations 10\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestConditionThatDoesNotCompileIsUnverifiedAndNeverStops(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_loop.py")
		line := daptest.LineOf(t, program, "@loop")
		s, bps := launchWithBreakpoints(t, py, program,
			daptest.SourceBreakpoint{Line: line, Condition: "i =="},
			daptest.SourceBreakpoint{Line: line + 1, HitCondition: "often"})
		if bps[0].Verified || !strings.Contains(bps[0].Message, "condition 'i ==' does not compile") {
			t.Errorf("bad condition: %+v", bps[0])
		}
		if bps[1].Verified || !strings.Contains(bps[1].Message, "hitCondition 'often'") {
			t.Errorf("bad hitCondition: %+v", bps[1])
		}
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 0 {
			t.Errorf("%d stops, want none", n)
		}
	})
}

func TestConditionThatRaisesStopsAndSaysWhy(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("condition_loop.py")
		// Raises only once i > 7: for i = 8 and 9.
		s, bps := launchWithBreakpoints(t, py, program,
			daptest.SourceBreakpoint{Line: daptest.LineOf(t, program, "@loop"), Condition: "i > 7 and undefined_name"})
		for _, description := range stopsWithI(t, s, bps[0].Id, "8", "9") {
			if !strings.Contains(description, "NameError") {
				t.Errorf("stopped event description = %q", description)
			}
		}
		s.ExpectExit(0)
		important := s.Output("important")
		if strings.Count(important, "condition 'i > 7 and undefined_name' raised NameError: name 'undefined_name' is not defined") != 2 {
			t.Errorf("important output = %q", important)
		}
	})
}

func TestHitConditionForms(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("hit_counts.py")
		forms := []struct {
			marker, hit, condition string
			is                     []int // the values of i at which it stops
		}{
			{"@equals-plain", "3", "", []int{2}},
			{"@at-least", ">=8", "", []int{7, 8, 9}},
			{"@every", "%4", "", []int{3, 7}},
			{"@below", "<2", "", []int{0}},
			{"@above", "> 8", "", []int{8, 9}},
			{"@at-most", "<=1", "", []int{0}},
			{"@equals-op", "==5", "", []int{4}},
			{"@with-condition", "2", "i % 2 == 1", []int{3}}, // the second odd i
		}
		var bps []daptest.SourceBreakpoint
		var want []string
		byLine := map[int]string{}
		for _, f := range forms {
			line := daptest.LineOf(t, program, f.marker)
			byLine[line] = f.marker
			bps = append(bps, daptest.SourceBreakpoint{Line: line, HitCondition: f.hit, Condition: f.condition})
		}
		for i := 0; i < 10; i++ { // the order the program reaches them in
			for _, f := range forms {
				for _, at := range f.is {
					if at == i {
						want = append(want, fmt.Sprintf("%s i=%d", f.marker, i))
					}
				}
			}
		}
		s, bound := launchWithBreakpoints(t, py, program, bps...)
		for _, bp := range bound {
			if !bp.Verified {
				t.Fatalf("breakpoint not verified: %+v", bp)
			}
		}
		var got []string
		for len(got) < len(want) {
			stop := s.WaitForStop()
			got = append(got, fmt.Sprintf("%s i=%s", byLine[stop.Top.Line], s.Locals(stop.Top.Id)["i"].Value))
			s.Continue(stop.ThreadID)
		}
		s.ExpectExit(0)
		if strings.Join(got, "\n") != strings.Join(want, "\n") || len(s.Events("stopped")) != len(want) {
			t.Errorf("stops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestBreakpointIDsStayWhileTheirLineStays(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("hit_counts.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		a, b := daptest.LineOf(t, program, "@equals-plain"), daptest.LineOf(t, program, "@at-least")
		first := s.SetSourceBreakpoints(program, daptest.SourceBreakpoint{Line: a}, daptest.SourceBreakpoint{Line: b})
		// The client re-sends the file's breakpoints with a condition added to one.
		second := s.SetSourceBreakpoints(program, daptest.SourceBreakpoint{Line: b, Condition: "i == 4"},
			daptest.SourceBreakpoint{Line: a, HitCondition: "2"})
		if second[0].Id != first[1].Id || second[1].Id != first[0].Id {
			t.Fatalf("ids changed: first %+v, second %+v", first, second)
		}
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		if stop.Top.Line != a || len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != first[0].Id {
			t.Fatalf("first stop = %+v", stop)
		}
		s.Continue(stop.ThreadID)
		stop = s.WaitForStop()
		if stop.Top.Line != b || stop.HitBreakpointIDs[0] != first[1].Id || s.Locals(stop.Top.Id)["i"].Value != "4" {
			t.Fatalf("second stop = %+v", stop)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestLogpointsPrintAndNeverStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("logpoints.py")
		line := daptest.LineOf(t, program, "@log")
		s, bps := launchWithBreakpoints(t, py, program,
			daptest.SourceBreakpoint{Line: line, LogMessage: "{n}: {name!r} has {len(name)} letters; {missing} {{braces}}"},
			daptest.SourceBreakpoint{Line: line + 1, LogMessage: "every second print: {message}", HitCondition: "%2"},
			daptest.SourceBreakpoint{Line: line - 1, LogMessage: "unclosed {name"})
		if !bps[0].Verified || !bps[1].Verified || bps[2].Verified || !strings.Contains(bps[2].Message, "never closed") {
			t.Fatalf("breakpoints = %+v", bps)
		}
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 0 {
			t.Errorf("a logpoint stopped the program %d times", n)
		}
		var logs []string
		for _, m := range s.Events("output") {
			var body struct {
				Category string         `json:"category"`
				Output   string         `json:"output"`
				Line     int            `json:"line"`
				Source   daptest.Source `json:"source"`
			}
			_ = json.Unmarshal(m.Body, &body)
			if body.Category != "console" || !strings.Contains(body.Output, "letters") && !strings.Contains(body.Output, "every") {
				continue
			}
			if want := line + strings.Count(body.Output, "every"); body.Line != want || body.Source.Path != program {
				t.Errorf("logpoint output %q at %s:%d, want %s:%d", body.Output, body.Source.Path, body.Line, program, want)
			}
			logs = append(logs, body.Output)
		}
		missing := "<NameError: name 'missing' is not defined>"
		want := []string{
			"0: 'ann' has 3 letters; " + missing + " {braces}\n",
			"1: 'bob' has 3 letters; " + missing + " {braces}\n",
			"every second print: hello bob\n",
			"2: 'cy' has 2 letters; " + missing + " {braces}\n",
		}
		if strings.Join(logs, "") != strings.Join(want, "") {
			t.Errorf("logpoint output:\n%q\nwant\n%q", logs, want)
		}
		if got := s.Output("stdout"); got != "hello ann\nhello bob\nhello cy\nlast 2\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}
