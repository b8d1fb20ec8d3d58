package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Timeout bounds every wait of a Client: a debugger that hangs fails one measurement,
// never the whole run.
var Timeout = 60 * time.Second

// received is a message with the moment the client read it, so that a latency is
// measured at arrival and not when the runner gets round to looking.
type received struct {
	at  time.Time
	msg dap.Message
}

// Client is a DAP client of one debug adapter process (dapper's or debugpy's). Unlike
// daptest.Session it returns errors rather than failing a test, and it timestamps every
// message on arrival.
type Client struct {
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	seq      int
	incoming chan received
	pending  []received // read but not yet waited for
	stdout   strings.Builder
	ended    error

	stderrMu sync.Mutex
	stderr   bytes.Buffer
}

// StartAdapter runs argv, a debug adapter speaking DAP on stdio, in its own process
// group (so that Close can end whatever it started).
func StartAdapter(argv []string) (*Client, error) {
	c := &Client{incoming: make(chan received, 256)}
	c.cmd = exec.Command(argv[0], argv[1:]...)
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	c.cmd.Stderr = &lockedBuffer{mu: &c.stderrMu, b: &c.stderr}
	stdin, err := c.cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %q: %w", argv, err)
	}
	c.stdin = stdin
	go c.read(bufio.NewReader(stdout))
	return c, nil
}

type lockedBuffer struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (c *Client) read(r *bufio.Reader) {
	defer close(c.incoming)
	for {
		body, err := dap.ReadFrame(r)
		if err != nil {
			return
		}
		at := time.Now()
		m, err := dap.Decode(body)
		if err != nil {
			continue
		}
		c.incoming <- received{at: at, msg: m}
	}
}

// Send writes a request and returns its seq and the moment it was written.
func (c *Client) Send(command string, args any) (int, time.Time, error) {
	c.seq++
	body, err := dap.NewRequest(c.seq, command, args)
	if err != nil {
		return 0, time.Time{}, err
	}
	at := time.Now()
	if err := dap.WriteFrame(c.stdin, body); err != nil {
		return 0, at, fmt.Errorf("sending %s: %w", command, err)
	}
	return c.seq, at, nil
}

// waitFor returns the first message, pending or arriving within timeout, for which
// match is true. A failed response to the request with seq failOn (if not 0) ends the
// wait with its error instead.
func (c *Client) waitFor(what string, failOn int, timeout time.Duration, match func(dap.Message) bool) (received, error) {
	check := func(r received) (bool, error) {
		if failOn != 0 && r.msg.IsResponse() && r.msg.RequestSeq == failOn && !r.msg.Success {
			return true, fmt.Errorf("%s failed: %s", r.msg.Command, r.msg.ErrMessage)
		}
		return match(r.msg), nil
	}
	for i, r := range c.pending {
		if ok, err := check(r); ok || err != nil {
			c.pending = append(c.pending[:i], c.pending[i+1:]...)
			return r, err
		}
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		select {
		case r, open := <-c.incoming:
			if !open {
				return received{}, fmt.Errorf("waiting for %s: the adapter closed its output%s", what, c.stderrTail())
			}
			if c.consumeReverse(r.msg) {
				continue
			}
			if ok, err := check(r); ok || err != nil {
				return r, err
			}
			c.pending = append(c.pending, r)
		case <-deadline.C:
			return received{}, fmt.Errorf("waiting for %s: nothing within %s%s", what, timeout, c.stderrTail())
		}
	}
}

// consumeReverse keeps the program's stdout and answers reverse requests (which a
// measurement never needs) with an error; it reports whether m was one of those.
func (c *Client) consumeReverse(m dap.Message) bool {
	if m.IsEvent() && m.Event == "output" {
		var body struct {
			Category string `json:"category"`
			Output   string `json:"output"`
		}
		if json.Unmarshal(m.Body, &body) == nil && body.Category == "stdout" {
			c.stdout.WriteString(body.Output)
		}
		return true
	}
	if m.IsRequest() {
		c.seq++
		reply, _ := dap.NewErrorResponse(c.seq, m.Seq, m.Command, 1, "not supported by the benchmark client")
		_ = dap.WriteFrame(c.stdin, reply)
		return true
	}
	return false
}

// Request sends a request and waits for its successful response.
func (c *Client) Request(command string, args any) (dap.Message, error) {
	seq, _, err := c.Send(command, args)
	if err != nil {
		return dap.Message{}, err
	}
	r, err := c.waitFor("the response to "+command, seq, Timeout, func(m dap.Message) bool {
		return m.IsResponse() && m.RequestSeq == seq
	})
	return r.msg, err
}

// WaitEvent waits for the next event of that name. A failed response to the request
// with seq failOn (if not 0) ends the wait with its error.
func (c *Client) WaitEvent(event string, failOn int) (received, error) {
	return c.waitFor("event "+event, failOn, Timeout, func(m dap.Message) bool {
		return m.IsEvent() && m.Event == event
	})
}

// WaitResponse waits for the response to the request with seq; a failed one is an error.
func (c *Client) WaitResponse(seq int) (dap.Message, error) {
	r, err := c.waitFor(fmt.Sprintf("the response to request %d", seq), seq, Timeout, func(m dap.Message) bool {
		return m.IsResponse() && m.RequestSeq == seq
	})
	return r.msg, err
}

// Stdout is the program's stdout received so far as output events.
func (c *Client) Stdout() string { return c.stdout.String() }

func (c *Client) stderrTail() string {
	c.stderrMu.Lock()
	defer c.stderrMu.Unlock()
	s := strings.TrimSpace(c.stderr.String())
	if s == "" {
		return ""
	}
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return "\nadapter stderr:\n" + s
}

// Close ends the session: a disconnect that terminates the debuggee, then closing the
// adapter's stdin. Whatever is left in the adapter's process group is then killed,
// before the adapter is reaped so that the group id cannot have been reused.
func (c *Client) Close() {
	if seq, _, err := c.Send("disconnect", map[string]any{"terminateDebuggee": true}); err == nil {
		_, _ = c.waitFor("the response to disconnect", 0, 5*time.Second, func(m dap.Message) bool {
			return m.IsResponse() && m.RequestSeq == seq
		})
	}
	_ = c.stdin.Close()
	drained := make(chan struct{})
	go func() {
		for range c.incoming {
		}
		close(drained)
	}()
	select {
	case <-drained:
	case <-time.After(5 * time.Second):
	}
	_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	_ = c.cmd.Wait()
}
