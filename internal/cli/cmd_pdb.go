package cli

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dapper-debugger/dapper/internal/cli/lineedit"
)

// valueLimit is where p and pp cut a value's text: the agent's own limit for a value
// shown in a Variables pane, a hover or the console (inspection/saferepr.py LIMIT).
const valueLimit = 1000

// cutMarker is how the agent ends a value it cut: the value's true size.
var cutMarker = regexp.MustCompile(`\.\.\.[\]})>']* \(\d+ (items|characters|bits)\)$`)

// parenthesized wraps an expression so that "x, y" reads as a tuple, and a comment
// at its end comments out nothing more.
func parenthesized(expression string) string { return "(\n" + expression + "\n)" }

func (d *Debugger) cmdPrint(arg string) error {
	full, text := cutFull(arg)
	if text == "" {
		return fmt.Errorf("print: give an expression")
	}
	if full {
		value, err := d.evaluate("__import__('builtins').repr"+parenthesized(text), "clipboard")
		if err == nil {
			d.say("%s", value)
		}
		return err
	}
	value, err := d.evaluate(text, "repl")
	if err != nil {
		return err
	}
	d.say("%s", value)
	if len(value) >= valueLimit-10 && cutMarker.MatchString(value) {
		d.notice("(cut at %d characters; \"p! %s\" prints all of it)", valueLimit, text)
	}
	return nil
}

// cmdPrettyPrint formats the value with pprint in the program, as pdb does, and shows
// the text it made, cut as p cuts (pp! shows it all).
func (d *Debugger) cmdPrettyPrint(arg string) error {
	full, text := cutFull(arg)
	if text == "" {
		return fmt.Errorf("pp: give an expression")
	}
	value, err := d.evaluate("__import__('pprint').pformat"+parenthesized(text), "clipboard")
	if err != nil {
		return err
	}
	if length := len([]rune(value)); !full && length > valueLimit {
		value = string([]rune(value)[:valueLimit]) + fmt.Sprintf("... (%d characters)", length)
		defer d.notice("(cut at %d characters; \"pp! %s\" prints all of it)", valueLimit, text)
	}
	d.say("%s", value)
	return nil
}

// cutFull reads the "!" of p! and pp!.
func cutFull(arg string) (full bool, text string) {
	rest, full := strings.CutPrefix(arg, "!")
	return full, strings.TrimSpace(rest)
}

// whatisText computes pdb's answer to whatis in the program: a method's or a
// function's name, a class's qualified name, or the value's type.
const whatisText = `(lambda v: 'Method ' + v.__func__.__code__.co_name ` +
	`if hasattr(getattr(v, '__func__', None), '__code__') ` +
	`else 'Function ' + v.__code__.co_name if hasattr(v, '__code__') ` +
	`else 'Class %s.%s' % (v.__module__, v.__qualname__) if type(v) is type ` +
	`else str(type(v)))`

func (d *Debugger) cmdWhatis(arg string) error {
	if arg == "" {
		return fmt.Errorf("whatis: give an expression")
	}
	value, err := d.evaluate(whatisText+parenthesized(arg), "clipboard")
	if err == nil {
		d.say("%s", value)
	}
	return err
}

// cmdSource shows an object's source with its line numbers, from inspect in the program.
func (d *Debugger) cmdSource(arg string) error {
	if arg == "" {
		return fmt.Errorf("source: give a function, class or module")
	}
	text, err := d.evaluate("(lambda s: '%d\\n' % s[1] + ''.join(s[0]))(__import__('inspect').getsourcelines"+
		parenthesized(arg)+")", "clipboard")
	if err != nil {
		return err
	}
	head, body, _ := strings.Cut(text, "\n")
	first, err := strconv.Atoi(head)
	if err != nil {
		return fmt.Errorf("source: %s", text)
	}
	first = max(first, 1)
	lines := append(make([]string, first-1), splitLines(body)...)
	d.say("%s", d.renderListing("", lines, first, len(lines), 0))
	return nil
}

// cmdInteract reads Python lines with a >>> prompt and runs each in the current frame,
// until Ctrl-D, exit() or quit(), or until the program no longer stands still.
func (d *Debugger) cmdInteract(arg string) error {
	d.say("*interactive*  (Ctrl-D, exit() or quit() goes back to the (dapper) prompt)")
	for d.prog.state == stopped && !d.quitting {
		line, err := d.read(lineedit.Prompt{Text: ">>> ", Style: styleBold}, d.completer())
		if err == lineedit.ErrInterrupted {
			continue
		}
		if err != nil || strings.TrimSpace(line) == "exit()" || strings.TrimSpace(line) == "quit()" {
			break
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		d.history.Add(line)
		text, complete := d.readMore(line, lineedit.Prompt{Text: "... ", Style: styleBold})
		if !complete {
			continue
		}
		d.cmdName = "interact"
		if err := d.evaluateLine(text); err != nil {
			d.fail(err)
		}
	}
	d.say("now exiting the interactive prompt...")
	return nil
}

// exceptionChain is the answer to dapper/exceptions.
type exceptionChain struct {
	Exceptions []struct {
		Text string `json:"text"`
	} `json:"exceptions"`
	Current int `json:"current"`
}

// cmdExceptions lists the chained exceptions of the stop, or shows one of them.
func (d *Debugger) cmdExceptions(arg string) error {
	p := d.prog
	args := map[string]any{"threadId": p.thread}
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil {
			return fmt.Errorf("exceptions: %q is not an exception number", arg)
		}
		args["select"] = n
	}
	var chain exceptionChain
	if err := d.request("dapper/exceptions", args, &chain); err != nil {
		return err
	}
	if arg != "" {
		if err := d.loadStack(p); err != nil {
			return err
		}
		d.showFrame(p)
		return nil
	}
	var out []string
	for i, e := range chain.Exceptions {
		marker := " "
		if i == chain.Current {
			marker = ">"
		}
		out = append(out, fmt.Sprintf("%s %d %s", marker, i, e.Text))
	}
	d.say("%s", strings.Join(out, "\n"))
	return nil
}

// resuming are the commands that end a breakpoint's command list, as in pdb.
var resuming = map[string]bool{"continue": true, "next": true, "step": true, "return": true,
	"until": true, "jump": true, "quit": true}

// cmdCommands reads the commands a breakpoint runs when it stops the program.
func (d *Debugger) cmdCommands(arg string) error {
	b := d.bps.byNumber(d.bps.next)
	if arg != "" {
		list, err := d.numberedBreakpoints(strings.Fields(arg))
		if err != nil {
			return err
		}
		b = list[0]
	}
	if b == nil {
		return fmt.Errorf("commands: there is no breakpoint to give commands to")
	}
	if d.term.Interactive() {
		d.say("Commands for breakpoint %d, one a line; \"end\" ends them.", b.num)
	}
	var list []string
	silent := false
	for {
		line, err := d.read(lineedit.Prompt{Text: "(com) "}, d.completer())
		if err != nil {
			return fmt.Errorf("commands: abandoned; breakpoint %d keeps its commands", b.num)
		}
		line = strings.TrimSpace(line)
		c, _, _, _ := classify(line)
		switch {
		case line == "end":
		case line == "silent":
			silent = true
			continue
		case line == "":
			continue
		default:
			list = append(list, line)
			if c == nil || !resuming[c.names[0]] {
				continue
			}
		}
		break
	}
	b.commands, b.silent = list, silent
	return nil
}

func (d *Debugger) cmdAlias(arg string) error {
	name, body, _ := strings.Cut(strings.TrimSpace(arg), " ")
	body = strings.TrimSpace(body)
	switch {
	case name == "":
		names := make([]string, 0, len(d.aliases))
		for n := range d.aliases {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			d.say("%s = %s", n, d.aliases[n])
		}
	case body == "":
		if _, ok := d.aliases[name]; !ok {
			return fmt.Errorf("alias: %s is not an alias", name)
		}
		d.say("%s = %s", name, d.aliases[name])
	case name == "alias" || name == "unalias":
		return fmt.Errorf("alias: %s cannot be given another meaning", name)
	default:
		if d.aliases == nil {
			d.aliases = map[string]string{}
		}
		d.aliases[name] = body
	}
	return nil
}

func (d *Debugger) cmdUnalias(arg string) error {
	if _, ok := d.aliases[arg]; !ok {
		return fmt.Errorf("unalias: %s is not an alias", arg)
	}
	delete(d.aliases, arg)
	return nil
}

func (d *Debugger) cmdDebug(arg string) error {
	return fmt.Errorf("debug: not available in dapper debug: it has no debugger within the debugger; " +
		"set a breakpoint in the code and call it with ! instead")
}
