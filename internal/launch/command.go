package launch

import (
	"os"
	"path/filepath"
	"strings"
)

// Command is what to execute: argv, environment and working directory.
type Command struct {
	Argv []string
	Env  []string
	Dir  string
}

// Agent says how the debuggee reaches the adapter. A zero Agent means noDebug.
type Agent struct {
	Dir     string // holds sitecustomize.py, dapper_bootstrap.py, dapper_agent/
	Address string // host:port of the adapter's agent listener
	Token   string
}

// Target is the part of the command line that names what to run.
func (c Config) Target() []string {
	switch {
	case c.Module != "":
		return append([]string{"-m", c.Module}, c.Args...)
	case c.Code != "":
		return append([]string{"-c", c.Code}, c.Args...)
	default:
		return append([]string{c.Program}, c.Args...)
	}
}

// needsBootstrap reports whether the interpreter flags switch off the start-up hook
// (-S: no site; -I: isolated; -E: no PYTHON* variables).
func needsBootstrap(pythonArgs []string) bool {
	for _, a := range pythonArgs {
		if len(a) < 2 || a[0] != '-' || a[1] == '-' {
			continue
		}
		if strings.ContainsAny(a[1:], "SIE") {
			return true
		}
	}
	return false
}

// BuildCommand returns the command that runs c, with the agent unless agent is zero.
func BuildCommand(c Config, agent Agent) Command {
	env := environment(c.Env)
	argv := append(append([]string{}, c.Python...), c.PythonArgs...)
	switch {
	case agent.Address == "":
		argv = append(argv, c.Target()...)
	case needsBootstrap(c.PythonArgs):
		argv = append(argv, filepath.Join(agent.Dir, "dapper_bootstrap.py"), agent.Address, agent.Token, "--")
		argv = append(argv, c.Target()...)
	default:
		argv = append(argv, c.Target()...)
		pythonPath := agent.Dir
		if old := lookup(env, "PYTHONPATH"); old != "" {
			pythonPath += string(os.PathListSeparator) + old
		}
		env = setVar(env, "PYTHONPATH", pythonPath)
		env = setVar(env, "DAPPER_ADDRESS", agent.Address)
		env = setVar(env, "DAPPER_TOKEN", agent.Token)
	}
	if lookup(env, "PYTHONUNBUFFERED") == "" {
		env = setVar(env, "PYTHONUNBUFFERED", "1")
	}
	return Command{Argv: argv, Env: env, Dir: c.Cwd}
}

func environment(overrides map[string]*string) []string {
	env := os.Environ()
	for k, v := range overrides {
		if v == nil {
			env = unsetVar(env, k)
		} else {
			env = setVar(env, k, *v)
		}
	}
	return env
}

func lookup(env []string, key string) string {
	for _, kv := range env {
		if k, v, _ := strings.Cut(kv, "="); k == key {
			return v
		}
	}
	return ""
}

func setVar(env []string, key, value string) []string {
	return append(unsetVar(env, key), key+"="+value)
}

func unsetVar(env []string, key string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if k, _, _ := strings.Cut(kv, "="); k != key {
			out = append(out, kv)
		}
	}
	return out
}
