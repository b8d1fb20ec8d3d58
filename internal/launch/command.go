package launch

import (
	"os"
	"path/filepath"
	"strings"
)

// Command is what to execute: argv, environment and working directory. A Foreground
// command shares dapper's terminal (see StartForeground).
type Command struct {
	Argv       []string
	Env        []string
	Dir        string
	Foreground bool
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

// BuildCommand returns the command that runs c, with the agent unless agent is zero,
// in this process's environment with c's changes.
func BuildCommand(c Config, agent Agent) Command {
	argv, changes := commandLine(c, agent)
	env := changes.Apply(os.Environ())
	if lookup(env, "PYTHONUNBUFFERED") == "" {
		env = setVar(env, "PYTHONUNBUFFERED", "1") // the output comes through pipes
	}
	return Command{Argv: argv, Env: env, Dir: c.Cwd}
}

// EnvChanges are changes to an environment: variables set (nil: removed), then
// directories put first on PYTHONPATH.
type EnvChanges struct {
	Set        map[string]*string
	PythonPath string // put before the PYTHONPATH that Set leaves, if any
}

// Apply returns base with the changes made.
func (e EnvChanges) Apply(base []string) []string {
	env := append([]string{}, base...)
	for k, v := range e.Set {
		if v == nil {
			env = unsetVar(env, k)
		} else {
			env = setVar(env, k, *v)
		}
	}
	if e.PythonPath != "" {
		pythonPath := e.PythonPath
		if old := lookup(env, "PYTHONPATH"); old != "" {
			pythonPath += string(os.PathListSeparator) + old
		}
		env = setVar(env, "PYTHONPATH", pythonPath)
	}
	return env
}

// commandLine is the argv that runs c, and the environment changes it needs: c's
// own and, unless agent is zero, those that bring the agent in. The token is never on
// the command line.
func commandLine(c Config, agent Agent) ([]string, EnvChanges) {
	changes := EnvChanges{Set: map[string]*string{}}
	for k, v := range c.Env {
		changes.Set[k] = v
	}
	argv := append(append([]string{}, c.Python...), c.PythonArgs...)
	if agent.Address == "" {
		return append(argv, c.Target()...), changes
	}
	address, token := agent.Address, agent.Token
	changes.Set["DAPPER_TOKEN"] = &token
	if needsBootstrap(c.PythonArgs) {
		argv = append(argv, filepath.Join(agent.Dir, "dapper_bootstrap.py"), agent.Address, "--")
	} else {
		changes.Set["DAPPER_ADDRESS"] = &address
		changes.PythonPath = agent.Dir
	}
	return append(argv, c.Target()...), changes
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
