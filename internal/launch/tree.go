package launch

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// descendant is a process below a program's leader, and when it started (so that a
// pid the system has given to another process since is not signalled).
type descendant struct {
	pid   int
	start string // field 22 of /proc/PID/stat
}

// descendantsOf returns every process below root (its children, theirs, ...), read
// from /proc; none where there is no /proc. Signalling root's process group reaches
// those that stayed in it; this finds the ones that left it (setsid, a daemon's
// double fork, start_new_session) while root still lives: once it has gone, its
// children belong to init and the line to them is lost.
func descendantsOf(root int) []descendant {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]descendant{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, start, ok := readStat(pid); ok {
			children[ppid] = append(children[ppid], descendant{pid, start})
		}
	}
	var out []descendant
	for queue := children[root]; len(queue) > 0; queue = queue[1:] {
		out = append(out, queue[0])
		queue = append(queue, children[queue[0].pid]...)
	}
	return out
}

// readStat returns the parent and the start time of pid.
func readStat(pid int) (ppid int, start string, ok bool) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, "", false
	}
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return 0, "", false
	}
	// After the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt
	// cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime.
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 20 {
		return 0, "", false
	}
	ppid, err = strconv.Atoi(fields[1])
	return ppid, fields[19], err == nil
}

// signal sends sig to d, if d is still the process that was found.
func (d descendant) signal(sig syscall.Signal) {
	if _, start, ok := readStat(d.pid); ok && start == d.start {
		_ = syscall.Kill(d.pid, sig)
	}
}
