//go:build linux && amd64

package inject

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

const (
	redZone   = 128         // bytes below rsp that the SysV ABI lets a leaf function use
	flagTF    = 1 << 8      // trap flag
	flagDF    = 1 << 10     // direction flag: the ABI wants it clear at a call
	noSyscall = ^uint64(0)  // orig_rax -1: "not in a syscall", so the kernel restarts nothing
	xstateMax = 64 << 10    // a buffer larger than any XSAVE area the kernel reports
	graceStop = time.Second // how long a thread gets to stop once its deadline has passed
	pollFirst = 50 * time.Microsecond
	pollMax   = 5 * time.Millisecond
)

// errDeadline marks a wait that ran past its deadline; callers turn it into an *Error.
var errDeadline = errors.New("deadline passed")

// tracer holds one thread of the target under ptrace. Linux ties a tracee to the
// thread that traces it, so every method must run on the OS thread that called seize.
type tracer struct {
	pid, tid int
	deadline time.Time
	mem      *os.File        // /proc/PID/mem
	saved    unix.PtraceRegs // the thread's registers when it stopped
	xstate   []byte          // its FPU/SSE/AVX/... state, exactly as long as the kernel made it
	fpOnly   bool            // no XSAVE regset: xstate holds the 512-byte FXSAVE area
	signals  []unix.Signal   // signals that arrived while we held the thread, raised again on release
}

// stop is one ptrace stop: a signal-delivery-stop (event 0) or a PTRACE_EVENT_* stop.
type stop struct {
	sig   unix.Signal
	event int
}

func (s stop) isSignal(sig unix.Signal) bool { return s.event == 0 && s.sig == sig }

// seize attaches to thread tid of process pid with PTRACE_SEIZE, stops it with
// PTRACE_INTERRUPT and saves its whole register state. It returns a tracer, to be
// released, whenever the registers were saved, even with an error.
func seize(pid, tid int, deadline time.Time) (*tracer, error) {
	t := &tracer{pid: pid, tid: tid, deadline: deadline}
	if err := unix.PtraceSeize(tid); err != nil {
		return nil, procError(pid, "attach (PTRACE_SEIZE)", err)
	}
	if err := unix.PtraceInterrupt(tid); err != nil {
		return nil, procError(pid, "stop (PTRACE_INTERRUPT)", err)
	}
	cont := func() error { return unix.PtraceCont(tid, 0) }
	if _, err := t.runUntil(cont, func(s stop) bool { return s.event == unix.PTRACE_EVENT_STOP }, deadline); err != nil {
		// Nothing to put back; the thread that traces it ends soon, which detaches.
		t.raiseSignals()
		return nil, t.fail("stop the main thread", err)
	}
	if err := unix.PtraceGetRegs(tid, &t.saved); err != nil {
		t.raiseSignals()
		_ = unix.PtraceDetach(tid) // nothing changed yet
		return nil, t.fail("read registers", err)
	}
	// From here on the registers are saved: a failure returns t, for release.
	if err := t.saveExtendedState(); err != nil {
		return t, t.fail("read extended registers (NT_X86_XSTATE)", err)
	}
	mem, err := os.OpenFile(fmt.Sprintf("/proc/%d/mem", pid), os.O_RDWR, 0)
	if err != nil {
		return t, procError(pid, "open /proc/PID/mem", err)
	}
	t.mem = mem
	return t, nil
}

// saveExtendedState reads the XSAVE area with PTRACE_GETREGSET. The kernel writes back
// the size it used; PTRACE_SETREGSET accepts exactly that size and nothing smaller,
// which is what makes gdb's register writes fail with "Bad address" on CPUs whose
// XSAVE area outgrew gdb's idea of it. CPUs without XSAVE get the FXSAVE area.
func (t *tracer) saveExtendedState() error {
	buf := make([]byte, xstateMax)
	n, err := t.regset(unix.PTRACE_GETREGSET, buf)
	if errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) {
		t.fpOnly = true
		buf = buf[:512]
		err = t.fpregs(unix.PTRACE_GETFPREGS, buf)
		n = len(buf)
	}
	if err != nil {
		return err
	}
	if n >= xstateMax {
		return fmt.Errorf("XSAVE area larger than %d bytes", xstateMax)
	}
	t.xstate = buf[:n]
	return nil
}

func (t *tracer) restoreExtendedState() error {
	if t.fpOnly {
		return t.fpregs(unix.PTRACE_SETFPREGS, t.xstate)
	}
	_, err := t.regset(unix.PTRACE_SETREGSET, t.xstate)
	return err
}

// regset is PTRACE_GETREGSET or PTRACE_SETREGSET of NT_X86_XSTATE through an iovec;
// it returns the length the kernel left in the iovec.
func (t *tracer) regset(req int, buf []byte) (int, error) {
	iov := unix.Iovec{Base: &buf[0]}
	iov.SetLen(len(buf))
	_, _, errno := unix.Syscall6(unix.SYS_PTRACE, uintptr(req), uintptr(t.tid),
		unix.NT_X86_XSTATE, uintptr(unsafe.Pointer(&iov)), 0, 0)
	runtime.KeepAlive(buf)
	if errno != 0 {
		return 0, errno
	}
	return int(iov.Len), nil
}

// fpregs is PTRACE_GETFPREGS or PTRACE_SETFPREGS, for CPUs without XSAVE.
func (t *tracer) fpregs(req int, buf []byte) error {
	_, _, errno := unix.Syscall6(unix.SYS_PTRACE, uintptr(req), uintptr(t.tid),
		0, uintptr(unsafe.Pointer(&buf[0])), 0, 0)
	runtime.KeepAlive(buf)
	if errno != 0 {
		return errno
	}
	return nil
}

// call runs fn(args...) on the stopped thread and returns its rax. The thread runs it
// on its own stack below the red zone, returns to address 0, faults there, and the
// fault is the stop we wait for (it is never delivered).
func (t *tracer) call(name string, fn uint64, args ...uint64) (uint64, error) {
	step := "call " + name
	r := t.saved
	sp := (r.Rsp-redZone)&^15 - 8 // at entry rsp+8 is 16-byte aligned, as after a call
	if _, err := t.mem.WriteAt(make([]byte, 8), int64(sp)); err != nil {
		return 0, t.fail(step, err)
	}
	r.Rsp, r.Rip, r.Rax, r.Orig_rax = sp, fn, 0, noSyscall
	r.Eflags &^= flagTF | flagDF
	setArgs([]*uint64{&r.Rdi, &r.Rsi, &r.Rdx, &r.Rcx, &r.R8, &r.R9}, args)
	cont := func() error { return unix.PtraceCont(t.tid, 0) }
	r, err := t.execute(step, r, cont, func(s stop) bool { return s.isSignal(unix.SIGSEGV) })
	if err != nil {
		return 0, err
	}
	if r.Rip != 0 {
		return 0, &Error{Pid: t.pid, Step: step, Kind: ErrTarget,
			Detail: fmt.Sprintf("the call faulted at %#x", r.Rip)}
	}
	return r.Rax, nil
}

// syscall makes the stopped thread execute the syscall instruction at insn, one step.
func (t *tracer) syscall(insn, nr uint64, args ...uint64) (uint64, error) {
	step := fmt.Sprintf("syscall %d", nr)
	r := t.saved
	r.Rip, r.Rax, r.Orig_rax = insn, nr, noSyscall
	r.Eflags &^= flagDF
	setArgs([]*uint64{&r.Rdi, &r.Rsi, &r.Rdx, &r.R10, &r.R8, &r.R9}, args)
	single := func() error { return unix.PtraceSingleStep(t.tid) }
	r, err := t.execute(step, r, single, func(s stop) bool { return s.isSignal(unix.SIGTRAP) })
	if err != nil {
		return 0, err
	}
	if r.Rip != insn+2 {
		return 0, &Error{Pid: t.pid, Step: step, Kind: ErrTarget,
			Detail: fmt.Sprintf("stepped to %#x, not past the syscall at %#x", r.Rip, insn)}
	}
	return r.Rax, nil
}

func setArgs(regs []*uint64, args []uint64) {
	for i, a := range args {
		*regs[i] = a
	}
}

// execute loads r into the thread, resumes it until a stop that want accepts and
// returns the registers at that stop.
func (t *tracer) execute(step string, r unix.PtraceRegs, resume func() error, want func(stop) bool) (unix.PtraceRegs, error) {
	if err := unix.PtraceSetRegs(t.tid, &r); err != nil {
		return r, t.fail(step, err)
	}
	if err := resume(); err != nil {
		return r, t.fail(step, err)
	}
	if _, err := t.runUntil(resume, want, t.deadline); err != nil {
		return r, t.unfinished(step, err, want)
	}
	if err := unix.PtraceGetRegs(t.tid, &r); err != nil {
		return r, t.fail(step, err)
	}
	return r, nil
}

// syscallInstruction finds the two bytes 0f 05 (syscall) in the target's code: just
// behind rip when the thread stopped in a syscall, else in the vDSO or another
// executable mapping. Any occurrence will do: rip is set to it directly.
func (t *tracer) syscallInstruction() (uint64, error) {
	sc := []byte{0x0f, 0x05}
	if int64(t.saved.Orig_rax) >= 0 {
		b := make([]byte, 2)
		if _, err := t.mem.ReadAt(b, int64(t.saved.Rip-2)); err == nil && bytes.Equal(b, sc) {
			return t.saved.Rip - 2, nil
		}
	}
	maps, err := readMaps(t.pid)
	if err != nil {
		return 0, procError(t.pid, "read /proc/PID/maps", err)
	}
	for _, vdsoFirst := range []bool{true, false} {
		for _, m := range maps {
			if !m.executable() || (m.path == "[vdso]") != vdsoFirst || strings.HasPrefix(m.path, "[vsyscall") {
				continue
			}
			b := make([]byte, min(m.end-m.start, 1<<20))
			if n, _ := t.mem.ReadAt(b, int64(m.start)); n > 0 {
				if i := bytes.Index(b[:n], sc); i >= 0 {
					return m.start + uint64(i), nil
				}
			}
		}
	}
	return 0, &Error{Pid: t.pid, Step: "find a syscall instruction", Kind: ErrTarget,
		Detail: "no executable mapping holds one"}
}

// release puts the registers back (regs: the saved ones, or a variant of them),
// raises again the signals that arrived meanwhile, and detaches.
func (t *tracer) release(regs unix.PtraceRegs) error {
	if t.mem != nil {
		t.mem.Close()
	}
	if err := unix.PtraceSetRegs(t.tid, &regs); err != nil {
		return t.fail("restore registers", err)
	}
	if t.xstate != nil {
		if err := t.restoreExtendedState(); err != nil {
			return t.fail("restore extended registers", err)
		}
	}
	t.raiseSignals()
	if err := unix.PtraceDetach(t.tid); err != nil {
		return t.fail("detach", err)
	}
	return nil
}

// unfinished reports a call or syscall that did not come back. Past the deadline the
// thread is still running our code: it is stopped again so that release can put it
// back, but what the call had done by then stays done. done is the stop that would
// have ended it, which may still come first.
func (t *tracer) unfinished(step string, err error, done func(stop) bool) error {
	if !errors.Is(err, errDeadline) {
		return t.fail(step, err)
	}
	if serr := t.stopAgain(done); serr != nil {
		return serr
	}
	return &Error{Pid: t.pid, Step: step, Kind: ErrTimeout,
		Detail: "it did not return; the thread was put back, but the interpreter may be left holding a lock"}
}

// raiseSignals queues again, for after the detach, the signals we suppressed.
func (t *tracer) raiseSignals() {
	for _, sig := range t.signals {
		_ = unix.Tgkill(t.pid, t.tid, sig)
	}
	t.signals = nil
}

// stopAgain interrupts a thread that is running our code past its deadline.
func (t *tracer) stopAgain(done func(stop) bool) error {
	if err := unix.PtraceInterrupt(t.tid); err != nil {
		return t.fail("stop the thread after the timeout", err)
	}
	stopped := func(s stop) bool { return s.event == unix.PTRACE_EVENT_STOP || done(s) }
	cont := func() error { return unix.PtraceCont(t.tid, 0) }
	_, err := t.runUntil(cont, stopped, time.Now().Add(graceStop))
	if err != nil {
		return t.fail("stop the thread after the timeout", err)
	}
	return nil
}
