package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/dapper-debugger/dapper/internal/adapter"
	"github.com/dapper-debugger/dapper/internal/dap"
)

// RequestError is a failed DAP response.
type RequestError struct {
	Command string
	Message string
	ID      int
}

func (e *RequestError) Error() string { return e.Message }

// Unsupported reports whether the debugger answered that it does not serve the request.
func (e *RequestError) Unsupported() bool {
	return e.ID == dap.ErrUnknownRequest || e.ID == dap.ErrAgentUnknownRequest
}

// Gone reports whether the debugger answered that the program has gone.
func (e *RequestError) Gone() bool { return e.ID == dap.ErrNoDebuggee }

// errGone is returned for requests that can no longer be answered.
var errGone = errors.New("the debug session has ended")

// Client is a DAP client of one adapter session. Requests may be sent from any
// goroutine. Output events go to onOutput as they arrive (on the reader goroutine, so
// they are shown in the order the adapter sent them); every other event is queued
// on Events.
type Client struct {
	conn     *dap.Conn
	onOutput func(json.RawMessage)

	mu      sync.Mutex
	seq     int
	pending map[int]*Call
	ended   bool

	incoming chan dap.Message
	events   chan dap.Message
	served   chan struct{} // closed when the in-process adapter has returned
}

// startAdapter runs an adapter session in this process, connected to the returned
// client by an in-memory pipe.
func startAdapter(onOutput func(json.RawMessage)) *Client {
	ours, theirs := net.Pipe()
	c := &Client{
		conn:     dap.NewConn(ours, ours, ours),
		onOutput: onOutput,
		pending:  map[int]*Call{},
		incoming: make(chan dap.Message),
		events:   make(chan dap.Message),
		served:   make(chan struct{}),
	}
	go func() {
		defer close(c.served)
		adapter.ServeConn(theirs)
	}()
	go queue(c.incoming, c.events)
	c.conn.Start(c.receive, func(error) { c.end() })
	return c
}

// queue passes messages from in to out in order, holding any number of them, so that
// the reader goroutine never waits on the consumer. out is closed after in.
func queue(in <-chan dap.Message, out chan<- dap.Message) {
	defer close(out)
	var held []dap.Message
	for in != nil || len(held) > 0 {
		var send chan<- dap.Message
		var next dap.Message
		if len(held) > 0 {
			send, next = out, held[0]
		}
		select {
		case m, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			held = append(held, m)
		case send <- next:
			held = held[1:]
		}
	}
}

func (c *Client) receive(body []byte) {
	m, err := dap.Decode(body)
	if err != nil {
		return
	}
	switch {
	case m.IsResponse():
		c.mu.Lock()
		call := c.pending[m.RequestSeq]
		delete(c.pending, m.RequestSeq)
		c.mu.Unlock()
		if call != nil {
			call.reply, call.answered = m, true
			close(call.done)
		}
	case m.IsEvent() && m.Event == "output":
		c.onOutput(m.Body)
	case m.IsEvent():
		c.incoming <- m
	}
}

// end runs once the stream has closed: pending requests fail, the event queue closes.
func (c *Client) end() {
	c.mu.Lock()
	if c.ended {
		c.mu.Unlock()
		return
	}
	c.ended = true
	pending := c.pending
	c.pending = nil
	c.mu.Unlock()
	for _, call := range pending {
		close(call.done)
	}
	close(c.incoming)
}

// Events delivers every event but output, in order; it is closed when the session ends.
func (c *Client) Events() <-chan dap.Message { return c.events }

// Call is a request in flight.
type Call struct {
	command  string
	done     chan struct{} // closed when the response arrived or the session ended
	reply    dap.Message
	answered bool
}

// Send sends a request without waiting for its response.
func (c *Client) Send(command string, args any) *Call {
	call := &Call{command: command, done: make(chan struct{})}
	c.mu.Lock()
	if c.ended {
		c.mu.Unlock()
		close(call.done)
		return call
	}
	c.seq++
	seq := c.seq
	c.pending[seq] = call
	c.mu.Unlock()
	body, err := dap.NewRequest(seq, command, args)
	if err != nil {
		panic(fmt.Sprintf("encoding the %s request: %v", command, err)) // our own arguments
	}
	c.conn.Send(body)
	return call
}

// Done is closed once the response has arrived (or the session ended).
func (call *Call) Done() <-chan struct{} { return call.done }

// Wait waits for the response and decodes its body into out (when not nil). A failed
// response is a *RequestError.
func (call *Call) Wait(ctx context.Context, out any) error {
	select {
	case <-call.done:
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", call.command, ctx.Err())
	}
	if !call.answered {
		return fmt.Errorf("%s: %w", call.command, errGone)
	}
	m := call.reply
	if !m.Success {
		return responseError(call.command, m)
	}
	if out != nil && len(m.Body) > 0 {
		if err := json.Unmarshal(m.Body, out); err != nil {
			return fmt.Errorf("%s: the debugger sent a body we cannot read: %v", call.command, err)
		}
	}
	return nil
}

// Request sends a request and waits for its response.
func (c *Client) Request(ctx context.Context, command string, args any, out any) error {
	return c.Send(command, args).Wait(ctx, out)
}

func responseError(command string, m dap.Message) *RequestError {
	var body struct {
		Error struct {
			ID     int    `json:"id"`
			Format string `json:"format"`
		} `json:"error"`
	}
	_ = json.Unmarshal(m.Body, &body)
	text := m.ErrMessage
	if text == "" {
		text = body.Error.Format
	}
	if text == "" {
		text = command + " failed"
	}
	return &RequestError{Command: command, Message: text, ID: body.Error.ID}
}

// Close ends the connection and waits (bounded) for the adapter session to return.
func (c *Client) Close() {
	c.conn.Close(time.Second)
	select {
	case <-c.served:
	case <-time.After(10 * time.Second):
	}
}
