package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// Timeout bounds every wait of a Client: a debugger that hangs fails one measurement,
// never the whole run.
var Timeout = 60 * time.Second

// Client is a DAP client of one debug adapter process (dapper's or debugpy's): a
// dap.Client whose timeline stamps every message on arrival, so that a latency is
// measured when the message came and not when the runner got round to looking. Unlike
// daptest.Session it returns errors rather than failing a test.
type Client struct {
	client   *dap.Client
	timeline *dap.Timeline
	proc     *dap.AdapterProcess
}

// StartAdapter runs argv, a debug adapter speaking DAP on stdio, in its own process
// group (so that Close can end whatever it started).
func StartAdapter(argv []string) (*Client, error) {
	proc, err := dap.StartAdapterProcess(argv)
	if err != nil {
		return nil, err
	}
	tl := dap.NewTimeline()
	return &Client{client: dap.NewClient(proc, dap.ClientOptions{Observer: tl}), timeline: tl, proc: proc}, nil
}

// Send sends a request; the Call says when it was sent.
func (c *Client) Send(command string, args any) (*dap.Call, error) {
	return c.client.Send(command, args)
}

// Request sends a request and waits for its successful response, decoding the body
// into out (if not nil).
func (c *Client) Request(command string, args, out any) error {
	call, err := c.Send(command, args)
	if err != nil {
		return err
	}
	return c.waitCall(call, out)
}

// WaitResponse waits for the response to call; a failed one is an error.
func (c *Client) WaitResponse(call *dap.Call) error { return c.waitCall(call, nil) }

func (c *Client) waitCall(call *dap.Call, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	err := call.Wait(ctx, out)
	var re *dap.RequestError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &re):
		return fmt.Errorf("%s failed: %v", call.Command, err)
	}
	return c.waitError("the response to "+call.Command, err)
}

// WaitEvent waits for the next event of that name and returns it with its arrival
// time. A failed response to failOn (if not nil) ends the wait with its error.
func (c *Client) WaitEvent(event string, failOn *dap.Call) (dap.Record, error) {
	return c.WaitEventOf([]string{event}, failOn)
}

// WaitEventOf waits for the next event with one of these names, as WaitEvent does.
func (c *Client) WaitEventOf(events []string, failOn *dap.Call) (dap.Record, error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	r, err := c.timeline.Take(ctx, func(m dap.Message) bool {
		return (m.IsEvent() && slices.Contains(events, m.Event)) ||
			(failOn != nil && m.IsResponse() && m.RequestSeq == failOn.Seq && !m.Success)
	})
	switch {
	case err != nil:
		return r, c.waitError("event "+strings.Join(events, " or "), err)
	case r.Msg.IsResponse():
		return r, fmt.Errorf("%s failed: %v", r.Msg.Command, dap.ResponseError(r.Msg))
	}
	return r, nil
}

// waitError says why a wait for what ended without it, with the adapter's last words.
func (c *Client) waitError(what string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("waiting for %s: nothing within %s%s", what, Timeout, c.stderrTail())
	}
	return fmt.Errorf("waiting for %s: %v%s", what, err, c.stderrTail())
}

// Stdout is the program's stdout received so far as output events.
func (c *Client) Stdout() string { return c.Output("stdout") }

// Output is the text of the output events of a category received so far.
func (c *Client) Output(category string) string {
	var b strings.Builder
	for _, r := range c.timeline.Records() {
		if r.Out || !r.Msg.IsEvent() || r.Msg.Event != "output" {
			continue
		}
		var body godap.OutputEventBody
		if json.Unmarshal(r.Msg.Body, &body) == nil && body.Category == category {
			b.WriteString(body.Output)
		}
	}
	return b.String()
}

func (c *Client) stderrTail() string {
	s := strings.TrimSpace(c.proc.Stderr())
	if s == "" {
		return ""
	}
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return "\nadapter stderr:\n" + s
}

// Close ends the session: a disconnect that terminates the debuggee, then closing the
// adapter's stdin. Whatever is left in the adapter's process group is then killed.
func (c *Client) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = c.client.Request(ctx, "disconnect", map[string]any{"terminateDebuggee": true}, nil)
	c.client.Close()
	_ = c.proc.Stop(5 * time.Second)
}
