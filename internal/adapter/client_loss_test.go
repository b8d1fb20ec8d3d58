package adapter

import (
	"net"
	"sync/atomic"
	"syscall"
	"testing"
)

// stopsReading is the session's end of a client stream whose writes fail once the
// client has stopped reading, while reads go on waiting (its stdin is still open).
type stopsReading struct {
	net.Conn
	stopped atomic.Bool
}

func (c *stopsReading) Write(b []byte) (int, error) {
	if c.stopped.Load() {
		return 0, syscall.EPIPE
	}
	return c.Conn.Write(b)
}

func TestClientThatStopsReadingEndsTheProgramAndTheSession(t *testing.T) {
	var stream *stopsReading
	s := serveOverWrappedPipe(t, newFakeLauncher(), defaultDeadlines, func(c net.Conn) net.Conn {
		stream = &stopsReading{Conn: c}
		return stream
	})
	p, agent := s.configured()
	stream.stopped.Store(true)
	p.output("stdout", "to nobody\n")
	agent.respond(agent.expect("disconnect"), "")
	p.expectSignal(t, "terminate")
	p.exit(-2)
	agent.conn.Close()
	s.client.expectClosed()
	s.waitServed()
}
