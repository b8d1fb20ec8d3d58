package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestHelloWorldPrintsAndExitsZero(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py")})
		process := s.WaitEvent("process")
		if !strings.Contains(string(process.Body), `"startMethod":"launch"`) ||
			!strings.Contains(string(process.Body), `"isLocalProcess":true`) {
			t.Errorf("process event: %s", process.Body)
		}
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "hello, world\n" {
			t.Errorf("stdout = %q", got)
		}
		s.Disconnect(nil)
		s.WaitClosed()
	})
}

func TestSysExitCodeIsReported(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("exit_code.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(3)
		if got := s.Output("stdout"); got != "about to exit\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

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
		if stop.Reason != "breakpoint" || len(stop.HitBreakpointIDs) != 1 || stop.HitBreakpointIDs[0] != bps[0].ID {
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
		locals := s.Locals(stop.Top.ID)
		if locals["number"].Value != "21" || locals["result"].Value != "42" || locals["result"].Type != "int" {
			t.Errorf("locals of double = %+v", locals)
		}
		if callers := s.Locals(stop.Frames[1].ID); callers["greeting"].Value != "'hi'" {
			t.Errorf("locals of main = %+v", callers)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "hi 42\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestStdoutAndStderrKeepTheirInterleaving(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("interleaved.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		var want strings.Builder
		for i := 0; i < 200; i++ {
			fmt.Fprintf(&want, "stdout:out %d\n|stderr:err %d\n|stdout:part-|stderr:E%d\n|", i, i, i)
		}
		if seq := outputSequence(t, s); seq != want.String() {
			t.Errorf("output order differs.\n got: %.300s\nwant: %.300s", seq, want.String())
		}
	})
}

// outputSequence renders stdout/stderr events as "category:text|", merging adjacent
// events of one category, so that only the order of the streams matters.
func outputSequence(t *testing.T, s *daptest.Session) string {
	t.Helper()
	var b strings.Builder
	last := ""
	for _, m := range s.Events("output") {
		cat, text := outputBody(m.Body)
		if cat != "stdout" && cat != "stderr" {
			continue
		}
		for _, piece := range strings.SplitAfter(text, "\n") {
			if piece == "" {
				continue
			}
			if cat != last && last != "" {
				b.WriteString("|")
			}
			if cat != last {
				b.WriteString(cat + ":")
			}
			b.WriteString(piece)
			last = cat
			if strings.HasSuffix(piece, "\n") {
				b.WriteString("|")
				last = ""
			}
		}
	}
	return b.String()
}

func outputBody(body []byte) (category, text string) {
	var b struct {
		Category string `json:"category"`
		Output   string `json:"output"`
	}
	_ = json.Unmarshal(body, &b)
	return b.Category, b.Output
}

func TestTenMegabytesOfOutputArriveWhole(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("big_output.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		out := s.Output("stdout")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		var n, size int
		if _, err := fmt.Sscanf(s.Output("stderr"), "lines=%d bytes=%d", &n, &size); err != nil {
			t.Fatalf("stderr = %q", s.Output("stderr"))
		}
		if len(out) != size || len(lines) != n {
			t.Fatalf("got %d bytes in %d lines, want %d bytes in %d lines", len(out), len(lines), size, n)
		}
		for i, line := range lines {
			if !strings.HasPrefix(line, fmt.Sprintf("%08d ", i)) {
				t.Fatalf("line %d is %.40q", i, line)
			}
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
		if v := s.Locals(stop.Top.ID)["value"].Value; v != "42" {
			t.Errorf("value = %q", v)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		s.Disconnect(nil)
		s.WaitClosed()
	})
}

func TestArgsCwdAndEnvReachTheProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		dir := t.TempDir()
		launch := s.Launch(py, map[string]any{
			"program": daptest.Testdata("argv_env.py"),
			"args":    []string{"one", "two words"},
			"cwd":     dir,
			"env":     map[string]any{"FOO": "bar", "HOME": nil},
		})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		real, _ := filepath.EvalSymlinks(dir)
		want := fmt.Sprintf("argv ['one', 'two words']\ncwd %s\nFOO bar\nHOME set False\npath0 %s\nmain file %s\n",
			real, daptest.Testdata(""), daptest.Testdata("argv_env.py"))
		if got := s.Output("stdout"); got != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
		}
	})
}

func TestModuleAndCodeTargets(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"module": "pkg", "args": []string{"a"}, "cwd": daptest.Testdata("")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "module __main__ pkg.__main__ ['a']\n" {
			t.Errorf("module stdout = %q", got)
		}

		c := daptest.Start(t)
		launch = c.Launch(py, map[string]any{"code": "import sys; print('code', sys.argv)", "args": []string{"x"}})
		c.ConfigurationDone(launch)
		c.ExpectExit(0)
		if got := c.Output("stdout"); got != "code ['-c', 'x']\n" {
			t.Errorf("code stdout = %q", got)
		}
	})
}

func TestIsolatedModeFallsBackToBootstrap(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("breakpoint_locals.py")
		launch := s.Launch(py, map[string]any{"program": program, "pythonArgs": []string{"-I"}})
		s.SetBreakpoints(program, 3)
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		if stop.Top.Name != "double" {
			t.Errorf("stopped in %s", stop.Top.Name)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "hi 42\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestNoDebugRunsWithoutTheAgent(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("exit_code.py"), "noDebug": true})
		s.ConfigurationDone(launch)
		s.ExpectExit(3)
		if got := s.Output("stdout"); got != "about to exit\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}
