//go:build linux && amd64

package inject

import (
	"encoding/binary"
	"errors"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// errExited marks a wait that found the thread dead; callers turn it into an *Error.
var errExited = errors.New("the thread exited")

// runUntil waits for a stop that want accepts. The others are passed over: a signal
// that arrives meanwhile is kept (suppressed now, raised again on release) and the
// thread resumed with resume; so is a group-stop.
func (t *tracer) runUntil(resume func() error, want func(stop) bool, deadline time.Time) (stop, error) {
	for {
		s, err := t.wait(deadline)
		if err != nil {
			return s, err
		}
		if want(s) {
			return s, nil
		}
		if s.event == 0 {
			t.signals = append(t.signals, s.sig)
		}
		if err := resume(); err != nil {
			return s, err
		}
	}
}

// wait returns the thread's next ptrace stop. It polls (waitid with WNOHANG), so that
// a deadline or the thread's death ends the wait instead of a hang. It asks for stops
// only: the exit of a process that is also our child stays for its own Wait.
func (t *tracer) wait(deadline time.Time) (stop, error) {
	pause := pollFirst
	for {
		var info unix.Siginfo
		err := unix.Waitid(unix.P_PID, t.tid, &info, unix.WSTOPPED|unix.WNOHANG|unix.WALL, nil)
		if err != nil && err != unix.EINTR {
			return stop{}, err
		}
		if pid, status := childStatus(&info); err == nil && pid == t.tid {
			return stop{sig: unix.Signal(status & 0xff), event: status >> 8}, nil
		}
		if t.exited() {
			return stop{}, errExited
		}
		if time.Now().After(deadline) {
			return stop{}, errDeadline
		}
		time.Sleep(pause)
		pause = min(2*pause, pollMax)
	}
}

// childStatus reads si_pid and si_status, which x/sys/unix's Siginfo keeps in its
// padding (amd64 layout: si_pid at byte 16, si_status at byte 24). For a ptrace stop
// si_status is the stop signal, with the PTRACE_EVENT_* number above its low byte.
func childStatus(info *unix.Siginfo) (pid, status int) {
	raw := (*[unsafe.Sizeof(*info)]byte)(unsafe.Pointer(info))
	pid = int(int32(binary.LittleEndian.Uint32(raw[16:])))
	status = int(int32(binary.LittleEndian.Uint32(raw[24:])))
	return pid, status
}

// exited reports whether the thread has died. A dead tracee that is not our child is
// reaped, which hands its exit status on to its real parent.
func (t *tracer) exited() bool {
	state, ppid, err := procState(t.tid)
	if err == nil && state != 'Z' && state != 'X' {
		return false
	}
	if err == nil && ppid != os.Getpid() {
		var ws unix.WaitStatus
		_, _ = unix.Wait4(t.tid, &ws, unix.WNOHANG|unix.WALL, nil)
	}
	return true
}

// fail turns what went wrong at step into an *Error of the right kind. A ptrace call or
// a /proc/PID/mem access fails when the target is killed; the target may still be
// exiting then, so a failure is not blamed on anything else before it has settled.
func (t *tracer) fail(step string, err error) error {
	var e *Error
	switch {
	case errors.Is(err, errExited) || t.settledDead():
		return &Error{Pid: t.pid, Step: step, Kind: ErrTargetDied}
	case errors.Is(err, errDeadline):
		return &Error{Pid: t.pid, Step: step, Kind: ErrTimeout}
	case errors.As(err, &e):
		return err
	}
	return procError(t.pid, step, err)
}

// settledDead waits (briefly) for a thread we hold to be either stopped for us (state
// t) or dead, and reports whether it is dead.
func (t *tracer) settledDead() bool {
	for deadline := time.Now().Add(graceStop); ; waitPoll() {
		if t.exited() {
			return true
		}
		if state, _, _ := procState(t.tid); state == 't' || time.Now().After(deadline) {
			return false
		}
	}
}

func waitPoll() { time.Sleep(pollMax) }
