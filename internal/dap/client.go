package dap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// Client is the client side of one DAP connection: the terminal debugger, the test
// harness and the benchmarks all speak to an adapter through it.
//
// Goroutines: the connection's reader goroutine decodes each message and, in order of
// arrival, shows it to the Observer, completes the Call a response answers, hands an
// event to OnEvent and answers a reverse request with OnRequest; its writer goroutine
// drains the outbox, so that sending never blocks on a slow adapter. Requests may be
// sent from any goroutine.
type Client struct {
	conn *Conn
	opts ClientOptions

	sendMu sync.Mutex // held while a seq is given and its message queued, so that both keep one order
	seq    int

	mu      sync.Mutex
	pending map[int]*Call
	closing bool  // Close was called: nothing more is sent
	ended   bool  // the stream has ended: nothing more arrives
	err     error // what ended it
	done    chan struct{}
}

// ClientOptions are a Client's hooks. Each runs on the reader goroutine, so it must
// not wait on the Client's own responses or events; any of them may be nil.
type ClientOptions struct {
	// Observer sees every message sent and received, and the end of the stream.
	Observer Observer
	// OnEvent receives every event, in the order the adapter sent them.
	OnEvent func(Message)
	// OnRequest answers a reverse request (runInTerminal, startDebugging) with a
	// response body, or with an error that the response carries. Without it every
	// reverse request is answered with ErrUnsupported.
	OnRequest func(Message) (body any, err error)
}

// NewClient starts a client on stream (a net.Conn, one end of a net.Pipe, or an
// AdapterProcess). Closing stream must end reads from it, at once or once the peer
// has gone.
func NewClient(stream io.ReadWriteCloser, opts ClientOptions) *Client {
	c := &Client{
		conn:    NewConn(stream, stream, stream),
		opts:    opts,
		pending: map[int]*Call{},
		done:    make(chan struct{}),
	}
	c.conn.Start(c.receive, c.end)
	return c
}

// Send sends a request and returns it in flight. It fails when the arguments cannot be
// encoded or the client can no longer send (the error then wraps ErrSessionEnded).
func (c *Client) Send(command string, args any) (*Call, error) {
	call := &Call{Command: command, done: make(chan struct{})}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	body, err := NewRequest(c.seq+1, command, args)
	if err != nil {
		return nil, fmt.Errorf("dap: encoding the %s request: %w", command, err)
	}
	c.mu.Lock()
	if c.closing || c.ended {
		c.mu.Unlock()
		return nil, fmt.Errorf("%s: %w", command, ErrSessionEnded)
	}
	c.seq++
	call.Seq = c.seq
	c.pending[call.Seq] = call
	c.mu.Unlock()
	call.Sent = c.queue(body, false)
	return call, nil
}

// Request sends a request and waits for its response, decoding the body into out
// (when not nil). A failed response is a *RequestError.
func (c *Client) Request(ctx context.Context, command string, args any, out any) error {
	call, err := c.Send(command, args)
	if err != nil {
		return err
	}
	return call.Wait(ctx, out)
}

// SendRaw sends one frame with body as it is, whatever it holds.
func (c *Client) SendRaw(body []byte) {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	c.queue(body, false)
}

// SendUnframed writes bytes with no framing added, in order with the messages sent
// before and after.
func (c *Client) SendUnframed(b []byte) {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	c.queue(b, true)
}

// queue shows a message to the Observer and queues it; it returns when that was.
// Called with sendMu held.
func (c *Client) queue(b []byte, unframed bool) time.Time {
	at := time.Now()
	if unframed {
		c.conn.SendUnframed(b)
		return at
	}
	if c.opts.Observer != nil {
		m, err := Decode(b)
		c.opts.Observer.Observe(Record{At: at, Out: true, Msg: m, Err: err})
	}
	c.conn.Send(b)
	return at
}

func (c *Client) receive(body []byte) {
	at := time.Now() // latencies are measured at arrival
	m, err := Decode(body)
	if c.opts.Observer != nil {
		c.opts.Observer.Observe(Record{At: at, Msg: m, Err: err})
	}
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
			call.finish(m, at, nil)
		}
	case m.IsEvent():
		if c.opts.OnEvent != nil {
			c.opts.OnEvent(m)
		}
	case m.IsRequest():
		c.answer(m)
	}
}

// answer responds to a reverse request.
func (c *Client) answer(req Message) {
	var body any
	err := fmt.Errorf("%s is not supported by this client", req.Command)
	if c.opts.OnRequest != nil {
		body, err = c.opts.OnRequest(req)
	}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	c.seq++
	var reply []byte
	if err == nil {
		reply, err = NewResponse(c.seq, req.Seq, req.Command, body)
	}
	if err != nil {
		id := ErrUnsupported
		var re *RequestError
		if errors.As(err, &re) && re.ID != 0 {
			id = re.ID
		}
		reply, _ = NewErrorResponse(c.seq, req.Seq, req.Command, id, err.Error())
	}
	c.queue(reply, false)
}

// end runs once, when reading has ended: every request in flight fails.
func (c *Client) end(err error) {
	c.mu.Lock()
	c.ended, c.err = true, err
	pending := c.pending
	c.pending = nil
	c.mu.Unlock()
	for _, call := range pending {
		call.finish(Message{}, time.Time{}, ErrSessionEnded)
	}
	if c.opts.Observer != nil {
		c.opts.Observer.Closed(err)
	}
	close(c.done)
}

// Done is closed when the stream from the adapter has ended.
func (c *Client) Done() <-chan struct{} { return c.done }

// Err is what ended the stream (io.EOF for a clean end), once Done is closed.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close stops sending, waits up to a second for what was sent to be written, and
// closes the stream. Reading ends when the stream does (for an AdapterProcess, when
// the adapter closes its output).
func (c *Client) Close() {
	c.mu.Lock()
	c.closing = true
	c.mu.Unlock()
	c.conn.Close(time.Second)
}
