package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// wait bounds every wait of the soak.
const wait = 30 * time.Second

// adapter is `dapper adapter --port 0`, with its stats line on SIGUSR1 enabled.
type adapter struct {
	cmd       *exec.Cmd
	addr      string
	statLines chan string // "dapper: stats ..." lines from its stderr
}

func startAdapter(binary string) (*adapter, error) {
	a := &adapter{cmd: exec.Command(binary, "adapter", "--port", "0"), statLines: make(chan string, 4)}
	a.cmd.Env = append(os.Environ(), "DAPPER_DEBUG_STATS=1")
	stdout, err := a.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := a.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := a.cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		a.stop()
		return nil, fmt.Errorf("reading the adapter's address: %w", err)
	}
	a.addr = strings.TrimSpace(strings.TrimPrefix(line, "dapper: listening on "))
	go func() {
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "dapper: stats ") {
				a.statLines <- lines.Text()
			} else {
				fmt.Fprintln(os.Stderr, "adapter:", lines.Text())
			}
		}
	}()
	return a, nil
}

func (a *adapter) stop() {
	_ = a.cmd.Process.Kill()
	_ = a.cmd.Wait()
}

// stats is what the adapter holds at one moment.
type stats struct {
	rss        int64 // bytes
	heap       int64 // bytes live after a collection
	goroutines int
	fds        int
}

func (a *adapter) stats() (stats, error) {
	var s stats
	pid := a.cmd.Process.Pid
	if err := a.cmd.Process.Signal(syscall.SIGUSR1); err != nil {
		return s, err
	}
	select {
	case line := <-a.statLines:
		if _, err := fmt.Sscanf(line, "dapper: stats goroutines=%d heap=%d", &s.goroutines, &s.heap); err != nil {
			return s, fmt.Errorf("reading %q: %w", line, err)
		}
	case <-time.After(wait):
		return s, fmt.Errorf("no stats line from the adapter")
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			_, _ = fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			s.rss = kb << 10
		}
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	s.fds = len(fds)
	return s, err
}

// client is one session on the adapter; it keeps the events a soak waits for.
type client struct {
	*dap.Client
	events chan dap.Message
}

func (a *adapter) connect() (*client, error) {
	conn, err := net.Dial("tcp", a.addr)
	if err != nil {
		return nil, err
	}
	c := &client{events: make(chan dap.Message, 64)}
	c.Client = dap.NewClient(conn, dap.ClientOptions{OnEvent: func(m dap.Message) {
		switch m.Event {
		case "initialized", "stopped", "terminated":
			c.events <- m
		}
	}})
	return c, nil
}

func (c *client) request(command string, args any) error {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	return c.Request(ctx, command, args, nil)
}

func (c *client) waitEvent(name string) (dap.Message, error) {
	timeout := time.After(wait)
	for {
		select {
		case m := <-c.events:
			if m.Event == name {
				return m, nil
			}
		case <-c.Done():
			return dap.Message{}, fmt.Errorf("the session ended waiting for %s", name)
		case <-timeout:
			return dap.Message{}, fmt.Errorf("no %s event within %s", name, wait)
		}
	}
}
