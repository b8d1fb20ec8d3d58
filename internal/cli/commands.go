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
// abbreviations), a synopsis, its help (a one-line summary, then details), and what
// it runs.
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
	commands = append(controlCommands(), inspectionCommands()...)
}

// controlCommands are the commands of breakpoints and of running the program.
func controlCommands() []*command {
	return []*command{
		{names: []string{"break", "b"}, synopsis: "[LOCATION[, CONDITION]]", arg: argLocation, run: (*Debugger).cmdBreak,
			help: "Set a breakpoint, or list them.\nLOCATION is LINE (in the current file), FILE:LINE or FUNCTION. With a\nCONDITION, the breakpoint stops only when the condition is true."},
		{names: []string{"tbreak"}, synopsis: "LOCATION[, CONDITION]", arg: argLocation, run: (*Debugger).cmdTbreak,
			help: "Set a breakpoint deleted when first hit."},
		{names: []string{"clear", "cl"}, synopsis: "[NUMBER... | FILE:LINE]", arg: argLocation, run: (*Debugger).cmdClear,
			help: "Delete breakpoints (all, after asking, without NUMBER).\nDelete the breakpoints with these numbers, or the ones at FILE:LINE."},
		{names: []string{"disable"}, synopsis: "NUMBER...", run: (*Debugger).cmdDisable,
			help: "Disable breakpoints; they stay listed.\nA disabled breakpoint does not stop the program until it is enabled."},
		{names: []string{"enable"}, synopsis: "NUMBER...", run: (*Debugger).cmdEnable,
			help: "Enable breakpoints again."},
		{names: []string{"condition"}, synopsis: "NUMBER [CONDITION]", arg: argExpression, run: (*Debugger).cmdCondition,
			help: "Set or remove a breakpoint's condition.\nBreakpoint NUMBER stops only when CONDITION is true; without one, always."},
		{names: []string{"ignore"}, synopsis: "NUMBER [COUNT]", run: (*Debugger).cmdIgnore,
			help: "Let a breakpoint's next COUNT hits pass.\nThe next COUNT hits of breakpoint NUMBER do not stop; without COUNT, all do."},
		{names: []string{"continue", "c", "cont"}, need: needProgram, run: (*Debugger).cmdContinue,
			help: "Run until a breakpoint or the end.\nRun until a breakpoint, an exception or the end of the program."},
		{names: []string{"next", "n"}, need: needStop, run: (*Debugger).cmdNext,
			help: "Run to the next line, over calls.\nRun to the next line of the current function, stepping over calls."},
		{names: []string{"step", "s"}, need: needStop, run: (*Debugger).cmdStep,
			help: "Run to the next line, into calls."},
		{names: []string{"return", "r"}, need: needStop, run: (*Debugger).cmdReturn,
			help: "Run until the current function returns.\nIt stops at the return itself (--Return--, with the value), as pdb does."},
		{names: []string{"until", "unt"}, synopsis: "[LINE]", need: needStop, run: (*Debugger).cmdUntil,
			help: "Run to a later line of this function.\nWithout LINE, to any line after the current one (out of a loop); with LINE, to\nthat line or a later one. It also stops when the function returns."},
		{names: []string{"jump", "j"}, synopsis: "LINE", need: needStop, run: (*Debugger).cmdJump,
			help: "Make LINE the next line to run.\nOnly in the newest frame; LINE is in the same function, and Python refuses\njumps into a block (a for loop, a with) or out of a finally."},
	}
}

// inspectionCommands are the commands that look at the program, and the session's own.
func inspectionCommands() []*command {
	return []*command{
		{names: []string{"where", "w", "bt"}, need: needStop, run: (*Debugger).cmdWhere,
			help: "Show the stack; > marks the current frame.\nThe most recent call is last."},
		{names: []string{"up", "u"}, synopsis: "[COUNT]", need: needStop, run: (*Debugger).cmdUp,
			help: "Select an older frame, COUNT levels up."},
		{names: []string{"down", "d"}, synopsis: "[COUNT]", need: needStop, run: (*Debugger).cmdDown,
			help: "Select a newer frame, COUNT levels down."},
		{names: []string{"list", "l"}, synopsis: "[FIRST[, LAST] | .]", run: (*Debugger).cmdList,
			help: "List source around the current line.\n11 lines; a repeated list goes on from where the last one ended. \".\" lists\naround the current line again; FIRST, LAST lists a range (a LAST below FIRST\nis a count)."},
		{names: []string{"longlist", "ll"}, need: needStop, run: (*Debugger).cmdLonglist,
			help: "List the whole current function."},
		{names: []string{"print", "p"}, synopsis: "[!]EXPRESSION", need: needStop, arg: argExpression, run: (*Debugger).cmdPrint,
			help: "Print the value of EXPRESSION.\nEXPRESSION is evaluated in the current frame. A value longer than 1000\ncharacters is cut; p! EXPRESSION prints all of it."},
		{names: []string{"pp"}, synopsis: "[!]EXPRESSION", need: needStop, arg: argExpression, run: (*Debugger).cmdPrettyPrint,
			help: "Pretty-print the value of EXPRESSION.\nThe value is formatted with pprint, in the program, and cut as p cuts it;\npp! EXPRESSION prints all of it."},
		{names: []string{"whatis"}, synopsis: "EXPRESSION", need: needStop, arg: argExpression, run: (*Debugger).cmdWhatis,
			help: "Print the type of EXPRESSION."},
		{names: []string{"source"}, synopsis: "EXPRESSION", need: needStop, arg: argExpression, run: (*Debugger).cmdSource,
			help: "Show the source of a function, class or module."},
		{names: []string{"interact"}, need: needStop, run: (*Debugger).cmdInteract,
			help: "Start an interactive Python prompt in the current frame.\nEach line runs in the current frame, as a line typed at (dapper) does;\nCtrl-D, exit() or quit() returns to the (dapper) prompt."},
		{names: []string{"exceptions"}, synopsis: "[NUMBER]", need: needStop, run: (*Debugger).cmdExceptions,
			help: "List the chained exceptions, or show exception NUMBER.\nAt a stop on an exception, the exceptions it was raised from or during are\nnumbered oldest first; exceptions NUMBER shows that one's traceback as the stack."},
		{names: []string{"display"}, synopsis: "[EXPRESSION]", need: needStop, arg: argExpression, run: (*Debugger).cmdDisplay,
			help: "Show EXPRESSION whenever it changes here.\nAt each stop in this function, EXPRESSION's value is shown if it changed.\nWithout EXPRESSION, list the displays of this function."},
		{names: []string{"undisplay"}, synopsis: "[EXPRESSION]", need: needStop, arg: argExpression, run: (*Debugger).cmdUndisplay,
			help: "Stop displaying EXPRESSION (or all here)."},
		{names: []string{"args", "a"}, need: needStop, run: (*Debugger).cmdArgs,
			help: "Print the current function's arguments."},
		{names: []string{"retval", "rv"}, need: needStop, run: (*Debugger).cmdRetval,
			help: "Print the value the function returned.\nIt is known at a return (after \"return\") and right after a step out of a function."},
		{names: []string{"threads"}, need: needProgram, run: (*Debugger).cmdThreads,
			help: "List the threads; * marks the current one."},
		{names: []string{"tasks"}, need: needStop, run: (*Debugger).cmdTasks,
			help: "List the asyncio tasks of this thread's event loop, and where each waits."},
		{names: []string{"thread"}, synopsis: "NUMBER", need: needProgram, run: (*Debugger).cmdThread,
			help: "Switch to thread NUMBER.\nNUMBER is as \"threads\" lists it; the thread must be stopped."},
		{names: []string{"commands"}, synopsis: "[NUMBER]", run: (*Debugger).cmdCommands,
			help: "Give a breakpoint commands to run when it stops the program.\nType the commands, one a line, then end. silent, first, hides the stop's\nusual message; a command that resumes the program (continue, next, ...)\nends the list. Without NUMBER, the last breakpoint set."},
		{names: []string{"alias"}, synopsis: "[NAME [COMMAND]]", run: (*Debugger).cmdAlias,
			help: "Define NAME as a short way to type COMMAND, or list the aliases.\n%1 to %9 in COMMAND stand for the alias's arguments, %* for all of them."},
		{names: []string{"unalias"}, synopsis: "NAME", run: (*Debugger).cmdUnalias,
			help: "Delete an alias."},
		{names: []string{"debug"}, synopsis: "CODE", run: (*Debugger).cmdDebug,
			help: "Step through CODE in a debugger of its own (not available yet)."},
		{names: []string{"help", "h"}, synopsis: "[COMMAND]", run: (*Debugger).cmdHelp,
			help: "List the commands, or explain one."},
		{names: []string{"quit", "q", "exit"}, run: (*Debugger).cmdQuit,
			help: "End the program and leave."},
		{names: []string{"restart", "run"}, synopsis: "[ARGS...]", run: (*Debugger).cmdRestart,
			help: "Run the program again from the start.\nBreakpoints and displays are kept. With ARGS, they are the program's\narguments from now on (split as a shell would, quotes included)."},
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
		if arg == "!" {
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
		fmt.Fprintf(&b, "  %-34s %s\n", usage, summary)
	}
	b.WriteString("  !STATEMENT                         run a Python statement in the current frame\n")
	b.WriteString("Anything else is evaluated as Python in the current frame, over several lines\n")
	b.WriteString("for a for, if, def... (a blank line ends them); a command word that Python would\n")
	b.WriteString("carry on (n = 4, c.x, a[0]) is Python. An empty line repeats the last command;\n")
	b.WriteString(";; separates commands; $_frame, $_exception and $_retval are the stop's.\n")
	b.WriteString("While the program runs, what you type goes to it; Ctrl-C pauses it.")
	d.say("%s", b.String())
	return nil
}
