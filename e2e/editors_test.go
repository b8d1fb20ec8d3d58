package e2e

// The README's editor set-ups (its "Editors" section), each read from the README and
// replayed against the real dapper: the initialize arguments the editor sends, then
// the launch or attach request its configuration makes. The editors themselves are not
// here; what they send is taken from their documentation and source, and said below.

import (
	"encoding/json"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// readmeBlock is the first fenced block of lang after the paragraph that starts with
// marker ("**Neovim**") in the README.
func readmeBlock(t *testing.T, marker, lang string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(daptest.RepoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(text), "\n"+marker)
	if !ok {
		t.Fatalf("the README has no %s", marker)
	}
	m := regexp.MustCompile("(?s)\n```" + lang + "\n(.*?)\n```\n").FindStringSubmatch(after)
	if m == nil {
		t.Fatalf("the README's %s has no %s block", marker, lang)
	}
	return m[1] + "\n"
}

// runHarness writes the README's block (SNIPPET) and a harness that reads it into a
// temporary directory, runs argv (HARNESS in it is the harness's path) with env, and
// decodes what the harness wrote to OUT.
func runHarness(t *testing.T, block, harness string, env []string, into any, argv ...string) {
	t.Helper()
	dir := t.TempDir()
	snippet, script, out := filepath.Join(dir, "snippet"), filepath.Join(dir, "harness"), filepath.Join(dir, "out.json")
	for path, text := range map[string]string{snippet: block, script: harness} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range argv {
		argv[i] = strings.ReplaceAll(argv[i], "HARNESS", script)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(append(os.Environ(), "SNIPPET="+snippet, "OUT="+out), env...)
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", argv[0], err, output)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	decode(t, raw, into)
}

// editorInitialize are the initialize arguments each editor sends (nvim-dap's
// session.lua, dape.el, helix-dap's client.rs, Zed's dap client).
var editorInitialize = map[string]map[string]any{
	"nvim-dap": {"clientID": "neovim", "clientName": "neovim", "adapterID": "nvim-dap", "pathFormat": "path",
		"columnsStartAt1": true, "linesStartAt1": true, "supportsRunInTerminalRequest": true,
		"supportsVariableType": true, "supportsProgressReporting": true, "supportsStartDebuggingRequest": true, "locale": "en_US"},
	"dape": {"clientID": "dape", "adapterID": "dapper", "pathFormat": "path", "linesStartAt1": true, "columnsStartAt1": true,
		"supportsRunInTerminalRequest": true, "supportsArgsCanBeInterpretedByShell": true, "supportsProgressReporting": true,
		"supportsStartDebuggingRequest": true},
	"helix": {"clientID": "hx", "clientName": "helix", "adapterID": "dapper", "locale": "en-us", "linesStartAt1": true,
		"columnsStartAt1": true, "pathFormat": "path", "supportsVariableType": true, "supportsVariablePaging": false,
		"supportsRunInTerminalRequest": false, "supportsMemoryReferences": false, "supportsProgressReporting": true,
		"supportsInvalidatedEvent": false},
	"zed": {"clientID": "zed", "clientName": "Zed", "adapterID": "Debugpy", "locale": "en-US", "pathFormat": "path",
		"supportsVariableType": true, "supportsVariablePaging": false, "supportsRunInTerminalRequest": true,
		"supportsMemoryReferences": true, "supportsProgressReporting": false, "supportsInvalidatedEvent": false,
		"linesStartAt1": true, "columnsStartAt1": true, "supportsMemoryEvent": false,
		"supportsArgsCanBeInterpretedByShell": false, "supportsStartDebuggingRequest": true},
}

// editorProgram is the program the launch replays debug: it stops at a breakpoint on
// its line 8, where greeting is 'hi', and prints "hi 42".
var editorProgram = daptest.Testdata("breakpoint_locals.py")

// withPython is config with the interpreter under test as "python", unless the
// configuration names one (an editor's configuration would take python3 on PATH).
func withPython(config map[string]any, py daptest.Python) map[string]any {
	full := maps.Clone(config)
	if full["python"] == nil && full["pythonPath"] == nil {
		full["python"] = py.Path
	}
	return full
}

// replayLaunch plays an editor's launch on s: initialize with its arguments, launch
// with config, the breakpoint at initialized, configurationDone; then the stop, a
// local, and the exit. A terminal console runs in the terminal s's editor opens.
func replayLaunch(t *testing.T, s *daptest.Session, editor string, config map[string]any) {
	t.Helper()
	s.MustRequest("initialize", editorInitialize[editor], nil)
	seq := s.Send("launch", config)
	s.WaitEvent("initialized")
	if bps := s.SetBreakpoints(editorProgram, 8); !bps[0].Verified {
		t.Fatalf("the breakpoint did not bind: %+v", bps[0])
	}
	s.MustRequest("configurationDone", nil, nil)
	if m := s.WaitResponse(seq); !m.Success {
		t.Fatalf("%s's launch %v failed: %s", editor, config, m.ErrMessage)
	}
	var terminal *daptest.Terminal
	if console, _ := config["console"].(string); console == "integratedTerminal" || console == "externalTerminal" {
		terminal, _ = s.Terminal()
	}
	st := s.WaitForStop()
	if got := s.Locals(st.Top.Id)["greeting"].Value; st.Top.Line != 8 || got != "'hi'" {
		t.Fatalf("stopped at %s with greeting = %s", st.Where(), got)
	}
	s.Continue(st.ThreadID)
	s.ExpectExit(0)
	if terminal != nil {
		terminal.Expect("hi 42")
	} else if out := s.Output("stdout"); out != "hi 42\n" {
		t.Errorf("stdout = %q", out)
	}
}

// replayAttach plays an editor's attach to a `dapper run --listen` program on s:
// initialize with its arguments, attach with config, a breakpoint, the stop, the exit.
func replayAttach(t *testing.T, s *daptest.Session, editor string, config map[string]any, run *daptest.Program, stop string) {
	t.Helper()
	program := daptest.Testdata("attach_until_stopped.py")
	s.MustRequest("initialize", editorInitialize[editor], nil)
	seq := s.Send("attach", config)
	s.WaitEvent("initialized")
	s.SetBreakpoints(program, s.LineOf(program, "# @lap"))
	s.MustRequest("configurationDone", nil, nil)
	if m := s.WaitResponse(seq); !m.Success {
		t.Fatalf("%s's attach %v failed: %s", editor, config, m.ErrMessage)
	}
	st := s.WaitForStop()
	if st.Top.Name != "lap" {
		t.Fatalf("stopped at %s", st.Where())
	}
	runToTheEnd(t, s, st, program, stop, run)
}

// listeningPort runs attach_until_stopped.py under `dapper run --listen 0` and
// returns its port.
func listeningPort(t *testing.T, py daptest.Python) (run *daptest.Program, port string, stop string) {
	t.Helper()
	run, addr, stop := untilStopped(t, py, "--listen", "0")
	run.WaitStdout("running")
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return run, port, stop
}

// decode reads JSON that a harness or parser printed.
func decode(t *testing.T, raw []byte, into any) {
	t.Helper()
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatalf("%v in\n%s", err, raw)
	}
}
