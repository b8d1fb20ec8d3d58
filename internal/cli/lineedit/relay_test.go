package lineedit

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// lockedBuffer is what the program's terminal received.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRelayPassesKeysOnAndKeepsCtrlC(t *testing.T) {
	keyboard, tty, err := pty.Open() // the user's terminal: we type on keyboard
	if err != nil {
		t.Fatal(err)
	}
	defer keyboard.Close()
	defer tty.Close()
	term := NewTerminal(tty, tty)
	term.pending = []byte("ahead\r") // typed before the program ran
	var program lockedBuffer
	interrupts := make(chan struct{}, 4)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		term.Relay(&program, func() { interrupts <- struct{}{} }, stop)
	}()
	waitFor(t, "raw mode", func() bool { // before that, the terminal itself would take Ctrl-C
		term.mu.Lock()
		defer term.mu.Unlock()
		return term.raw != nil
	})
	if _, err := keyboard.Write([]byte("hello\x03world\r")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-interrupts:
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not interrupt")
	}
	waitFor(t, "the keys without Ctrl-C", func() bool { return program.String() == "ahead\rhelloworld\r" })
	close(stop)
	<-done
	if term.raw != nil {
		t.Errorf("the terminal is still in raw mode after the relay")
	}
}

// waitFor polls until ok, and fails the test if it takes more than ten seconds.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: not after 10s", what)
		}
	}
}
