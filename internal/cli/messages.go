package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// showOutput shows an output event; it runs on the client's reader goroutine.
func (d *Debugger) showOutput(raw json.RawMessage) {
	body := decode[godap.OutputEventBody](raw)
	switch body.Category {
	case "telemetry":
	case "stderr":
		if text := d.repeats.pass(body.Output); text != "" {
			d.term.ProgramOutput(d.term.paint(styleRed, text))
		}
	case "important":
		d.term.Message(d.term.paint(styleYellow, strings.TrimRight(body.Output, "\n")))
	default:
		d.term.ProgramOutput(body.Output)
	}
}

// say shows the debugger's own text.
func (d *Debugger) say(format string, args ...any) {
	d.term.Message(fmt.Sprintf(format, args...))
}

// notice shows news about the program (it ended, another thread stopped).
func (d *Debugger) notice(format string, args ...any) {
	d.term.Message(d.term.paint(styleYellow, fmt.Sprintf(format, args...)))
}

// warn shows a problem that does not stop what is being done.
func (d *Debugger) warn(format string, args ...any) {
	d.term.Message(d.term.paint(styleYellow, "warning: "+fmt.Sprintf(format, args...)))
}

// fail shows an error the way pdb does, after "***".
func (d *Debugger) fail(err error) {
	d.term.Message(d.term.paint(styleError, "*** "+err.Error()))
}

// explain turns a failed request of command into words for the user: a request the
// debugger does not serve yet says so plainly.
func explain(command string, err error, request string) error {
	var re *dap.RequestError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &re) && re.Unsupported():
		return unavailable(command, abilities[request])
	case errors.Is(err, dap.ErrSessionEnded):
		return fmt.Errorf("%s: the program has ended", command)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: interrupted", command)
	}
	return err
}

// abilities names what each request gives, for "not available yet" messages.
var abilities = map[string]string{
	"next": "step", "stepIn": "step", "stepOut": "step", "pause": "pause a running program",
	"evaluate": "evaluate expressions", "completions": "complete expressions",
	"goto": "jump", "gotoTargets": "jump", "exceptionInfo": "describe exceptions",
	"setFunctionBreakpoints": "stop at functions by name", "source": "show this source",
	"scopes": "show variables", "variables": "show variables", "stackTrace": "show the stack",
}

// unavailable is the error of a command whose capability has not landed.
func unavailable(command, ability string) error {
	if ability == "" {
		ability = "do this"
	}
	return fmt.Errorf("%s: not available yet: the debugger cannot %s in this version", command, ability)
}
