package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// programState is where the debuggee is, as far as the user is concerned.
type programState int

const (
	running  programState = iota // running, or on its way to a stop
	stopped                      // a thread is stopped and the prompt is up
	finished                     // the program has ended
)

// program is one run of the debuggee: its adapter session and what is known of it.
type program struct {
	client   *Client
	muted    atomic.Bool             // its output is no longer shown: the user ended it
	console  atomic.Pointer[console] // its terminal, when we started it on one
	pid      int                     // its process id, once known
	caps     godap.Capabilities
	state    programState
	exitCode int
	exited   bool // exitCode is known
	pausing  int  // Ctrl-C presses since a pause was asked for, until the program stops
	// pauseInPlace is closed once the agent has answered the pause asked for last.
	pauseInPlace chan struct{}

	thread    int                    // the thread the prompt is about
	frames    []godap.StackFrame     // its stack, innermost first
	frame     int                    // the selected frame, an index into frames
	stop      godap.StoppedEventBody // why it stopped
	waiting   map[int]godap.StoppedEventBody
	threads   threadNumbers
	listed    listing // where "list" continues
	returned  string  // at a return stop, the value returned
	traceback string  // at a stop for an uncaught exception, the traceback shown
}

// threadNumbers gives threads small numbers, in the order they are first seen, so
// that "thread 2" is easier to type than a native thread id.
type threadNumbers struct {
	byID map[int]int
	next int
}

func (n *threadNumbers) number(id int) int {
	if n.byID == nil {
		n.byID = map[int]int{}
	}
	if num, ok := n.byID[id]; ok {
		return num
	}
	n.next++
	n.byID[id] = n.next
	return n.next
}

// id returns the thread id of a number (or of an id typed as is).
func (n *threadNumbers) id(num int) (int, bool) {
	for id, k := range n.byID {
		if k == num {
			return id, true
		}
	}
	_, ok := n.byID[num]
	return num, ok
}

// launch starts the program under a new adapter session and configures it: the
// breakpoints the user has set are sent before the program runs a line. Ctrl-C
// cancels ctx (gives up) until the program is told to run. On a terminal, the program
// gets a terminal of its own (see console).
func (d *Debugger) launch(ctx context.Context) (*program, error) {
	if !d.term.Interactive() {
		return d.launchIn(ctx, "internalConsole")
	}
	return d.launchIn(ctx, "integratedTerminal")
}

func (d *Debugger) launchIn(ctx context.Context, console string) (*program, error) {
	p := &program{waiting: map[int]godap.StoppedEventBody{}}
	p.client = startAdapter(func(body json.RawMessage) {
		if !p.muted.Load() {
			d.showOutput(body)
		}
	}, d.answerRunInTerminal(p))
	fail := func(err error) (*program, error) {
		p.client.Close()
		return nil, err
	}
	err := p.client.Request(ctx, "initialize", map[string]any{
		"clientID": "dapper-cli", "clientName": "dapper debug", "adapterID": "dapper",
		"linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path",
		"supportsVariableType": true, "supportsVariablePaging": true,
		"supportsRunInTerminalRequest": console != "internalConsole",
	}, &p.caps)
	if err != nil {
		return fail(err)
	}
	launch, err := p.client.Send("launch", d.opts.launchArguments(console))
	if err != nil {
		return fail(err)
	}
	if err := d.waitInitialized(ctx, p, launch); err != nil {
		return fail(err)
	}
	d.disableUnsupported(p)
	d.bps.sendAll(ctx, d, p)
	if filters := exceptionFilters(p.caps); len(filters) > 0 {
		if err := p.client.Request(ctx, "setExceptionBreakpoints", map[string]any{"filters": filters}, nil); err != nil {
			d.warn("exception breakpoints: %v", err)
		}
	}
	// From here on the program runs: Ctrl-C is for pausing it, not for giving up.
	d.commandDone()
	ctx = context.Background()
	if err := p.client.Request(ctx, "configurationDone", nil, nil); err != nil {
		return fail(err)
	}
	if err := launch.Wait(ctx, nil); err != nil {
		return fail(err)
	}
	return p, nil
}

// waitInitialized waits for the initialized event; a launch that fails first ends it.
func (d *Debugger) waitInitialized(ctx context.Context, p *program, launch *dap.Call) error {
	for {
		select {
		case m, ok := <-p.client.Events():
			if !ok {
				return fmt.Errorf("the debugger ended while starting the program")
			}
			if m.Event == "initialized" {
				return nil
			}
			d.onEvent(p, m)
		case <-launch.Done():
			if err := launch.Wait(ctx, nil); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// exceptionFilters are the exception breakpoints the terminal debugger asks for: the
// adapter's defaults and, as pdb does, a stop on an uncaught exception.
func exceptionFilters(caps godap.Capabilities) []string {
	var filters []string
	for _, f := range caps.ExceptionBreakpointFilters {
		if f.Default || f.Filter == "uncaught" {
			filters = append(filters, f.Filter)
		}
	}
	return filters
}

// end stops the program (if it still runs) and closes its session. What it writes
// while it ends is not shown: pdb's quit ends a program silently too.
func (p *program) end() {
	p.muted.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = p.client.Request(ctx, "disconnect", map[string]any{"terminateDebuggee": true}, nil)
	p.client.Close()
	if c := p.console.Load(); c != nil {
		c.close()
	}
}

// decode reads an event body; a body we cannot read leaves the zero value.
func decode[T any](raw json.RawMessage) T {
	var v T
	_ = json.Unmarshal(raw, &v)
	return v
}
