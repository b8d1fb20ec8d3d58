package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Usage is the help text of `dapper debug`.
const Usage = `usage: dapper debug [options] program.py [args...]
       dapper debug [options] -m module [args...]
       dapper debug [options] -c code [args...]

Runs a Python program under the debugger, in the terminal, with pdb's commands.
It stops before the first line; type "help" at the (dapper) prompt. While the
program runs, what you type goes to it, and Ctrl-C pauses it. With the commands on
standard input (not a terminal), the program's standard input is empty.

options:
  --python PATH          the interpreter (default: python3 on PATH)
  --cwd DIR              the program's working directory
  --env K=V              set an environment variable for the program (repeatable)
  --no-just-my-code      also stop and step in the standard library and site-packages
  -b FILE:LINE[:COND]    set a breakpoint before the program starts (repeatable)
  --no-stop-on-entry     run until a breakpoint instead of stopping on the first line
`

// Options is what `dapper debug` runs, and how.
type Options struct {
	Program, Module, Code string
	Args                  []string
	Python                string
	Cwd                   string
	Env                   []string // K=V, in the order given
	JustMyCode            bool
	StopOnEntry           bool
	Breakpoints           []BreakpointSpec
}

// listFlag is a repeatable string option.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// ParseOptions reads the arguments of `dapper debug`. Options come first; the target
// (a program path, -m module or -c code) ends them, and everything after it belongs
// to the program, even when it starts with a dash.
func ParseOptions(args []string) (Options, error) {
	var o Options
	var env, breakpoints listFlag
	var noJustMyCode, noStopOnEntry bool
	fs := flag.NewFlagSet("dapper debug", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.Python, "python", "", "")
	fs.StringVar(&o.Cwd, "cwd", "", "")
	fs.Var(&env, "env", "")
	fs.BoolVar(&noJustMyCode, "no-just-my-code", false, "")
	fs.Var(&breakpoints, "b", "")
	fs.BoolVar(&noStopOnEntry, "no-stop-on-entry", false, "")
	fs.StringVar(&o.Module, "m", "", "")
	fs.StringVar(&o.Code, "c", "", "")

	end, err := optionsEnd(fs, args)
	if err != nil {
		return o, err
	}
	if err := fs.Parse(args[:end]); err != nil {
		return o, fmt.Errorf("debug: %v", err)
	}
	rest := append(fs.Args(), args[end:]...)
	if o.Module == "" && o.Code == "" {
		if len(rest) == 0 {
			return o, fmt.Errorf("debug: no program given")
		}
		o.Program, rest = rest[0], rest[1:]
	}
	o.Args = rest
	o.JustMyCode, o.StopOnEntry = !noJustMyCode, !noStopOnEntry
	for _, kv := range env {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return o, fmt.Errorf("debug: --env %q: want KEY=VALUE", kv)
		}
	}
	o.Env = env
	for _, spec := range breakpoints {
		bp, err := ParseBreakpointSpec(spec)
		if err != nil {
			return o, fmt.Errorf("debug: -b %q: %v", spec, err)
		}
		o.Breakpoints = append(o.Breakpoints, bp)
	}
	return o, nil
}

// optionsEnd returns the index just past the target: the program path, or -m/-c and
// its value.
func optionsEnd(fs *flag.FlagSet, args []string) (int, error) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return min(i+2, len(args)), nil
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			return i + 1, nil
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			return 0, fmt.Errorf("debug: unknown option %s\n\n%s", arg, Usage)
		}
		takesValue := true
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			takesValue = false
		}
		if takesValue && !hasValue {
			i++
			if i == len(args) {
				return 0, fmt.Errorf("debug: option %s needs a value", arg)
			}
		}
		if name == "m" || name == "c" {
			return i + 1, nil
		}
	}
	return len(args), nil
}

// launchArguments is the DAP launch request these options make, for a console.
func (o Options) launchArguments(console string) map[string]any {
	args := map[string]any{
		"args":        append([]string{}, o.Args...),
		"justMyCode":  o.JustMyCode,
		"stopOnEntry": o.StopOnEntry,
		"console":     console,
	}
	switch {
	case o.Module != "":
		args["module"] = o.Module
	case o.Code != "":
		args["code"] = o.Code
	default:
		args["program"] = o.Program
	}
	if o.Python != "" {
		args["python"] = o.Python
	}
	// pdb runs the program where you stand; the adapter's default (debugpy's: the
	// program's own directory) is for editors, so the CLI always names a directory.
	if o.Cwd != "" {
		args["cwd"] = o.Cwd
	} else if wd, err := os.Getwd(); err == nil {
		args["cwd"] = wd
	}
	if len(o.Env) > 0 {
		env := map[string]string{}
		for _, kv := range o.Env {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
		args["env"] = env
	}
	return args
}

// splitShellWords splits a line into words as a shell does (pdb's restart uses
// shlex): blanks separate words; single quotes keep what they hold as it is; double
// quotes too, but for a backslash before " or \; outside quotes a backslash keeps the
// character after it.
func splitShellWords(line string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord, quote := false, rune(0)
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case quote == '"':
			if r == '"' {
				quote = 0
			} else if r == '\\' && i+1 < len(rs) && (rs[i+1] == '"' || rs[i+1] == '\\') {
				i++
				word.WriteRune(rs[i])
			} else {
				word.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == '\\' && i+1 < len(rs):
			i++
			word.WriteRune(rs[i])
			inWord = true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("no closing quotation in %s", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}
