package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestFunctionBreakpointsStopOnTheFirstLineOfTheBody(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("function_breakpoints.py")
		cart := daptest.Testdata("shopping/cart.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		bps := s.SetFunctionBreakpoints(
			daptest.FunctionBreakpoint{Name: "function_breakpoints.main"}, // module.func (the program, by its file)
			daptest.FunctionBreakpoint{Name: "Cart.add", HitCondition: "2"},
			daptest.FunctionBreakpoint{Name: "shopping.cart:checkout"},
			daptest.FunctionBreakpoint{Name: "total", Condition: "len(prices) == 2"},
			daptest.FunctionBreakpoint{Name: "shopping.cart.nowhere"},
			daptest.FunctionBreakpoint{Name: "not a name"},
			daptest.FunctionBreakpoint{Name: "total", Condition: "prices >"},
		)
		for i, bp := range bps {
			if bp.Verified {
				t.Errorf("breakpoint %d verified before the program ran: %+v", i, bp)
			}
		}
		if !strings.Contains(bps[5].Message, "expected func, module.func") {
			t.Errorf("bad name: %+v", bps[5])
		}
		s.ConfigurationDone(launch)

		type place struct {
			file, name, marker string
			bp                 int
		}
		for _, want := range []place{
			{program, "main", "@main-body", 0},
			{cart, "add", "@add-body", 1}, // Cart.add from 3.11 on
			{cart, "checkout", "@checkout-body", 2},
			{program, "total", "@total-body", 3},
		} {
			stop := s.WaitForStop()
			line := daptest.LineOf(t, want.file, want.marker)
			if stop.Reason != "function breakpoint" || stop.Top.Line != line || stop.Top.Source.Path != want.file ||
				!strings.HasSuffix(stop.Top.Name, want.name) {
				t.Fatalf("stop = %s %s:%d in %s, want %s:%d in %s", stop.Reason, stop.Top.Name, stop.Top.Line,
					stop.Top.Source.Path, want.name, line, want.file)
			}
			if len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != bps[want.bp].Id {
				t.Errorf("hitBreakpointIds = %v, want [%d]", stop.HitBreakpointIDs, bps[want.bp].Id)
			}
			switch want.marker {
			case "@add-body":
				if got := s.Locals(stop.Top.Id)["price"].Value; got != "4" {
					t.Errorf("Cart.add stopped with price %s, want the second call (4)", got)
				}
			case "@total-body":
				if got := s.Locals(stop.Top.Id)["prices"].Value; got != "[1, 2]" {
					t.Errorf("total stopped with prices %s", got)
				}
			}
			s.Continue(stop.ThreadID)
		}
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 4 {
			t.Errorf("%d stops, want 4", n)
		}
		if got := s.Output("stdout"); got != "checkout 7\ntotal 3 5\n" {
			t.Errorf("stdout = %q", got)
		}
		// The breakpoints in shopping.cart became verified when it loaded, before any
		// of its functions ran; the others never did.
		expectVerifiedByChange(t, s, bps, cart, map[int]string{1: "@add-body", 2: "@checkout-body"}, []int{4, 5, 6})
	})
}

// expectVerifiedByChange checks the "changed" breakpoint events: the breakpoints
// at the indexes of markers became verified at those markers' lines in file, and
// those in never did not become verified.
func expectVerifiedByChange(t *testing.T, s *daptest.Session, bps []daptest.Breakpoint, file string,
	markers map[int]string, never []int) {
	t.Helper()
	verified := map[int]int{}
	for _, m := range s.Events("breakpoint") {
		var body struct {
			Reason     string             `json:"reason"`
			Breakpoint daptest.Breakpoint `json:"breakpoint"`
		}
		_ = json.Unmarshal(m.Body, &body)
		if body.Reason == "changed" && body.Breakpoint.Verified {
			verified[body.Breakpoint.Id] = body.Breakpoint.Line
		}
	}
	for i, marker := range markers {
		if verified[bps[i].Id] != daptest.LineOf(t, file, marker) {
			t.Errorf("breakpoint %d: changed events %v, want verified at %s", i, verified, marker)
		}
	}
	for _, i := range never {
		if _, ok := verified[bps[i].Id]; ok {
			t.Errorf("breakpoint %d became verified", i)
		}
	}
}

// The terminal debugger's habit: stop on entry, then `b func` for a function the
// program's own module defines further down, not defined yet at that moment.
func TestFunctionBreakpointSetOnEntryBindsInTheRunningProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_locals.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program, "stopOnEntry": true})
		s.ConfigurationDone(launch)
		entry := s.WaitForStop()
		if entry.Reason != "entry" {
			t.Fatalf("first stop: %s", entry.Reason)
		}
		bps := s.SetFunctionBreakpoints(daptest.FunctionBreakpoint{Name: "double"})
		if len(bps) != 1 || !bps[0].Verified {
			t.Fatalf("function breakpoint set on entry: %+v", bps)
		}
		s.Continue(entry.ThreadID)
		stop := s.WaitForStop()
		if stop.Reason != "function breakpoint" || stop.Top.Name != "double" || stop.Top.Line != 2 {
			t.Fatalf("stopped: %s in %s:%d", stop.Reason, stop.Top.Name, stop.Top.Line)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}
