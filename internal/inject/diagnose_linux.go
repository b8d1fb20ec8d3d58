//go:build linux

package inject

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// procState reads the state letter (R, S, D, T, t, Z, X...) and the parent pid of
// process pid from /proc/PID/stat.
func procState(pid int) (state byte, ppid int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, err
	}
	// pid (comm) state ppid ...; comm may hold spaces and parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, fmt.Errorf("unreadable /proc/%d/stat", pid)
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 2 {
		return 0, 0, fmt.Errorf("unreadable /proc/%d/stat", pid)
	}
	ppid, _ = strconv.Atoi(fields[1])
	return fields[0][0], ppid, nil
}

// checkProcess refuses a pid that names no live process, or one that is stopped.
func checkProcess(pid int) error {
	if pid <= 0 {
		return &Error{Pid: pid, Step: "find process", Kind: ErrNoProcess, Detail: "not a process id"}
	}
	state, _, err := procState(pid)
	switch {
	case err != nil:
		return procError(pid, "find process", err)
	case state == 'Z' || state == 'X':
		return &Error{Pid: pid, Step: "find process", Kind: ErrNoProcess, Detail: "the process has exited"}
	case state == 'T' || state == 't':
		return &Error{Pid: pid, Step: "find process", Kind: ErrNotReady,
			Detail: "the process is stopped (by a signal or a debugger); continue it first"}
	}
	return nil
}

// checkCallable refuses a main thread where the injected call could not end the way
// it does, by faulting at its return address 0: a fault on a blocked or ignored
// SIGSEGV makes the kernel reset the program's SIGSEGV handler, and with a user shadow
// stack (CET) the return itself faults, before reaching 0.
func checkCallable(pid int) error {
	status := procStatus(strconv.Itoa(pid))
	const sigsegvBit = 10 // bit n-1 for signal n
	for _, mask := range []string{"SigBlk", "SigIgn"} {
		if hasBit(status[mask], sigsegvBit) {
			return &Error{Pid: pid, Step: "check the main thread", Kind: ErrNotReady,
				Detail: "SIGSEGV is blocked or ignored there (" + mask + ")"}
		}
	}
	if strings.Contains(status["x86_Thread_features"], "shstk") {
		return &Error{Pid: pid, Step: "check the main thread", Kind: ErrTarget,
			Detail: "it runs with a shadow stack (CET), which injection does not support yet"}
	}
	return nil
}

// procError classifies a failure to read /proc/PID/... or a ptrace call. The kernel
// refuses to trace an exiting process with EPERM too: that is not a permission problem.
func procError(pid int, step string, err error) *Error {
	state, _, serr := procState(pid)
	gone := serr != nil || state == 'Z' || state == 'X'
	switch {
	case errors.Is(err, os.ErrNotExist), errors.Is(err, syscall.ESRCH):
		return &Error{Pid: pid, Step: step, Kind: ErrNoProcess, Err: err}
	case gone:
		return &Error{Pid: pid, Step: step, Kind: ErrNoProcess, Detail: "the process has exited", Err: err}
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EPERM):
		return &Error{Pid: pid, Step: step, Kind: ErrPermission, Detail: permissionDetail(pid), Err: err}
	}
	return &Error{Pid: pid, Step: step, Kind: ErrTarget, Err: err}
}

// permissionDetail names what can make the kernel refuse to let us trace pid: another
// tracer, the Yama setting, a different user without CAP_SYS_PTRACE.
func permissionDetail(pid int) string {
	var why []string
	target := procStatus(strconv.Itoa(pid))
	if tracer := target["TracerPid"]; tracer != "" && tracer != "0" {
		why = append(why, "it is already traced by pid "+tracer)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/yama/ptrace_scope"); err == nil {
		scope := strings.TrimSpace(string(b))
		meaning := map[string]string{
			"1": "only a parent process may trace",
			"2": "only with CAP_SYS_PTRACE",
			"3": "no process may trace",
		}[scope]
		if meaning != "" {
			why = append(why, fmt.Sprintf("/proc/sys/kernel/yama/ptrace_scope is %s (%s)", scope, meaning))
		}
	}
	// Credentials are per thread: ptrace checks the calling thread's.
	self := procStatus("thread-self")
	if !hasBit(self["CapEff"], 19) { // CAP_SYS_PTRACE
		why = append(why, "dapper lacks CAP_SYS_PTRACE")
	}
	if uid, tuid := firstField(self["Uid"]), firstField(target["Uid"]); tuid != "" && uid != tuid {
		why = append(why, fmt.Sprintf("dapper runs as uid %s, the process as uid %s", uid, tuid))
	}
	if len(why) == 0 {
		why = append(why, "refused by the kernel's security policy (seccomp, an LSM, or a container without CAP_SYS_PTRACE)")
	}
	return strings.Join(why, "; ")
}

// procStatus reads /proc/WHO/status into a map of field to value ("" when unreadable).
func procStatus(who string) map[string]string {
	fields := map[string]string{}
	b, err := os.ReadFile("/proc/" + who + "/status")
	if err != nil {
		return fields
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	return fields
}

// hasBit reports whether bit is set in a hexadecimal mask of /proc/PID/status.
func hasBit(hexMask string, bit uint) bool {
	mask, err := strconv.ParseUint(hexMask, 16, 64)
	return err == nil && mask&(1<<bit) != 0
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
