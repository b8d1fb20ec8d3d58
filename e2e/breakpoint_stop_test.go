package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestBreakpointStopsWithStackAndLocals(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_locals.py")
		launch := s.Launch(py, map[string]any{"program": program})
		bps := s.SetBreakpoints(program, 3)
		if len(bps) != 1 || !bps[0].Verified || bps[0].Line != 3 {
			t.Fatalf("breakpoints = %+v", bps)
		}
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		if stop.Reason != "breakpoint" || len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != bps[0].Id {
			t.Errorf("stop = %+v", stop)
		}
		var names []string
		for _, f := range stop.Frames {
			names = append(names, fmt.Sprintf("%s:%d", f.Name, f.Line))
		}
		if got := strings.Join(names, " "); got != "double:3 main:8 <module>:12" {
			t.Errorf("stack = %s", got)
		}
		if stop.Top.Source.Path != program {
			t.Errorf("top frame source = %+v", stop.Top.Source)
		}
		locals := s.Locals(stop.Top.Id)
		if locals["number"].Value != "21" || locals["result"].Value != "42" || locals["result"].Type != "int" {
			t.Errorf("locals of double = %+v", locals)
		}
		if callers := s.Locals(stop.Frames[1].Id); callers["greeting"].Value != "'hi'" {
			t.Errorf("locals of main = %+v", callers)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "hi 42\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestBreakpointOverTCP(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartTCP(t)
		program := daptest.Testdata("breakpoint_locals.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, 9)
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		if stop.Top.Name != "main" || stop.Top.Line != 9 {
			t.Errorf("stopped at %s:%d", stop.Top.Name, stop.Top.Line)
		}
		if v := s.Locals(stop.Top.Id)["value"].Value; v != "42" {
			t.Errorf("value = %q", v)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		s.Disconnect(nil)
		s.WaitClosed()
	})
}
