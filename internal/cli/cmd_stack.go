package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dapper-debugger/dapper/internal/cli/pysource"
	godap "github.com/google/go-dap"
)

// listing is where a repeated "list" goes on from.
type listing struct {
	path string
	next int
}

func (d *Debugger) cmdWhere(arg string) error {
	p := d.prog
	var out []string
	for i := len(p.frames) - 1; i >= 0; i-- {
		marker := "  "
		if i == p.frame {
			marker = "> "
		}
		out = append(out, d.frameHeader(p, i, marker))
	}
	d.say("%s", strings.Join(out, "\n"))
	return nil
}

func (d *Debugger) cmdUp(arg string) error { return d.moveFrame(arg, +1) }

func (d *Debugger) cmdDown(arg string) error { return d.moveFrame(arg, -1) }

// moveFrame selects an older (+1) or newer (-1) frame, count levels away.
func (d *Debugger) moveFrame(arg string, direction int) error {
	p := d.prog
	count := 1
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			return fmt.Errorf("%s: %q is not a count", d.cmdName, arg)
		}
		count = n
	}
	target := p.frame + direction*count
	switch {
	case direction > 0 && p.frame == len(p.frames)-1:
		return fmt.Errorf("Oldest frame")
	case direction < 0 && p.frame == 0:
		return fmt.Errorf("Newest frame")
	}
	p.frame = max(0, min(len(p.frames)-1, target))
	p.listed = listing{}
	d.showFrame(p)
	return nil
}

// cmdList lists source as pdb does: 11 lines around the current line, then onwards.
func (d *Debugger) cmdList(arg string) error {
	p := d.prog
	src, current := &godap.Source{Path: d.programFile()}, 0
	if f, ok := d.currentFrame(); ok {
		src, current = f.Source, f.Line
	} else if src.Path == "" {
		return fmt.Errorf("list: there is no current file until the program stops")
	}
	lines, err := d.sourceLines(src)
	if err != nil {
		return fmt.Errorf("list: %v", err)
	}
	key := sourcePath(src)
	var first, last int
	switch a, b, two := strings.Cut(arg, ","); {
	case arg == "" && p.listed.path == key && p.listed.next > 0:
		first = p.listed.next
		last = first + 10
	case arg == "" || arg == ".":
		first = max(1, current-5)
		last = first + 10
	default:
		var err error
		if first, err = strconv.Atoi(strings.TrimSpace(a)); err != nil {
			return fmt.Errorf("list: %q is not a line number", strings.TrimSpace(a))
		}
		if !two {
			first = max(1, first-5)
			last = first + 10
			break
		}
		if last, err = strconv.Atoi(strings.TrimSpace(b)); err != nil {
			return fmt.Errorf("list: %q is not a line number", strings.TrimSpace(b))
		}
		if last < first {
			last = first + last // a count, as in pdb
		}
	}
	if first > len(lines) {
		d.say("[EOF]")
		return nil
	}
	last = min(last, len(lines))
	d.say("%s", d.renderListing(key, lines, first, last, current))
	p.listed = listing{path: key, next: last + 1}
	return nil
}

// cmdLonglist lists the whole current function (or module).
func (d *Debugger) cmdLonglist(arg string) error {
	f, _ := d.currentFrame()
	lines, err := d.sourceLines(f.Source)
	if err != nil {
		return fmt.Errorf("longlist: %v", err)
	}
	first, last, _, ok := pysource.FunctionExtent(lines, f.Line, f.Name)
	if !ok {
		first, last = max(1, f.Line-5), min(len(lines), f.Line+5)
	}
	d.say("%s", d.renderListing(sourcePath(f.Source), lines, first, last, f.Line))
	return nil
}

func (d *Debugger) cmdThreads(arg string) error {
	p := d.prog
	var body godap.ThreadsResponseBody
	if err := d.request("threads", nil, &body); err != nil {
		return err
	}
	var out []string
	for _, t := range body.Threads {
		marker := " "
		if t.Id == p.thread && p.state == stopped {
			marker = "*"
		}
		where := "running"
		var st godap.StackTraceResponseBody
		if p.client.Request(d.ctx, "stackTrace", map[string]any{"threadId": t.Id, "levels": 1}, &st) == nil && len(st.StackFrames) > 0 {
			f := st.StackFrames[0]
			where = fmt.Sprintf("stopped at %s(%d)%s()", d.displayPath(sourcePath(f.Source)), f.Line, f.Name)
		}
		out = append(out, fmt.Sprintf("%s %d %s (id %d): %s", marker, p.threads.number(t.Id), t.Name, t.Id, where))
	}
	if len(out) == 0 {
		out = append(out, "No threads.")
	}
	d.say("%s", strings.Join(out, "\n"))
	return nil
}

// cmdTasks lists the "Async tasks" scope: each pending task and where it waits.
func (d *Debugger) cmdTasks(arg string) error {
	vars, found, err := d.scopeVariables([]string{"tasks"}, []string{"Async tasks"})
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("tasks: no event loop runs in this thread")
	}
	var out []string
	for _, v := range vars {
		out = append(out, v.Name+": "+v.Value)
	}
	d.say("%s", strings.Join(out, "\n"))
	return nil
}

// cmdThread makes another stopped thread the current one.
func (d *Debugger) cmdThread(arg string) error {
	p := d.prog
	n, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil {
		return fmt.Errorf("thread: want a thread number (see \"threads\"), got %q", arg)
	}
	id, ok := p.threads.id(n)
	if !ok {
		return fmt.Errorf("thread: there is no thread %d; \"threads\" lists them", n)
	}
	oldThread, oldFrames, oldFrame := p.thread, p.frames, p.frame
	p.thread = id
	if err := d.loadStack(p); err != nil {
		p.thread, p.frames, p.frame = oldThread, oldFrames, oldFrame
		return fmt.Errorf("thread %d is not stopped, so it cannot be inspected", n)
	}
	p.state = stopped
	if ev, waiting := p.waiting[id]; waiting {
		p.stop = ev
		delete(p.waiting, id)
	}
	d.showFrame(p)
	return nil
}
