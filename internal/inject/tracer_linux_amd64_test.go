//go:build linux && amd64

package inject

import (
	"bytes"
	"debug/elf"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
	"golang.org/x/sys/unix"
)

// onTracerThread runs f on a goroutine locked to its own OS thread, as Run does.
func onTracerThread(f func()) {
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		defer close(done)
		f()
	}()
	<-done
}

// holding stops the main thread of a fresh sleepLoop target and runs f with it held.
func holding(t *testing.T, py daptest.Python, f func(tr *tracer, in *interpreter)) *target {
	t.Helper()
	tg := startTarget(t, py.Path, "-c", sleepLoop)
	pid := tg.cmd.Process.Pid
	in, err := findInterpreter(pid)
	if err != nil {
		t.Fatal(err)
	}
	onTracerThread(func() {
		tr, err := seize(pid, pid, time.Now().Add(hangGuard))
		if err != nil {
			t.Fatal(err)
		}
		f(tr, in)
	})
	return tg
}

func TestRegistersAndExtendedStateComeBackExactly(t *testing.T) {
	forEachInterpreter(t, func(t *testing.T, py daptest.Python) {
		tg := holding(t, py, func(tr *tracer, in *interpreter) {
			t.Logf("XSAVE area: %d bytes (NT_X86_XSTATE); stopped in syscall %d", len(tr.xstate), int64(tr.saved.Orig_rax))
			if ready, err := tr.call(symIsInitialized, in.addr[symIsInitialized]); err != nil || int32(ready) != 1 {
				t.Fatalf("Py_IsInitialized() = %d, %v", int32(ready), err)
			}
			if err := unix.PtraceSetRegs(tr.tid, &tr.saved); err != nil {
				t.Fatal(err)
			}
			if err := tr.restoreExtendedState(); err != nil {
				t.Fatalf("PTRACE_SETREGSET with the size the kernel reported: %v", err)
			}
			var regs unix.PtraceRegs
			if err := unix.PtraceGetRegs(tr.tid, &regs); err != nil || regs != tr.saved {
				t.Errorf("registers after restoring: %+v (%v), want %+v", regs, err, tr.saved)
			}
			again := make([]byte, xstateMax)
			n, err := tr.regset(unix.PTRACE_GETREGSET, again)
			if err != nil || !bytes.Equal(again[:n], tr.xstate) {
				t.Errorf("extended state after restoring differs (%d bytes, %v)", n, err)
			}
			if err := tr.release(tr.saved); err != nil {
				t.Fatal(err)
			}
		})
		tg.keepsCounting()
	})
}

func TestATargetKilledWhileHeldIsReportedNotWaitedFor(t *testing.T) {
	holding(t, daptest.Pythons()[0], func(tr *tracer, in *interpreter) {
		if err := syscall.Kill(tr.pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_, err := tr.call(symIsInitialized, in.addr[symIsInitialized])
		if !errors.Is(err, ErrTargetDied) {
			t.Fatalf("call into a killed target: %v, want ErrTargetDied", err)
		}
		if err := tr.release(tr.saved); !errors.Is(err, ErrTargetDied) {
			t.Fatalf("release of a killed target: %v, want ErrTargetDied", err)
		}
	})
}

func TestPtraceRefusedIsExplained(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to take the right to trace away from one thread")
	}
	py := daptest.Pythons()[0]
	tg := startTarget(t, py.Path, "-c", sleepLoop)
	onTracerThread(func() {
		// Credentials are per thread in Linux (the libc and Go wrappers change them in
		// every thread; the raw syscalls do not). This thread keeps euid 0, so it may
		// read /proc/PID/maps, but gets a real uid of nobody and no CAP_SYS_PTRACE,
		// so ptrace is refused.
		if _, _, errno := unix.RawSyscall(unix.SYS_SETRESUID, 65534, 0, 0); errno != 0 {
			t.Fatalf("setresuid: %v", errno)
		}
		hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
		var caps [2]unix.CapUserData
		if err := unix.Capget(&hdr, &caps[0]); err != nil {
			t.Fatal(err)
		}
		caps[0].Effective &^= 1 << unix.CAP_SYS_PTRACE
		if err := unix.Capset(&hdr, &caps[0]); err != nil {
			t.Fatal(err)
		}
		err := run(tg.cmd.Process.Pid, "pass", time.Now().Add(hangGuard))
		if !errors.Is(err, ErrPermission) {
			t.Fatalf("run = %v, want ErrPermission", err)
		}
		for _, want := range []string{"PTRACE_SEIZE", "CAP_SYS_PTRACE", "uid 65534"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the error does not name %q: %v", want, err)
			}
		}
		t.Log(err)
	})
	tg.keepsCounting()
}

func TestOlderPythonsAreRefusedByVersion(t *testing.T) {
	root, err := exec.Command("pyenv", "root").Output()
	if err != nil {
		t.Skip("no pyenv, so no CPython older than 3.9 to try")
	}
	old, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(root)), "versions", "[23].[0-8].*", "bin", "python"))
	if len(old) == 0 {
		t.Skip("no CPython older than 3.9 under pyenv")
	}
	const counter = "import sys, time\ni = 0\nwhile True:\n    i += 1\n" +
		"    sys.stdout.write('%d\\n' % i)\n    sys.stdout.flush()\n    time.sleep(0.01)\n"
	for _, python := range old {
		tg := startTarget(t, python, "-c", counter)
		err := Run(tg.cmd.Process.Pid, "pass", hangGuard)
		if !errors.Is(err, ErrVersion) {
			t.Errorf("%s: Run = %v, want ErrVersion", python, err)
		}
		t.Log(err)
		tg.keepsCounting()
	}
}

// libcFunction finds the address of a libc function in process pid.
func libcFunction(t *testing.T, pid int, name string) uint64 {
	t.Helper()
	maps, err := readMaps(pid)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range maps {
		if !strings.HasPrefix(filepath.Base(m.path), "libc.so") {
			continue
		}
		var own []mapping
		for _, o := range maps {
			if o.path == m.path {
				own = append(own, o)
			}
		}
		f, err := elf.Open(m.path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		base, err := loadBase(f, own)
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := symbolTable(f)[name]; ok {
			return base + s.Value
		}
	}
	t.Fatalf("no %s in the libc of pid %d", name, pid)
	return 0
}

func TestACallThatDoesNotReturnTimesOutAndTheThreadIsPutBack(t *testing.T) {
	tg := holding(t, daptest.Pythons()[0], func(tr *tracer, in *interpreter) {
		pause := libcFunction(t, tr.pid, "pause")
		tr.deadline = time.Now().Add(200 * time.Millisecond)
		if _, err := tr.call("pause", pause); !errors.Is(err, ErrTimeout) {
			t.Fatalf("call pause() = %v, want ErrTimeout", err)
		}
		if err := tr.release(tr.saved); err != nil {
			t.Fatal(err)
		}
	})
	tg.keepsCounting()
}
