package adapter

import (
	"encoding/json"
	"os"

	"github.com/dapper-debugger/dapper/internal/launch"
	godap "github.com/google/go-dap"
)

// clientSupport is what the client's initialize said it can do, as far as a launch
// depends on it.
func (s *Session) clientSupport() launch.ClientSupport {
	var args struct {
		RunInTerminal bool `json:"supportsRunInTerminalRequest"`
		ShellArgs     bool `json:"supportsArgsCanBeInterpretedByShell"`
	}
	_ = json.Unmarshal(s.clientArgs, &args)
	return launch.ClientSupport{RunInTerminal: args.RunInTerminal, ShellArgs: args.ShellArgs}
}

// parseLaunch decodes a launch request's arguments and fits them to the client. What
// the user should know about them (attributes Dapper does not know or has no use for,
// a console that falls back) is said in output events, once each.
func (s *Session) parseLaunch(raw json.RawMessage) (launch.Config, error) {
	cfg, err := launch.ParseConfig(raw)
	if err != nil {
		return cfg, err
	}
	notes := launch.AttributeNotes("launch", raw, launch.LaunchAttributes, launch.CommonAttributes)
	fitted, err := cfg.ForClient(s.clientSupport())
	for _, note := range append(notes, fitted...) {
		s.tellUser(note)
	}
	return cfg, err
}

// tellUser shows a line in the client's debug console.
func (s *Session) tellUser(text string) {
	s.sendEvent("output", godap.OutputEventBody{Category: "console", Output: "dapper: " + text + "\n"})
}

// agentArguments are the launch arguments the agent is handed: the client's, with
// the shared attributes normalised and the target as the adapter resolved it.
func (s *Session) agentArguments(raw json.RawMessage) json.RawMessage {
	c := s.config
	extra := map[string]any{"console": c.Console, "cwd": c.Cwd, "stopOnEntry": c.StopOnEntry}
	if c.Program != "" {
		extra["program"] = c.Program
	}
	if c.Code != "" {
		extra["code"] = c.Code
	}
	args, err := c.AgentArguments(raw, c.Redirects(), extra)
	if err != nil {
		return raw
	}
	return args
}

// selfBinary is the dapper executable, which a terminal runs as the launcher.
func selfBinary() string {
	if exe, err := os.Executable(); err == nil {
		return exe
	}
	return os.Args[0]
}
