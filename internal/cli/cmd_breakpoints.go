package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	locationPattern = regexp.MustCompile(`^(.+):(\d+)$`)
	functionPattern = regexp.MustCompile(`^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*)?$`)
)

func (d *Debugger) cmdBreak(arg string) error {
	if arg == "" {
		d.listBreakpoints()
		return nil
	}
	return d.setBreakpoint(arg, false)
}

func (d *Debugger) cmdTbreak(arg string) error {
	if arg == "" {
		return fmt.Errorf("tbreak: give a LINE, FILE:LINE or FUNCTION")
	}
	return d.setBreakpoint(arg, true)
}

// setBreakpoint reads LOCATION[, CONDITION], adds the breakpoint and sends it.
func (d *Debugger) setBreakpoint(arg string, temporary bool) error {
	location, condition, _ := strings.Cut(arg, ",")
	b, err := d.parseLocation(strings.TrimSpace(location))
	if err != nil {
		return err
	}
	b.condition, b.temporary = strings.TrimSpace(condition), temporary
	if err := d.checkFunctionName(b.function); err != nil {
		return err
	}
	if why := d.unsupported(b); why != "" {
		return unavailable(d.cmdName, why)
	}
	d.bps.add(b)
	if err := d.bps.send(d, b); err != nil {
		d.bps.remove(b)
		d.bps.next--
		return explain(d.cmdName, err, "setFunctionBreakpoints")
	}
	d.say("%s", d.describeBreakpoint(b))
	return nil
}

// addSpec adds a breakpoint given on the command line (sent when the program starts).
func (d *Debugger) addSpec(spec BreakpointSpec) error {
	file, err := d.resolveFile(spec.File)
	if err != nil {
		return err
	}
	d.bps.add(&breakpoint{file: file, line: spec.Line, condition: spec.Condition})
	return nil
}

// parseLocation reads LINE (in the current file), FILE:LINE or FUNCTION.
func (d *Debugger) parseLocation(location string) (*breakpoint, error) {
	if n, err := strconv.Atoi(location); err == nil {
		file := d.currentFile()
		if file == "" {
			return nil, fmt.Errorf("%s: there is no current file; give FILE:%d", d.cmdName, n)
		}
		if n < 1 {
			return nil, fmt.Errorf("%s: %d is not a line number", d.cmdName, n)
		}
		return &breakpoint{file: file, line: n}, nil
	}
	if m := locationPattern.FindStringSubmatch(location); m != nil {
		file, err := d.resolveFile(m[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", d.cmdName, err)
		}
		line, _ := strconv.Atoi(m[2])
		if line < 1 {
			return nil, fmt.Errorf("%s: %d is not a line number", d.cmdName, line)
		}
		return &breakpoint{file: file, line: line}, nil
	}
	if functionPattern.MatchString(location) {
		return &breakpoint{function: location}, nil
	}
	return nil, fmt.Errorf("%s: %q is not a LINE, FILE:LINE or FUNCTION", d.cmdName, location)
}

// unsupported names the capability a breakpoint needs that the debugger lacks.
func (d *Debugger) unsupported(b *breakpoint) string {
	caps := d.prog.caps
	switch {
	case b.function != "" && !caps.SupportsFunctionBreakpoints:
		return "stop at functions by name"
	case b.condition != "" && !caps.SupportsConditionalBreakpoints:
		return "evaluate breakpoint conditions"
	}
	return ""
}

// disableUnsupported disables the command line's breakpoints that need a capability
// the debugger lacks, rather than stop where the user did not ask to.
func (d *Debugger) disableUnsupported(p *program) {
	saved := d.prog
	d.prog = p
	defer func() { d.prog = saved }()
	for _, b := range d.bps.list {
		if why := d.unsupported(b); why != "" && b.enabled {
			b.enabled = false
			d.warn("breakpoint %d %s is disabled: %v", b.num, b.where(d), unavailable("it", why))
		}
	}
}

// describeBreakpoint is what pdb says when a breakpoint is set, and how it bound.
func (d *Debugger) describeBreakpoint(b *breakpoint) string {
	kind := "Breakpoint"
	if b.temporary {
		kind = "Temporary breakpoint"
	}
	text := fmt.Sprintf("%s %d %s", kind, b.num, b.where(d))
	switch {
	case d.prog.state == finished:
	case !b.verified && b.message != "":
		text += " (" + unboundReason(b.message) + ")"
	case !b.verified:
		text += " (not bound yet)"
	case b.function == "" && b.boundLine != b.line:
		text += fmt.Sprintf(" (line %d has no code)", b.line)
	}
	return text
}

func (d *Debugger) listBreakpoints() {
	if len(d.bps.list) == 0 {
		d.say("No breakpoints.")
		return
	}
	var s strings.Builder
	s.WriteString("Num Type         Disp Enb   Where")
	for _, b := range d.bps.list {
		disp, enb := "keep", "yes"
		if b.temporary {
			disp = "del "
		}
		if !b.enabled {
			enb = "no "
		}
		fmt.Fprintf(&s, "\n%-3d breakpoint   %s %s   %s", b.num, disp, enb, b.where(d))
		if !b.verified && b.message != "" {
			fmt.Fprintf(&s, "\n\t%s", unboundReason(b.message))
		}
		if b.condition != "" {
			fmt.Fprintf(&s, "\n\tstop only if %s", b.condition)
		}
		if b.ignore > 0 {
			fmt.Fprintf(&s, "\n\tignore next %d hits", b.ignore)
		}
		if b.hits > 0 {
			fmt.Fprintf(&s, "\n\tbreakpoint already hit %d time%s", b.hits, plural(b.hits))
		}
	}
	d.say("%s", s.String())
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// numberedBreakpoints reads a list of breakpoint numbers.
func (d *Debugger) numberedBreakpoints(args []string) ([]*breakpoint, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("%s: give breakpoint numbers", d.cmdName)
	}
	var out []*breakpoint
	for _, a := range args {
		n, err := strconv.Atoi(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a breakpoint number", d.cmdName, a)
		}
		b := d.bps.byNumber(n)
		if b == nil {
			return nil, fmt.Errorf("%s: there is no breakpoint %d", d.cmdName, n)
		}
		out = append(out, b)
	}
	return out, nil
}

func (d *Debugger) cmdClear(arg string) error {
	var doomed []*breakpoint
	switch m := locationPattern.FindStringSubmatch(arg); {
	case arg == "":
		if len(d.bps.list) == 0 || !d.confirm("Clear all breaks? ") {
			return nil
		}
		doomed = append(doomed, d.bps.list...)
	case m != nil:
		file, err := d.resolveFile(m[1])
		if err != nil {
			return fmt.Errorf("clear: %v", err)
		}
		line, _ := strconv.Atoi(m[2])
		if doomed = d.bps.atLine(file, line); len(doomed) == 0 {
			return fmt.Errorf("clear: there is no breakpoint at %s", arg)
		}
	default:
		var err error
		if doomed, err = d.numberedBreakpoints(strings.Fields(arg)); err != nil {
			return err
		}
	}
	for _, b := range doomed {
		d.bps.remove(b)
		if err := d.bps.send(d, b); err != nil {
			d.fail(explain(d.cmdName, err, ""))
		}
		d.say("Deleted breakpoint %d %s", b.num, b.where(d))
	}
	return nil
}

func (d *Debugger) cmdDisable(arg string) error { return d.setEnabled(arg, false) }

func (d *Debugger) cmdEnable(arg string) error { return d.setEnabled(arg, true) }

func (d *Debugger) setEnabled(arg string, enabled bool) error {
	list, err := d.numberedBreakpoints(strings.Fields(arg))
	if err != nil {
		return err
	}
	verb := "Disabled"
	if enabled {
		verb = "Enabled"
	}
	for _, b := range list {
		if why := d.unsupported(b); enabled && why != "" {
			return unavailable(d.cmdName, why)
		}
		b.enabled = enabled
		if err := d.bps.send(d, b); err != nil {
			return explain(d.cmdName, err, "")
		}
		d.say("%s breakpoint %d %s", verb, b.num, b.where(d))
	}
	return nil
}

func (d *Debugger) cmdCondition(arg string) error {
	num, condition, _ := strings.Cut(arg, " ")
	list, err := d.numberedBreakpoints(strings.Fields(num))
	if err != nil {
		return err
	}
	b := list[0]
	condition = strings.TrimSpace(condition)
	if condition != "" && !d.prog.caps.SupportsConditionalBreakpoints {
		return unavailable(d.cmdName, "evaluate breakpoint conditions")
	}
	old := b.condition
	b.condition = condition
	if err := d.bps.send(d, b); err != nil {
		b.condition = old
		return explain(d.cmdName, err, "")
	}
	if !b.verified && b.message != "" && d.prog.state != finished {
		return fmt.Errorf("condition: breakpoint %d: %s", b.num, b.message)
	}
	if condition == "" {
		d.say("Breakpoint %d is now unconditional.", b.num)
	} else {
		d.say("New condition set for breakpoint %d.", b.num)
	}
	return nil
}

// cmdIgnore sets pdb's ignore count, kept here: the next COUNT stops at the
// breakpoint go on unseen.
func (d *Debugger) cmdIgnore(arg string) error {
	fields := strings.Fields(arg)
	if len(fields) == 0 || len(fields) > 2 {
		return fmt.Errorf("ignore: want NUMBER [COUNT]")
	}
	list, err := d.numberedBreakpoints(fields[:1])
	if err != nil {
		return err
	}
	count := 0
	if len(fields) == 2 {
		if count, err = strconv.Atoi(fields[1]); err != nil || count < 0 {
			return fmt.Errorf("ignore: %q is not a count", fields[1])
		}
	}
	b := list[0]
	b.ignore = count
	if count > 0 {
		d.say("Will ignore next %d crossing%s of breakpoint %d.", count, plural(count), b.num)
	} else {
		d.say("Will stop next time breakpoint %d is reached.", b.num)
	}
	return nil
}
