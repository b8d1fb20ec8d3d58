// Package launch turns a DAP launch configuration into a running Python process: it
// decodes and checks the arguments, builds the command line and environment that put
// the agent into the interpreter, spawns the process in its own process group, pumps
// its stdout and stderr, and ends it within a bounded time.
package launch

import (
	"bytes"
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
	Program     string
	Module      string
	Code        string
	Args        []string
	Cwd         string
	Env         map[string]*string // a nil value removes the variable
	Python      []string           // interpreter and its leading arguments
	PythonArgs  []string
	StopOnEntry bool
	JustMyCode  bool
	NoDebug     bool
	Console     string
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
	Program     *string         `json:"program"`
	Module      *string         `json:"module"`
	Code        *string         `json:"code"`
	Args        json.RawMessage `json:"args"`
	Cwd         *string         `json:"cwd"`
	Env         map[string]any  `json:"env"`
	Python      json.RawMessage `json:"python"`
	PythonArgs  []string        `json:"pythonArgs"`
	StopOnEntry bool            `json:"stopOnEntry"`
	JustMyCode  *bool           `json:"justMyCode"`
	NoDebug     bool            `json:"noDebug"`
	Console     *string         `json:"console"`
}

// ParseConfig decodes and checks launch arguments. Relative paths are taken from cwd,
// which defaults to the adapter's working directory.
func ParseConfig(raw json.RawMessage) (Config, error) {
	var in arguments
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = []byte("{}")
	}
	if err := json.Unmarshal(raw, &in); err != nil {
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
	targets := 0
	for _, t := range []*string{in.Program, in.Module, in.Code} {
		if t != nil && *t != "" {
			targets++
		}
	}
	if targets != 1 {
		return badArgs(`give exactly one of "program", "module" or "code" (got %d)`, targets)
	}
	c.Program, c.Module, c.Code = deref(in.Program), deref(in.Module), deref(in.Code)
	var err error
	c.Args, err = stringList(in.Args, "args", true)
	return err
}

// setCwd takes the working directory, the adapter's own by default; it must exist.
func (c *Config) setCwd(in *arguments) error {
	c.Cwd = deref(in.Cwd)
	if c.Cwd == "" {
		var err error
		if c.Cwd, err = os.Getwd(); err != nil {
			return badArgs("cannot determine the working directory: %v", err)
		}
	}
	if st, err := os.Stat(c.Cwd); err != nil || !st.IsDir() {
		return badArgs("cwd %q is not a directory", c.Cwd)
	}
	return nil
}

// setEnv takes the environment changes: a string sets a variable (numbers and
// booleans as they print), null removes it.
func (c *Config) setEnv(in *arguments) error {
	c.Env = map[string]*string{}
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

// setInterpreter takes the interpreter command and its flags; findPython resolves it.
func (c *Config) setInterpreter(in *arguments) error {
	var err error
	c.Python, err = stringList(in.Python, "python", true)
	c.PythonArgs = in.PythonArgs
	return err
}

// setFlags takes the switches, with debugpy's defaults; only the internal console is
// served.
func (c *Config) setFlags(in *arguments) error {
	c.StopOnEntry = in.StopOnEntry
	c.JustMyCode = in.JustMyCode == nil || *in.JustMyCode
	c.NoDebug = in.NoDebug
	c.Console = "internalConsole"
	if in.Console != nil && *in.Console != "" {
		c.Console = *in.Console
	}
	if c.Console != "internalConsole" {
		return &ConfigError{ID: ErrUnsupported, Text: fmt.Sprintf(
			`launch: console %q is not supported yet; use "internalConsole"`, c.Console)}
	}
	return nil
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

// findPython looks the interpreter up on PATH (python3, then python, by default).
func (c *Config) findPython(*arguments) error {
	var err error
	c.Python, err = resolvePython(c.Python)
	return err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// stringList accepts a JSON array of strings or, where allowed, a single string.
func stringList(raw json.RawMessage, name string, allowString bool) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err == nil {
		return list, nil
	}
	var one string
	if allowString && json.Unmarshal(raw, &one) == nil {
		if name == "args" {
			return strings.Fields(one), nil
		}
		return []string{one}, nil
	}
	return nil, badArgs("%q must be a string or an array of strings", name)
}

func resolvePython(python []string) ([]string, error) {
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
