package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dapper-debugger/dapper/internal/cli/pysource"
	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// evaluate evaluates text in the selected frame with a DAP evaluate context ("repl",
// "watch", "clipboard") and returns the value's text.
func (d *Debugger) evaluate(text, context string) (string, error) {
	f, ok := d.currentFrame()
	if !ok {
		return "", fmt.Errorf("%s: the program is not stopped", d.cmdName)
	}
	var body godap.EvaluateResponseBody
	err := d.request("evaluate", map[string]any{"expression": text, "frameId": f.Id, "context": context}, &body)
	return body.Result, err
}

var wordPattern = regexp.MustCompile(`^[A-Za-z_]\w*$`)

// evaluateLine runs a line that is not a command (or follows "!") in the current
// frame, showing its value unless it is None, as Python's interactive prompt does.
func (d *Debugger) evaluateLine(line string) error {
	word, _ := splitCommand(line)
	looksLikeCommand := wordPattern.MatchString(line) && lookupCommand(word) == nil
	if _, ok := d.currentFrame(); !ok {
		if looksLikeCommand {
			return fmt.Errorf("unknown command %q; type help for the list", word)
		}
		return fmt.Errorf("the program is not stopped, so %q cannot be evaluated", line)
	}
	value, err := d.evaluate(line, "repl")
	var re *dap.RequestError
	if err != nil && looksLikeCommand && !errors.As(err, &re) {
		// "not available yet" for a mistyped command would mislead: name both readings.
		return fmt.Errorf("unknown command %q (and as Python: %v)", word, err)
	}
	if err != nil {
		return err
	}
	if value != "" && value != "None" {
		d.say("%s", value)
	}
	return nil
}

func (d *Debugger) cmdDisplay(arg string) error {
	f, _ := d.currentFrame()
	if arg == "" {
		var out []string
		for _, x := range d.displays {
			if x.in(f) {
				out = append(out, fmt.Sprintf("%s: %s", x.expression, x.last))
			}
		}
		if len(out) == 0 {
			d.say("No displays here.")
			return nil
		}
		d.say("Currently displaying:\n%s", strings.Join(out, "\n"))
		return nil
	}
	value, err := d.evaluate(arg, "watch")
	if err != nil {
		return err
	}
	for _, x := range d.displays {
		if x.in(f) && x.expression == arg {
			x.last = value
			d.say("display %s: %s", arg, value)
			return nil
		}
	}
	d.displays = append(d.displays, &display{file: sourcePath(f.Source), function: f.Name, expression: arg, last: value})
	d.say("display %s: %s", arg, value)
	return nil
}

func (d *Debugger) cmdUndisplay(arg string) error {
	f, _ := d.currentFrame()
	kept := d.displays[:0]
	removed := 0
	for _, x := range d.displays {
		if x.in(f) && (arg == "" || x.expression == arg) {
			removed++
			continue
		}
		kept = append(kept, x)
	}
	d.displays = kept
	if removed == 0 && arg != "" {
		return fmt.Errorf("undisplay: %q is not displayed here", arg)
	}
	return nil
}

// scopeVariables reads the variables of the selected frame's scope that has one of
// the presentation hints (or, failing that, one of the names).
func (d *Debugger) scopeVariables(hints []string, names []string) ([]godap.Variable, bool, error) {
	f, _ := d.currentFrame()
	var scopes godap.ScopesResponseBody
	if err := d.request("scopes", map[string]any{"frameId": f.Id}, &scopes); err != nil {
		return nil, false, err
	}
	for _, sc := range scopes.Scopes {
		if contains(hints, sc.PresentationHint) || contains(names, sc.Name) {
			var vars godap.VariablesResponseBody
			err := d.request("variables", map[string]any{"variablesReference": sc.VariablesReference}, &vars)
			return vars.Variables, true, err
		}
	}
	return nil, false, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s && s != "" {
			return true
		}
	}
	return false
}

// cmdArgs prints the current function's arguments: the debugger's "arguments" scope
// when it has one, else the locals named by the def's parameters.
func (d *Debugger) cmdArgs(arg string) error {
	vars, found, err := d.scopeVariables([]string{"arguments"}, []string{"Arguments"})
	if err != nil {
		return err
	}
	if !found {
		f, _ := d.currentFrame()
		lines, err := d.sourceLines(f.Source)
		if err != nil {
			return fmt.Errorf("args: %v", err)
		}
		_, _, def, ok := pysource.FunctionExtent(lines, f.Line, f.Name)
		if !ok {
			return nil // a module or a lambda: no arguments to show
		}
		locals, _, err := d.scopeVariables([]string{"locals"}, []string{"Locals"})
		if err != nil {
			return err
		}
		byName := map[string]godap.Variable{}
		for _, v := range locals {
			byName[v.Name] = v
		}
		for _, name := range pysource.ParameterNames(lines, def) {
			if v, ok := byName[name]; ok {
				vars = append(vars, v)
			}
		}
	}
	var out []string
	for _, v := range vars {
		out = append(out, v.Name+" = "+v.Value)
	}
	d.say("%s", strings.Join(out, "\n"))
	return nil
}

func (d *Debugger) cmdRetval(arg string) error {
	vars, found, err := d.scopeVariables([]string{"returnValue"}, []string{"Return value", "Return Value"})
	if err != nil {
		return err
	}
	if !found || len(vars) == 0 {
		return fmt.Errorf("retval: no return value here (one is known right after \"return\" steps out of a function)")
	}
	for _, v := range vars {
		d.say("%s", v.Value)
	}
	return nil
}
