package launch

import (
	"fmt"
	"os"
	"os/exec"
)

// StartForeground spawns c sharing dapper's terminal, as `dapper run` does: the program
// inherits stdin, stdout and stderr, and stays in dapper's process group, so that the
// terminal's Ctrl-C, job control and input reach it as they would reach python run by
// hand. Terminate and Kill signal the process alone. onExit is called once, with its
// exit code (minus the signal's number if a signal ended it).
func StartForeground(c Command, onExit func(int)) (*Process, error) {
	cmd := exec.Command(c.Argv[0], c.Argv[1:]...)
	cmd.Env, cmd.Dir = c.Env, c.Dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("run: starting %q: %w", c.Argv[0], err)
	}
	p := &Process{pid: cmd.Process.Pid, cmd: cmd, done: make(chan struct{}), finished: make(chan struct{}), alone: true}
	drained := make(chan struct{})
	close(drained) // no pipes of ours to drain
	p.watch(func() { p.wait(drained, onExit) })
	return p, nil
}
