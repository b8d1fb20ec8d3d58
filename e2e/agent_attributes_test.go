package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

func TestBreakOnSystemExitStopsForTheCodesItLists(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("system_exit.py")
		run := func(code string, ranges []any, stops bool) {
			t.Helper()
			s := daptest.Start(t)
			launch := s.Launch(py, map[string]any{"program": program, "args": []string{code}, "breakOnSystemExit": ranges})
			s.SetExceptionBreakpoints(map[string]any{"filters": []string{"raised"}})
			s.ConfigurationDone(launch)
			if stops {
				stop := exceptionStop(t, s, program, "@exit", "SystemExit", code)
				s.Continue(stop.ThreadID)
			}
			s.ExpectExit(int(code[0] - '0'))
			if !stops && len(s.Events("stopped")) != 0 {
				t.Errorf("sys.exit(%s) stopped with breakOnSystemExit %v", code, ranges)
			}
		}
		run("3", []any{map[string]int{"from": 3, "to": 5}}, true)
		run("2", []any{map[string]int{"from": 3, "to": 5}}, false)
		run("0", []any{0}, true)
		run("4", []any{}, false)
	})
}

func TestRulesDecideWhatIsYourCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("uses_vendored.py")
		helper := daptest.Testdata("vendored/helper.py")
		out, err := exec.Command(py.Path, "-c", "import json; print(json.__file__)").Output()
		if err != nil {
			t.Fatal(err)
		}
		stdlib := strings.TrimSpace(string(out))
		cases := []struct {
			name  string
			rules []map[string]any
			file  string
			line  int
			want  bool
		}{
			{"your code by default", nil, helper, 2, true},
			{"a path rule makes it a library's", []map[string]any{{"path": "vendored/**", "include": false}}, helper, 2, false},
			{"the first rule that matches decides", []map[string]any{{"path": "**/helper.py", "include": true},
				{"module": "helper", "include": false}}, helper, 2, true},
			{"the standard library by default is not", nil, stdlib, 1, false},
			{"a rule makes it yours", []map[string]any{{"path": filepath.Dir(stdlib) + "/**", "include": true}}, stdlib, 1, true},
		}
		for _, c := range cases {
			s := daptest.Start(t)
			launch := s.Launch(py, map[string]any{"program": program, "rules": c.rules})
			bps := s.SetBreakpoints(c.file, c.line)
			if mine := !strings.Contains(bps[0].Message, "not user code"); mine != c.want {
				t.Errorf("%s: breakpoint in %s: %q; want it to count as your code: %v", c.name, filepath.Base(c.file),
					bps[0].Message, c.want)
			}
			s.ConfigurationDone(launch)
			for stop, ok := s.WaitForStopOrExit(); ok; stop, ok = s.WaitForStopOrExit() {
				s.Continue(stop.ThreadID)
			}
		}
		// A module rule: the module is named as it was imported (helper, not
		// vendored.helper), so the breakpoint set before the import does not stop.
		for _, c := range []struct {
			rule  string
			stops bool
		}{{"helper", false}, {"vendored", true}} {
			s := daptest.Start(t)
			launch := s.Launch(py, map[string]any{"program": program,
				"rules": []map[string]any{{"module": c.rule, "include": false}}})
			s.SetBreakpoints(helper, 2)
			s.ConfigurationDone(launch)
			stop, stopped := s.WaitForStopOrExit()
			if stopped != c.stops {
				t.Errorf("module rule %q: stopped in helper.py: %v, want %v", c.rule, stopped, c.stops)
			}
			if stopped {
				s.Continue(stop.ThreadID)
				s.ExpectExit(0)
			}
		}
	})
}

// childNames lists a variables reference's children by name, in order.
func childNames(s *daptest.Session, ref int) []string {
	var names []string
	for _, v := range s.Children(ref, nil) {
		names = append(names, v.Name)
	}
	return names
}

func TestVariablePresentationGroupsInlinesOrHides(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("presented.py")
		s := daptest.Start(t)
		stop := s.StopAt(py, program, "# @stop", nil)
		shape := s.Locals(stop.Top.Id)["shape"]
		if got := strings.Join(childNames(s, shape.VariablesReference), " "); got != "special variables function variables _secret sides" {
			t.Errorf("by default the children of shape are %q", got)
		}

		s = daptest.Start(t)
		stop = s.StopAt(py, program, "# @stop", map[string]any{"variablePresentation": map[string]string{
			"special": "hide", "function": "inline", "protected": "hide", "class": "group"}})
		shape = s.Locals(stop.Top.Id)["shape"]
		if got := strings.Join(childNames(s, shape.VariablesReference), " "); got != "area sides" {
			t.Errorf("the children of shape are %q, want area and sides only", got)
		}
		globals := childNames(s, s.ScopeRef(stop.Top.Id, "Globals"))
		if len(globals) == 0 || globals[0] != "class variables" || strings.Contains(strings.Join(globals, " "), "Shape") {
			t.Errorf("globals = %q: want Shape in a class variables group", globals)
		}
	})
}

func TestStackTraceFormatNamesParametersModuleAndLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("presented.py")
		s := daptest.Start(t)
		stop := s.StopAt(py, program, "# @stop", nil)
		var body godap.StackTraceResponseBody
		s.MustRequest("stackTrace", map[string]any{"threadId": stop.ThreadID, "format": map[string]any{
			"parameters": true, "parameterTypes": true, "module": true, "line": true}}, &body)
		top := body.StackFrames[0].Name
		if !strings.HasPrefix(top, "__main__.show(shape: Shape=<__main__.Shape object at ") ||
			!strings.HasSuffix(top, ">, size: int=3, rest: tuple=('extra',), label: str='crate', more: dict={'colour': 'red'}) line 10") {
			t.Errorf("formatted frame %q", top)
		}
		s.MustRequest("stackTrace", map[string]any{"threadId": stop.ThreadID, "format": map[string]any{
			"parameters": true, "parameterValues": false}}, &body)
		if got := body.StackFrames[0].Name; got != "show(shape, size, rest, label, more)" {
			t.Errorf("names only: %q", got)
		}
	})
}

func TestSteppingResumesAllThreadsFalseStepsOneThread(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stepping_threads.py")
		s := daptest.Start(t)
		stop := s.StopAt(py, program, "# @stop", map[string]any{"steppingResumesAllThreads": false})
		before := s.Evaluate(stop.Top.Id, "count", "watch", nil).Result
		stop = s.Next(stop.ThreadID)
		stop = s.Next(stop.ThreadID) // over time.sleep(0.2): the worker stays suspended
		if stop.Top.Line != s.LineOf(program, "# @after") {
			t.Fatalf("stepped to line %d", stop.Top.Line)
		}
		if after := s.Evaluate(stop.Top.Id, "count", "watch", nil).Result; after != before {
			t.Errorf("the worker ran during the step: count %s, then %s", before, after)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestStopAllThreadsOnSuspendFalseLetsTheOthersRun(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("stop_one_thread.py")
		s := daptest.Start(t)
		stop := s.StopAt(py, program, "# @stop", map[string]any{"stopAllThreadsOnSuspend": false})
		if stop.AllThreadsStopped {
			t.Errorf("stopped event says all threads stopped: %s", stop.Body)
		}
		s.WaitForOutput("main done") // while the worker is stopped
		var body godap.ContinueResponseBody
		s.MustRequest("continue", map[string]any{"threadId": stop.ThreadID}, &body)
		if body.AllThreadsContinued {
			t.Errorf("continue says every thread continued")
		}
		s.ExpectExit(0)
	})
}
