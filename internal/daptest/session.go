package daptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strings"
	"sync"
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

// Session is a DAP client of a dapper adapter, recording every message.
type Session struct {
	t       testing.TB
	cmd     *exec.Cmd
	w       io.Writer
	closeW  func()
	start   time.Time
	writeMu sync.Mutex
	seq     int

	mu       sync.Mutex
	cond     *sync.Cond
	timeline []Entry
	consumed map[int]bool // timeline indexes of events already returned by WaitEvent
	ended    error
	stderr   strings.Builder
}

// Start runs `dapper adapter` on stdio and returns a session connected to it.
func Start(t testing.TB) *Session {
	t.Helper()
	cmd := exec.Command(Binary(t), "adapter")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := newSession(t, stdin, func() { stdin.Close() })
	cmd.Stderr = &lockedWriter{s: s}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dapper: %v", err)
	}
	s.cmd = cmd
	go s.read(bufio.NewReader(stdout))
	t.Cleanup(s.cleanup)
	return s
}

// StartTCP runs `dapper adapter --port 0`, reads the port it prints, and connects.
func StartTCP(t testing.TB) *Session {
	t.Helper()
	cmd := exec.Command(Binary(t), "adapter", "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dapper: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the listening address: %v", err)
	}
	addr := strings.TrimSpace(strings.TrimPrefix(line, "dapper: listening on "))
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("connecting to %q: %v", addr, err)
	}
	s := newSession(t, c, func() { c.Close() })
	go s.read(bufio.NewReader(c))
	t.Cleanup(s.cleanup)
	return s
}

func newSession(t testing.TB, w io.Writer, closeW func()) *Session {
	s := &Session{t: t, w: w, closeW: closeW, start: time.Now(), consumed: map[int]bool{}}
	s.cond = sync.NewCond(&s.mu)
	return s
}

type lockedWriter struct{ s *Session }

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	l.s.stderr.Write(p)
	return len(p), nil
}

func (s *Session) read(r *bufio.Reader) {
	for {
		body, err := dap.ReadFrame(r)
		s.mu.Lock()
		if err != nil {
			s.ended = err
			s.cond.Broadcast()
			s.mu.Unlock()
			return
		}
		m, derr := dap.Decode(body)
		if derr != nil {
			s.ended = fmt.Errorf("dapper sent a malformed message: %v: %s", derr, body)
		}
		s.timeline = append(s.timeline, Entry{At: time.Since(s.start), Msg: m})
		s.cond.Broadcast()
		s.mu.Unlock()
	}
}

func (s *Session) cleanup() {
	s.closeW()
	if s.cmd != nil {
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
			s.t.Errorf("dapper did not exit within 10s of its client closing stdin")
		}
	}
	if s.t.Failed() {
		s.t.Logf("timeline:\n%s", s.Timeline())
	}
}

// Timeline renders every message so far, one a line, for failure reports.
func (s *Session) Timeline() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, e := range s.timeline {
		dir := "<-"
		if e.Out {
			dir = "->"
		}
		raw := string(e.Msg.Raw)
		if len(raw) > 400 {
			raw = raw[:400] + "…"
		}
		fmt.Fprintf(&b, "%8.3fs %s %s\n", e.At.Seconds(), dir, raw)
	}
	if s.stderr.Len() > 0 {
		fmt.Fprintf(&b, "adapter stderr:\n%s", s.stderr.String())
	}
	return b.String()
}

// SendRaw writes one frame with the given body, as is.
func (s *Session) SendRaw(body []byte) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := dap.WriteFrame(s.w, body); err != nil {
		s.t.Fatalf("writing to dapper: %v", err)
	}
}

// WriteBytes writes bytes to the adapter with no framing added.
func (s *Session) WriteBytes(b []byte) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	_, _ = s.w.Write(b)
}

// Send sends a request and returns its seq without waiting.
func (s *Session) Send(command string, args any) int {
	s.writeMu.Lock()
	s.seq++
	seq := s.seq
	s.writeMu.Unlock()
	body, err := dap.NewRequest(seq, command, args)
	if err != nil {
		s.t.Fatalf("encoding %s: %v", command, err)
	}
	m, _ := dap.Decode(body)
	s.mu.Lock()
	s.timeline = append(s.timeline, Entry{At: time.Since(s.start), Out: true, Msg: m})
	s.mu.Unlock()
	s.SendRaw(body)
	return seq
}

// waitFor blocks until match finds a received message (returning its timeline index)
// or the deadline passes, which fails the test.
func (s *Session) waitFor(what string, match func(i int, m dap.Message) bool) dap.Message {
	s.t.Helper()
	deadline := time.Now().Add(Timeout)
	timer := time.AfterFunc(Timeout, func() { s.mu.Lock(); s.cond.Broadcast(); s.mu.Unlock() })
	defer timer.Stop()
	s.mu.Lock()
	var failure string
	for failure == "" {
		for i, e := range s.timeline {
			if !e.Out && match(i, e.Msg) {
				s.mu.Unlock()
				return e.Msg
			}
		}
		switch {
		case s.ended != nil:
			failure = fmt.Sprintf("waiting for %s: the connection ended (%v)", what, s.ended)
		case time.Now().After(deadline):
			failure = fmt.Sprintf("waiting for %s: nothing after %s", what, Timeout)
		default:
			s.cond.Wait()
		}
	}
	s.mu.Unlock()
	s.t.Fatalf("%s\n%s", failure, s.Timeline())
	return dap.Message{}
}

// WaitResponse waits for the response to the request with the given seq.
func (s *Session) WaitResponse(seq int) dap.Message {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("the response to request %d", seq), func(_ int, m dap.Message) bool {
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
	if out != nil {
		if err := json.Unmarshal(m.Body, out); err != nil {
			s.t.Fatalf("decoding the %s response: %v: %s", command, err, m.Body)
		}
	}
	return m
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
	return s.waitFor("event "+event, func(i int, m dap.Message) bool {
		if m.IsEvent() && m.Event == event && !s.consumed[i] && match(m) {
			s.consumed[i] = true
			return true
		}
		return false
	})
}

// Events returns every event of that name received so far.
func (s *Session) Events(event string) []dap.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []dap.Message
	for _, e := range s.timeline {
		if !e.Out && e.Msg.IsEvent() && e.Msg.Event == event {
			out = append(out, e.Msg)
		}
	}
	return out
}

// Messages returns a copy of the timeline.
func (s *Session) Messages() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Entry(nil), s.timeline...)
}

// WaitClosed waits until dapper closes the connection.
func (s *Session) WaitClosed() {
	s.t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		s.mu.Lock()
		ended := s.ended
		s.mu.Unlock()
		if ended != nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("dapper did not close the connection within %s", Timeout)
		}
		s.mu.Lock()
		timer := time.AfterFunc(100*time.Millisecond, func() { s.mu.Lock(); s.cond.Broadcast(); s.mu.Unlock() })
		s.cond.Wait()
		timer.Stop()
		s.mu.Unlock()
	}
}

// CloseInput closes the stream to dapper, as a client that goes away does.
func (s *Session) CloseInput() { s.closeW() }
