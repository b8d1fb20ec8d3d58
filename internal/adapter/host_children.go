package adapter

import (
	"io"
	"os"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// The children of `dapper run`'s program. Their agents reach the Host's listener (the
// environment they inherit names it); each is a child process of the bound client's
// session, which announces it with startDebugging and debugs it in a child session
// (children.go), as a launch session does. With --connect, each is relayed to the
// adapter that listens there, as a program of its fleet that descends from the
// program. With no client bound, a child runs on without the debugger.

// onChildAgent takes a later agent of the program's tree.
func (h *Host) onChildAgent(a agentConn) {
	b := h.binding
	switch {
	case b != nil && b.session != nil:
		s := b.session
		if !s.post(func() { s.onChildAgent(a) }) {
			a.stream.Close()
		}
	case b != nil && h.opts.Connect != "":
		h.hand(func() { h.relayChild(a) })
	default:
		a.stream.Close()
	}
}

// relayChild connects a child's agent to the adapter --connect reached: a hello of its
// own (which says the child descends from the program), then its bytes both ways until
// either side or the Host ends.
func (h *Host) relayChild(a agentConn) {
	remote, err := h.launcher.Dial(h.opts.Connect)
	if err != nil {
		a.stream.Close()
		return
	}
	hello, err := dap.NewEvent(0, "dapper/hello", map[string]any{"token": os.Getenv("DAPPER_TOKEN"), "pid": a.pid,
		"ancestors": a.ancestors, "program": a.program, "child": true})
	if err == nil {
		err = dap.WriteFrame(remote, hello)
	}
	if err != nil {
		remote.Close()
		a.stream.Close()
		return
	}
	ended := make(chan struct{}, 2)
	for _, pair := range [][2]io.ReadWriteCloser{{remote, a.stream}, {a.stream, remote}} {
		go func() {
			_, _ = io.Copy(pair[0], pair[1])
			ended <- struct{}{}
		}()
	}
	running := 2
	select {
	case <-ended:
		running--
	case <-h.done:
	}
	remote.Close()
	a.stream.Close()
	for ; running > 0; running-- {
		<-ended
	}
}
