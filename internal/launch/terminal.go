package launch

import (
	"path/filepath"
	"strings"
)

// A terminal console runs the program in a terminal that the client opens with the
// runInTerminal reverse request. The adapter is not the program's parent then, so
// the terminal runs `dapper launcher`, which is: it connects back to the adapter (the
// address and token are in its environment, never on its command line), starts the
// program as its child in the terminal's foreground, reports the program's pid and
// real exit status, ends the program's process group when told, and keeps the
// terminal open after the exit when asked (waitOnNormalExit, waitOnAbnormalExit).
//
// The launcher speaks DAP framing on that connection:
//
//	launcher -> adapter  event dapper/hello {token, pid, role: "launcher"}
//	                     event dapper/processStarted {pid}, or dapper/processFailed {message}
//	                     event dapper/processExited {exitCode}
//	adapter -> launcher  request dapper/terminate {graceMs, interrupt}; request dapper/kill
const (
	LauncherRole           = "launcher"
	EventProcessStarted    = "dapper/processStarted"
	EventProcessFailed     = "dapper/processFailed"
	EventProcessExited     = "dapper/processExited"
	RequestLauncherEnd     = "dapper/terminate"
	RequestLauncherKill    = "dapper/kill"
	LauncherSubcommand     = "launcher"
	envLauncherAddress     = "DAPPER_LAUNCHER_ADDRESS"
	envLauncherToken       = "DAPPER_LAUNCHER_TOKEN"
	envLauncherPythonPath  = "DAPPER_LAUNCHER_PYTHONPATH"
	flagWaitOnNormalExit   = "--wait-on-normal-exit"
	flagWaitOnAbnormalExit = "--wait-on-abnormal-exit"
)

// TerminalRequest is the body of a runInTerminal request (DAP's
// RunInTerminalRequestArguments, with env's nulls kept: they remove a variable).
type TerminalRequest struct {
	Kind                        string             `json:"kind"`
	Title                       string             `json:"title"`
	Cwd                         string             `json:"cwd"`
	Args                        []string           `json:"args"`
	Env                         map[string]*string `json:"env,omitempty"`
	ArgsCanBeInterpretedByShell bool               `json:"argsCanBeInterpretedByShell,omitempty"`
}

// Launcher is how the terminal's launcher reaches the adapter: the dapper binary to
// run, and the adapter's loopback address and token for it.
type Launcher struct {
	Binary  string
	Address string
	Token   string
}

// BuildTerminalRequest returns the runInTerminal request that runs c, with the agent
// unless agent is zero, through the launcher l. extraEnv is added to the program's
// environment (the log directory, say).
func BuildTerminalRequest(c Config, agent Agent, l Launcher, extraEnv map[string]string) TerminalRequest {
	argv, changes := commandLine(c, agent)
	env := changes.Set
	for k, v := range extraEnv {
		env[k] = &v
	}
	address, token, pythonPath := l.Address, l.Token, changes.PythonPath
	env[envLauncherAddress], env[envLauncherToken] = &address, &token
	if pythonPath != "" {
		env[envLauncherPythonPath] = &pythonPath // the launcher puts it before the terminal's PYTHONPATH
	}
	args := []string{l.Binary, LauncherSubcommand}
	if c.WaitOnNormalExit {
		args = append(args, flagWaitOnNormalExit)
	}
	if c.WaitOnAbnormalExit {
		args = append(args, flagWaitOnAbnormalExit)
	}
	args = append(append(args, "--"), argv...)
	if c.Sudo {
		// -E keeps the environment, which carries the launcher's address and token.
		args = append([]string{"sudo", "-E"}, args...)
	}
	req := TerminalRequest{Kind: "integrated", Title: c.ConsoleTitle, Cwd: c.Cwd, Args: args, Env: env}
	if c.Console == "externalTerminal" {
		req.Kind = "external"
	}
	if req.Title == "" {
		req.Title = filepath.Base(c.Name())
	}
	if c.ShellArgs {
		// The client joins args into one command line for the shell: ours are quoted,
		// the user's string (the last argument) is left for the shell to interpret.
		for i := range req.Args[:len(req.Args)-1] {
			req.Args[i] = shellQuote(req.Args[i])
		}
		req.ArgsCanBeInterpretedByShell = true
	}
	return req
}

// shellQuote quotes s for a POSIX shell, unless it needs no quotes.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
