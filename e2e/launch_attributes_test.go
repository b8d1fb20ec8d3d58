package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// runToExit launches args (python is not added), lets the program run and returns
// its stdout once it has exited with code 0.
func runToExit(t *testing.T, s *daptest.Session, args map[string]any) string {
	t.Helper()
	s.Initialize()
	seq := s.Send("launch", args)
	s.WaitEvent("initialized")
	s.MustRequest("configurationDone", nil, nil)
	if m := s.WaitResponse(seq); !m.Success {
		t.Fatalf("launch failed: %s", m.ErrMessage)
	}
	s.ExpectExit(0)
	return s.Output("stdout")
}

func TestEnvFileCodeLinesAndTheProgramsDirectory(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		dir := t.TempDir()
		envFile := filepath.Join(dir, "app.env")
		if err := os.WriteFile(envFile, []byte("# settings\nexport FOO='from the file'\nBAR=1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		program := daptest.Testdata("argv_env.py")
		out := runToExit(t, daptest.Start(t), map[string]any{"python": py.Path, "program": program, "envFile": envFile})
		if !strings.Contains(out, "FOO from the file\n") || !strings.Contains(out, "cwd "+filepath.Dir(program)+"\n") {
			t.Errorf("stdout = %q: want FOO from the env file and the program's directory as cwd", out)
		}
		out = runToExit(t, daptest.Start(t), map[string]any{"python": py.Path, "program": program, "envFile": envFile,
			"env": map[string]any{"FOO": "from env"}})
		if !strings.Contains(out, "FOO from env\n") {
			t.Errorf("stdout = %q: env wins over envFile", out)
		}
		out = runToExit(t, daptest.Start(t), map[string]any{"python": py.Path,
			"code": []string{"import os", "print('code in lines', os.environ['BAR'])"}, "envFile": envFile})
		if out != "code in lines 1\n" {
			t.Errorf("code as lines: stdout = %q", out)
		}
	})
}

func TestVirtualEnvAndPythonPathNameTheInterpreter(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		venv := filepath.Join(t.TempDir(), "venv")
		if out, err := exec.Command(py.Path, "-m", "venv", "--without-pip", venv).CombinedOutput(); err != nil {
			t.Fatalf("making a virtual environment: %v\n%s", err, out)
		}
		code := "import sys; print(sys.prefix)"
		out := runToExit(t, daptest.Start(t), map[string]any{"code": code, "env": map[string]any{"VIRTUAL_ENV": venv}})
		if strings.TrimSpace(out) != venv {
			t.Errorf("with VIRTUAL_ENV set and no python, sys.prefix = %q, want %q", out, venv)
		}
		out = runToExit(t, daptest.Start(t), map[string]any{"code": "import sys; print(sys.executable)", "pythonPath": py.Path})
		if strings.TrimSpace(out) != py.Path {
			t.Errorf("pythonPath: sys.executable = %q, want %q", out, py.Path)
		}
	})
}

func TestDebugOptionsAreTheLegacyFlags(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py"), "debugOptions": []string{"StopOnEntry"}})
		s.ConfigurationDone(launch)
		if stop := s.WaitForStop(); stop.Reason != "entry" {
			t.Errorf("stopped for %q, want entry", stop.Reason)
		}
	})
}

func TestRedirectOutput(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py"), "redirectOutput": false})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		if out := s.Output("stdout"); out != "" {
			t.Errorf("redirectOutput false: stdout events %q", out)
		}

		s = daptest.StartEditor(t, terminalEditor)
		launch = s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py"), "console": "integratedTerminal",
			"redirectOutput": true})
		term, _ := s.Terminal()
		s.ConfigurationDone(launch)
		term.Expect("hello, world")
		s.ExpectExit(0)
		if out := s.Output("stdout"); out != "hello, world\n" {
			t.Errorf("redirectOutput true in a terminal: stdout events %q", out)
		}
	})
}

func TestSubProcessFalseKeepsChildrenWithoutTheAgent(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("child_env.py")
		for _, c := range []struct {
			subProcess bool
			want       string
		}{{true, "True"}, {false, "False"}} {
			out := runToExit(t, daptest.Start(t), map[string]any{"python": py.Path, "program": program, "subProcess": c.subProcess})
			if want := fmt.Sprintf("the child has the agent: %s\n", c.want); out != want {
				t.Errorf("subProcess %v: stdout = %q, want %q", c.subProcess, out, want)
			}
		}
	})
}

func TestUnknownAttributesAreNamedOnceAndIgnored(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py"), "noSuchAttribute": 1,
			"type": "python", "name": "mine", "request": "launch"})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		console := s.Output("console")
		if strings.Count(console, "noSuchAttribute") != 1 || strings.Contains(console, `"name"`) {
			t.Errorf("console = %q: want noSuchAttribute named once, and nothing of the editor's own", console)
		}
	})
}

func TestSudoNeedsATerminal(t *testing.T) {
	s := daptest.Start(t)
	msg := launchError(t, s, map[string]any{"program": daptest.Testdata("hello.py"), "sudo": true})
	if !strings.Contains(msg, `"sudo" needs a terminal console`) {
		t.Errorf("error = %q", msg)
	}
}
