package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestBreakpointsBindToTheLineThatRuns(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_binding.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		comment := s.LineOf(program, "@comment")
		blank := s.LineOf(program, "@after-comment") + 1
		trailing := s.LineOf(program, "@trailing")
		bps := s.SetBreakpoints(program, comment, blank, trailing, 999)
		if len(bps) != 4 {
			t.Fatalf("breakpoints = %+v", bps)
		}
		if b := bps[0]; !b.Verified || b.Line != s.LineOf(program, "@after-comment") {
			t.Errorf("on a comment line: %+v", b)
		}
		if b := bps[1]; !b.Verified || b.Line != s.LineOf(program, "@after-blank") {
			t.Errorf("on a blank line: %+v", b)
		}
		if b := bps[2]; b.Verified || b.Line != trailing || !strings.Contains(b.Message, "no code can run") {
			t.Errorf("after the last code line: %+v", b)
		}
		if b := bps[3]; b.Verified || !strings.Contains(b.Message, "past the end") {
			t.Errorf("past the end of the file: %+v", b)
		}
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		at(t, stop, program, "compute", "@after-comment")
		if len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != bps[0].Id {
			t.Errorf("hit %v, want the comment line's breakpoint %d", stop.HitBreakpointIDs, bps[0].Id)
		}
		s.Continue(stop.ThreadID)
		at(t, s.WaitForStop(), program, "compute", "@after-blank")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestBreakpointPathsMatchThroughSymlinksAndDotDot(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		real := daptest.Testdata("breakpoint_locals.py")
		link := filepath.Join(t.TempDir(), "linked.py")
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": link})
		dotted := filepath.Join(filepath.Dir(real), "pkg", "..", filepath.Base(real))
		if b := s.SetBreakpoints(dotted, 3); len(b) != 1 || !b[0].Verified {
			t.Fatalf("breakpoints = %+v", b)
		}
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		if stop.Top.Name != "double" || stop.Top.Line != 3 {
			t.Errorf("stopped at %s", stop.Where())
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestBreakpointInAModuleNotImportedYetBindsWhenItLoads(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("lazy_import.py")
		module := daptest.Testdata("lazy_module.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		line := s.LineOf(module, "@greet")
		bps := s.SetBreakpoints(module, line)
		if len(bps) != 1 || bps[0].Verified || !strings.Contains(bps[0].Message, "not loaded yet") {
			t.Fatalf("before the import: %+v", bps)
		}
		s.ConfigurationDone(launch)
		changed := s.WaitEvent("breakpoint")
		var body struct {
			Reason     string             `json:"reason"`
			Breakpoint daptest.Breakpoint `json:"breakpoint"`
		}
		_ = json.Unmarshal(changed.Body, &body)
		if body.Reason != "changed" || body.Breakpoint.Id != bps[0].Id || !body.Breakpoint.Verified || body.Breakpoint.Line != line {
			t.Errorf("breakpoint event: %s", changed.Body)
		}
		if !strings.Contains(s.Output("stdout"), "before import") {
			t.Errorf("the breakpoint bound before the import ran; stdout %q", s.Output("stdout"))
		}
		stop := s.WaitForStop()
		at(t, stop, module, "greet", "@greet")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestBreakpointSetWhileRunningStopsAFunctionAlreadyOnTheStack(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_while_running.py")
		flag := filepath.Join(t.TempDir(), "done")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program, "args": []string{flag}})
		s.ConfigurationDone(launch)
		s.WaitForOutput("working")
		if b := s.SetBreakpoints(program, s.LineOf(program, "@loop")); !b[0].Verified {
			t.Fatalf("breakpoints = %+v", b)
		}
		stop := s.WaitForStop()
		at(t, stop, program, "work", "@loop")
		s.SetBreakpoints(program)
		if err := os.WriteFile(flag, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "working\nfinished\n")
	})
}

func TestBreakpointInLibraryCodeIsRefusedUnderJustMyCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("library_callback.py")})
		out, err := exec.Command(py.Path, "-c", "import json.decoder; print(json.decoder.__file__)").Output()
		if err != nil {
			t.Fatal(err)
		}
		lib := strings.TrimSpace(string(out))
		line := daptest.LineOf(t, lib, "def raw_decode")
		bps := s.SetBreakpoints(lib, line)
		if len(bps) != 1 || bps[0].Verified || !strings.Contains(bps[0].Message, "justMyCode") {
			t.Errorf("breakpoint in %s: %+v", lib, bps)
		}
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 0 {
			t.Errorf("%d stops", n)
		}
	})
}
