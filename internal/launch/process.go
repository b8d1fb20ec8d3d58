package launch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Process is a spawned debuggee: the leader of its own process group.
//
// Goroutines watch it: one waits for its exit, one pumps each of stdout and stderr,
// and a Terminate sequence runs on its own. Done says when all of them have ended.
type Process struct {
	pid   int
	cmd   *exec.Cmd
	done  chan struct{} // closed when the process has exited
	once  sync.Once     // Terminate runs once
	alone bool          // signals go to the process, not its group (StartForeground)

	mu          sync.Mutex
	watchers    int           // goroutines watching the process that have not ended
	finished    chan struct{} // closed when watchers reaches zero
	descendants []descendant  // seen by the signals so far (see signalTree)
}

// Handlers receive what a process produces. They are called from the process's own
// pump and wait goroutines; OnOutput calls for one stream are in order.
type Handlers struct {
	OnOutput func(category, text string)
	// OnExit is called once, after the process has exited and its stdout and stderr
	// have reached end of file (or a grace period has passed, if a descendant still
	// holds them open).
	OnExit func(exitCode int)
}

// PumpGrace is how long output may still arrive after the process has exited.
const PumpGrace = 2 * time.Second

// Start spawns cmd in a new process group, with stdin from /dev/null.
func Start(c Command, h Handlers) (*Process, error) {
	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	stderrR, stderrW, err := os.Pipe()
	if err != nil {
		stdoutR.Close()
		stdoutW.Close()
		return nil, fmt.Errorf("launch: %w", err)
	}
	cmd := exec.Command(c.Argv[0], c.Argv[1:]...)
	cmd.Env, cmd.Dir = c.Env, c.Dir
	cmd.Stdout, cmd.Stderr = stdoutW, stderrW
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = cmd.Start()
	stdoutW.Close()
	stderrW.Close()
	if err != nil {
		stdoutR.Close()
		stderrR.Close()
		return nil, fmt.Errorf("launch: starting %q: %w", c.Argv[0], err)
	}
	p := &Process{pid: cmd.Process.Pid, cmd: cmd, done: make(chan struct{}), finished: make(chan struct{})}
	var pumps sync.WaitGroup
	pumps.Add(2)
	drained := make(chan struct{}) // closed when stdout and stderr have reached end of file
	p.watch(
		func() { defer pumps.Done(); pump(stdoutR, "stdout", h.OnOutput) },
		func() { defer pumps.Done(); pump(stderrR, "stderr", h.OnOutput) },
		func() { pumps.Wait(); close(drained) },
		func() { p.wait(drained, h.OnExit) },
	)
	return p, nil
}

// Pid is the process id, which is also the id of its process group.
func (p *Process) Pid() int { return p.pid }

// Done is closed once the process has exited and every goroutine watching it has
// ended: the pumps end when the last holder of its stdout and stderr closes them.
func (p *Process) Done() <-chan struct{} { return p.finished }

// wait reaps the process and reports its exit once its output has drained, or
// PumpGrace after the exit if a descendant still holds stdout or stderr open.
func (p *Process) wait(drained <-chan struct{}, onExit func(int)) {
	_ = p.cmd.Wait()
	close(p.done)
	select {
	case <-drained:
	case <-time.After(PumpGrace):
	}
	onExit(exitCode(p.cmd.ProcessState))
}

// watch runs each f on a goroutine of its own, counted until it returns. Once every
// watcher has ended (Done is closed) it runs nothing and returns false.
func (p *Process) watch(fs ...func()) bool {
	p.mu.Lock()
	select {
	case <-p.finished:
		p.mu.Unlock()
		return false
	default:
	}
	p.watchers += len(fs)
	p.mu.Unlock()
	for _, f := range fs {
		go func() {
			defer p.unwatch()
			f()
		}()
	}
	return true
}

func (p *Process) unwatch() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.watchers--; p.watchers == 0 {
		close(p.finished)
	}
}

func exitCode(state *os.ProcessState) int {
	if state == nil {
		return -1
	}
	if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -int(ws.Signal())
	}
	return state.ExitCode()
}

// pump reads one stream until end of file, passing on text cut at UTF-8 character
// boundaries so that no character is split between two output events.
func pump(r *os.File, category string, emit func(category, text string)) {
	defer r.Close()
	buf := make([]byte, 64<<10)
	var pending []byte
	for {
		n, err := r.Read(buf)
		if n > 0 {
			pending = append(pending, buf[:n]...)
			cut := dap.WholeRunes(pending)
			if cut > 0 {
				emit(category, string(pending[:cut]))
				pending = append(pending[:0:0], pending[cut:]...)
			}
		}
		if err != nil {
			if len(pending) > 0 {
				emit(category, string(pending))
			}
			return
		}
	}
}

// Terminate ends the process group: SIGINT (KeyboardInterrupt) first when interrupt
// is set, SIGTERM after grace, SIGKILL after another grace. Without interrupt the
// first step only waits: the program has been asked to end already (its suspended
// threads raise where they stand), and a SIGINT would interrupt the finally blocks
// it runs. It returns at once; the sequence runs until the leader has exited, and the
// group is killed outright at the end so nothing is left.
func (p *Process) Terminate(grace time.Duration, interrupt bool) {
	p.once.Do(func() {
		if !p.watch(func() { p.terminate(grace, interrupt) }) {
			p.terminate(grace, interrupt) // it has exited: the sequence ends at its first step
		}
	})
}

func (p *Process) terminate(grace time.Duration, interrupt bool) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		p.noteDescendants() // while the leader lives: once it has gone, the line to them is lost
		if sig != syscall.SIGINT || interrupt {
			p.signalTree(sig)
		}
		select {
		case <-p.done:
			p.signalTree(syscall.SIGKILL)
			return
		case <-time.After(grace):
		}
	}
	p.signalTree(syscall.SIGKILL)
}

// Kill sends SIGKILL to the whole process group, and to the descendants that left it
// that a Terminate has seen.
func (p *Process) Kill() { p.signalTree(syscall.SIGKILL) }

// signalTree sends sig to the process group and to every descendant that has left
// it: those below the leader now, and those seen before (the leader may have gone).
func (p *Process) signalTree(sig syscall.Signal) {
	p.noteDescendants()
	_ = p.signalGroup(sig)
	p.mu.Lock()
	tree := p.descendants
	p.mu.Unlock()
	for _, d := range tree {
		if pgid, err := syscall.Getpgid(d.pid); err == nil && pgid != p.pid {
			d.signal(sig) // the group's own members got it once already
		}
	}
}

// noteDescendants adds the processes now below the leader to those seen, unless the
// leader has gone (its pid may be another's by now).
func (p *Process) noteDescendants() {
	select {
	case <-p.done:
		return
	default:
	}
	found := descendantsOf(p.pid)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range found {
		if !slices.Contains(p.descendants, d) {
			p.descendants = append(p.descendants, d)
		}
	}
}

func (p *Process) signalGroup(sig syscall.Signal) error {
	target := -p.pid
	if p.alone {
		target = p.pid
	}
	err := syscall.Kill(target, sig)
	if errors.Is(err, syscall.ESRCH) {
		return nil
	}
	return err
}
