package daptest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Timeout bounds every wait of a Session.
var Timeout = 30 * time.Second

// Entry is one message on a session's timeline.
type Entry struct {
	At  time.Duration // since the session started
	Out bool          // sent by the test (true) or received from dapper (false)
	Msg dap.Message
}

// Session is a test's DAP client of a dapper adapter: dap.Client with a recorded
// timeline, whose waits and requests fail the test instead of returning errors.
// Reverse requests are refused (dap.Client's default).
type Session struct {
	t        testing.TB
	client   *dap.Client
	timeline *dap.Timeline
	proc     *dap.AdapterProcess // nil for a session over TCP
	conn     net.Conn            // the connection of a session over TCP
	start    time.Time

	editor    Editor              // what the client plays (see StartEditor)
	terminals chan openedTerminal // the terminals opened for runInTerminal
	kids      *children           // the child sessions it started (children.go)
}

// Start runs `dapper adapter` on stdio and returns a session connected to it. Its
// client answers no reverse request (see StartEditor).
func Start(t testing.TB) *Session {
	t.Helper()
	return start(t, Editor{})
}

// StartAdapter is Start with more arguments for `dapper adapter`.
func StartAdapter(t testing.TB, editor Editor, args ...string) *Session {
	t.Helper()
	return start(t, editor, args...)
}

func start(t testing.TB, editor Editor, args ...string) *Session {
	t.Helper()
	return startArgv(t, editor, append([]string{Binary(t), "adapter"}, args...))
}

// startArgv runs argv, a command that ends in `dapper adapter`, and connects to it.
func startArgv(t testing.TB, editor Editor, argv []string) *Session {
	t.Helper()
	proc, err := dap.StartAdapterProcess(argv)
	if err != nil {
		t.Fatalf("starting %q: %v", argv, err)
	}
	s := newSession(t, proc, editor)
	s.proc = proc
	t.Cleanup(s.cleanup)
	return s
}

func newSession(t testing.TB, stream io.ReadWriteCloser, editor Editor) *Session {
	s := &Session{t: t, timeline: dap.NewTimeline(), start: time.Now(), editor: editor,
		terminals: make(chan openedTerminal, 4), kids: newChildren()}
	s.client = dap.NewClient(stream, dap.ClientOptions{Observer: s.timeline, OnRequest: s.answer})
	return s
}

func (s *Session) cleanup() {
	s.closeChildren()
	s.client.Close()
	if s.proc != nil {
		if err := s.proc.Stop(10 * time.Second); err != nil {
			s.t.Errorf("dapper did not exit within 10s of its client closing stdin")
		}
	}
	if s.t.Failed() {
		s.t.Logf("timeline:\n%s", s.Timeline())
	}
}

// Timeline renders every message so far, one a line, for failure reports.
func (s *Session) Timeline() string {
	var b strings.Builder
	for _, r := range s.timeline.Records() {
		dir := "<-"
		if r.Out {
			dir = "->"
		}
		raw := string(r.Msg.Raw)
		if len(raw) > 400 {
			raw = raw[:400] + "…"
		}
		fmt.Fprintf(&b, "%8.3fs %s %s\n", r.At.Sub(s.start).Seconds(), dir, raw)
	}
	if s.proc != nil && s.proc.Stderr() != "" {
		fmt.Fprintf(&b, "adapter stderr:\n%s", s.proc.Stderr())
	}
	return b.String()
}

// SendRaw sends one frame with the given body, as is.
func (s *Session) SendRaw(body []byte) { s.client.SendRaw(body) }

// WriteBytes writes bytes to the adapter with no framing added.
func (s *Session) WriteBytes(b []byte) { s.client.SendUnframed(b) }

// Send sends a request and returns its seq without waiting.
func (s *Session) Send(command string, args any) int {
	s.t.Helper()
	call, err := s.client.Send(command, args)
	if err != nil {
		s.t.Fatalf("sending %s: %v\n%s", command, err, s.Timeline())
	}
	return call.Seq
}

// waitFor waits until match accepts a received message (see dap.Timeline.Wait), and
// fails the test when the connection ends or Timeout passes first. With take, the
// message is one no earlier take returned, and it is taken.
func (s *Session) waitFor(what string, take bool, match func(dap.Message) bool) dap.Message {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	wait := s.timeline.Wait
	if take {
		wait = s.timeline.Take
	}
	r, err := wait(ctx, match)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		s.t.Fatalf("waiting for %s: nothing after %s\n%s", what, Timeout, s.Timeline())
	case err != nil:
		s.t.Fatalf("waiting for %s: %v\n%s", what, err, s.Timeline())
	}
	return r.Msg
}

// WaitResponse waits for the response to the request with the given seq.
func (s *Session) WaitResponse(seq int) dap.Message {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("the response to request %d", seq), false, func(m dap.Message) bool {
		return m.IsResponse() && m.RequestSeq == seq
	})
}

// Request sends a request and waits for its response, successful or not.
func (s *Session) Request(command string, args any) dap.Message {
	s.t.Helper()
	return s.WaitResponse(s.Send(command, args))
}

// MustRequest is Request that fails the test on an error response, and decodes the
// body into out (if not nil).
func (s *Session) MustRequest(command string, args any, out any) dap.Message {
	s.t.Helper()
	m := s.Request(command, args)
	if !m.Success {
		s.t.Fatalf("%s failed: %s", command, m.ErrMessage)
	}
	decodeBody(s.t, m, out)
	return m
}

// requestBody is MustRequest that returns the body, decoded as a T.
func requestBody[T any](s *Session, command string, args any) T {
	s.t.Helper()
	var body T
	s.MustRequest(command, args, &body)
	return body
}

// eventBody decodes an event's body as a T; a body that does not decode reads as zero.
func eventBody[T any](m dap.Message) T {
	var body T
	_ = json.Unmarshal(m.Body, &body)
	return body
}

// decodeBody decodes a response's body into out (if not nil), or fails the test.
func decodeBody(t testing.TB, m dap.Message, out any) {
	t.Helper()
	if out != nil {
		if err := json.Unmarshal(m.Body, out); err != nil {
			t.Fatalf("decoding the %s response: %v: %s", m.Command, err, m.Body)
		}
	}
}

// WaitEvent waits for the next event of that name not returned before.
func (s *Session) WaitEvent(event string) dap.Message {
	s.t.Helper()
	return s.WaitEventMatching(event, func(dap.Message) bool { return true })
}

// WaitEventMatching waits for the next event of that name, not returned before, for
// which match is true.
func (s *Session) WaitEventMatching(event string, match func(dap.Message) bool) dap.Message {
	s.t.Helper()
	return s.waitFor("event "+event, true, func(m dap.Message) bool {
		return m.IsEvent() && m.Event == event && match(m)
	})
}

// Events returns every event of that name received so far.
func (s *Session) Events(event string) []dap.Message {
	var out []dap.Message
	for _, r := range s.timeline.Records() {
		if !r.Out && r.Msg.IsEvent() && r.Msg.Event == event {
			out = append(out, r.Msg)
		}
	}
	return out
}

// Messages returns a copy of the timeline.
func (s *Session) Messages() []Entry {
	var out []Entry
	for _, r := range s.timeline.Records() {
		out = append(out, Entry{At: r.At.Sub(s.start), Out: r.Out, Msg: r.Msg})
	}
	return out
}

// WaitClosed waits until dapper closes the connection.
func (s *Session) WaitClosed() {
	s.t.Helper()
	select {
	case <-s.client.Done():
	case <-time.After(Timeout):
		s.t.Fatalf("dapper did not close the connection within %s", Timeout)
	}
}

// CloseInput closes the stream to dapper, as a client that goes away does.
func (s *Session) CloseInput() { s.client.Close() }

// StartCommand runs argv, a command that ends in `dapper adapter` (under env, setpriv
// and the like), on stdio and returns a session connected to it.
func StartCommand(t testing.TB, argv ...string) *Session {
	t.Helper()
	return startArgv(t, Editor{}, argv)
}
