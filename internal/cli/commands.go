package cli

import (
	"fmt"
	"sort"
	"strings"
)

// need says what a command needs before it can run.
type need int

const (
	needNothing need = iota
	needProgram      // a program that has not ended
	needStop         // a stopped thread
)

// argKind says what a command's argument is, for completion.
type argKind int

const (
	argNone argKind = iota
	argExpression
	argLocation // a file, FILE:LINE or a function
)

// command is one of pdb's commands: its names (the full one first, then pdb's
// abbreviations), a synopsis, its help, and what it runs.
type command struct {
	names    []string
	synopsis string
	help     string
	need     need
	arg      argKind
	run      func(d *Debugger, arg string) error
}

// commands is the command table, in the order help lists it.
var commands []*command

func init() {
	commands = []*command{
		{names: []string{"break", "b"}, synopsis: "[LOCATION[, CONDITION]]", arg: argLocation, run: (*Debugger).cmdBreak,
			help: "Set a breakpoint at LINE (in the current file), FILE:LINE or FUNCTION, stopping only\nwhen CONDITION is true. Without an argument, list the breakpoints."},
		{names: []string{"tbreak"}, synopsis: "LOCATION[, CONDITION]", arg: argLocation, run: (*Debugger).cmdTbreak,
			help: "Set a temporary breakpoint: it is deleted when first hit."},
		{names: []string{"clear", "cl"}, synopsis: "[NUMBER... | FILE:LINE]", arg: argLocation, run: (*Debugger).cmdClear,
			help: "Delete the breakpoints with these numbers, or at FILE:LINE; without an argument, all."},
		{names: []string{"disable"}, synopsis: "NUMBER...", run: (*Debugger).cmdDisable,
			help: "Disable breakpoints: they stay listed but do not stop the program."},
		{names: []string{"enable"}, synopsis: "NUMBER...", run: (*Debugger).cmdEnable,
			help: "Enable breakpoints again."},
		{names: []string{"condition"}, synopsis: "NUMBER [CONDITION]", arg: argExpression, run: (*Debugger).cmdCondition,
			help: "Stop at breakpoint NUMBER only when CONDITION is true; without one, always."},
		{names: []string{"ignore"}, synopsis: "NUMBER [COUNT]", run: (*Debugger).cmdIgnore,
			help: "Let the next COUNT hits of breakpoint NUMBER pass without stopping."},
		{names: []string{"continue", "c", "cont"}, need: needProgram, run: (*Debugger).cmdContinue,
			help: "Continue until a breakpoint, an exception or the end of the program."},
		{names: []string{"next", "n"}, need: needStop, run: (*Debugger).cmdNext,
			help: "Run to the next line of the current function, stepping over calls."},
		{names: []string{"step", "s"}, need: needStop, run: (*Debugger).cmdStep,
			help: "Run to the next line, stepping into a call."},
		{names: []string{"return", "r"}, need: needStop, run: (*Debugger).cmdReturn,
			help: "Run until the current function returns."},
		{names: []string{"until", "unt"}, synopsis: "[LINE]", need: needStop, run: (*Debugger).cmdUntil,
			help: "Run until a line after the current one (or line LINE or later) is reached in the\ncurrent function, or it returns."},
		{names: []string{"jump", "j"}, synopsis: "LINE", need: needStop, run: (*Debugger).cmdJump,
			help: "Make LINE the next line to run in the current function."},
		{names: []string{"where", "w", "bt"}, need: needStop, run: (*Debugger).cmdWhere,
			help: "Show the stack, the most recent call last; > marks the current frame."},
		{names: []string{"up", "u"}, synopsis: "[COUNT]", need: needStop, run: (*Debugger).cmdUp,
			help: "Move the current frame COUNT levels up the stack (to older calls)."},
		{names: []string{"down", "d"}, synopsis: "[COUNT]", need: needStop, run: (*Debugger).cmdDown,
			help: "Move the current frame COUNT levels down the stack (to newer calls)."},
		{names: []string{"list", "l"}, synopsis: "[FIRST[, LAST] | .]", run: (*Debugger).cmdList,
			help: "List source: 11 lines around the current line, or the next 11 lines on repeat.\n\".\" lists around the current line again; FIRST, LAST lists a range."},
		{names: []string{"longlist", "ll"}, need: needStop, run: (*Debugger).cmdLonglist,
			help: "List the whole source of the current function."},
		{names: []string{"print", "p"}, synopsis: "EXPRESSION", need: needStop, arg: argExpression, run: (*Debugger).cmdPrint,
			help: "Evaluate EXPRESSION in the current frame and print its value."},
		{names: []string{"pp"}, synopsis: "EXPRESSION", need: needStop, arg: argExpression, run: (*Debugger).cmdPrettyPrint,
			help: "Pretty-print the value of EXPRESSION (with pprint)."},
		{names: []string{"display"}, synopsis: "[EXPRESSION]", need: needStop, arg: argExpression, run: (*Debugger).cmdDisplay,
			help: "Show EXPRESSION's value whenever it changes at a stop in this function; without\none, list the displays here."},
		{names: []string{"undisplay"}, synopsis: "[EXPRESSION]", need: needStop, arg: argExpression, run: (*Debugger).cmdUndisplay,
			help: "Stop displaying EXPRESSION; without one, every display of this function."},
		{names: []string{"args", "a"}, need: needStop, run: (*Debugger).cmdArgs,
			help: "Print the arguments of the current function."},
		{names: []string{"retval", "rv"}, need: needStop, run: (*Debugger).cmdRetval,
			help: "Print the value the current function returned, after a step out of it."},
		{names: []string{"threads"}, need: needProgram, run: (*Debugger).cmdThreads,
			help: "List the program's threads; * marks the current one."},
		{names: []string{"thread"}, synopsis: "NUMBER", need: needProgram, run: (*Debugger).cmdThread,
			help: "Make thread NUMBER (as \"threads\" lists it) the current one."},
		{names: []string{"help", "h"}, synopsis: "[COMMAND]", run: (*Debugger).cmdHelp,
			help: "List the commands, or explain one."},
		{names: []string{"quit", "q", "exit"}, run: (*Debugger).cmdQuit,
			help: "End the program and leave the debugger."},
		{names: []string{"restart", "run"}, run: (*Debugger).cmdRestart,
			help: "Run the program again from the start, keeping breakpoints and displays."},
	}
}

// lookupCommand finds a command by one of its names.
func lookupCommand(name string) *command {
	for _, c := range commands {
		for _, n := range c.names {
			if n == name {
				return c
			}
		}
	}
	return nil
}

// commandNames lists every name and abbreviation, sorted.
func commandNames() []string {
	var names []string
	for _, c := range commands {
		names = append(names, c.names...)
	}
	sort.Strings(names)
	return names
}

// splitCommand cuts a line into its first word and the rest.
func splitCommand(line string) (name, arg string) {
	line = strings.TrimSpace(line)
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		return line, ""
	}
	return line[:i], strings.TrimSpace(line[i+1:])
}

func (d *Debugger) cmdHelp(arg string) error {
	if arg != "" {
		c := lookupCommand(strings.TrimPrefix(arg, "!"))
		if arg == "!" || arg == "exec" {
			d.say("!STATEMENT\n    Run a Python statement in the current frame. A line that is not a command is\n    run the same way.")
			return nil
		}
		if c == nil {
			return fmt.Errorf("help: no command %q; type help for the list", arg)
		}
		d.say("%s %s\n    %s", strings.Join(c.names, ", "), c.synopsis, strings.ReplaceAll(c.help, "\n", "\n    "))
		return nil
	}
	var b strings.Builder
	b.WriteString("Commands (abbreviations after the comma):\n")
	for _, c := range commands {
		usage := strings.Join(c.names, ", ")
		if c.synopsis != "" {
			usage += " " + c.synopsis
		}
		summary, _, _ := strings.Cut(c.help, "\n")
		fmt.Fprintf(&b, "  %-34s %s\n", usage, firstSentence(summary))
	}
	b.WriteString("  !STATEMENT                         run a Python statement in the current frame\n")
	b.WriteString("Anything else is evaluated as Python in the current frame. An empty line repeats\n")
	b.WriteString("the last command. Ctrl-C while the program runs pauses it.")
	d.say("%s", b.String())
	return nil
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
