package cli

import (
	"encoding/json"
	"net"
	"time"

	"github.com/dapper-debugger/dapper/internal/adapter"
	"github.com/dapper-debugger/dapper/internal/dap"
)

// Client is the terminal debugger's DAP client: a dap.Client of an adapter session
// run in this process over an in-memory pipe. Output events go to onOutput as they
// arrive (on the reader goroutine, so they are shown in the order the adapter sent
// them); every other event is queued, without bound, on Events.
type Client struct {
	*dap.Client
	events chan dap.Message
	served chan struct{} // closed when the in-process adapter has returned
}

// startAdapter runs an adapter session in this process, connected to the returned
// client by an in-memory pipe; onRequest answers its reverse requests.
func startAdapter(onOutput func(json.RawMessage), onRequest func(dap.Message) (any, error)) *Client {
	ours, theirs := net.Pipe()
	c := &Client{events: make(chan dap.Message), served: make(chan struct{})}
	go func() {
		defer close(c.served)
		adapter.ServeConn(theirs)
	}()
	incoming := make(chan dap.Message)
	c.Client = dap.NewClient(ours, dap.ClientOptions{OnEvent: func(m dap.Message) {
		if m.Event == "output" {
			onOutput(m.Body)
			return
		}
		incoming <- m
	}, OnRequest: onRequest})
	go queue(incoming, c.Done(), c.events)
	return c
}

// queue passes messages from in to out in order, holding any number of them, so that
// the reader goroutine never waits on the consumer. Once done is closed nothing more
// comes on in (OnEvent runs on the reader goroutine, which closes done when it ends);
// out is closed when what was held has been passed on.
func queue(in <-chan dap.Message, done <-chan struct{}, out chan<- dap.Message) {
	defer close(out)
	var held []dap.Message
	for in != nil || len(held) > 0 {
		var send chan<- dap.Message
		var next dap.Message
		if len(held) > 0 {
			send, next = out, held[0]
		}
		select {
		case m := <-in:
			held = append(held, m)
		case <-done:
			in, done = nil, nil
		case send <- next:
			held = held[1:]
		}
	}
}

// Events delivers every event but output, in order; it is closed when the session ends.
func (c *Client) Events() <-chan dap.Message { return c.events }

// Close ends the connection and waits (bounded) for the adapter session to return.
func (c *Client) Close() {
	c.Client.Close()
	select {
	case <-c.served:
	case <-time.After(10 * time.Second):
	}
}
