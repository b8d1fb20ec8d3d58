package daptest

import (
	"bytes"
	"errors"
	"maps"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Program is a process a test runs and watches: `dapper run`, or a plain python to
// attach to. Its stdout and stderr are kept; waits fail the test after Timeout.
type Program struct {
	t      testing.TB
	cmd    *exec.Cmd
	mu     sync.Mutex
	cond   *sync.Cond
	stdout bytes.Buffer
	stderr bytes.Buffer
	exited bool
	code   int
}

// StartProgram runs argv with env added to the test's environment. It is killed, if
// still running, when the test ends.
func StartProgram(t testing.TB, env []string, argv ...string) *Program {
	t.Helper()
	p := &Program{t: t, cmd: exec.Command(argv[0], argv[1:]...)}
	p.cond = sync.NewCond(&p.mu)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = lockedWriter{p, &p.stdout}, lockedWriter{p, &p.stderr}
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting %q: %v", argv, err)
	}
	go func() {
		err := p.cmd.Wait()
		p.mu.Lock()
		p.exited, p.code = true, p.cmd.ProcessState.ExitCode()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			p.code = -1
		}
		p.cond.Broadcast()
		p.mu.Unlock()
	}()
	t.Cleanup(func() {
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		p.waitFor("the end", func() bool { return p.exited })
		if t.Failed() {
			t.Logf("%s stdout:\n%s\nstderr:\n%s", argv[0], p.Stdout(), p.Stderr())
		}
	})
	return p
}

// StartRun runs `dapper run ARGS` and, when it listens for clients, waits for the
// address it announces (Addr).
func StartRun(t testing.TB, env []string, args ...string) (*Program, string) {
	t.Helper()
	p := StartProgram(t, env, append([]string{Binary(t), "run"}, args...)...)
	if !strings.Contains(strings.Join(args, " "), "--listen") {
		return p, ""
	}
	return p, p.WaitStderr(regexp.MustCompile(`listening for debug clients on (\S+)`))[1]
}

type lockedWriter struct {
	p   *Program
	buf *bytes.Buffer
}

func (w lockedWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	w.buf.Write(b)
	w.p.cond.Broadcast()
	return len(b), nil
}

// Pid is the process id.
func (p *Program) Pid() int { return p.cmd.Process.Pid }

// Stdout is what the process has written to stdout so far.
func (p *Program) Stdout() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stdout.String()
}

// Stderr is what the process has written to stderr so far.
func (p *Program) Stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// waitFor waits, with p.mu held while ready is asked, until ready is true.
func (p *Program) waitFor(what string, ready func() bool) {
	p.t.Helper()
	timer := time.AfterFunc(Timeout, func() { p.mu.Lock(); p.cond.Broadcast(); p.mu.Unlock() })
	defer timer.Stop()
	deadline := time.Now().Add(Timeout)
	p.mu.Lock()
	for !ready() && time.Now().Before(deadline) {
		p.cond.Wait()
	}
	ok, stdout, stderr := ready(), p.stdout.String(), p.stderr.String()
	p.mu.Unlock()
	if !ok {
		p.t.Fatalf("waiting for %s of %s: nothing after %s\nstdout:\n%s\nstderr:\n%s", what, p.cmd.Path, Timeout, stdout, stderr)
	}
}

// WaitStdout waits until stdout contains text.
func (p *Program) WaitStdout(text string) {
	p.t.Helper()
	p.waitFor(strings.TrimSpace(text)+" on stdout", func() bool { return strings.Contains(p.stdout.String(), text) })
}

// WaitStderr waits until stderr matches re, and returns the match and its groups.
func (p *Program) WaitStderr(re *regexp.Regexp) []string {
	p.t.Helper()
	return p.waitMatch("stderr", &p.stderr, re)
}

// WaitStdoutMatch waits until stdout matches re, and returns the match and its groups.
func (p *Program) WaitStdoutMatch(re *regexp.Regexp) []string {
	p.t.Helper()
	return p.waitMatch("stdout", &p.stdout, re)
}

func (p *Program) waitMatch(name string, buf *bytes.Buffer, re *regexp.Regexp) []string {
	p.t.Helper()
	var m []string
	p.waitFor(re.String()+" on "+name, func() bool {
		m = re.FindStringSubmatch(buf.String())
		return m != nil || p.exited
	})
	if m == nil {
		p.t.Fatalf("%s exited (code %d) before its %s matched %s\nstdout:\n%s\nstderr:\n%s",
			p.cmd.Path, p.code, name, re, p.Stdout(), p.Stderr())
	}
	return m
}

// ExpectExit waits for the process to exit with code.
func (p *Program) ExpectExit(code int) {
	p.t.Helper()
	p.waitFor("the exit", func() bool { return p.exited })
	if p.code != code {
		p.t.Fatalf("%s exited with code %d, want %d\nstdout:\n%s\nstderr:\n%s", p.cmd.Path, p.code, code, p.Stdout(), p.Stderr())
	}
}

// Running reports whether the process has not exited yet.
func (p *Program) Running() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.exited
}

// Connect opens a client session to the DAP server at addr (`dapper run --listen`).
func Connect(t testing.TB, addr string) *Session {
	t.Helper()
	return ConnectEditor(t, addr, Editor{})
}

// ConnectEditor is Connect with a client that plays editor.
func ConnectEditor(t testing.TB, addr string, editor Editor) *Session {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("connecting to %s: %v", addr, err)
	}
	s := newSession(t, c, editor)
	t.Cleanup(s.cleanup)
	return s
}

// Attach initializes, sends attach with args (whose response is held until
// configurationDone) and waits for the initialized event. It returns the attach
// request's seq.
func (s *Session) Attach(args map[string]any) int {
	s.t.Helper()
	s.Initialize()
	full := map[string]any{"request": "attach"}
	maps.Copy(full, args)
	seq := s.Send("attach", full)
	m := s.waitFor("initialized (or a failed attach)", false, func(m dap.Message) bool {
		return (m.IsResponse() && m.RequestSeq == seq && !m.Success) || (m.IsEvent() && m.Event == "initialized")
	})
	if m.IsResponse() {
		s.t.Fatalf("attach failed: %s", m.ErrMessage)
	}
	return seq
}
