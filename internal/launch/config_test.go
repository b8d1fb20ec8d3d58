package launch

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
)

func TestParseConfigAcceptsDebugpyShapes(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "app.py")
	if err := os.WriteFile(prog, []byte("pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sh := "/bin/sh" // any executable will do as "python" for parsing
	raw := `{"program":"app.py","cwd":` + q(dir) + `,"python":[` + q(sh) + `,"-X","dev"],` +
		`"args":"a b","env":{"A":"1","B":null,"N":3},"justMyCode":false,"stopOnEntry":true}`
	c, err := ParseConfig(json.RawMessage(raw))
	if err != nil {
		t.Fatal(err)
	}
	if c.Program != prog || c.Cwd != dir || strings.Join(c.Args, "|") != "a b" || !c.ShellArgs {
		t.Errorf("target = %q %q %q", c.Program, c.Cwd, c.Args)
	}
	if len(c.Python) != 3 || c.Python[1] != "-X" || c.Python[2] != "dev" {
		t.Errorf("python = %q", c.Python)
	}
	if *c.Env["A"] != "1" || c.Env["B"] != nil || *c.Env["N"] != "3" {
		t.Errorf("env = %v", c.Env)
	}
	if c.JustMyCode || !c.StopOnEntry || c.Console != "internalConsole" {
		t.Errorf("flags = %+v", c)
	}
}

func TestParseConfigErrorsSayWhatIsWrong(t *testing.T) {
	cases := map[string]string{
		`{"module":"m","code":"c"}`:            `exactly one of`,
		`{"module":"m","pythonArgs":"-X"}`:     `"pythonArgs"`,
		`{"module":"m","env":{"A":[1]}}`:       `env "A" must be a string or null`,
		`{"module":"m","python":"/nope/py"}`:   `python "/nope/py" not found`,
		`{"program":"/nope/x.py"}`:             `program "/nope/x.py" does not exist`,
		`{"module":"m","console":"external"}`:  `console "external" is not one of`,
		`[1]`:                                  `arguments do not decode`,
		`{"module":"m","stopOnEntry":"yes"}`:   `"stopOnEntry"`,
		`{"module":"m","cwd":"/nope/nowhere"}`: `cwd "/nope/nowhere" is not a directory`,
	}
	for raw, want := range cases {
		_, err := ParseConfig(json.RawMessage(raw))
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(ce.Text, want) {
			t.Errorf("%s: err = %v, want %q", raw, err, want)
		}
	}
}

func TestBuildCommandPutsTheAgentOnTheStartupHook(t *testing.T) {
	c := Config{Module: "pkg", Args: []string{"x"}, Python: []string{"/py"}, Cwd: "/w",
		Env: map[string]*string{"PYTHONPATH": strPtr("/mine")}}
	cmd := BuildCommand(c, Agent{Dir: "/agent", Address: "127.0.0.1:1", Token: "t"})
	if strings.Join(cmd.Argv, " ") != "/py -m pkg x" {
		t.Errorf("argv = %q", cmd.Argv)
	}
	env := strings.Join(cmd.Env, "\n")
	for _, want := range []string{"PYTHONPATH=/agent:/mine", "DAPPER_ADDRESS=127.0.0.1:1", "DAPPER_TOKEN=t"} {
		if !strings.Contains(env, want) {
			t.Errorf("env lacks %s", want)
		}
	}
	c.PythonArgs = []string{"-I"}
	cmd = BuildCommand(c, Agent{Dir: "/agent", Address: "127.0.0.1:1", Token: "t"})
	if strings.Join(cmd.Argv, " ") != "/py -I /agent/dapper_bootstrap.py 127.0.0.1:1 -- -m pkg x" {
		t.Errorf("bootstrap argv = %q", cmd.Argv)
	}
	for _, kv := range BuildCommand(c, Agent{}).Env {
		if strings.HasPrefix(kv, "DAPPER_ADDRESS=") || strings.HasPrefix(kv, "DAPPER_TOKEN=") {
			t.Errorf("noDebug command carries the agent: %s", kv) // DAPPER_TEST_PYTHONS may be set
		}
	}
}

func TestCompleteUTF8NeverSplitsACharacter(t *testing.T) {
	s := []byte("aé€😀")
	for cut := 0; cut <= len(s); cut++ {
		n := dap.WholeRunes(s[:cut])
		if n > cut || !strings.HasPrefix(string(s), string(s[:n])) || !validPrefix(s[:n]) {
			t.Errorf("cut %d: kept %d", cut, n)
		}
	}
}

func validPrefix(b []byte) bool { return strings.ToValidUTF8(string(b), "?") == string(b) }

func q(s string) string { b, _ := json.Marshal(s); return string(b) }

func strPtr(s string) *string { return &s }

func TestParseConfigDefaultsAreDebugpys(t *testing.T) {
	c, err := ParseConfig(json.RawMessage(`{"module":"pkg","python":"/bin/sh"}`))
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if c.Cwd != wd || c.Console != "internalConsole" || !c.JustMyCode || c.StopOnEntry || c.NoDebug {
		t.Errorf("defaults = %+v", c)
	}
	if len(c.Env) != 0 || len(c.Args) != 0 || len(c.Python) != 1 || c.Python[0] != "/bin/sh" {
		t.Errorf("env %v, args %q, python %q", c.Env, c.Args, c.Python)
	}
	if _, err := ParseConfig(nil); err == nil || !strings.Contains(err.Error(), "exactly one of") {
		t.Errorf("no arguments: err = %v", err)
	}
}
