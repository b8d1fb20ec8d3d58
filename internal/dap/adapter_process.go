package dap

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// AdapterProcess is a debug adapter run as a child process that speaks DAP on its
// stdin and stdout (`dapper adapter`, `python -m debugpy.adapter`). As a stream for
// NewClient it reads the adapter's stdout and writes its stdin; Close closes stdin,
// which asks a stdio adapter to end. It runs in a process group of its own, so that
// Stop can end whatever it started.
type AdapterProcess struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout io.ReadCloser
	exited chan struct{} // closed when the adapter has exited (it is reaped by Stop)

	stopOnce sync.Once
	stopErr  error

	stderrMu sync.Mutex
	stderr   bytes.Buffer
}

// StartAdapterProcess runs argv as a stdio debug adapter.
func StartAdapterProcess(argv []string) (*AdapterProcess, error) {
	if len(argv) == 0 {
		return nil, fmt.Errorf("dap: no adapter command")
	}
	p := &AdapterProcess{cmd: exec.Command(argv[0], argv[1:]...), exited: make(chan struct{})}
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p.cmd.Stderr = stderrWriter{p}
	p.cmd.WaitDelay = 5 * time.Second // for stderr to be drained after the group is gone
	var err error
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if p.stdout, err = p.cmd.StdoutPipe(); err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("dap: starting the adapter %q: %w", argv, err)
	}
	go p.awaitExit()
	return p, nil
}

// awaitExit waits for the adapter to exit without reaping it, so that its process
// group id cannot be given to another process before Stop has signalled the group.
func (p *AdapterProcess) awaitExit() {
	defer close(p.exited)
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, p.cmd.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err != unix.EINTR {
			return
		}
	}
}

type stderrWriter struct{ p *AdapterProcess }

func (w stderrWriter) Write(b []byte) (int, error) {
	w.p.stderrMu.Lock()
	defer w.p.stderrMu.Unlock()
	return w.p.stderr.Write(b)
}

// Read reads the adapter's stdout.
func (p *AdapterProcess) Read(b []byte) (int, error) { return p.stdout.Read(b) }

// Write writes to the adapter's stdin.
func (p *AdapterProcess) Write(b []byte) (int, error) { return p.stdin.Write(b) }

// Close closes the adapter's stdin.
func (p *AdapterProcess) Close() error { return p.stdin.Close() }

// CloseOutput closes the reading end of the adapter's stdout, as a client that dies
// does: the adapter's next write to stdout meets a broken pipe.
func (p *AdapterProcess) CloseOutput() error { return p.stdout.Close() }

// State is how the adapter ended; it is nil until Stop has returned.
func (p *AdapterProcess) State() *os.ProcessState { return p.cmd.ProcessState }

// Pid is the adapter's process id.
func (p *AdapterProcess) Pid() int { return p.cmd.Process.Pid }

// Stderr is what the adapter has written to its stderr so far.
func (p *AdapterProcess) Stderr() string {
	p.stderrMu.Lock()
	defer p.stderrMu.Unlock()
	return p.stderr.String()
}

// Stop closes the adapter's stdin and gives it grace to exit; then it kills its whole
// process group (the adapter, if it is still there, and anything it left behind) and
// reaps it. It fails when the adapter had not exited by itself within grace. Only the
// first call does anything; later ones return its result.
func (p *AdapterProcess) Stop(grace time.Duration) error {
	p.stopOnce.Do(func() {
		_ = p.stdin.Close()
		select {
		case <-p.exited:
		case <-time.After(grace):
			p.stopErr = fmt.Errorf("dap: the adapter did not exit within %s of its stdin closing", grace)
		}
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.exited
		_ = p.cmd.Wait()
	})
	return p.stopErr
}
