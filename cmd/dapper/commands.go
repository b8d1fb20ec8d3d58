package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dapper-debugger/dapper/internal/cli"
)

// command is one subcommand of dapper as users see it: `dapper help` lists it with
// its flags, and the shell completions (completion.go) offer both. The table below is
// the one place they are written down; each command's own usage text (its --help)
// must name the same flags (commands_test.go checks).
type command struct {
	name     string
	synopsis string // the arguments after the name, as in a usage line
	summary  string
	flags    []flagDoc
	operand  valueKind     // what the arguments that are not flags complete to
	usage    func() string // its --help; nil for help, whose usage is this table's
}

// flagDoc is one flag of a command. A flag with a value names it ("N", "DIR").
type flagDoc struct {
	name  string // with its dashes: "--port", "-b"
	value string // "" for a switch
	help  string
	kind  valueKind // what the value completes to
}

// valueKind is what a flag's value or an operand completes to in a shell.
type valueKind string

const (
	valueNone       valueKind = ""
	valueFile       valueKind = "file"       // a path, Python files first
	valueDir        valueKind = "dir"        // a directory
	valueCommand    valueKind = "command"    // an executable (the interpreter)
	valuePid        valueKind = "pid"        // a running process
	valueShell      valueKind = "shell"      // bash, zsh or fish
	valueSubcommand valueKind = "subcommand" // one of dapper's commands
)

var logDirFlag = flagDoc{"--log-dir", "DIR", "write logs with every DAP message into DIR (also: DAPPER_LOG_DIR)", valueDir}

// commands are dapper's subcommands, in the order `dapper help` lists them. The
// launcher (run in a terminal by runInTerminal) and run's --agent-pid (used by
// dapper.listen()) are the adapter's own and left out.
var commands = []command{
	{name: "debug", synopsis: "[options] (FILE | -m MODULE | -c CODE) [ARGS...]",
		summary: "debug a program in the terminal, with pdb's commands", operand: valueFile,
		usage: func() string { return cli.Usage + "\n" + logDirHelp },
		flags: []flagDoc{
			{"--python", "PATH", "the interpreter (default: python3 on PATH)", valueCommand},
			{"--cwd", "DIR", "the program's working directory", valueDir},
			{"--env", "K=V", "set an environment variable for the program (repeatable)", valueNone},
			{"--no-just-my-code", "", "also stop and step in the standard library and site-packages", valueNone},
			{"-b", "FILE:LINE[:COND]", "set a breakpoint before the program starts (repeatable)", valueFile},
			{"--no-stop-on-entry", "", "run until a breakpoint instead of stopping on the first line", valueNone},
			logDirFlag,
			{"-m", "MODULE", "run a module, as python -m does", valueNone},
			{"-c", "CODE", "run code, as python -c does", valueNone},
		}},
	{name: "adapter", synopsis: "[--host H] [--port N] [--log-dir DIR]",
		summary: "serve DAP on stdio (what an editor starts), or on TCP with --port",
		usage:   func() string { return adapterUsage },
		flags: []flagDoc{
			{"--host", "H", "the address --port listens on (default 127.0.0.1)", valueNone},
			{"--port", "N", "serve DAP over TCP on port N (0 picks a free one, printed on stdout)", valueNone},
			logDirFlag,
		}},
	{name: "run", synopsis: "(--listen | --connect) [HOST:]PORT [options] (FILE | -m MODULE | -c CODE) [ARGS...]",
		summary: "run a program for editors to attach to (python -m debugpy --listen's habit)", operand: valueFile,
		usage: func() string { return runUsage },
		flags: []flagDoc{
			{"--listen", "[HOST:]PORT", "serve debug clients (DAP) there; HOST defaults to 127.0.0.1", valueNone},
			{"--connect", "[HOST:]PORT", "connect to an adapter that listens there (attach {\"listen\": ...})", valueNone},
			{"--wait-for-client", "", "run no line of the program before the first client's configurationDone", valueNone},
			{"--python", "PATH", "the interpreter (default: python3 on PATH)", valueCommand},
			{"--pid", "PID", "attach to a running CPython 3.9-3.13 instead of starting one", valuePid},
			logDirFlag,
			{"-m", "MODULE", "run a module, as python -m does", valueNone},
			{"-c", "CODE", "run code, as python -c does", valueNone},
		}},
	{name: "agent-path", summary: "print the agent's directory: on PYTHONPATH, import dapper works",
		usage: func() string {
			return "usage: dapper agent-path\n\nPrints the agent's directory: with it on PYTHONPATH, import dapper works.\n"
		}},
	{name: "completion", synopsis: "bash|zsh|fish", summary: "print a shell's completion script for dapper",
		operand: valueShell, usage: func() string { return completionUsage }},
	{name: "version", summary: "print the version of dapper and of its Python agent",
		usage: func() string {
			return "usage: dapper version\n\nPrints the version of dapper and of its Python agent.\n"
		}},
	{name: "help", synopsis: "[COMMAND]", summary: "print this text, or a command's usage",
		operand: valueSubcommand}, // its usage is `usage` itself

}

// lookupCommand finds a command of the table by name.
func lookupCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usage is `dapper help`: every command with its flags.
var usage = helpText()

func helpText() string {
	var b strings.Builder
	b.WriteString("usage: dapper <command> [arguments]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "\n  %s\n      %s\n", strings.TrimSpace(c.name+" "+c.synopsis), c.summary)
		for _, f := range c.flags {
			fmt.Fprintf(&b, "      %-26s %s\n", strings.TrimSpace(f.name+" "+f.value), f.help)
		}
	}
	b.WriteString("\n\"dapper help COMMAND\" (or \"dapper COMMAND --help\") describes a command.\n")
	return b.String()
}

// runHelp is `dapper help [COMMAND]`.
func runHelp(args []string, out io.Writer) error {
	if len(args) == 0 || wantsHelp(args) {
		_, err := io.WriteString(out, usage)
		return err
	}
	c, ok := lookupCommand(args[0])
	if !ok {
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("help: unknown command %q", args[0])
	}
	text := usage
	if c.usage != nil {
		text = c.usage()
	}
	_, err := io.WriteString(out, text)
	return err
}
