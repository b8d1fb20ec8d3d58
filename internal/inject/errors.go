package inject

import (
	"errors"
	"fmt"
)

// The kinds of failure Run reports. Every error Run returns is an *Error whose Kind is
// one of these, so callers can choose with errors.Is and explain with errors.As.
var (
	// ErrPlatform: injection is implemented for linux/amd64 only.
	ErrPlatform = errors.New("not supported on this platform")
	// ErrNoProcess: the pid names no process, or one that has exited.
	ErrNoProcess = errors.New("no such process")
	// ErrPermission: the kernel refused ptrace or access to /proc/PID; Detail says why.
	ErrPermission = errors.New("not permitted")
	// ErrNotPython: the process maps no CPython interpreter.
	ErrNotPython = errors.New("not a Python process")
	// ErrSymbols: the interpreter lacks a symbol the injection calls (a stripped build).
	ErrSymbols = errors.New("interpreter symbols not found")
	// ErrVersion: the interpreter is not CPython 3.9 to 3.13.
	ErrVersion = errors.New("unsupported Python version")
	// ErrNotReady: the interpreter is starting up or shutting down, or cannot queue a call.
	ErrNotReady = errors.New("interpreter not ready")
	// ErrTargetDied: the process exited during the injection.
	ErrTargetDied = errors.New("process exited during injection")
	// ErrTimeout: the target did not reach the next step in time.
	ErrTimeout = errors.New("timed out")
	// ErrTarget: the target did something unexpected (a fault inside the called
	// function, a missing syscall instruction, a refused mmap).
	ErrTarget = errors.New("injection failed in the target")
)

// Error is what Run returns: which process, which step, which kind of failure, and
// what was found. Detail is for people (it names files, settings and values).
type Error struct {
	Pid    int
	Step   string // "attach", "find interpreter", "call Py_AddPendingCall", ...
	Kind   error  // one of the Err* values above
	Detail string // may be empty
	Err    error  // the underlying error, may be nil
}

// Error says which process, which step and what went wrong, then the details.
func (e *Error) Error() string {
	msg := fmt.Sprintf("inject: pid %d: %s: %v", e.Pid, e.Step, e.Kind)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

// Unwrap gives errors.Is and errors.As both the kind and the underlying error.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}
