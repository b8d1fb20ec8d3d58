package adapter

import (
	"fmt"
	"io"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// proxy relays a session to another adapter's DAP server: attach {"connect": {host,
// port}} sent to `dapper adapter` (an editor that always starts an adapter) reaches a
// `dapper run --listen`, which serves DAP itself. The proxy sends that server the
// client's initialize, then the attach request, then everything both ways, rewriting
// only seq and request_seq: requests and responses, events, and reverse requests with
// their answers. The session's own handlers are out of the way: the far side's session
// owns the program.
type proxy struct {
	s        *Session
	remote   *dap.Conn           // nil until connected
	queued   [][]byte            // client frames that came before the connection
	seq      int                 // of messages we send the far side
	requests map[int]dap.Message // the far side's seq of a relayed request -> the client's request
	reverse  map[int]int         // our seq of a reverse request sent to the client -> the far side's
	own      map[int]bool        // requests of the proxy's own (initialize)
	gone     bool                // the far side has closed
	ended    bool                // terminated has reached the client
	shut     bool                // close has been called
}

// startProxy dials addr off the loop and relays once connected; attach is the request.
func (s *Session) startProxy(addr string, attach dap.Message) {
	p := &proxy{s: s, requests: map[int]dap.Message{}, reverse: map[int]int{}, own: map[int]bool{}}
	s.proxy = p
	s.handOff(func() {
		stream, err := s.launcher.Dial(addr)
		if !s.post(func() { p.connected(addr, stream, err, attach) }) && err == nil {
			stream.Close()
		}
	})
}

func (p *proxy) connected(addr string, stream io.ReadWriteCloser, err error, attach dap.Message) {
	s := p.s
	if s.stopped {
		if err == nil {
			stream.Close()
		}
		return
	}
	if err != nil {
		s.proxy, s.attach = nil, nil
		s.respondError(attach, errAttach, fmt.Sprintf("attach: cannot connect to %s: %v "+
			"(is `dapper run --listen %s` running there?)", addr, err, addr))
		return
	}
	p.remote = dap.NewConn(stream, stream, stream)
	p.remote.Start(
		func(body []byte) { s.post(func() { p.fromRemote(body) }) },
		func(error) { s.post(p.remoteGone) },
	)
	p.seq++
	p.own[p.seq] = true
	if b, err := dap.NewRequest(p.seq, "initialize", s.clientArgs); err == nil {
		p.remote.Send(b)
	}
	p.fromClient(attach.Raw)
	for _, body := range p.queued {
		p.fromClient(body)
	}
	p.queued = nil
}

// fromClient relays what the client sends.
func (p *proxy) fromClient(body []byte) {
	if p.remote == nil {
		p.queued = append(p.queued, body)
		return
	}
	m, err := dap.Decode(body)
	if err != nil {
		return
	}
	if p.gone {
		p.answerAlone(m)
		return
	}
	p.seq++
	var requestSeq *int
	switch {
	case m.IsRequest():
		p.requests[p.seq] = m
	case m.IsResponse():
		theirs, ok := p.reverse[m.RequestSeq]
		if !ok {
			return
		}
		delete(p.reverse, m.RequestSeq)
		requestSeq = &theirs
	default:
		return
	}
	if b, err := dap.Rewrite(m.Raw, p.seq, requestSeq); err == nil {
		p.remote.Send(b)
	}
}

// fromRemote relays what the far side sends; its answer to disconnect ends the session.
func (p *proxy) fromRemote(body []byte) {
	s := p.s
	m, err := dap.Decode(body)
	if err != nil {
		return
	}
	switch {
	case m.IsResponse():
		if p.own[m.RequestSeq] {
			delete(p.own, m.RequestSeq)
			return
		}
		client, ok := p.requests[m.RequestSeq]
		if !ok {
			return
		}
		delete(p.requests, m.RequestSeq)
		s.forward(m.Raw, &client.Seq)
		if client.Command == "disconnect" {
			s.end()
		}
	case m.IsEvent():
		p.ended = p.ended || m.Event == "terminated"
		s.forward(m.Raw, nil)
	case m.IsRequest():
		seq := s.nextSeq()
		p.reverse[seq] = m.Seq
		if b, err := dap.Rewrite(m.Raw, seq, nil); err == nil {
			s.client.Send(b)
		}
	}
}

// remoteGone: the far side closed. Requests in flight fail; the client hears that the
// session has terminated and may disconnect.
func (p *proxy) remoteGone() {
	s := p.s
	p.gone = true
	for seq, client := range p.requests {
		delete(p.requests, seq)
		s.respondError(client, errNoDebuggee, client.Command+": the debug server of the program has gone")
	}
	if !p.ended {
		p.ended = true
		s.sendEvent("terminated", nil)
	}
}

// answerAlone answers the client once the far side has gone.
func (p *proxy) answerAlone(m dap.Message) {
	if !m.IsRequest() {
		return
	}
	if m.Command == "disconnect" {
		p.s.respond(m, nil)
		p.s.end()
		return
	}
	p.s.respondError(m, errNoDebuggee, m.Command+": the debug server of the program has gone")
}

// clientGone: the client went away; so does the relay (the far side's program runs on).
func (p *proxy) clientGone() { p.s.end() }

// close ends the connection to the far side (once), after draining what is queued,
// off the loop.
func (p *proxy) close() {
	if p.remote != nil && !p.shut {
		p.shut = true
		remote := p.remote
		p.s.handOff(func() { remote.Close(p.s.deadlines.agentDrain) })
	}
}
