//go:build linux && amd64

package inject

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

var repeat = flag.Int("inject.repeat", 10, "injections in a row in TestRepeatedInjectionsRunInOrder")

// injectMarker injects markerCode into tg and checks what the code saw.
func injectMarker(t *testing.T, tg *target, py daptest.Python, name string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := Run(tg.cmd.Process.Pid, markerCode(path), hangGuard); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := waitForFile(t, tg, path)
	if want := fmt.Sprintf("%d.%d MainThread", py.Major, py.Minor); got != want {
		t.Fatalf("the injected code saw %q, want %q", got, want)
	}
}

func TestInjectedCodeRunsOnTheMainThreadAndTheProgramRunsOn(t *testing.T) {
	forEachInterpreter(t, func(t *testing.T, py daptest.Python) {
		for _, p := range programs {
			t.Run(p.name, func(t *testing.T) {
				tg := startTarget(t, py.Path, "-c", p.code)
				injectMarker(t, tg, py, "first")
				tg.keepsCounting()
				injectMarker(t, tg, py, "second")
				tg.keepsCounting()
				if s := tg.stderr.String(); s != "" {
					t.Fatalf("the target wrote to stderr:\n%s", s)
				}
			})
		}
	})
}

func TestRepeatedInjectionsRunInOrder(t *testing.T) {
	forEachInterpreter(t, func(t *testing.T, py daptest.Python) {
		for _, p := range programs {
			tg := startTarget(t, py.Path, "-X", "faulthandler", "-c", p.code)
			path := filepath.Join(t.TempDir(), p.name)
			for i := 1; i <= *repeat; i++ {
				code := fmt.Sprintf("with open(%q, 'a') as f:\n    f.write('%d\\n')\n", path, i)
				if err := Run(tg.cmd.Process.Pid, code, hangGuard); err != nil {
					t.Fatalf("injection %d: %v", i, err)
				}
			}
			want := ""
			for i := 1; i <= *repeat; i++ {
				want += fmt.Sprintf("%d\n", i)
			}
			waitForContent(t, tg, path, want)
			tg.keepsCounting()
		}
	})
}

// waitForContent polls until path holds want (or as much of it as has run).
func waitForContent(t *testing.T, tg *target, path, want string) {
	t.Helper()
	var got string
	for tries := 0; got != want; tries++ {
		b, _ := os.ReadFile(path)
		got = string(b)
		if !strings.HasPrefix(want, got) {
			t.Fatalf("the injections ran out of order:\n%s", got)
		}
		if tries > int(hangGuard.Milliseconds()/5) {
			t.Fatalf("only %d of %d injections ran; stderr:\n%s", strings.Count(got, "\n"), *repeat, tg.stderr.String())
		}
		waitABit()
	}
}

func TestExceptionsInInjectedCodeStayOutOfTheProgram(t *testing.T) {
	forEachInterpreter(t, func(t *testing.T, py daptest.Python) {
		tg := startTarget(t, py.Path, "-c", "compile = exec = None\n"+sleepLoop)
		for _, code := range []string{"1/0", "raise SystemExit(3)", "syntax error here"} {
			if err := Run(tg.cmd.Process.Pid, code, hangGuard); err != nil {
				t.Fatalf("Run(%q): %v", code, err)
			}
		}
		injectMarker(t, tg, py, "after")
		tg.keepsCounting()
		stderr := tg.stderr.String()
		for _, want := range []string{"ZeroDivisionError", "SystemExit: 3", "SyntaxError"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		if strings.Contains(stderr, "SystemError") {
			t.Errorf("an exception reached the program:\n%s", stderr)
		}
	})
}

func TestRefusals(t *testing.T) {
	exited := startTarget(t, "/bin/sh", "-c", "echo 1")
	_ = exited.cmd.Wait()
	zombie := startTarget(t, "/bin/sh", "-c", "echo 1")
	for alive(zombie.cmd.Process.Pid) {
		waitABit()
	}
	sleeper := exec.Command("sleep", "100")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() })
	for exe, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", sleeper.Process.Pid)); filepath.Base(exe) != "sleep"; {
		waitABit() // until the child has exec'd
		exe, _ = os.Readlink(fmt.Sprintf("/proc/%d/exe", sleeper.Process.Pid))
	}
	cases := []struct {
		name string
		pid  int
		want error
	}{
		{"no such pid", 1 << 30, ErrNoProcess},
		{"exited and reaped", exited.cmd.Process.Pid, ErrNoProcess},
		{"exited, not reaped", zombie.cmd.Process.Pid, ErrNoProcess},
		{"not python", sleeper.Process.Pid, ErrNotPython},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Run(c.pid, "pass", hangGuard)
			var e *Error
			if !errors.Is(err, c.want) || !errors.As(err, &e) {
				t.Fatalf("Run = %v, want an *Error of kind %v", err, c.want)
			}
			t.Log(err)
		})
	}
	if !alive(sleeper.Process.Pid) {
		t.Fatal("the non-Python process did not survive the refusal")
	}
}

func TestTheInterpreterIsFoundWithItsVersion(t *testing.T) {
	forEachInterpreter(t, func(t *testing.T, py daptest.Python) {
		tg := startTarget(t, py.Path, "-c", sleepLoop)
		in, err := findInterpreter(tg.cmd.Process.Pid)
		if err != nil {
			t.Fatal(err)
		}
		if in.major != py.Major || in.minor != py.Minor {
			t.Errorf("%s: version %d.%d, want %d.%d", in.file, in.major, in.minor, py.Major, py.Minor)
		}
		t.Logf("%s: %d.%d, Py_AddPendingCall at %#x", in.file, in.major, in.minor, in.addr[symAddPendingCall])
	})
}

func TestVersionsOutsideNineToThirteenAreRefused(t *testing.T) {
	cases := []struct {
		major, minor int
		want         string // in the error; "" for none
	}{
		{0, 0, "older than CPython 3.9"},
		{3, 9, ""},
		{3, 13, ""},
		{3, 14, "sys.remote_exec"},
		{4, 0, "sys.remote_exec"},
	}
	for _, c := range cases {
		err := (&interpreter{file: "/x/python", major: c.major, minor: c.minor}).checkVersion(1)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%d.%d refused: %v", c.major, c.minor, err)
		case c.want != "" && (!errors.Is(err, ErrVersion) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%d.%d: %v, want ErrVersion naming %q", c.major, c.minor, err, c.want)
		}
	}
}

func TestAMainThreadThatBlocksSIGSEGVIsRefused(t *testing.T) {
	py := daptest.Pythons()[0]
	tg := startTarget(t, py.Path, "-c",
		"import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGSEGV])\n"+sleepLoop)
	err := Run(tg.cmd.Process.Pid, "pass", hangGuard)
	if !errors.Is(err, ErrNotReady) || !strings.Contains(err.Error(), "SIGSEGV") {
		t.Fatalf("Run = %v, want ErrNotReady naming SIGSEGV", err)
	}
	tg.keepsCounting()
}
