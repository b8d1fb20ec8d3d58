package daptest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Child sessions, as an editor starts them. An Editor with StartDebugging announces
// supportsStartDebuggingRequest; each startDebugging request is answered at once, and
// the child session is started off the reader goroutine the way VS Code starts it: a
// new DAP connection to the configuration's connect address (or, with ChildAdapter, a
// new `dapper adapter` given that configuration, which relays), initialize, attach with
// the configuration, the editor's breakpoints (ChildBreakpoints), configurationDone.
// The test takes each configured child session with Session.Child, in the order
// their configuration ended.

// children is a Session's side of the child sessions its client started.
type children struct {
	mu       sync.Mutex
	started  []*Session          // every child session, for cleanup
	failures []string            // child sessions that could not be started
	ready    chan *Session       // configured child sessions
	requests chan map[string]any // the configuration of every startDebugging request
	stops    chan childStop      // with Editor.ChildStops: every child session's stopped events
	closed   bool
	ctx      context.Context // ended at cleanup: the stop watchers end
	cancel   context.CancelFunc
}

// childStop is a stopped event of a child session.
type childStop struct {
	session *Session
	event   dap.Message
}

func newChildren() *children {
	ctx, cancel := context.WithCancel(context.Background())
	return &children{ready: make(chan *Session, 256), requests: make(chan map[string]any, 256),
		stops: make(chan childStop, 256), ctx: ctx, cancel: cancel}
}

// answerStartDebugging answers a startDebugging request (on the client's reader
// goroutine) and starts the child session it asks for.
func (s *Session) answerStartDebugging(m dap.Message) (any, error) {
	if !s.editor.StartDebugging {
		return nil, fmt.Errorf("%s is not supported by this client", m.Command)
	}
	var args struct {
		Request       string         `json:"request"`
		Configuration map[string]any `json:"configuration"`
	}
	if err := json.Unmarshal(m.Arguments, &args); err != nil || args.Configuration == nil {
		return nil, fmt.Errorf("startDebugging: bad arguments: %s", m.Arguments)
	}
	select {
	case s.kids.requests <- args.Configuration:
	default: // a test that does not look at them
	}
	if !s.editor.IgnoreChildren {
		go s.startChild(args.Configuration)
	}
	return map[string]any{}, nil
}

// startChild starts and configures one child session; failures are reported by Child.
func (s *Session) startChild(cfg map[string]any) {
	child, err := s.openChild(cfg)
	if err == nil {
		err = child.configureChild(cfg, s.editor.ChildBreakpoints)
	}
	k := s.kids
	k.mu.Lock()
	closed := k.closed
	if child != nil {
		k.started = append(k.started, child)
	}
	if err != nil {
		k.failures = append(k.failures, fmt.Sprintf("child session %v: %v", cfg["name"], err))
	}
	k.mu.Unlock()
	switch {
	case closed && child != nil:
		child.closeChild()
	case err == nil && s.editor.ChildStops:
		k.ready <- child
		child.forwardStops(k)
	case err == nil:
		k.ready <- child
	}
}

// forwardStops hands every stopped event of the child session to k.stops, until the
// session ends or the test does.
func (s *Session) forwardStops(k *children) {
	for {
		r, err := s.timeline.Take(k.ctx, func(m dap.Message) bool { return m.IsEvent() && m.Event == "stopped" })
		if err != nil {
			return
		}
		select {
		case k.stops <- childStop{s, r.Msg}:
		case <-k.ctx.Done():
			return
		}
	}
}

// NextChildStop waits for the next stop in any child session (Editor.ChildStops), and
// returns the session and the stop with its stack.
func (s *Session) NextChildStop() (*Session, Stop) {
	s.t.Helper()
	select {
	case st := <-s.kids.stops:
		return st.session, st.session.stopFrom(st.event)
	case <-time.After(Timeout):
		s.t.Fatalf("no child session stopped within %s\n%s", Timeout, s.Timeline())
	}
	return nil, Stop{}
}

// openChild connects a client to the child session's adapter: its connect address, or
// a new `dapper adapter` (ChildAdapter).
func (s *Session) openChild(cfg map[string]any) (*Session, error) {
	editor := Editor{RunInTerminal: s.editor.RunInTerminal}
	if s.editor.ChildAdapter {
		proc, err := dap.StartAdapterProcess([]string{Binary(s.t), "adapter"})
		if err != nil {
			return nil, err
		}
		child := newSession(s.t, proc, editor)
		child.proc = proc
		return child, nil
	}
	connect, _ := cfg["connect"].(map[string]any)
	host, _ := connect["host"].(string)
	port, _ := connect["port"].(float64)
	c, err := net.DialTimeout("tcp", net.JoinHostPort(host, strconv.Itoa(int(port))), Timeout)
	if err != nil {
		return nil, err
	}
	return newSession(s.t, c, editor), nil
}

// configureChild runs initialize, attach, setBreakpoints, configurationDone, as an
// editor does, without failing the test (it runs off the test's goroutine).
func (s *Session) configureChild(cfg map[string]any, breakpoints map[string][]int) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	if err := s.client.Request(ctx, "initialize", s.initializeArgs(), nil); err != nil {
		return err
	}
	attach, err := s.client.Send("attach", cfg)
	if err != nil {
		return err
	}
	_, err = s.timeline.Wait(ctx, func(m dap.Message) bool {
		return (m.IsEvent() && m.Event == "initialized") || (m.IsResponse() && m.RequestSeq == attach.Seq)
	})
	if err != nil {
		return err
	}
	for path, lines := range breakpoints {
		bps := make([]map[string]any, len(lines))
		for i, l := range lines {
			bps[i] = map[string]any{"line": l}
		}
		args := map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps}
		if err := s.client.Request(ctx, "setBreakpoints", args, nil); err != nil {
			return err
		}
	}
	if err := s.client.Request(ctx, "configurationDone", nil, nil); err != nil {
		return err
	}
	return attach.Wait(ctx, nil)
}

// Child waits for the next child session that the editor has started and configured.
func (s *Session) Child() *Session {
	s.t.Helper()
	select {
	case child := <-s.kids.ready:
		return child
	case <-time.After(Timeout):
	}
	s.kids.mu.Lock()
	failures := s.kids.failures
	s.kids.mu.Unlock()
	s.t.Fatalf("no child session was configured within %s; failures: %q\n%s", Timeout, failures, s.Timeline())
	return nil
}

// StartDebugging waits for the next startDebugging request and returns its
// configuration.
func (s *Session) StartDebugging() map[string]any {
	s.t.Helper()
	select {
	case cfg := <-s.kids.requests:
		return cfg
	case <-time.After(Timeout):
		s.t.Fatalf("no startDebugging request within %s\n%s", Timeout, s.Timeline())
	}
	return nil
}

// closeChildren ends every child session the editor started, as an editor closing
// does, and reports those that could not be started.
func (s *Session) closeChildren() {
	k := s.kids
	k.mu.Lock()
	k.closed = true
	started, failures := k.started, k.failures
	k.mu.Unlock()
	k.cancel()
	var wg sync.WaitGroup
	for _, child := range started {
		wg.Add(1)
		go func() { defer wg.Done(); child.closeChild() }()
	}
	wg.Wait()
	if s.t.Failed() {
		for _, child := range started {
			s.t.Logf("child session timeline:\n%s", child.Timeline())
		}
		if len(failures) > 0 {
			s.t.Logf("child sessions that did not start: %q", failures)
		}
	}
}

// closeChild closes a child session's client (and stops its own adapter, if it has
// one), without failing the test from another goroutine.
func (s *Session) closeChild() {
	s.client.Close()
	if s.proc != nil {
		if err := s.proc.Stop(10 * time.Second); err != nil {
			s.t.Errorf("a child session's dapper adapter did not exit within 10s of its client closing stdin")
		}
	}
}
