package daptest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Terminal runs `dapper ARGS` on a pseudo-terminal, as a person would in a terminal
// window, and follows its screen.
type Terminal struct {
	t      testing.TB
	cmd    *exec.Cmd
	master *os.File

	mu       sync.Mutex
	cond     *sync.Cond
	screen   *Screen
	raw      bytes.Buffer
	closed   bool // nothing more will be written to the screen
	exited   bool
	exitCode int
	markRow  int // Expect searches the screen from here on
	markCol  int
}

// TerminalWidth is the width of a Terminal's screen.
const TerminalWidth = 100

// StartTerminal runs the dapper binary with args on a new pseudo-terminal, in dir,
// with env added to the test's environment.
func StartTerminal(t testing.TB, dir string, env []string, args ...string) *Terminal {
	t.Helper()
	cmd := exec.Command(Binary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "TERM=xterm"), env...)
	return startOnPTY(t, cmd)
}

// startOnPTY starts cmd as the session leader of a new pseudo-terminal, which is its
// standard input, output and error.
func startOnPTY(t testing.TB, cmd *exec.Cmd) *Terminal {
	t.Helper()
	master, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: TerminalWidth})
	if err != nil {
		t.Fatalf("starting %q on a pseudo-terminal: %v", cmd.Args, err)
	}
	tt := &Terminal{t: t, cmd: cmd, master: master, screen: NewScreen(TerminalWidth)}
	tt.cond = sync.NewCond(&tt.mu)
	go tt.read()
	go func() {
		err := cmd.Wait()
		tt.mu.Lock()
		tt.exited, tt.exitCode = true, cmd.ProcessState.ExitCode()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			tt.exitCode = -1
		}
		tt.cond.Broadcast()
		tt.mu.Unlock()
	}()
	t.Cleanup(tt.cleanup)
	return tt
}

// Pid is the process id of the terminal's command.
func (tt *Terminal) Pid() int { return tt.cmd.Process.Pid }

func (tt *Terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := tt.master.Read(buf)
		tt.mu.Lock()
		tt.raw.Write(buf[:n])
		_, _ = tt.screen.Write(buf[:n])
		if err != nil {
			tt.closed = true
		}
		tt.cond.Broadcast()
		tt.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (tt *Terminal) cleanup() {
	tt.mu.Lock()
	exited := tt.exited
	tt.mu.Unlock()
	if !exited {
		_ = tt.cmd.Process.Kill()
		tt.waitExited(10 * time.Second)
	}
	tt.master.Close()
	if tt.t.Failed() {
		tt.t.Logf("screen:\n%s", tt.Screen())
	}
}

// Bind makes t the test that the terminal's waits fail (a subtest, for one step of a
// session), until the returned function restores the one before.
func (tt *Terminal) Bind(t testing.TB) (restore func()) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	old := tt.t
	tt.t = t
	return func() {
		tt.mu.Lock()
		tt.t = old
		tt.mu.Unlock()
	}
}

// Type sends keys, as typed ("\r" is Enter, "\t" Tab, "\x03" Ctrl-C).
func (tt *Terminal) Type(keys string) {
	tt.t.Helper()
	if _, err := tt.master.Write([]byte(keys)); err != nil {
		tt.t.Fatalf("typing %q: %v", keys, err)
	}
}

// Screen is the text on the screen, scrollback included.
func (tt *Terminal) Screen() string {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return tt.screen.Text()
}

// Raw is every byte written to the terminal.
func (tt *Terminal) Raw() []byte {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return append([]byte(nil), tt.raw.Bytes()...)
}

// Expect waits until text appears on the screen after the previous match, and
// returns the screen from there to the end of this match.
func (tt *Terminal) Expect(text string) string {
	tt.t.Helper()
	deadline := time.Now().Add(Timeout)
	timer := time.AfterFunc(Timeout, func() { tt.mu.Lock(); tt.cond.Broadcast(); tt.mu.Unlock() })
	defer timer.Stop()
	tt.mu.Lock()
	for {
		rest := tt.fromMark(tt.screen.Lines())
		if at := strings.Index(rest, text); at >= 0 {
			seen := rest[:at+len(text)]
			tt.advance(seen)
			tt.mu.Unlock()
			return seen
		}
		if tt.closed {
			tt.mu.Unlock()
			tt.t.Fatalf("waiting for %q: dapper closed the terminal\nscreen after the last match:\n%s", text, rest)
		}
		if time.Now().After(deadline) {
			tt.mu.Unlock()
			tt.t.Fatalf("waiting for %q: not on the screen after %s\nscreen after the last match:\n%s", text, Timeout, rest)
		}
		tt.cond.Wait()
	}
}

// fromMark is the screen text from the mark on. Called with tt.mu held.
func (tt *Terminal) fromMark(lines []string) string {
	if tt.markRow >= len(lines) {
		return ""
	}
	first := lines[tt.markRow]
	if tt.markCol <= len(first) {
		first = first[tt.markCol:]
	} else {
		first = ""
	}
	return strings.Join(append([]string{first}, lines[tt.markRow+1:]...), "\n")
}

// advance moves the mark past seen, the text that followed it. Called with tt.mu held.
func (tt *Terminal) advance(seen string) {
	if n := strings.Count(seen, "\n"); n > 0 {
		tt.markRow += n
		tt.markCol = len(seen) - strings.LastIndex(seen, "\n") - 1
	} else {
		tt.markCol += len(seen)
	}
}

// ExpectExit waits for dapper to exit with code.
func (tt *Terminal) ExpectExit(code int) {
	tt.t.Helper()
	if !tt.waitExited(Timeout) {
		tt.t.Fatalf("dapper did not exit within %s\nscreen:\n%s", Timeout, tt.Screen())
	}
	tt.mu.Lock()
	got := tt.exitCode
	tt.mu.Unlock()
	if got != code {
		tt.t.Fatalf("dapper exited with status %d, want %d\nscreen:\n%s", got, code, tt.Screen())
	}
}

func (tt *Terminal) waitExited(limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	timer := time.AfterFunc(limit, func() { tt.mu.Lock(); tt.cond.Broadcast(); tt.mu.Unlock() })
	defer timer.Stop()
	tt.mu.Lock()
	defer tt.mu.Unlock()
	for !tt.exited && time.Now().Before(deadline) {
		tt.cond.Wait()
	}
	return tt.exited
}
