package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/creack/pty"
	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
	"golang.org/x/term"
)

// console is the program's terminal when `dapper debug` runs in one: the launch asks
// for console "integratedTerminal", the adapter asks us (runInTerminal) to start the
// program, and we start it on a pseudo-terminal of our own. Its output is shown as it
// comes; while the program runs, what the user types goes to it (see Debugger.loop and
// lineedit.Terminal.Relay), as in pdb, where the program and the debugger share the
// terminal; while it is stopped, keys go to the (dapper) prompt.
//
// When dapper debug's standard input is not a terminal (commands come from a script),
// there is no console: the program runs with internalConsole, its output comes as
// output events, and its standard input is empty.
type console struct {
	master  *os.File
	pid     int
	input   chan []byte   // keys for the program, written to master in order
	drained chan struct{} // closed once the program's terminal has no more output
	stop    chan struct{} // closed by close
	once    sync.Once
}

// consoleDrain bounds the wait for the program's last output after it has exited
// (a child that inherited its terminal may keep it open).
const consoleDrain = 2 * time.Second

// startConsole starts the command a runInTerminal request describes on a new
// pseudo-terminal the size of ours; show receives its output.
func startConsole(args godap.RunInTerminalRequestArguments, show func(string)) (*console, error) {
	if len(args.Args) == 0 {
		return nil, errors.New("runInTerminal: no command to run")
	}
	cmd := exec.Command(args.Args[0], args.Args[1:]...)
	cmd.Dir = args.Cwd
	cmd.Env = mergeEnv(os.Environ(), args.Env)
	size := &pty.Winsize{Cols: 80, Rows: 24}
	if w, h, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
		size = &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}
	}
	master, err := pty.StartWithSize(cmd, size)
	if err != nil {
		return nil, fmt.Errorf("runInTerminal: starting %s: %w", args.Args[0], err)
	}
	c := &console{master: master, pid: cmd.Process.Pid, input: make(chan []byte, 256),
		drained: make(chan struct{}), stop: make(chan struct{})}
	go func() { _ = cmd.Wait() }()
	go c.pumpOutput(show)
	go c.pumpInput()
	go c.followSize()
	return c, nil
}

// mergeEnv applies runInTerminal's env (a null value removes the variable) to base.
func mergeEnv(base []string, changes map[string]any) []string {
	var env []string
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if _, changed := changes[k]; !changed {
			env = append(env, kv)
		}
	}
	for k, v := range changes {
		if s, ok := v.(string); ok {
			env = append(env, k+"="+s)
		}
	}
	return env
}

func (c *console) pumpOutput(show func(string)) {
	defer close(c.drained)
	buf := make([]byte, 4096)
	for {
		n, err := c.master.Read(buf)
		if n > 0 {
			show(string(buf[:n]))
		}
		if err != nil { // EIO once the program and its children have closed the terminal
			return
		}
	}
}

func (c *console) pumpInput() {
	for {
		select {
		case chunk := <-c.input:
			if _, err := c.master.Write(chunk); err != nil {
				return
			}
		case <-c.stop:
			return
		}
	}
}

// followSize gives the program's terminal the size of ours when ours changes.
func (c *console) followSize() {
	resized := make(chan os.Signal, 1)
	signal.Notify(resized, syscall.SIGWINCH)
	defer signal.Stop(resized)
	for {
		select {
		case <-resized:
			_ = pty.InheritSize(os.Stdout, c.master)
		case <-c.stop:
			return
		}
	}
}

// Write queues keys for the program; it never blocks (keys beyond what the
// program's terminal can hold unread are dropped).
func (c *console) Write(keys []byte) (int, error) {
	select {
	case c.input <- append([]byte(nil), keys...):
	default:
	}
	return len(keys), nil
}

// waitDrained waits (bounded) until the program's output has all been shown.
func (c *console) waitDrained() {
	select {
	case <-c.drained:
	case <-time.After(consoleDrain):
	}
}

func (c *console) close() {
	c.once.Do(func() {
		close(c.stop)
		c.master.Close()
	})
}

// answerRunInTerminal is the client's answer to the adapter's reverse requests: it
// starts the program on a console of its own (see console).
func (d *Debugger) answerRunInTerminal(p *program) func(dap.Message) (any, error) {
	return func(m dap.Message) (any, error) {
		if m.Command != "runInTerminal" {
			return nil, fmt.Errorf("%s is not supported by dapper debug", m.Command)
		}
		var args godap.RunInTerminalRequestArguments
		if err := json.Unmarshal(m.Arguments, &args); err != nil {
			return nil, fmt.Errorf("runInTerminal: %v", err)
		}
		c, err := startConsole(args, func(text string) {
			if text = d.repeats.pass(text); text != "" && !p.muted.Load() {
				d.term.ProgramOutput(text)
			}
		})
		if err != nil {
			return nil, err
		}
		p.console.Store(c)
		return godap.RunInTerminalResponseBody{ProcessId: c.pid}, nil
	}
}
