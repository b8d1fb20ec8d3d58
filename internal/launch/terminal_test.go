package launch

import (
	"reflect"
	"strings"
	"testing"
)

func TestTerminalRequestRunsTheLauncherWithTheTokenInTheEnvironment(t *testing.T) {
	c := Config{Module: "pkg", Args: []string{"x y"}, Python: []string{"/py"}, Cwd: "/w", Console: "integratedTerminal",
		WaitOnAbnormalExit: true, Env: map[string]*string{"GONE": nil}}
	req := BuildTerminalRequest(c, Agent{Dir: "/agent", Address: "127.0.0.1:1", Token: "secret"},
		Launcher{Binary: "/bin/dapper", Address: "127.0.0.1:2", Token: "secret"}, map[string]string{"DAPPER_LOG_DIR": "/logs"})
	want := []string{"/bin/dapper", "launcher", "--wait-on-abnormal-exit", "--", "/py", "-m", "pkg", "x y"}
	if !reflect.DeepEqual(req.Args, want) {
		t.Errorf("args = %q, want %q", req.Args, want)
	}
	if strings.Contains(strings.Join(req.Args, " "), "secret") {
		t.Errorf("the token is on the command line: %q", req.Args)
	}
	if req.Kind != "integrated" || req.Title != "pkg" || req.Cwd != "/w" || req.ArgsCanBeInterpretedByShell {
		t.Errorf("request = %+v", req)
	}
	for k, v := range map[string]string{"DAPPER_LAUNCHER_ADDRESS": "127.0.0.1:2", "DAPPER_LAUNCHER_TOKEN": "secret",
		"DAPPER_ADDRESS": "127.0.0.1:1", "DAPPER_TOKEN": "secret", "DAPPER_LAUNCHER_PYTHONPATH": "/agent",
		"DAPPER_LOG_DIR": "/logs"} {
		if got := req.Env[k]; got == nil || *got != v {
			t.Errorf("env %s = %v, want %q", k, got, v)
		}
	}
	if got, ok := req.Env["GONE"]; !ok || got != nil {
		t.Errorf("env GONE = %v, %v: want a null that removes it", got, ok)
	}
	if _, ok := req.Env["PYTHONUNBUFFERED"]; ok {
		t.Errorf("a terminal's program is buffered as a plain python's is")
	}
}

func TestTerminalRequestLeavesShellArgsToTheShell(t *testing.T) {
	c := Config{Program: "/my app.py", Args: []string{"$HOME *.txt"}, ShellArgs: true, Python: []string{"/py"},
		Console: "externalTerminal", ConsoleTitle: "Mine", Sudo: true}
	req := BuildTerminalRequest(c, Agent{}, Launcher{Binary: "/bin/dapper"}, nil)
	want := []string{"sudo", "-E", "/bin/dapper", "launcher", "--", "/py", "'/my app.py'", "$HOME *.txt"}
	if !reflect.DeepEqual(req.Args, want) || !req.ArgsCanBeInterpretedByShell {
		t.Errorf("args = %q (shell: %v), want %q", req.Args, req.ArgsCanBeInterpretedByShell, want)
	}
	if req.Kind != "external" || req.Title != "Mine" {
		t.Errorf("kind %q, title %q", req.Kind, req.Title)
	}
	if _, ok := req.Env["DAPPER_TOKEN"]; ok {
		t.Errorf("noDebug carries the agent: %v", req.Env)
	}
	if got := shellQuote("it's"); got != `'it'\''s'` {
		t.Errorf("shellQuote = %s", got)
	}
}
