package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// resume sends a request that sets the current thread going (continue, next, stepIn,
// stepOut); the loop then waits for the next stop.
func (d *Debugger) resume(p *program, request string, args map[string]any) error {
	// Not go-dap's ContinueResponseBody: its omitempty bool cannot tell a missing
	// allThreadsContinued, which DAP reads as true, from false.
	var body struct {
		AllThreadsContinued *bool `json:"allThreadsContinued"`
	}
	if p.state == stopped && p.traceback != "" {
		d.repeats.expect(p.traceback) // before the program can print it again
	}
	err := p.client.Request(d.ctx, request, args, &body)
	var re *dap.RequestError
	if errors.As(err, &re) && re.Gone() {
		// The program ended before the answer could be sent: the exited and
		// terminated events that follow say how.
		err = nil
	}
	if err != nil {
		if held := d.repeats.flush(); held != "" {
			d.term.ProgramOutput(held)
		}
		return explain(d.cmdName, err, request)
	}
	p.state = running
	delete(p.waiting, p.thread)
	// A continue response without allThreadsContinued means every thread goes on.
	if request == "continue" && (body.AllThreadsContinued == nil || *body.AllThreadsContinued) {
		clear(p.waiting)
	}
	return nil
}

func (d *Debugger) cmdContinue(arg string) error {
	return d.resume(d.prog, "continue", map[string]any{"threadId": d.prog.thread})
}

func (d *Debugger) cmdNext(arg string) error {
	return d.resume(d.prog, "next", map[string]any{"threadId": d.prog.thread})
}

func (d *Debugger) cmdStep(arg string) error {
	return d.resume(d.prog, "stepIn", map[string]any{"threadId": d.prog.thread})
}

// cmdReturn steps out, stopping at the return itself (stopAtReturn: the agent's own
// argument of stepOut), as pdb's return does.
func (d *Debugger) cmdReturn(arg string) error {
	return d.resume(d.prog, "stepOut", map[string]any{"threadId": d.prog.thread, "stopAtReturn": true})
}

// cmdUntil steps over lines until one after the current line (or at or after the
// line given) is reached in the same frame, or the frame returns.
func (d *Debugger) cmdUntil(arg string) error {
	p := d.prog
	top := p.frames[0]
	goal := &untilGoal{thread: p.thread, depth: len(p.frames), name: top.Name, line: top.Line + 1}
	if arg != "" {
		line, err := strconv.Atoi(arg)
		if err != nil {
			return fmt.Errorf("until: %q is not a line number", arg)
		}
		if line <= top.Line {
			return fmt.Errorf("until: line %d is not after the current line %d", line, top.Line)
		}
		goal.line = line
	}
	if p.frame != 0 {
		return fmt.Errorf("until: it runs the newest frame; \"down\" to it first")
	}
	if err := d.resume(p, "next", map[string]any{"threadId": p.thread}); err != nil {
		return err
	}
	d.until = goal
	return nil
}

// cmdJump sets the next line to run, through DAP's gotoTargets and goto.
func (d *Debugger) cmdJump(arg string) error {
	p := d.prog
	line, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil {
		return fmt.Errorf("jump: want a line number, got %q", arg)
	}
	if !p.caps.SupportsGotoTargetsRequest {
		return unavailable("jump", "jump")
	}
	if p.frame != 0 {
		return fmt.Errorf("jump: you can only jump within the bottom frame")
	}
	f := p.frames[p.frame]
	var targets godap.GotoTargetsResponseBody
	if err := d.request("gotoTargets", map[string]any{"source": f.Source, "line": line}, &targets); err != nil {
		return err
	}
	if len(targets.Targets) == 0 {
		return fmt.Errorf("jump: cannot jump to line %d from here", line)
	}
	err = d.resume(p, "goto", map[string]any{"threadId": p.thread, "targetId": targets.Targets[0].Id})
	if err != nil {
		return fmt.Errorf("jump: %s", strings.TrimPrefix(err.Error(), "goto: "))
	}
	return nil
}

func (d *Debugger) cmdQuit(arg string) error {
	d.quitting = true
	return nil
}

// cmdRestart ends the program and starts it again with the same breakpoints; with
// ARGS, with those arguments from now on.
func (d *Debugger) cmdRestart(arg string) error {
	if arg != "" {
		args, err := splitShellWords(arg)
		if err != nil {
			return fmt.Errorf("restart: %v", err)
		}
		d.opts.Args = args
	}
	old := d.prog
	old.end()
	old.state = finished
	d.until = nil
	d.notice("Restarting %s", d.opts.describe())
	p, err := d.launch(d.ctx)
	if err != nil {
		d.prog = old
		return fmt.Errorf("restart: %v", err)
	}
	d.prog = p
	return nil
}

// describe names what runs, for messages.
func (o Options) describe() string {
	switch {
	case o.Module != "":
		return "-m " + o.Module
	case o.Code != "":
		return "-c ..."
	}
	return o.Program
}
