package cli

import (
	"fmt"
	"sort"
	"strings"

	godap "github.com/google/go-dap"
)

// untilGoal is an "until" in progress: the thread steps on, unseen, while it is in
// the same frame on a line before line.
type untilGoal struct {
	thread int
	depth  int    // the number of frames when it began
	name   string // the frame's function
	line   int
}

// onStopped handles a stopped event. A stop of another thread while the user looks
// at one is announced and kept; it is shown when the user switches to that thread or
// the current one goes on.
func (d *Debugger) onStopped(p *program, ev godap.StoppedEventBody) {
	num := p.threads.number(ev.ThreadId)
	if p.state == running {
		d.present(p, ev)
		return
	}
	if ev.ThreadId != p.thread {
		if _, known := p.waiting[ev.ThreadId]; !known {
			p.waiting[ev.ThreadId] = ev
			d.notice("Thread %d stopped (%s); \"thread %d\" switches to it.", num, ev.Reason, num)
		}
	}
}

// nextWaiting returns a stop that was kept while the user looked at another thread.
func (p *program) nextWaiting() (godap.StoppedEventBody, bool) {
	ids := make([]int, 0, len(p.waiting))
	for id := range p.waiting {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return godap.StoppedEventBody{}, false
	}
	sort.Slice(ids, func(i, j int) bool { return p.threads.number(ids[i]) < p.threads.number(ids[j]) })
	return p.waiting[ids[0]], true
}

// present makes a stop the current one and shows it: where the thread is, the
// exception if it stopped on one, and the displays that changed.
func (d *Debugger) present(p *program, ev godap.StoppedEventBody) {
	d.stopRelay() // keys typed from now on are for the prompt
	p.pausing = 0
	delete(p.waiting, ev.ThreadId)
	if d.bps.onStop(d, ev.HitBreakpointIds) {
		p.thread, d.cmdName = ev.ThreadId, "ignore"
		if err := d.resume(p, "continue", map[string]any{"threadId": ev.ThreadId}); err != nil {
			d.fail(err)
		}
		return
	}
	if p.thread != 0 && p.thread != ev.ThreadId {
		d.notice("Thread %d stopped (%s).", p.threads.number(ev.ThreadId), ev.Reason)
	}
	p.state, p.thread, p.stop, p.traceback = stopped, ev.ThreadId, ev, ""
	if err := d.loadStack(p); err != nil {
		d.fail(err)
		return
	}
	if d.until != nil && d.untilStepsOn(p, ev) {
		return
	}
	d.until = nil
	commands, silent := d.bps.commandsFor(ev.HitBreakpointIds)
	p.returned = ""
	switch ev.Reason {
	case "exception":
		d.showException(p, ev)
	case "pause":
		d.notice("Program paused (thread %d).", p.threads.number(ev.ThreadId))
	case "return":
		d.say("--Return--")
		p.returned = d.returnValue()
	}
	if !silent {
		d.showFrame(p)
		d.showDisplays(p)
	}
	d.pending = append(commands, d.pending...)
}

// returnValue is the text of the value the newest frame returns, at a return stop.
func (d *Debugger) returnValue() string {
	vars, _, err := d.scopeVariables([]string{"returnValue"}, []string{"Return value"})
	if err != nil || len(vars) == 0 {
		return ""
	}
	return vars[len(vars)-1].Value
}

// loadStack reads the stopped thread's stack and selects its newest frame.
func (d *Debugger) loadStack(p *program) error {
	var body godap.StackTraceResponseBody
	err := explain("where", p.client.Request(d.ctx, "stackTrace", map[string]any{"threadId": p.thread}, &body), "stackTrace")
	p.frames, p.frame, p.listed = body.StackFrames, 0, listing{}
	if err == nil && len(p.frames) == 0 {
		err = fmt.Errorf("thread %d stopped with no Python frames", p.threads.number(p.thread))
	}
	return err
}

// currentFrame is the selected frame, if the program is stopped.
func (d *Debugger) currentFrame() (godap.StackFrame, bool) {
	p := d.prog
	if p == nil || p.state != stopped || p.frame >= len(p.frames) {
		return godap.StackFrame{}, false
	}
	return p.frames[p.frame], true
}

// currentFile is the selected frame's file, or the program's before it runs.
func (d *Debugger) currentFile() string {
	if f, ok := d.currentFrame(); ok && f.Source != nil && f.Source.Path != "" {
		return f.Source.Path
	}
	return d.programFile()
}

// untilStepsOn steps again when an "until" has not reached its line.
func (d *Debugger) untilStepsOn(p *program, ev godap.StoppedEventBody) bool {
	g, top := d.until, p.frames[0]
	if ev.Reason != "step" || ev.ThreadId != g.thread || len(p.frames) != g.depth ||
		top.Name != g.name || top.Line >= g.line {
		return false
	}
	if err := d.resume(p, "next", map[string]any{"threadId": p.thread}); err != nil {
		d.fail(err)
		return false
	}
	return true
}

// showException shows why the thread stopped on an exception, with the traceback when
// the debugger can describe it.
func (d *Debugger) showException(p *program, ev godap.StoppedEventBody) {
	var info godap.ExceptionInfoResponseBody
	summary := strings.TrimSpace(ev.Text + ": " + ev.Description)
	summary = strings.Trim(summary, ": ")
	if p.caps.SupportsExceptionInfoRequest {
		if err := p.client.Request(d.ctx, "exceptionInfo", map[string]any{"threadId": ev.ThreadId}, &info); err == nil {
			if info.ExceptionId != "" {
				summary = strings.Trim(info.ExceptionId+": "+info.Description, ": ")
			}
		}
	}
	var tb string
	if info.Details != nil {
		tb = strings.TrimRight(info.Details.StackTrace, "\n")
	}
	if tb != "" {
		d.term.Message(d.term.paint(styleRed, tb))
	} else if summary != "" {
		d.term.Message(d.term.paint(styleRed, summary))
	}
	switch info.BreakMode {
	case "always":
		d.notice("Exception raised; \"continue\" lets the program handle it.")
	default:
		p.traceback = tb // Python prints it again as the program ends: see repeatFilter
		d.notice("Uncaught exception: post-mortem at the frame that raised it; \"continue\" ends the program.")
	}
}

// display is an expression shown whenever its value changes at a stop in the function
// where it was set (pdb keys displays by frame; across stops a function is the
// nearest thing DAP can name).
type display struct {
	file, function string
	expression     string
	last           string
}

func (x *display) in(f godap.StackFrame) bool {
	return x.function == f.Name && x.file == sourcePath(f.Source)
}

// showDisplays evaluates the displays of the current frame and shows those that changed.
func (d *Debugger) showDisplays(p *program) {
	f := p.frames[p.frame]
	for _, x := range d.displays {
		if !x.in(f) {
			continue
		}
		value, err := d.evaluate(x.expression, "watch")
		if err != nil {
			value = "** " + err.Error() + " **"
		}
		if value != x.last {
			old := ""
			if x.last != "" {
				old = "  [old: " + x.last + "]"
			}
			d.say("display %s: %s%s", x.expression, value, old)
			x.last = value
		}
	}
}
