// Package cli is the terminal debugger, `dapper debug`: pdb's commands and habits, as
// a DAP client of the same adapter that editors use, so everything it shows came over
// DAP.
//
// The adapter runs in this process, on an in-memory pipe (see startAdapter). One
// goroutine, the REPL loop (Debugger.loop), owns the debugger's state: the program,
// its threads and frames, breakpoints and displays. Around it: the client's reader
// goroutine shows output events as they arrive and queues the other events for the
// loop; a goroutine per prompt reads the line typed; a signal goroutine turns Ctrl-C
// into a pause (or cancels the command being waited for). The Terminal serialises
// every write to the screen.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dapper-debugger/dapper/internal/cli/lineedit"
	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// Debugger is one `dapper debug` run: the terminal, the user's breakpoints and
// displays (which outlive a restart), and the program being debugged.
type Debugger struct {
	opts     Options
	term     terminal
	history  *lineedit.History
	bps      breakpoints
	displays []*display
	prog     *program
	sources  map[string]sourceFile

	ctx         context.Context // of the command being run
	cmdName     string          // the command being run, for its messages
	lastCommand string
	until       *untilGoal
	quitting    bool

	interrupts chan struct{}
	hangups    chan struct{}
	cancelMu   sync.Mutex
	cancel     context.CancelFunc // cancels the command being waited for
}

// Run is `dapper debug ARGS`; it returns the process exit status.
func Run(args []string) int {
	opts, err := ParseOptions(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dapper: %v\n", err)
		return 2
	}
	t := terminal{lineedit.NewTerminal(os.Stdin, os.Stdout)}
	d := &Debugger{
		opts:       opts,
		term:       t,
		interrupts: make(chan struct{}, 1),
		hangups:    make(chan struct{}, 1),
	}
	if t.Interactive() {
		d.history = lineedit.LoadHistory(lineedit.HistoryPath())
	}
	stop := d.watchSignals()
	defer stop()
	defer t.Restore()
	return d.run()
}

func (d *Debugger) run() int {
	for _, spec := range d.opts.Breakpoints {
		if err := d.addSpec(spec); err != nil {
			fmt.Fprintf(os.Stderr, "dapper: -b %s:%d: %v\n", spec.File, spec.Line, err)
			return 2
		}
	}
	if err := d.start(); err != nil {
		fmt.Fprintf(os.Stderr, "dapper: %v\n", err)
		return 1
	}
	d.loop()
	if d.prog != nil {
		d.prog.end()
	}
	return 0
}

// start launches the program; Ctrl-C gives up waiting for it.
func (d *Debugger) start() error {
	d.ctx = d.commandContext()
	defer d.commandDone()
	d.cmdName = "launch"
	p, err := d.launch(d.ctx)
	if err != nil {
		return explain("launch", err, "")
	}
	d.prog = p
	return nil
}

// loop runs until the user quits: while the program runs it waits for events;
// while it is stopped or has ended, it reads commands.
func (d *Debugger) loop() {
	for !d.quitting {
		if d.prog.state == running {
			d.waitWhileRunning()
		} else {
			d.prompt()
		}
	}
}

func (d *Debugger) waitWhileRunning() {
	p := d.prog
	if ev, ok := p.nextWaiting(); ok { // a thread that stopped while we looked at another
		d.handle(func() { d.present(p, ev) })
		return
	}
	select {
	case m, ok := <-p.client.Events():
		if !ok {
			d.onSessionEnd(p)
			return
		}
		d.handle(func() { d.onEvent(p, m) })
	case <-d.interrupts:
		d.interruptRunning()
	case <-d.hangups:
		d.quitting = true
	}
}

type lineRead struct {
	line string
	err  error
}

// prompt reads one command and runs it; events that arrive meanwhile are handled.
func (d *Debugger) prompt() {
	p := d.prog
	lines := make(chan lineRead, 1)
	prompt := lineedit.Prompt{Text: "(dapper) ", Style: styleBold}
	complete := d.completer()
	go func() {
		line, err := d.term.ReadLine(prompt, d.history, complete)
		lines <- lineRead{line, err}
	}()
	events := p.client.Events()
	for {
		select {
		case r := <-lines:
			switch {
			case errors.Is(r.err, lineedit.ErrInterrupted):
			case r.err != nil:
				d.quitting = true // end of input, as in pdb
			default:
				d.execute(r.line)
			}
			return
		case m, ok := <-events:
			if !ok {
				d.onSessionEnd(p)
				events = nil
				continue
			}
			d.handle(func() { d.onEvent(p, m) })
		case <-d.interrupts: // Ctrl-C with input that is not a terminal
			d.quitting = true
			return
		case <-d.hangups:
			d.quitting = true
			return
		}
	}
}

// execute runs one command line. An empty line repeats the last command, as in pdb.
func (d *Debugger) execute(line string) {
	if strings.TrimSpace(line) == "" {
		line = d.lastCommand
		if line == "" {
			return
		}
	} else {
		d.history.Add(line)
		d.lastCommand = line
	}
	d.ctx = d.commandContext()
	defer d.commandDone()
	name, arg := splitCommand(line)
	var err error
	switch c := lookupCommand(name); {
	case strings.HasPrefix(strings.TrimSpace(line), "!"):
		d.cmdName = "!"
		err = d.evaluateLine(strings.TrimPrefix(strings.TrimSpace(line), "!"))
	case c == nil:
		d.cmdName = "evaluate"
		err = d.evaluateLine(strings.TrimSpace(line))
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

// handle runs the loop's response to an event, with requests that Ctrl-C cancels.
func (d *Debugger) handle(f func()) {
	d.ctx, d.cmdName = d.commandContext(), ""
	defer d.commandDone()
	f()
}

// check tells why a command cannot run now.
func (d *Debugger) check(n need) error {
	p := d.prog
	switch {
	case n == needNothing:
		return nil
	case p.state == finished:
		return fmt.Errorf("%s: the program has ended; \"restart\" runs it again", d.cmdName)
	case n == needStop && p.state != stopped:
		return fmt.Errorf("%s: the program is running", d.cmdName)
	}
	return nil
}

// onEvent handles an event from the adapter (output events are shown as they come,
// in showOutput).
func (d *Debugger) onEvent(p *program, m dap.Message) {
	switch m.Event {
	case "stopped":
		d.onStopped(p, decode[godap.StoppedEventBody](m.Body))
	case "continued":
		body := decode[godap.ContinuedEventBody](m.Body)
		delete(p.waiting, body.ThreadId)
		if body.AllThreadsContinued {
			clear(p.waiting)
		}
		if p.state == stopped && (body.AllThreadsContinued || body.ThreadId == p.thread) {
			p.state = running
		}
	case "thread":
		body := decode[godap.ThreadEventBody](m.Body)
		p.threads.number(body.ThreadId)
		if body.Reason == "exited" {
			delete(p.waiting, body.ThreadId)
		}
	case "breakpoint":
		body := decode[godap.BreakpointEventBody](m.Body)
		if b := d.bps.byID(body.Breakpoint.Id); b != nil {
			b.bind(body.Breakpoint)
		}
	case "exited":
		body := decode[godap.ExitedEventBody](m.Body)
		p.exitCode, p.exited = body.ExitCode, true
	case "terminated":
		d.onProgramEnd(p)
	}
}

// onSessionEnd: the adapter session closed (which it does after terminated).
func (d *Debugger) onSessionEnd(p *program) {
	if p.state != finished {
		d.onProgramEnd(p)
	}
}

func (d *Debugger) onProgramEnd(p *program) {
	if p.state == finished {
		return
	}
	p.state, p.pausing, d.until = finished, false, nil
	if p.exited {
		d.notice("The program exited with code %d. \"restart\" runs it again; \"quit\" leaves.", p.exitCode)
	} else {
		d.notice("The program has ended. \"restart\" runs it again; \"quit\" leaves.")
	}
}

// interruptRunning is Ctrl-C while the program runs: pause it; if a pause is already
// on its way (or cannot be had), a second Ctrl-C ends the program.
func (d *Debugger) interruptRunning() {
	p := d.prog
	d.term.Echoed()
	if p.pausing {
		d.notice("Ending the program.")
		p.end()
		d.onProgramEnd(p)
		return
	}
	p.pausing = true
	d.ctx, d.cmdName = context.Background(), "pause"
	thread := p.thread
	if thread == 0 {
		thread = d.anyThread()
	}
	call, err := p.client.Send("pause", map[string]any{"threadId": thread})
	go func() { // the loop goes on waiting for the stop
		if err == nil {
			err = call.Wait(context.Background(), nil)
		}
		if err := explain("pause", err, "pause"); err != nil {
			d.fail(fmt.Errorf("%v; press Ctrl-C again to end the program", err))
		}
	}()
}

// anyThread is a thread id to address a request to when none is selected.
func (d *Debugger) anyThread() int {
	p := d.prog
	var body godap.ThreadsResponseBody
	if err := p.client.Request(d.ctx, "threads", nil, &body); err == nil && len(body.Threads) > 0 {
		return body.Threads[0].Id
	}
	return 0
}

// request sends a request of the current command and explains a failure.
func (d *Debugger) request(command string, args, out any) error {
	return explain(d.cmdName, d.prog.client.Request(d.ctx, command, args, out), command)
}

// workDir is the program's working directory.
func (d *Debugger) workDir() string {
	if d.opts.Cwd != "" {
		if abs, err := filepath.Abs(d.opts.Cwd); err == nil {
			return abs
		}
	}
	wd, _ := os.Getwd()
	return wd
}

// programFile is the program's path, when it was given as a file.
func (d *Debugger) programFile() string {
	if d.opts.Program == "" {
		return ""
	}
	if filepath.IsAbs(d.opts.Program) {
		return d.opts.Program
	}
	return filepath.Join(d.workDir(), d.opts.Program)
}

// displayPath shows a path relative to the working directory when it is under it.
func (d *Debugger) displayPath(path string) string {
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") && filepath.IsAbs(path) {
		return rel
	}
	return path
}
