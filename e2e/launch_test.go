package e2e

import (
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
