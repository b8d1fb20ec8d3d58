package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

var terminalEditor = daptest.Editor{RunInTerminal: true}

// vscodeConfiguration is what VS Code's Python debugger sends for "Python Debugger:
// Current File" once its resolver has filled it in.
func vscodeConfiguration(program string) map[string]any {
	return map[string]any{
		"type": "debugpy", "request": "launch", "name": "Python Debugger: Current File", "program": program,
		"console": "integratedTerminal", "cwd": filepath.Dir(program), "envFile": filepath.Dir(program) + "/.env",
		"justMyCode": true, "showReturnValue": true, "internalConsoleOptions": "neverOpen", "purpose": []string{},
		"__configurationTarget": 6, "__sessionId": "9c1d7c2e-2a4b-4f1e-8a37-5f6c1f0e1d2a", "clientOS": "unix",
		"debugOptions": []string{"ShowReturnValue"}, "pythonArgs": []string{},
	}
}

func TestVSCodeDefaultConfigurationRunsInTheTerminal(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, terminalEditor)
		program := daptest.Testdata("asks_for_input.py")
		launch := s.Launch(py, vscodeConfiguration(program))
		term, req := s.Terminal()
		var args struct {
			Kind, Title, Cwd string
			Args             []string
			Env              map[string]*string
		}
		_ = json.Unmarshal(req.Arguments, &args)
		if args.Kind != "integrated" || args.Title != "asks_for_input.py" || args.Cwd != filepath.Dir(program) {
			t.Errorf("runInTerminal: %s", req.Arguments)
		}
		if token := args.Env["DAPPER_LAUNCHER_TOKEN"]; token == nil || strings.Contains(strings.Join(args.Args, " "), *token) {
			t.Errorf("the token is not in the environment, or on the command line: %s", req.Arguments)
		}
		process := eventBodyOf[godap.ProcessEventBody](s.WaitEvent("process"))
		if process.SystemProcessId == 0 || process.SystemProcessId == term.Pid() || process.PointerSize != 64 {
			t.Errorf("process event: %+v (the launcher is %d)", process, term.Pid())
		}
		s.SetBreakpoints(program, s.LineOf(program, "# @answered"))
		s.ConfigurationDone(launch)
		term.Expect("name? ")
		term.Type("Ada\r")
		stop := s.WaitForStop()
		if got := s.Evaluate(stop.Top.Id, "name", "watch", nil); got.Result != "'Ada'" {
			t.Errorf("name = %s", got.Result)
		}
		s.Continue(stop.ThreadID)
		term.Expect("hello Ada")
		term.Expect("stdin is a terminal: True")
		s.ExpectExit(0)
		term.ExpectExit(0)
		if out := s.Output("stdout") + s.Output("stderr"); out != "" {
			t.Errorf("the terminal's output came as output events too: %q", out)
		}
		if console := s.Output("console"); strings.Contains(console, "does not know") {
			t.Errorf("VS Code's own attributes were called unknown: %q", console)
		}
	})
}

func TestNvimDapPythonDefaultRunsTheInterpreterItNames(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, terminalEditor)
		program := daptest.Testdata("asks_for_input.py")
		launch := s.Launch(py, map[string]any{
			"type": "python", "request": "launch", "name": "file", "program": program,
			"console": "integratedTerminal", "pythonPath": py.Path,
		})
		term, _ := s.Terminal()
		s.ConfigurationDone(launch)
		term.Expect("name? ")
		term.Type("Grace\r")
		term.Expect("hello Grace")
		term.Expect("executable " + py.Path)
		s.ExpectExit(0)
	})
}

func TestExitCodesComeFromTheTerminalsProgram(t *testing.T) {
	cases := []struct {
		name    string
		program string
		args    []string
		code    int
	}{
		{"zero", "hello.py", nil, 0},
		{"three", "exit_code.py", nil, 3},
		{"a signal", "killed_by_signal.py", nil, -15},
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := daptest.StartEditor(t, terminalEditor)
				launch := s.Launch(py, map[string]any{"program": daptest.Testdata(c.program), "console": "integratedTerminal"})
				term, _ := s.Terminal()
				s.ConfigurationDone(launch)
				s.ExpectExit(c.code) // exited, then terminated
				want := c.code
				if want < 0 {
					want = 128 - want
				}
				term.ExpectExit(want)
				var order []string
				for _, e := range s.Messages() {
					if e.Msg.IsEvent() && (e.Msg.Event == "exited" || e.Msg.Event == "terminated") {
						order = append(order, e.Msg.Event)
					}
				}
				if strings.Join(order, " ") != "exited terminated" {
					t.Errorf("events: %v", order)
				}
			})
		}
	})
}

func TestAClientWithoutRunInTerminalGetsTheInternalConsole(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("hello.py"), "console": "integratedTerminal"})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "hello, world\n" {
			t.Errorf("stdout = %q", got)
		}
		if console := s.Output("console"); !strings.Contains(console, `runs as "internalConsole"`) {
			t.Errorf("console = %q: the fallback is not said", console)
		}
	})
}

func TestTerminateInATerminalRunsNoFurtherLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, terminalEditor)
		program := daptest.Testdata("stop_means_stop.py")
		marker := filepath.Join(t.TempDir(), "written")
		launch := s.Launch(py, map[string]any{"program": program, "args": []string{marker}, "console": "integratedTerminal"})
		term, _ := s.Terminal()
		s.SetBreakpoints(program, s.LineOf(program, "# @stop"))
		s.ConfigurationDone(launch)
		s.WaitForStop()
		s.MustRequest("terminate", nil, nil)
		s.WaitEvent("exited")
		s.WaitEvent("terminated")
		term.Expect("finally ran")
		term.Expect("atexit ran")
		if strings.Contains(term.Screen(), "after the breakpoint") || fileExists(marker) {
			t.Errorf("the line after the breakpoint ran:\n%s", term.Screen())
		}
	})
}

func TestWaitOnExitKeepsTheTerminalUntilAKey(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, terminalEditor)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("exit_code.py"),
			"console": "externalTerminal", "waitOnAbnormalExit": true, "waitOnNormalExit": false})
		term, req := s.Terminal()
		if !strings.Contains(string(req.Arguments), `"kind":"external"`) {
			t.Errorf("runInTerminal: %s", req.Arguments)
		}
		s.ConfigurationDone(launch)
		s.ExpectExit(3)
		term.Expect("Press any key to continue . . . ")
		term.Type("x")
		term.ExpectExit(3)
	})
}

func TestARefusedRunInTerminalFailsTheLaunch(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, daptest.Editor{RunInTerminal: true, Refuse: "no terminal here"})
		s.Initialize()
		seq := s.Send("launch", map[string]any{"python": py.Path, "program": daptest.Testdata("hello.py"),
			"console": "integratedTerminal"})
		m := s.WaitResponse(seq)
		if m.Success || !strings.Contains(m.ErrMessage, "could not run the program in a terminal: no terminal here") {
			t.Errorf("launch: %s", m.Raw)
		}
	})
}

func TestArgsAsAStringAreForTheTerminalsShell(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, daptest.Editor{RunInTerminal: true, ShellArgs: true})
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("argv_env.py"), "console": "integratedTerminal",
			"args": `"two words" $FOO`, "env": map[string]any{"FOO": "expanded"}})
		term, _ := s.Terminal()
		s.ConfigurationDone(launch)
		term.Expect("argv ['two words', 'expanded']")
		s.ExpectExit(0)

		refused := daptest.Start(t)
		refused.Initialize()
		seq := refused.Send("launch", map[string]any{"python": py.Path, "program": daptest.Testdata("argv_env.py"),
			"args": "a b"})
		if m := refused.WaitResponse(seq); m.Success || !strings.Contains(m.ErrMessage, "give \"args\" as an array") {
			t.Errorf("launch with args as a string on the internal console: %s", m.Raw)
		}
	})
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// eventBodyOf decodes an event's body as a T.
func eventBodyOf[T any](m dap.Message) T {
	var body T
	_ = json.Unmarshal(m.Body, &body)
	return body
}
