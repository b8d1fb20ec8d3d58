package launch

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzParseConfig: whatever a client sends as launch arguments, ParseConfig answers
// with a launch error that says what is wrong, or a configuration that BuildCommand
// can run. Never a panic.
func FuzzParseConfig(f *testing.F) {
	for _, seed := range []string{
		`{"code":"pass","python":"/bin/sh"}`,
		`{"module":"pkg","args":"a b","python":["/bin/sh","-x"],"pythonArgs":["-I"],"env":{"A":null,"B":1,"C":true}}`,
		`{"program":"config_test.go","cwd":".","console":"internalConsole","justMyCode":false,"noDebug":true}`,
		`{"program":5}`, `{"code":"x","args":[1]}`, `{"code":"x","env":{"A":[]}}`, `{"code":"x","python":[]}`,
		`{"code":"x","python":""}`, `{"code":"x","cwd":"/no/such"}`, `[]`, `null`, ``, `{"code":"x","python":{}}`,
		`{"code":"x","pythonArgs":"-I"}`, `{"code":"x","console":"integratedTerminal"}`, "{\"code\":\"\\u0000\"}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		c, err := ParseConfig(json.RawMessage(raw))
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.ID < 2001 || ce.ID > 2099 || !strings.HasPrefix(ce.Text, "launch: ") {
				t.Fatalf("ParseConfig(%q): %#v, want a launch ConfigError", raw, err)
			}
			return
		}
		targets := 0
		for _, target := range []string{c.Program, c.Module, c.Code} {
			if target != "" {
				targets++
			}
		}
		if targets != 1 || len(c.Python) == 0 || c.Python[0] == "" || c.Cwd == "" {
			t.Fatalf("ParseConfig(%q) = %+v", raw, c)
		}
		for _, agent := range []Agent{{}, {Dir: "/agent", Address: "127.0.0.1:1", Token: "t"}} {
			if cmd := BuildCommand(c, agent); len(cmd.Argv) < 2 || cmd.Argv[0] != c.Python[0] || cmd.Dir != c.Cwd {
				t.Fatalf("BuildCommand of %q = %+v", raw, cmd)
			}
		}
	})
}
