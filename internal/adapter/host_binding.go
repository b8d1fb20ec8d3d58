package adapter

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// The Host's side of the program's agent, and of the client bound to it.

// binding is the client side the agent is lent to: a Session's end of a pipe, or the
// adapter that --connect reached.
type binding struct {
	conn    *dap.Conn
	session *Session // the client's session (nil for --connect's adapter): it debugs the children
}

// pendingBind is a session's bind that waits for the program's agent.
type pendingBind struct {
	session *Session
	done    func(agentConn, error)
}

var errClientAttached = errors.New("another client is attached to this program; one client at a time")

// acceptAgent takes the program's agent: the first hello from its process.
func (h *Host) acceptAgent() {
	l := h.agents
	h.workers.Add(1)
	go func() {
		defer h.workers.Done()
		for {
			a, err := l.Accept()
			if err != nil {
				return
			}
			if !h.post(func() { h.onAgentHello(a) }) {
				a.stream.Close()
			}
		}
	}()
}

func (h *Host) onAgentHello(a agentConn) {
	want := h.opts.Pid
	if h.process != nil {
		want = h.process.Pid()
	}
	if !h.finished && h.agent != nil {
		h.onChildAgent(a) // a later agent of the program's tree: a child process
		return
	}
	if h.finished || h.agent != nil || a.pid != want {
		a.stream.Close()
		return
	}
	h.agentPid = a.pid
	h.agent = dap.NewConn(a.stream, a.stream, a.stream)
	h.agent.Start(
		func(body []byte) { h.post(func() { h.fromAgent(body) }) },
		func(error) { h.post(h.onAgentGone) },
	)
	if p := h.opts.Program; p != nil {
		h.request("dapper/host", map[string]any{"waitForClient": h.opts.WaitForClient, "program": p.Program})
	}
	waiting := h.waiting
	h.waiting = nil
	for _, w := range waiting {
		h.onBind(w)
	}
	if h.remote != nil {
		h.bindRemote()
	}
}

// request sends the Host's own request to the agent; its answer is dropped.
func (h *Host) request(command string, args any) {
	h.seq++
	if body, err := dap.NewRequest(h.seq, command, args); err == nil {
		h.agent.Send(body)
	}
}

func (h *Host) fromAgent(body []byte) {
	m, err := dap.Decode(body)
	if err != nil || (m.IsResponse() && m.RequestSeq > hostSeq) {
		return
	}
	if h.binding != nil {
		h.binding.conn.Send(body)
	}
}

func (h *Host) onAgentGone() {
	h.agentGone = true
	if h.process == nil || h.exited {
		h.finished = true
		return
	}
	// The program is ending: its exit code comes next, and goes to the client first.
	h.after(h.deadlines.exitedOutput, func() { h.finished = true })
}

// bind lends the agent to a session (the binder interface; the attach arguments do not
// matter); done runs on the Host's loop, or here when the Host has ended.
func (h *Host) bind(s *Session, _ json.RawMessage, done func(agentConn, error)) {
	if !h.post(func() { h.onBind(pendingBind{s, done}) }) {
		done(agentConn{}, errProgramGone)
	}
}

func (h *Host) onBind(w pendingBind) {
	done := w.done
	switch {
	case h.finished || h.agentGone:
		done(agentConn{}, errProgramGone)
	case h.binding != nil:
		done(agentConn{}, errClientAttached)
	case h.agent == nil:
		h.waiting = append(h.waiting, w) // the program is starting
	default:
		ours, theirs := net.Pipe()
		h.lend(ours).session = w.session
		done(agentConn{pid: h.agentPid, stream: theirs, startMethod: h.startMethod()}, nil)
	}
}

// bindRemote lends the agent to the adapter --connect reached, after the hello it
// expects (with $DAPPER_TOKEN, which that adapter may require).
func (h *Host) bindRemote() {
	hello, err := dap.NewEvent(0, "dapper/hello", map[string]any{
		"token": os.Getenv("DAPPER_TOKEN"), "pid": h.agentPid, "startMethod": h.startMethod()})
	if err != nil {
		return
	}
	b := h.lend(h.remote)
	b.conn.Send(hello)
	h.remote = nil // the binding owns it now
}

func (h *Host) startMethod() string {
	if h.opts.WaitForClient && !h.released {
		return "attachForSuspendedLaunch"
	}
	return "attach"
}

// lend makes stream the binding: what comes from it goes to the agent.
func (h *Host) lend(stream io.ReadWriteCloser) *binding {
	b := &binding{conn: dap.NewConn(stream, stream, stream)}
	h.binding = b
	b.conn.Start(
		func(body []byte) { h.post(func() { h.fromBinding(b, body) }) },
		func(error) { h.post(func() { h.unbind(b) }) },
	)
	return b
}

// fromBinding relays the client side's frames to the agent. dapper/terminate is the
// Host's to do when it started the program (it is its parent); configurationDone
// means the program has been let go.
func (h *Host) fromBinding(b *binding, body []byte) {
	if h.binding != b || h.agentGone {
		return
	}
	m, err := dap.Decode(body)
	if err != nil {
		return
	}
	if m.IsRequest() && m.Command == "dapper/terminate" && h.process != nil {
		var args struct {
			Grace     float64 `json:"grace"`
			Interrupt bool    `json:"interrupt"`
			Now       bool    `json:"now"`
		}
		_ = json.Unmarshal(m.Arguments, &args)
		if args.Now {
			h.process.Kill()
		} else {
			h.process.Terminate(time.Duration(args.Grace*float64(time.Second)), args.Interrupt)
		}
		if reply, err := dap.NewResponse(0, m.Seq, m.Command, nil); err == nil {
			b.conn.Send(reply)
		}
		return
	}
	if m.IsRequest() && m.Command == "configurationDone" {
		h.released = true
	}
	h.agent.Send(body)
}

// unbind ends a binding: the agent ends that client's session (breakpoints cleared,
// every thread resumed), and the next client may come.
func (h *Host) unbind(b *binding) {
	if h.binding != b {
		return
	}
	h.binding = nil
	if h.agent != nil && !h.agentGone {
		h.request("disconnect", nil)
	}
	conn := b.conn
	h.hand(func() { conn.Close(h.deadlines.agentDrain) })
}
