package launch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// parse decodes a configuration whose interpreter is /bin/sh (any executable will
// do for decoding) unless raw names one.
func parse(t *testing.T, raw string) (Config, error) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m["python"]; !ok {
		if _, ok := m["pythonPath"]; !ok {
			m["python"] = "/bin/sh"
		}
	}
	b, _ := json.Marshal(m)
	return ParseConfig(b)
}

func TestParseConfigDecodesDebugpysAttributes(t *testing.T) {
	wd, _ := os.Getwd()
	dir := t.TempDir()
	prog := filepath.Join(dir, "app.py")
	if err := os.WriteFile(prog, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, raw string
		check     func(c Config) bool
	}{
		{"pythonPath is python's old name", `{"module":"m","pythonPath":"/bin/sh"}`,
			func(c Config) bool { return reflect.DeepEqual(c.Python, []string{"/bin/sh"}) }},
		{"code as lines", `{"code":["import sys","print(1)"]}`,
			func(c Config) bool { return c.Code == "import sys\nprint(1)" }},
		{"args as one string is for a shell", `{"module":"m","args":"a 'b c' $HOME"}`,
			func(c Config) bool { return c.ShellArgs && reflect.DeepEqual(c.Args, []string{"a 'b c' $HOME"}) }},
		{"cwd omitted: a program runs in its own directory", `{"program":` + q(prog) + `}`,
			func(c Config) bool { return c.Cwd == dir && c.Program == prog }},
		{"cwd omitted: a module runs in the adapter's", `{"module":"m"}`,
			func(c Config) bool { return c.Cwd == wd }},
		{"defaults", `{"module":"m"}`, func(c Config) bool {
			return c.JustMyCode && c.ShowReturnValue && c.SubProcess && c.SteppingResumesAllThreads &&
				c.StopAllThreadsOnSuspend && c.OnTerminate == "KeyboardInterrupt" && c.RedirectOutput == nil &&
				c.BreakOnSystemExit == nil && c.Redirects() && !c.Sudo
		}},
		{"debugOptions flags", `{"module":"m","debugOptions":["StopOnEntry","RedirectOutput","DebugStdLib",` +
			`"BreakOnSystemExitZero","WaitOnNormalExit","WaitOnAbnormalExit","Sudo"]}`, func(c Config) bool {
			return c.StopOnEntry && *c.RedirectOutput && !c.JustMyCode && c.BreakOnSystemExitZero &&
				c.WaitOnNormalExit && c.WaitOnAbnormalExit && c.Sudo
		}},
		{"debugStdLib", `{"module":"m","debugStdLib":true}`, func(c Config) bool { return !c.JustMyCode }},
		{"justMyCode wins over debugStdLib", `{"module":"m","debugStdLib":true,"justMyCode":true}`,
			func(c Config) bool { return c.JustMyCode }},
		{"breakOnSystemExit", `{"module":"m","breakOnSystemExit":[1,{"from":3,"to":5}]}`,
			func(c Config) bool { return reflect.DeepEqual(c.BreakOnSystemExit, []ExitRange{{1, 1}, {3, 5}}) }},
		{"breakOnSystemExit empty: never", `{"module":"m","breakOnSystemExit":[]}`,
			func(c Config) bool { return c.BreakOnSystemExit != nil && len(c.BreakOnSystemExit) == 0 }},
		{"variablePresentation", `{"module":"m","variablePresentation":{"all":"hide","protected":"inline"}}`,
			func(c Config) bool {
				return reflect.DeepEqual(c.VariablePresentation,
					map[string]string{"special": "hide", "function": "hide", "class": "hide", "protected": "inline"})
			}},
		{"rules", `{"module":"m","rules":[{"path":"/lib/**","include":true},{"module":"requests","include":false}]}`,
			func(c Config) bool {
				return reflect.DeepEqual(c.Rules, []Rule{{Path: "/lib/**", Include: true}, {Module: "requests"}})
			}},
		{"onTerminate", `{"module":"m","onTerminate":"SystemExit"}`,
			func(c Config) bool { return c.OnTerminate == "SystemExit" }},
		{"switches", `{"module":"m","steppingResumesAllThreads":false,"stopAllThreadsOnSuspend":false,` +
			`"subProcess":false,"showReturnValue":false,"consoleTitle":"T","console":"externalTerminal"}`,
			func(c Config) bool {
				return !c.SteppingResumesAllThreads && !c.StopAllThreadsOnSuspend && !c.SubProcess &&
					!c.ShowReturnValue && c.ConsoleTitle == "T" && c.Console == "externalTerminal" && !c.Redirects()
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parse(t, tc.raw)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(c) {
				t.Errorf("%s decoded as %+v", tc.raw, c)
			}
		})
	}
}

func TestParseConfigRefusesContradictions(t *testing.T) {
	cases := map[string]string{
		`{"module":"m","python":"/bin/sh","pythonPath":"/bin/sh"}`:          `"python" or its old name "pythonPath", not both`,
		`{"module":"m","stopOnEntry":false,"debugOptions":["StopOnEntry"]}`: `contradict each other`,
		`{"module":"m","breakOnSystemExit":["x"]}`:                          `neither an exit code nor`,
		`{"module":"m","breakOnSystemExit":{"from":1}}`:                     `must be an array`,
		`{"module":"m","variablePresentation":{"special":"fold"}}`:          `must be "group", "inline" or "hide"`,
		`{"module":"m","variablePresentation":{"dunder":"hide"}}`:           `"dunder" is not one of`,
		`{"module":"m","rules":[{"path":"x","module":"y"}]}`:                `exactly one of "path" or "module"`,
		`{"module":"m","onTerminate":"kill"}`:                               `"onTerminate" "kill" is not`,
		`{"module":"m","envFile":"/"}`:                                      `envFile "/" cannot be read`,
	}
	for raw, want := range cases {
		_, err := parse(t, raw)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", raw, err, want)
		}
	}
}

func TestEnvFileIsReadAndEnvWins(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".env")
	if err := os.WriteFile(file, []byte("A=from file\nB=from file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := parse(t, `{"module":"m","cwd":`+q(dir)+`,"envFile":".env","env":{"B":"from env"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if *c.Env["A"] != "from file" || *c.Env["B"] != "from env" {
		t.Errorf("env = A %q, B %q", *c.Env["A"], *c.Env["B"])
	}
}

func TestParseDotenv(t *testing.T) {
	text := "# a comment\n\nPLAIN=value\nexport EXPORTED=yes\nSPACED = padded value  \n" +
		"SINGLE='kept $AS \\n is'\nDOUBLE=\"line\\nnext \\\"quoted\\\"\"\nTRAILING=value # comment\n" +
		"EMPTY=\nHASH='a # b' # c\r\nURL=http://x/#frag\n"
	got, err := ParseDotenv(text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"PLAIN": "value", "EXPORTED": "yes", "SPACED": "padded value", "SINGLE": `kept $AS \n is`,
		"DOUBLE": "line\nnext \"quoted\"", "TRAILING": "value", "EMPTY": "", "HASH": "a # b", "URL": "http://x/#frag",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for _, bad := range []string{"NOEQUALS", "A='open", `B="x" y`, "TWO WORDS=1"} {
		if _, err := ParseDotenv(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestVirtualEnvGivesTheDefaultInterpreter(t *testing.T) {
	venv := t.TempDir()
	python := filepath.Join(venv, "bin", "python")
	if err := os.MkdirAll(filepath.Dir(python), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(python, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VIRTUAL_ENV", venv)
	c, err := ParseConfig(json.RawMessage(`{"module":"m"}`))
	if err != nil || !reflect.DeepEqual(c.Python, []string{python}) {
		t.Errorf("python = %q, %v; want the virtual environment's", c.Python, err)
	}
	c, err = ParseConfig(json.RawMessage(`{"module":"m","env":{"VIRTUAL_ENV":null}}`))
	if err != nil || reflect.DeepEqual(c.Python, []string{python}) {
		t.Errorf("with VIRTUAL_ENV removed, python = %q, %v", c.Python, err)
	}
}

func TestForClientFitsTheConsoleToTheClient(t *testing.T) {
	terminal := ClientSupport{RunInTerminal: true}
	cases := []struct {
		name, raw    string
		client       ClientSupport
		console, err string
		notes        int
	}{
		{"terminal", `{"module":"m","console":"integratedTerminal"}`, terminal, "integratedTerminal", "", 0},
		{"no runInTerminal", `{"module":"m","console":"integratedTerminal"}`, ClientSupport{}, "internalConsole", "", 1},
		{"shell args need the capability", `{"module":"m","console":"integratedTerminal","args":"a"}`, terminal, "",
			"argsCanBeInterpretedByShell", 0},
		{"shell args with it", `{"module":"m","console":"integratedTerminal","args":"a"}`,
			ClientSupport{RunInTerminal: true, ShellArgs: true}, "integratedTerminal", "", 0},
		{"shell args need a terminal", `{"module":"m","args":"a"}`, ClientSupport{ShellArgs: true}, "",
			"needs a terminal console", 0},
		{"sudo needs a terminal", `{"module":"m","sudo":true}`, terminal, "", `"sudo" needs a terminal`, 0},
		{"waiting needs a terminal", `{"module":"m","waitOnAbnormalExit":true}`, terminal, "internalConsole", "", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parse(t, tc.raw)
			if err != nil {
				t.Fatal(err)
			}
			notes, err := c.ForClient(tc.client)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || c.Console != tc.console || len(notes) != tc.notes {
				t.Errorf("console %q, notes %q, err %v", c.Console, notes, err)
			}
		})
	}
}

func TestAttributeNotesNameWhatIsUnknownOnce(t *testing.T) {
	vscode := `{"type":"debugpy","request":"launch","name":"Python: Current File","program":"/x.py",` +
		`"console":"integratedTerminal","__configurationTarget":6,"__sessionId":"abc","justMyCode":true,` +
		`"presentation":{"hidden":false},"internalConsoleOptions":"neverOpen","purpose":[],"debugOptions":["ShowReturnValue"],` +
		`"pythonPath":"/usr/bin/python3","envFile":"/x/.env","showReturnValue":true,"cwd":"/x","django":false}`
	if notes := AttributeNotes("launch", json.RawMessage(vscode), LaunchAttributes, CommonAttributes); len(notes) != 0 {
		t.Errorf("VS Code's configuration: %q", notes)
	}
	notes := AttributeNotes("launch", json.RawMessage(`{"program":"x","zz":1,"aa":true,"gevent":true}`),
		LaunchAttributes, CommonAttributes)
	want := []string{`launch: ignoring attributes Dapper does not know: "aa", "zz"`,
		`launch: "gevent": not supported by Dapper; no effect`}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("notes = %q, want %q", notes, want)
	}
}
