package dap

import (
	"bufio"
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

func TestConnDoneWhenBothGoroutinesHaveEnded(t *testing.T) {
	ours, theirs := net.Pipe()
	c := NewConn(theirs, theirs, theirs)
	closed := make(chan error, 1)
	c.Start(func([]byte) {}, func(err error) { closed <- err })

	c.Send([]byte(`{"seq":1}`))
	if body, err := ReadFrame(bufio.NewReader(ours)); err != nil || string(body) != `{"seq":1}` {
		t.Fatalf("read %q, %v", body, err)
	}
	select {
	case <-c.Done():
		t.Fatal("Done before Close")
	default:
	}
	c.Close(time.Second) // closes the stream: the reader ends too
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Done was not closed after Close")
	}
	select {
	case <-closed:
	default:
		t.Fatal("Done before the reader reported its end")
	}
}

func TestConnDoneWhenThePeerGoesAwayFirst(t *testing.T) {
	ours, theirs := net.Pipe()
	c := NewConn(theirs, theirs, theirs)
	c.Start(func([]byte) {}, func(error) {})
	ours.Close()
	select {
	case <-c.Done():
		t.Fatal("Done while the writer still runs (it ends at Close)")
	default:
	}
	c.Close(time.Second)
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Done was not closed after Close")
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// A peer that stops reading while its stream stays open for writing to us (a client
// whose stdout end is closed, stdin still open): the failed write is reported, since
// no read will ever end.
func TestConnReportsAFailedWrite(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	c := NewConn(r, brokenWriter{}, r)
	failed := make(chan error, 1)
	c.OnWriteError(func(err error) { failed <- err })
	c.Start(func([]byte) {}, func(error) {})
	c.Send([]byte(`{"seq":1}`))
	select {
	case err := <-failed:
		if !errors.Is(err, syscall.EPIPE) {
			t.Errorf("reported %v, want EPIPE", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the failed write was not reported")
	}
	c.Close(time.Second)
	<-c.Done()
}
