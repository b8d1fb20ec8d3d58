package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/bench"
	"github.com/dapper-debugger/dapper/internal/dap"
)

// wait bounds every wait of one attachment.
const wait = 30 * time.Second

func dapperListen(dapper, py, program string) attachment {
	return func() (time.Duration, error) {
		run, stdout, stderr, err := start(dapper, "run", "--listen", "127.0.0.1:0", "--python", py, program)
		if err != nil {
			return 0, err
		}
		addr, err := lineMatching(stderr, regexp.MustCompile(`listening for debug clients on (\S+)`))
		if err != nil {
			stop(run)
			return 0, err
		}
		return attachToListener(run, stdout, program, addr, nil)
	}
}

func dapperPid(dapper, py, program string) attachment {
	return func() (time.Duration, error) {
		target, err := startTarget(py, program)
		if err != nil {
			return 0, err
		}
		defer stop(target)
		proc, err := dap.StartAdapterProcess([]string{dapper, "adapter"})
		if err != nil {
			return 0, err
		}
		c := newClient(proc, func() { _ = proc.Stop(5 * time.Second) })
		defer c.close()
		return c.firstStop(program, map[string]any{"processId": target.Process.Pid}, time.Time{})
	}
}

func debugpyListen(py, program string) attachment {
	return func() (time.Duration, error) {
		addr, err := freeAddress()
		if err != nil {
			return 0, err
		}
		run, stdout, _, err := start(py, "-m", "debugpy", "--listen", addr, program)
		if err != nil {
			return 0, err
		}
		return attachToListener(run, stdout, program, addr, map[string]any{"justMyCode": true})
	}
}

// attachToListener waits until the program run runs, connects to its debugger's DAP
// server at addr, and times the attach to the first stop; then it ends run.
func attachToListener(run *exec.Cmd, stdout *bufio.Reader, program, addr string, args map[string]any) (time.Duration, error) {
	defer stop(run)
	if _, err := lineMatching(stdout, regexp.MustCompile(`running`)); err != nil {
		return 0, err
	}
	c, err := dial(addr, wait)
	if err != nil {
		return 0, err
	}
	defer c.close()
	attach := map[string]any{"connect": endpoint(addr)}
	for k, v := range args {
		attach[k] = v
	}
	return c.firstStop(program, attach, time.Time{})
}

func debugpyPid(py, program string) attachment {
	return func() (time.Duration, error) {
		target, err := startTarget(py, program)
		if err != nil {
			return 0, err
		}
		defer stop(target)
		addr, err := freeAddress()
		if err != nil {
			return 0, err
		}
		began := time.Now()
		out, err := exec.Command(py, "-m", "debugpy", "--listen", addr, "--pid", strconv.Itoa(target.Process.Pid)).CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("debugpy --pid: %v: %s", err, strings.TrimSpace(string(out)))
		}
		c, err := dial(addr, 15*time.Second)
		if err != nil {
			return 0, fmt.Errorf("debugpy --pid (it injects with gdb): %v %s", err, strings.TrimSpace(string(out)))
		}
		defer c.close()
		return c.firstStop(program, map[string]any{"connect": endpoint(addr), "justMyCode": true}, began)
	}
}

// client is a DAP client whose timeline stamps each message on arrival.
type client struct {
	c     *dap.Client
	tl    *dap.Timeline
	close func()
}

func newClient(stream io.ReadWriteCloser, closer func()) *client {
	tl := dap.NewTimeline()
	c := &client{c: dap.NewClient(stream, dap.ClientOptions{Observer: tl}), tl: tl}
	c.close = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = c.c.Request(ctx, "disconnect", map[string]any{"terminateDebuggee": false}, nil)
		c.c.Close()
		if closer != nil {
			closer()
		}
	}
	return c
}

// dial connects to addr, retrying while nothing listens there yet.
func dial(addr string, within time.Duration) (*client, error) {
	deadline := time.Now().Add(within)
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return newClient(conn, nil), nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("nothing listened on %s within %s", addr, within)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// firstStop attaches with args, sets a breakpoint on the program's marked line, and
// returns the time from since (zero: the attach request) to the stopped event.
func (c *client) firstStop(program string, args map[string]any, since time.Time) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	p, err := bench.LoadProgram(program)
	if err != nil {
		return 0, err
	}
	line := p.Line
	if err := c.c.Request(ctx, "initialize", map[string]any{"clientID": "dapper-bench", "adapterID": "python",
		"linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path"}, nil); err != nil {
		return 0, err
	}
	attach, err := c.c.Send("attach", args)
	if err != nil {
		return 0, err
	}
	if since.IsZero() {
		since = attach.Sent
	}
	if r, err := c.tl.Take(ctx, func(m dap.Message) bool {
		return (m.IsEvent() && m.Event == "initialized") || (m.IsResponse() && m.RequestSeq == attach.Seq && !m.Success)
	}); err != nil || r.Msg.IsResponse() {
		return 0, errors.Join(err, dap.ResponseError(r.Msg))
	}
	bps := map[string]any{"source": map[string]any{"path": program}, "breakpoints": []map[string]any{{"line": line}}}
	if err := c.c.Request(ctx, "setBreakpoints", bps, nil); err != nil {
		return 0, err
	}
	if err := c.c.Request(ctx, "configurationDone", nil, nil); err != nil {
		return 0, err
	}
	r, err := c.tl.Take(ctx, func(m dap.Message) bool { return m.IsEvent() && m.Event == "stopped" })
	if err != nil {
		return 0, fmt.Errorf("waiting for the stop: %w", err)
	}
	return r.At.Sub(since), nil
}

// start runs argv in a process group of its own; its stdout and stderr are returned
// to read.
func start(argv ...string) (*exec.Cmd, *bufio.Reader, *bufio.Reader, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, nil, err
	}
	return cmd, bufio.NewReader(stdout), bufio.NewReader(stderr), nil
}

// startTarget runs the program plainly and waits until it says it runs.
func startTarget(py, program string) (*exec.Cmd, error) {
	cmd, stdout, _, err := start(py, program)
	if err != nil {
		return nil, err
	}
	if _, err := lineMatching(stdout, regexp.MustCompile(`running`)); err != nil {
		stop(cmd)
		return nil, err
	}
	return cmd, nil
}

func stop(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
}

// lineMatching reads lines until one matches re; it returns the first group.
func lineMatching(r *bufio.Reader, re *regexp.Regexp) (string, error) {
	for {
		line, err := r.ReadString('\n')
		if m := re.FindStringSubmatch(line); m != nil {
			if len(m) > 1 {
				return m[1], nil
			}
			return m[0], nil
		}
		if err != nil {
			return "", fmt.Errorf("no line matching %s: %v", re, err)
		}
	}
}

func freeAddress() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func endpoint(addr string) map[string]any {
	host, port, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(port)
	return map[string]any{"host": host, "port": n}
}
