package adapter

import (
	"bufio"
	"encoding/json"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// waitLimit bounds every wait of these tests, so that a broken session fails the test
// instead of hanging it. Nothing here asserts on time.
const waitLimit = 10 * time.Second

// peer is one end of a session's stream, as the test sees it: the client, or the
// agent. A reader goroutine queues every frame, so the session never waits on the test.
type peer struct {
	t      *testing.T
	name   string
	conn   net.Conn
	frames chan []byte // closed when the session closes its end
	seq    int
}

func newPeer(t *testing.T, name string, conn net.Conn) *peer {
	p := &peer{t: t, name: name, conn: conn, frames: make(chan []byte, 1024)}
	go func() {
		defer close(p.frames)
		r := bufio.NewReader(conn)
		for {
			body, err := dap.ReadFrame(r)
			if err != nil {
				return
			}
			p.frames <- body
		}
	}()
	return p
}

// sendRaw writes one frame with body raw, exactly.
func (p *peer) sendRaw(raw string) {
	p.t.Helper()
	if err := dap.WriteFrame(p.conn, []byte(raw)); err != nil {
		p.t.Fatalf("%s: writing %s: %v", p.name, raw, err)
	}
}

// request sends a request and returns its seq.
func (p *peer) request(command string, args any) int {
	p.t.Helper()
	p.seq++
	body, err := dap.NewRequest(p.seq, command, args)
	if err != nil {
		p.t.Fatal(err)
	}
	p.sendRaw(string(body))
	return p.seq
}

// respond answers req with success and body (raw JSON, or "" for none).
func (p *peer) respond(req dap.Message, body string) {
	p.t.Helper()
	p.seq++
	b, err := dap.NewResponse(p.seq, req.Seq, req.Command, json.RawMessage(orEmpty(body)))
	if err != nil {
		p.t.Fatal(err)
	}
	p.sendRaw(string(b))
}

func orEmpty(body string) string {
	if body == "" {
		return "{}"
	}
	return body
}

// next returns the next message from the session.
func (p *peer) next() dap.Message {
	p.t.Helper()
	select {
	case body, ok := <-p.frames:
		if !ok {
			p.t.Fatalf("%s: the session closed the stream", p.name)
		}
		m, err := dap.Decode(body)
		if err != nil {
			p.t.Fatalf("%s: the session sent %s: %v", p.name, body, err)
		}
		return m
	case <-time.After(waitLimit):
		p.t.Fatalf("%s: no message from the session", p.name)
	}
	return dap.Message{}
}

// expect returns the next message, which must be the event or the response (or, for
// the agent, the request) named what.
func (p *peer) expect(what string) dap.Message {
	p.t.Helper()
	m := p.next()
	if m.Event != what && m.Command != what {
		p.t.Fatalf("%s: got %s, want %s", p.name, m.Raw, what)
	}
	return m
}

// skipTo returns the first message that is the event or the response named what,
// passing over any other, as a client of a real program must (thread events, output).
func (p *peer) skipTo(what string) dap.Message {
	p.t.Helper()
	for {
		if m := p.next(); m.Event == what || (m.IsResponse() && m.Command == what) {
			return m
		}
	}
}

// expectError returns the next message, which must be a failed response to the
// request with seq requestSeq, with error id id and a message containing text.
func (p *peer) expectError(requestSeq, id int, text string) dap.Message {
	p.t.Helper()
	m := p.next()
	var body struct{ Error dap.ErrorMessage }
	_ = json.Unmarshal(m.Body, &body)
	if !m.IsResponse() || m.Success || m.RequestSeq != requestSeq || body.Error.ID != id ||
		!strings.Contains(m.ErrMessage, text) {
		p.t.Fatalf("%s: got %s, want error %d %q for request %d", p.name, m.Raw, id, text, requestSeq)
	}
	return m
}

// expectClosed reads until the session closes the stream; every message left must
// be one of allowed (events or responses by name).
func (p *peer) expectClosed(allowed ...string) {
	p.t.Helper()
	for {
		select {
		case body, ok := <-p.frames:
			if !ok {
				return
			}
			m, _ := dap.Decode(body)
			if !slices.Contains(allowed, m.Event+m.Command) {
				p.t.Fatalf("%s: got %s before the end of the stream", p.name, body)
			}
		case <-time.After(waitLimit):
			p.t.Fatalf("%s: the session did not close the stream", p.name)
		}
	}
}
