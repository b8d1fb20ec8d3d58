// Package cli is the terminal debugger, `dapper debug`: pdb's commands and habits, as
// a DAP client of the same adapter that editors use, so everything it shows came over
// DAP.
//
// The adapter runs in this process, on an in-memory pipe (see startAdapter). One
// goroutine, the REPL loop (Debugger.loop), owns the debugger's state: the program,
// its threads and frames, breakpoints and displays. Around it: the client's reader
// goroutine shows output events as they arrive, queues the other events for the loop,
// and answers runInTerminal by starting the program on a console of ours (console.go),
// whose output a goroutine shows; a goroutine per prompt reads the line typed, and
// while the program runs one relays the keys typed to its console; a signal goroutine
// turns Ctrl-C into a pause (or cancels the command being waited for). The Terminal
// serialises every write to the screen and owns the one goroutine that reads keys.
package cli

import (
	"context"
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
	pending     []string          // lines to run before reading more: .pdbrc, breakpoint commands, after ";;"
	aliases     map[string]string // pdb's alias: name -> the command it stands for
	relayStop   chan struct{}     // closed to give the keyboard back from the program
	relayDone   chan struct{}
	repeats     repeatFilter // the traceback Python prints again, after the debugger showed it

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
		interrupts: make(chan struct{}, 2), // a second Ctrl-C typed at once is not lost
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
	d.pending = pdbrcLines()
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
	case "process":
		p.pid = decode[godap.ProcessEventBody](m.Body).SystemProcessId
	case "exited":
		body := decode[godap.ExitedEventBody](m.Body)
		p.exitCode, p.exited = body.ExitCode, true
	case "terminated":
		d.onProgramEnd(p)
	}
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
