//go:build linux && amd64

package inject

import (
	"fmt"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// Run schedules code to run in the CPython 3.9 to 3.13 process pid, which needs no
// debugger, gdb or preparation of any kind. It returns once the code is queued: the
// interpreter's main thread runs it at its next bytecode boundary, holding the GIL, in
// a namespace of its own (see the package documentation for when that can be late).
// Exceptions the code raises are printed on the target's stderr and go no further.
// The caller confirms the code ran by its effect (the agent connecting back).
//
// timeout bounds every step; a failure is an *Error whose Kind says what went wrong.
// While Run runs, nothing else in this process may wait for pid (a wait would take the
// ptrace stops Run waits for).
func Run(pid int, code string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	done := make(chan error, 1)
	go func() {
		// The tracee belongs to this OS thread. The goroutine never unlocks it: the
		// thread ends with it, and should the target still be attached after a failure
		// nothing could undo, the kernel detaches it then.
		runtime.LockOSThread()
		done <- run(pid, code, deadline)
	}()
	return <-done
}

// run is Run on the calling OS thread, which the caller has locked.
func run(pid int, code string, deadline time.Time) (err error) {
	if err := checkProcess(pid); err != nil {
		return err
	}
	if err := checkCallable(pid); err != nil {
		return err
	}
	in, err := findInterpreter(pid)
	if err != nil {
		return err
	}
	// The main thread, because on 3.9 to 3.11 Py_AddPendingCall wakes the main thread's
	// eval loop only when it is called there (it computes the eval breaker for the
	// calling thread); pending calls run on the main thread in every version.
	t, err := seize(pid, pid, deadline)
	if t == nil {
		return err
	}
	restore := t.saved
	defer func() {
		if rerr := t.release(restore); err == nil {
			err = rerr
		}
	}()
	if err != nil {
		return err
	}
	if err := t.schedule(in, pythonSource(code)); err != nil {
		return err
	}
	restore = wakeFromFutexWait(t.saved)
	return nil
}

// schedule checks that the interpreter is running, copies src into a fresh page of the
// target and queues Py_AddPendingCall(PyRun_SimpleString, page).
//
// Py_AddPendingCall is made to be called from a signal handler: it needs no GIL and no
// thread state, and takes only the pending-calls lock. Calling it on a thread stopped
// at any instruction is what a signal handler does, so the thread may be anywhere.
// The page stays mapped: the call runs later, and the code is small.
func (t *tracer) schedule(in *interpreter, src string) error {
	ready, err := t.call(symIsInitialized, in.addr[symIsInitialized])
	if err != nil {
		return err
	}
	if int32(ready) == 0 {
		return &Error{Pid: t.pid, Step: "call " + symIsInitialized, Kind: ErrNotReady,
			Detail: "the interpreter is starting up or shutting down"}
	}
	insn, err := t.syscallInstruction()
	if err != nil {
		return err
	}
	size := (uint64(len(src)) + 1 + 4095) &^ 4095
	page, err := t.syscall(insn, unix.SYS_MMAP, 0, size, unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_ANONYMOUS, noSyscall, 0)
	if err != nil {
		return err
	}
	if errno := -int64(page); errno > 0 && errno < 4096 {
		return &Error{Pid: t.pid, Step: "mmap a page for the code", Kind: ErrTarget, Err: unix.Errno(errno)}
	}
	if _, err := t.mem.WriteAt(append([]byte(src), 0), int64(page)); err != nil {
		return t.fail("write the code", err)
	}
	rc, err := t.call(symAddPendingCall, in.addr[symAddPendingCall], in.addr[symRunString], page)
	if err != nil {
		return err
	}
	if int32(rc) != 0 {
		_, _ = t.syscall(insn, unix.SYS_MUNMAP, page, size)
		return &Error{Pid: t.pid, Step: "call " + symAddPendingCall, Kind: ErrNotReady,
			Detail: fmt.Sprintf("it returned %d: the queue of pending calls is full", int32(rc))}
	}
	return nil
}

// wakeFromFutexWait: if the main thread was stopped waiting on a futex — where
// lock.acquire(), Thread.join(), Event.wait() and queue.get() block — it returns the
// registers that end that wait with EINTR instead of restarting it. CPython answers
// EINTR in lock.acquire by running the pending calls (ours among them) and waiting
// again, as after a Ctrl-C without its KeyboardInterrupt; glibc's other futex waiters
// (mutexes, condition variables) take it as a spurious wake-up. Any other syscall is
// restarted as it was: time.sleep, select and the like retry on EINTR without running
// pending calls, so the code waits for them to return.
func wakeFromFutexWait(r unix.PtraceRegs) unix.PtraceRegs {
	const (
		futexWait, futexWaitBitset = 0, 9
		futexCmdMask               = 0x7f // without FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME
		errRestartSys              = 512  // ERESTARTSYS: a wait without timeout
		errRestartBlock            = 516  // ERESTART_RESTARTBLOCK: a wait with one
	)
	if r.Orig_rax != unix.SYS_FUTEX {
		return r
	}
	if op := r.Rsi & futexCmdMask; op != futexWait && op != futexWaitBitset {
		return r
	}
	if e := -int64(r.Rax); e != errRestartSys && e != errRestartBlock {
		return r
	}
	r.Rax = ^uint64(unix.EINTR) + 1 // -EINTR
	r.Orig_rax = noSyscall
	return r
}
