package e2e

import (
	"path/filepath"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestStopOnEntryStopsOnTheFirstLineOfTheProgram(t *testing.T) {
	cases := []struct {
		name   string
		launch map[string]any
		file   string // the source the stop is in ("" for -c code)
		line   int
		stdout string
	}{
		{"program", map[string]any{"program": daptest.Testdata("entry_point.py"), "args": []string{"a"}},
			"entry_point.py", 1, "entered ['a']\n"},
		{"module", map[string]any{"module": "pkg", "cwd": daptest.Testdata("")},
			"__main__.py", 1, "module __main__ pkg.__main__ []\n"},
		{"code", map[string]any{"code": "x = 1\nprint('code', x)"},
			"", 1, "code 1\n"},
		{"program under the bootstrap (-I)", map[string]any{"program": daptest.Testdata("entry_point.py"), "pythonArgs": []string{"-I"}},
			"entry_point.py", 1, "entered []\n"},
		{"module without justMyCode", map[string]any{"module": "pkg", "cwd": daptest.Testdata(""), "justMyCode": false},
			"__main__.py", 1, "module __main__ pkg.__main__ []\n"},
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := daptest.Start(t)
				args := map[string]any{"stopOnEntry": true}
				for k, v := range c.launch {
					args[k] = v
				}
				launch := s.Launch(py, args)
				s.ConfigurationDone(launch)
				stop := s.WaitForStop()
				if stop.Reason != "entry" || stop.Top.Name != "<module>" || stop.Top.Line != c.line ||
					filepath.Base(stop.Top.Source.Path) != c.file && !(c.file == "" && stop.Top.Source.Name == "<string>") {
					t.Errorf("entry stop %s at %s in %+v", stop.Reason, stop.Where(), stop.Top.Source)
				}
				if c.launch["justMyCode"] == nil && len(stop.Frames) != 1 {
					t.Errorf("stack below the program: %s", stop.Where())
				}
				if c.launch["justMyCode"] == false {
					// runpy runs the module: shown, but as not the user's.
					if len(stop.Frames) < 2 {
						t.Errorf("no runpy frames: %s", stop.Where())
					}
					for _, f := range stop.Frames[1:] {
						if f.PresentationHint != "subtle" || filepath.Base(f.Source.Path) != "runpy.py" {
							t.Errorf("frame below the module: %+v", f)
						}
					}
				}
				s.ContinueToExit(stop.ThreadID, 0)
				wantStdout(t, s, c.stdout)
			})
		}
	})
}

func TestStopOnEntryWithABreakpointOnTheFirstLineStopsOnce(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("entry_point.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program, "stopOnEntry": true})
		s.SetBreakpoints(program, 1)
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		if stop.Reason != "breakpoint" || stop.Top.Line != 1 {
			t.Errorf("stop %s at %s", stop.Reason, stop.Where())
		}
		s.ContinueToExit(stop.ThreadID, 0)
		if n := len(s.Events("stopped")); n != 1 {
			t.Errorf("%d stops, want 1", n)
		}
	})
}
