package dap

import (
	"bufio"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Conn is one DAP peer. A reader goroutine decodes frames and hands them to the
// receive callback; a writer goroutine drains an unbounded outbox, so Send never
// blocks the caller on a slow peer and writes are never interleaved.
type Conn struct {
	r      *bufio.Reader
	w      io.Writer
	closer io.Closer

	mu      sync.Mutex
	outbox  []outgoing
	closing bool
	wake    chan struct{}
	drained chan struct{}

	running     atomic.Int32  // of the reader and writer goroutines
	done        chan struct{} // closed when both have ended
	writeFailed func(error)   // see OnWriteError

	tap func(out bool, body []byte) // sees every message (see SetTap)
}

// SetTap makes tap see every message body queued for sending (out) and every one
// received, on the goroutine that queues or reads it: for logs. Call it before Start.
func (c *Conn) SetTap(tap func(out bool, body []byte)) { c.tap = tap }

// NewConn wraps a reader, a writer and what closes them both.
func NewConn(r io.Reader, w io.Writer, closer io.Closer) *Conn {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &Conn{
		r:       br,
		w:       w,
		closer:  closer,
		wake:    make(chan struct{}, 1),
		drained: make(chan struct{}),
		done:    make(chan struct{}),
	}
}

// OnWriteError sets f to be called, on the writer goroutine, when a write fails: the
// peer has stopped reading (a broken pipe, a reset), though reading from it may not
// have ended. Nothing more is written after that. Call it before Start.
func (c *Conn) OnWriteError(f func(error)) { c.writeFailed = f }

// Start runs the reader and writer goroutines. receive is called, on the reader
// goroutine, with each frame's body; closed is called once when reading ends, with
// the error that ended it (io.EOF for a clean end).
func (c *Conn) Start(receive func([]byte), closed func(error)) {
	c.running.Add(2)
	go func() {
		defer c.ended()
		c.writeLoop()
	}()
	go func() {
		defer c.ended()
		for {
			body, err := ReadFrame(c.r)
			if err != nil {
				closed(err)
				return
			}
			if c.tap != nil {
				c.tap(false, body)
			}
			receive(body)
		}
	}()
}

// Done is closed once Start's reader and writer goroutines have both ended: the
// writer after Close (or a failed write), the reader when the stream ends and closed
// has returned.
func (c *Conn) Done() <-chan struct{} { return c.done }

func (c *Conn) ended() {
	if c.running.Add(-1) == 0 {
		close(c.done)
	}
}

// outgoing is a message body to frame (whole, or in parts), or bytes to write as
// they are.
type outgoing struct {
	bytes    []byte
	parts    [][]byte
	unframed bool
}

// Send queues one message body for writing. After Close it is dropped.
func (c *Conn) Send(body []byte) {
	if c.tap != nil {
		c.tap(true, body)
	}
	c.queue(outgoing{bytes: body})
}

// SendParts queues one message whose body is parts, in order (see RewriteParts); they
// are written from where they are, so none may change until the peer has them.
func (c *Conn) SendParts(parts [][]byte) {
	if c.tap != nil {
		c.tap(true, join(parts))
	}
	c.queue(outgoing{parts: parts})
}

// SendUnframed queues bytes to be written as they are, with no header, in order with
// the messages around them: for tests that feed a peer a broken stream.
func (c *Conn) SendUnframed(b []byte) { c.queue(outgoing{bytes: b, unframed: true}) }

func (c *Conn) queue(o outgoing) {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return
	}
	c.outbox = append(c.outbox, o)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *Conn) writeLoop() {
	defer close(c.drained)
	for {
		c.mu.Lock()
		batch := c.outbox
		c.outbox = nil
		closing := c.closing
		c.mu.Unlock()
		for _, o := range batch {
			var err error
			switch {
			case o.unframed:
				_, err = c.w.Write(o.bytes)
			case o.parts != nil:
				err = writeFrameParts(c.w, o.parts)
			default:
				err = WriteFrame(c.w, o.bytes)
			}
			if err != nil {
				c.mu.Lock()
				c.closing = true
				c.outbox = nil
				c.mu.Unlock()
				if c.writeFailed != nil {
					c.writeFailed(err)
				}
				return
			}
		}
		if closing && len(batch) == 0 {
			return
		}
		if len(batch) == 0 {
			<-c.wake
		}
	}
}

// Close stops accepting messages, waits up to timeout for the outbox to drain, then
// closes the underlying stream (which ends the reader goroutine).
func (c *Conn) Close(timeout time.Duration) {
	c.mu.Lock()
	already := c.closing
	c.closing = true
	c.mu.Unlock()
	if !already {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
	select {
	case <-c.drained:
	case <-time.After(timeout):
	}
	if c.closer != nil {
		_ = c.closer.Close()
	}
}
