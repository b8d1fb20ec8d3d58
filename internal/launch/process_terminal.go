package launch

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/term"
)

// StartInTerminal spawns cmd with this process's standard input, output and error
// (a terminal, for the launcher), in a new process group. When standard input is a
// terminal the group becomes its foreground group, so that the program reads from it
// and gets its Ctrl-C, as a program a shell starts does. onExit is called once, after
// the exit.
func StartInTerminal(c Command, onExit func(exitCode int)) (*Process, error) {
	cmd := exec.Command(c.Argv[0], c.Argv[1:]...)
	cmd.Env, cmd.Dir = c.Env, c.Dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if term.IsTerminal(int(os.Stdin.Fd())) {
		cmd.SysProcAttr.Foreground, cmd.SysProcAttr.Ctty = true, int(os.Stdin.Fd())
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("launch: starting %q: %w", c.Argv[0], err)
	}
	p := &Process{pid: cmd.Process.Pid, cmd: cmd, done: make(chan struct{}), finished: make(chan struct{})}
	drained := make(chan struct{})
	close(drained) // no pipes to drain
	p.watch(func() { p.wait(drained, onExit) })
	return p, nil
}
