//go:build linux && amd64

package inject

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// hangGuard bounds every wait in these tests; it is never a timed assertion.
const hangGuard = 60 * time.Second

// Programs the tests inject into. Each prints a counter, one number a line, so a test
// can see that it keeps running after an injection.
const (
	// counting defines count(), which prints a number every 10 ms, forever.
	counting = `
import threading, time
def count():
    i = 0
    while True:
        i += 1
        print(i, flush=True)
        time.sleep(0.01)
`
	sleepLoop = counting + "count()\n"
	busyLoop  = `
i = 0
while True:
    i += 1
    if i % 100000 == 0:
        print(i, flush=True)
`
	threadsLoop = counting + `
def work():
    x = 0
    while True:
        x += 1
        if x % 1000 == 0:
            time.sleep(0.001)
for _ in range(3):
    threading.Thread(target=work, daemon=True).start()
count()
`
	// SIGALRM every millisecond, handled in Python: signals arrive while Run holds
	// the thread, and interrupt the sleeps.
	signalsLoop = counting + `
import signal
signal.signal(signal.SIGALRM, lambda sig, frame: None)
signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
count()
`
	// The main thread blocks in Event.wait() (a futex) while a thread counts.
	mainWaits = counting + `
threading.Thread(target=count, daemon=True).start()
threading.Event().wait()
`
)

// programs are the targets every injection scenario runs against.
var programs = []struct{ name, code string }{
	{"sleeping", sleepLoop},
	{"busy", busyLoop},
	{"threads", threadsLoop},
	{"signals", signalsLoop},
	{"mainThreadInEventWait", mainWaits},
}

// target is a Python process started for a test; its output is read line by line.
type target struct {
	t      *testing.T
	cmd    *exec.Cmd
	lines  chan string
	stderr *lockedBuffer
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startTarget runs python with args and waits for its first line of output, so that
// the interpreter is up. The process is killed when the test ends.
func startTarget(t *testing.T, python string, args ...string) *target {
	t.Helper()
	cmd := exec.Command(python, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	tg := &target{t: t, cmd: cmd, lines: make(chan string, 1024), stderr: &lockedBuffer{}}
	cmd.Stderr = tg.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case tg.lines <- sc.Text():
			default: // nobody is reading: drop, a later line will do
			}
		}
		close(tg.lines)
	}()
	tg.counter()
	return tg
}

// counter returns the next number the target prints.
func (tg *target) counter() int {
	tg.t.Helper()
	select {
	case line, ok := <-tg.lines:
		if !ok {
			tg.t.Fatalf("the target stopped printing; stderr:\n%s", tg.stderr.String())
		}
		n, err := strconv.Atoi(line)
		if err != nil {
			tg.t.Fatalf("unexpected output %q", line)
		}
		return n
	case <-time.After(hangGuard):
		tg.t.Fatalf("no output from the target in %v; stderr:\n%s", hangGuard, tg.stderr.String())
	}
	return 0
}

// keepsCounting checks that the target is alive and its counter still advances.
func (tg *target) keepsCounting() {
	tg.t.Helper()
	if state, _, err := procState(tg.cmd.Process.Pid); err != nil || state == 'Z' {
		tg.t.Fatalf("the target is gone (state %c, %v); stderr:\n%s", state, err, tg.stderr.String())
	}
	for seen, last := 0, tg.counter(); seen < 3; seen++ {
		n := tg.counter()
		if n <= last {
			tg.t.Fatalf("the counter went from %d to %d", last, n)
		}
		last = n
	}
}

// markerCode is Python that writes "MAJOR.MINOR THREADNAME" to path, atomically.
func markerCode(path string) string {
	return fmt.Sprintf(`
import os, sys, threading
with open(%[1]q + '.tmp', 'w') as f:
    f.write('%%d.%%d %%s' %% (sys.version_info[0], sys.version_info[1], threading.current_thread().name))
os.replace(%[1]q + '.tmp', %[1]q)
`, path)
}

// waitForFile polls for path and returns its content.
func waitForFile(t *testing.T, tg *target, path string) string {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil {
			return string(b)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s did not appear in %v; target stderr:\n%s", path, hangGuard, tg.stderr.String())
	return ""
}

// forEachInterpreter runs scenario on every CPython daptest finds and, unless
// DAPPER_TEST_PYTHONS chooses, also on the system's python3.X (Debian's links
// libpython statically: the symbols are the executable's).
func forEachInterpreter(t *testing.T, scenario func(t *testing.T, py daptest.Python)) {
	t.Helper()
	found := daptest.Pythons()
	if len(found) == 0 {
		t.Fatal("no CPython >= 3.9 found on PATH or under `pyenv root`")
	}
	run := func(name string, py daptest.Python) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			scenario(t, py)
		})
	}
	for _, py := range found {
		run(py.Name(), py)
	}
	if os.Getenv("DAPPER_TEST_PYTHONS") == "" {
		for _, py := range systemPythons(found) {
			run(py.Name()+"-system", py)
		}
	}
}

func isFound(py daptest.Python, among []daptest.Python) bool {
	for _, p := range among {
		if p.Path == py.Path {
			return true
		}
	}
	return false
}

// systemPythons finds /usr/bin/python3.X interpreters (3.9 to 3.13) not among found.
func systemPythons(found []daptest.Python) []daptest.Python {
	var extra []daptest.Python
	for minor := 9; minor <= 13; minor++ {
		path := fmt.Sprintf("/usr/bin/python3.%d", minor)
		if _, err := os.Stat(path); err != nil || isFound(daptest.Python{Path: path}, found) {
			continue
		}
		extra = append(extra, daptest.Python{Path: path, Major: 3, Minor: minor})
	}
	return extra
}

// alive reports whether pid still runs (a zombie does not).
func alive(pid int) bool {
	state, _, err := procState(pid)
	return err == nil && state != 'Z' && syscall.Kill(pid, 0) == nil
}

// waitABit is the pause between two polls.
func waitABit() { time.Sleep(5 * time.Millisecond) }
