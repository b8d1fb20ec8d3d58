package cli

import (
	"fmt"
	"regexp"
	"strings"
)

// execute runs one line: a command, or Python. typed is false for lines that were
// queued (.pdbrc, a breakpoint's commands, what followed ";;"). An empty line typed
// repeats the last command, as in pdb.
func (d *Debugger) execute(line string, typed bool) {
	if strings.TrimSpace(line) == "" {
		if !typed || d.lastCommand == "" {
			return
		}
		line = d.lastCommand
	} else if typed {
		d.history.Add(line)
		d.lastCommand = line
	}
	line, err := d.expandAlias(line)
	if err == nil {
		line = d.queueAfterSeparator(line)
	}
	d.ctx = d.commandContext()
	defer d.commandDone()
	var c *command
	var arg, python string
	if err == nil {
		c, arg, python, err = classify(line)
	}
	switch {
	case err != nil:
	case c == nil:
		d.cmdName = "evaluate"
		if typed {
			var complete bool
			if python, complete = d.readStatement(python); !complete {
				return
			}
		}
		err = d.evaluateLine(python)
	default:
		d.cmdName = c.names[0]
		if err = d.check(c.need); err == nil {
			err = c.run(d, arg)
		}
	}
	if err != nil {
		d.fail(err)
	}
}

// queueAfterSeparator runs what follows ";;" as the next line, as pdb does (except in
// an alias definition, which keeps it).
func (d *Debugger) queueAfterSeparator(line string) string {
	if name, _ := splitCommand(line); name == "alias" {
		return line
	}
	before, after, found := strings.Cut(line, ";;")
	if !found {
		return line
	}
	d.pending = append([]string{strings.TrimSpace(after)}, d.pending...)
	return strings.TrimSpace(before)
}

var (
	commandWord = regexp.MustCompile(`^[A-Za-z_]\w*`)
	// An assignment, augmented or not, after a name: "n = 4", "c += 1".
	assignment = regexp.MustCompile(`^(=[^=]|=$|(\*\*|//|>>|<<|[-+*/%@&|^])=)`)
	// What continues an expression that began with a name: an operator or a keyword.
	operator = regexp.MustCompile(`^([-+*/%@&|^<>=!.,\[(:]|(and|or|if|else|in|is|not|for)\b)`)
	// The binary operators and keywords that, after a command that takes arguments,
	// can only mean Python ("u + 1" where u is a variable).
	binaryOperator = regexp.MustCompile(`^([+*/%@&|^<>]|==|!=|(and|or|if|else|in|is|not)\b)`)
)

// classify reads a line as pdb 3.13 would decide, and stricter: a command word that
// Python would carry on is Python ("n = 4", "c.x", "r.append(1)", "a[0]", "p = 3"),
// and a command never runs with arguments it does not take ("n 4" is an error, not a
// step). It returns the command and its argument, or the Python text (c nil).
func classify(line string) (c *command, arg, python string, err error) {
	trimmed := strings.TrimSpace(line)
	if strings.HasPrefix(trimmed, "!") {
		return nil, "", strings.TrimSpace(trimmed[1:]), nil
	}
	name := commandWord.FindString(trimmed)
	if c = lookupCommand(name); c == nil {
		return nil, "", trimmed, nil
	}
	rest := trimmed[len(name):]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		switch {
		case rest[0] == '!' && (c.names[0] == "print" || c.names[0] == "pp"):
			return c, rest, "", nil // p! and pp!: the whole value
		case rest[0] == '(' && c.arg == argExpression:
			return c, rest, "", nil // p(x), as pdb reads it
		}
		return nil, "", trimmed, nil
	}
	rest = strings.TrimSpace(rest)
	switch {
	case assignment.MatchString(rest):
		return nil, "", trimmed, nil
	case c.synopsis == "" && rest != "" && operator.MatchString(rest):
		return nil, "", trimmed, nil
	case c.synopsis == "" && rest != "":
		return nil, "", "", fmt.Errorf("%s takes no arguments (to run it as Python, type !%s)", c.names[0], trimmed)
	case c.arg == argNone && binaryOperator.MatchString(rest):
		return nil, "", trimmed, nil
	}
	return c, rest, "", nil
}

// expandAlias replaces a line's first word by the alias it names, with %1 to %9 and
// %* taken from the line's arguments, as pdb does (an alias may name another).
func (d *Debugger) expandAlias(line string) (string, error) {
	for depth := 0; depth < 10; depth++ {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			return line, nil
		}
		body, ok := d.aliases[fields[0]]
		if !ok {
			return line, nil
		}
		args := fields[1:]
		used := 0
		for i := 1; i <= 9; i++ {
			marker := fmt.Sprintf("%%%d", i)
			if !strings.Contains(body, marker) {
				continue
			}
			if i > len(args) {
				return "", fmt.Errorf("not enough arguments for alias %s", fields[0])
			}
			body, used = strings.ReplaceAll(body, marker, args[i-1]), max(used, i)
		}
		if strings.Contains(body, "%*") {
			body = strings.ReplaceAll(body, "%*", strings.Join(args, " "))
		} else if used < len(args) {
			return "", fmt.Errorf("too many arguments for alias %s", fields[0])
		}
		line = body
	}
	return "", fmt.Errorf("alias %s: aliases refer to each other without end", strings.Fields(line)[0])
}
