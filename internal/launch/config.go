// Package launch turns a DAP launch configuration into a running Python process: it
// decodes and checks the arguments, builds the command line and environment that put
// the agent into the interpreter, spawns the process in its own process group, pumps
// its stdout and stderr, and ends it within a bounded time. For a terminal console it
// builds the runInTerminal request, and runs the terminal's side of it: the launcher
// process that starts the program in the terminal and reports on it (terminal.go,
// launcher.go).
package launch

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Config is a launch request's arguments, with debugpy's names and meaning.
type Config struct {
	Common
	Program     string
	Module      string
	Code        string
	Args        []string
	ShellArgs   bool // args came as one string, for the terminal's shell to interpret
	Cwd         string
	Env         map[string]*string // a nil value removes the variable
	Python      []string           // interpreter and its leading arguments
	PythonArgs  []string
	StopOnEntry bool
	NoDebug     bool
	Console     string // internalConsole, integratedTerminal or externalTerminal
	// ConsoleTitle is the terminal's title (default: the program's name).
	ConsoleTitle       string
	WaitOnNormalExit   bool
	WaitOnAbnormalExit bool
	Sudo               bool
}

// ConfigError is a launch argument that cannot work; its text says which and why.
type ConfigError struct {
	ID   int
	Text string
}

func (e *ConfigError) Error() string { return e.Text }

// Stable error ids for launch failures (shown to users in error responses); the
// table of every id is in internal/dap.
const (
	ErrBadArguments   = dap.ErrBadArguments
	ErrProgramMissing = dap.ErrProgramMissing
	ErrPythonMissing  = dap.ErrPythonMissing
	ErrUnsupported    = dap.ErrLaunchUnsupported
)

func badArgs(format string, args ...any) *ConfigError {
	return &ConfigError{ID: ErrBadArguments, Text: "launch: " + fmt.Sprintf(format, args...)}
}

// arguments are a launch request's arguments as they arrive, before any check.
type arguments struct {
	commonArguments
	Program            *string         `json:"program"`
	Module             *string         `json:"module"`
	Code               json.RawMessage `json:"code"`
	Args               json.RawMessage `json:"args"`
	Cwd                *string         `json:"cwd"`
	Env                map[string]any  `json:"env"`
	EnvFile            *string         `json:"envFile"`
	Python             json.RawMessage `json:"python"`
	PythonPath         json.RawMessage `json:"pythonPath"`
	PythonArgs         []string        `json:"pythonArgs"`
	StopOnEntry        *bool           `json:"stopOnEntry"`
	NoDebug            bool            `json:"noDebug"`
	Console            *string         `json:"console"`
	ConsoleTitle       *string         `json:"consoleTitle"`
	WaitOnNormalExit   *bool           `json:"waitOnNormalExit"`
	WaitOnAbnormalExit *bool           `json:"waitOnAbnormalExit"`
	Sudo               *bool           `json:"sudo"`
}

// ParseConfig decodes and checks launch arguments. Relative paths are taken from cwd;
// without cwd, from the adapter's working directory, and the program then runs in
// its own directory (as with debugpy; a module or code in the adapter's).
func ParseConfig(raw json.RawMessage) (Config, error) {
	var in arguments
	if err := json.Unmarshal(orEmptyObject(raw), &in); err != nil {
		return Config{}, badArgs("arguments do not decode: %v", friendlyJSON(err))
	}
	// In this order: the first setting that cannot work is the one reported.
	var c Config
	for _, step := range []func(*Config, *arguments) error{
		(*Config).setTarget,
		(*Config).setCwd,
		(*Config).setEnv,
		(*Config).setInterpreter,
		(*Config).setFlags,
		(*Config).setCommon,
		(*Config).findProgram,
		(*Config).findPython,
	} {
		if err := step(&c, &in); err != nil {
			return c, err
		}
	}
	return c, nil
}

// setTarget takes what to run (exactly one of program, module, code) and its args.
func (c *Config) setTarget(in *arguments) error {
	code, err := stringList(in.Code, "code")
	if err != nil {
		return err
	}
	targets := 0
	for _, t := range []string{deref(in.Program), deref(in.Module), strings.Join(code, "")} {
		if t != "" {
			targets++
		}
	}
	if targets != 1 {
		return badArgs(`give exactly one of "program", "module" or "code" (got %d)`, targets)
	}
	c.Program, c.Module, c.Code = deref(in.Program), deref(in.Module), strings.Join(code, "\n")
	var one string
	if json.Unmarshal(in.Args, &one) == nil {
		// One string is a command line for the terminal's shell (see ForClient).
		c.Args, c.ShellArgs = []string{one}, strings.TrimSpace(one) != ""
		if !c.ShellArgs {
			c.Args = nil
		}
		return nil
	}
	c.Args, err = stringList(in.Args, "args")
	return err
}

// setCwd takes the working directory; it must exist. Without one, a program runs in
// its own directory, a module or code in the adapter's.
func (c *Config) setCwd(in *arguments) error {
	c.Cwd = deref(in.Cwd)
	if c.Cwd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return badArgs("cannot determine the working directory: %v", err)
		}
		c.Cwd = wd
		if c.Program != "" {
			if err := c.findProgram(in); err != nil {
				return err
			}
			c.Cwd = filepath.Dir(c.Program)
		}
	}
	if st, err := os.Stat(c.Cwd); err != nil || !st.IsDir() {
		return badArgs("cwd %q is not a directory", c.Cwd)
	}
	return nil
}

// setEnv takes the environment changes: a string sets a variable (numbers and
// booleans as they print), null removes it. envFile's variables come first; env's
// win over them.
func (c *Config) setEnv(in *arguments) error {
	c.Env = map[string]*string{}
	if file := deref(in.EnvFile); file != "" {
		if !filepath.IsAbs(file) {
			file = filepath.Join(c.Cwd, file)
		}
		vars, err := ReadEnvFile(file)
		if err != nil {
			return err
		}
		for k, v := range vars {
			c.Env[k] = &v
		}
	}
	for k, v := range in.Env {
		switch v := v.(type) {
		case nil:
			c.Env[k] = nil
		case string:
			c.Env[k] = &v
		case float64, bool:
			s := fmt.Sprint(v)
			c.Env[k] = &s
		default:
			return badArgs("env %q must be a string or null", k)
		}
	}
	return nil
}

// setInterpreter takes the interpreter command ("python", or its deprecated
// spelling "pythonPath") and its flags; findPython resolves it.
func (c *Config) setInterpreter(in *arguments) error {
	raw, name := in.Python, "python"
	if len(in.PythonPath) > 0 && string(in.PythonPath) != "null" {
		if len(raw) > 0 && string(raw) != "null" {
			return badArgs(`give "python" or its old name "pythonPath", not both`)
		}
		raw, name = in.PythonPath, "pythonPath"
	}
	var err error
	c.Python, err = stringList(raw, name)
	c.PythonArgs = in.PythonArgs
	return err
}

// setFlags takes the switches and the console, with debugpy's defaults.
func (c *Config) setFlags(in *arguments) error {
	var err error
	for _, f := range []struct {
		name, legacy string
		value        *bool
		into         *bool
	}{
		{"stopOnEntry", "StopOnEntry", in.StopOnEntry, &c.StopOnEntry},
		{"waitOnNormalExit", "WaitOnNormalExit", in.WaitOnNormalExit, &c.WaitOnNormalExit},
		{"waitOnAbnormalExit", "WaitOnAbnormalExit", in.WaitOnAbnormalExit, &c.WaitOnAbnormalExit},
		{"sudo", "Sudo", in.Sudo, &c.Sudo},
	} {
		if *f.into, err = legacyFlag(f.name, f.legacy, f.value, false, in.DebugOptions); err != nil {
			return err
		}
	}
	c.NoDebug = in.NoDebug
	c.ConsoleTitle = deref(in.ConsoleTitle)
	c.Console = "internalConsole"
	if in.Console != nil && *in.Console != "" {
		c.Console = *in.Console
	}
	switch c.Console {
	case "internalConsole", "integratedTerminal", "externalTerminal":
	default:
		return badArgs(`console %q is not one of "internalConsole", "integratedTerminal", "externalTerminal"`, c.Console)
	}
	return nil
}

func (c *Config) setCommon(in *arguments) error {
	var err error
	c.Common, err = in.commonArguments.decode()
	return err
}

// findProgram makes program absolute (from cwd) and checks that it is a file.
func (c *Config) findProgram(*arguments) error {
	if c.Program == "" {
		return nil
	}
	path := c.Program
	if !filepath.IsAbs(path) {
		path = filepath.Join(c.Cwd, path)
	}
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		return &ConfigError{ID: ErrProgramMissing, Text: fmt.Sprintf(
			"launch: program %q does not exist (looked for %s)", c.Program, path)}
	}
	c.Program = path
	return nil
}

// findPython looks the interpreter up: by default the active virtual environment's
// (VIRTUAL_ENV, from env or the adapter's environment), else python3, then python,
// on PATH.
func (c *Config) findPython(*arguments) error {
	var err error
	c.Python, err = resolvePython(c.Python, c.virtualEnv())
	return err
}

// virtualEnv is the VIRTUAL_ENV the program will see.
func (c *Config) virtualEnv() string {
	if v, ok := c.Env["VIRTUAL_ENV"]; ok {
		return deref(v)
	}
	return os.Getenv("VIRTUAL_ENV")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// stringList accepts a JSON array of strings or a single string.
func stringList(raw json.RawMessage, name string) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err == nil {
		return list, nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}, nil
	}
	return nil, badArgs("%q must be a string or an array of strings", name)
}

func resolvePython(python []string, virtualEnv string) ([]string, error) {
	if len(python) == 0 && virtualEnv != "" {
		for _, name := range []string{"python", "python3"} {
			candidate := filepath.Join(virtualEnv, "bin", name)
			if st, err := os.Stat(candidate); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
				return []string{candidate}, nil
			}
		}
	}
	if len(python) == 0 {
		for _, candidate := range []string{"python3", "python"} {
			if path, err := exec.LookPath(candidate); err == nil {
				return []string{path}, nil
			}
		}
		return nil, &ConfigError{ID: ErrPythonMissing, Text: `launch: no "python3" or "python" on PATH; set "python"`}
	}
	path, err := exec.LookPath(python[0])
	if err != nil {
		return nil, &ConfigError{ID: ErrPythonMissing, Text: fmt.Sprintf("launch: python %q not found: %v", python[0], err)}
	}
	return append([]string{path}, python[1:]...), nil
}

func friendlyJSON(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return fmt.Sprintf("%q should be %s, not %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// ClientSupport is what the client's initialize said it can do, as far as a launch
// depends on it.
type ClientSupport struct {
	RunInTerminal bool // supportsRunInTerminalRequest
	ShellArgs     bool // supportsArgsCanBeInterpretedByShell
}

// ForClient fits the configuration to what the client supports: a terminal console
// without runInTerminal falls back to the internal console. It returns what the user
// should be told about it, or why the launch cannot go on.
func (c *Config) ForClient(client ClientSupport) (notes []string, err error) {
	if c.InTerminal() && !client.RunInTerminal {
		notes = append(notes, fmt.Sprintf("launch: this client cannot run a terminal (no supportsRunInTerminalRequest): "+
			"console %q runs as \"internalConsole\"; the program's input is not connected", c.Console))
		c.Console = "internalConsole"
	}
	if c.ShellArgs && (!client.ShellArgs || !c.InTerminal()) {
		return notes, &ConfigError{ID: ErrUnsupported, Text: `launch: "args" is one string, for a shell to interpret; ` +
			`that needs a terminal console and a client that supports argsCanBeInterpretedByShell: give "args" as an array of strings`}
	}
	if c.Sudo && !c.InTerminal() {
		return notes, &ConfigError{ID: ErrUnsupported, Text: `launch: "sudo" needs a terminal console to ask for the password: ` +
			`set "console" to "integratedTerminal"`}
	}
	if !c.InTerminal() && (c.WaitOnNormalExit || c.WaitOnAbnormalExit) {
		notes = append(notes, `launch: "waitOnNormalExit" and "waitOnAbnormalExit" apply to terminal consoles only; ignored`)
		c.WaitOnNormalExit, c.WaitOnAbnormalExit = false, false
	}
	return notes, nil
}

// InTerminal reports whether the program runs in a terminal the client opens.
func (c *Config) InTerminal() bool { return c.Console != "internalConsole" }

// Redirects reports whether the program's output is sent as output events:
// redirectOutput, by default on for the internal console only.
func (c *Config) Redirects() bool {
	if c.RedirectOutput != nil {
		return *c.RedirectOutput
	}
	return !c.InTerminal()
}

// Name is what the program is called in the process event and the terminal's title.
func (c *Config) Name() string {
	switch {
	case c.Program != "":
		return c.Program
	case c.Module != "":
		return c.Module
	default:
		return "-c"
	}
}
