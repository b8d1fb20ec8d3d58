package dap

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An adapter that echoes the client's own messages back: the client takes its
// request for a reverse request, refuses it, and the refusal comes back as the
// response to the request.
func TestAdapterProcessCarriesDAPOverStdio(t *testing.T) {
	p, err := StartAdapterProcess([]string{"sh", "-c", "sleep 60 & echo $! >&2; exec cat"})
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(p, ClientOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = c.Request(ctx, "hello", nil, nil)
	var re *RequestError
	if !errors.As(err, &re) || re.ID != ErrUnsupported || !strings.Contains(re.Message, "hello is not supported") {
		t.Fatalf("echoed request: %v", err)
	}
	c.Close()
	if err := p.Stop(10 * time.Second); err != nil {
		t.Errorf("stop: %v", err)
	}
	<-c.Done()
	left, err := strconv.Atoi(strings.TrimSpace(p.Stderr()))
	if err != nil {
		t.Fatalf("stderr %q", p.Stderr())
	}
	deadline := time.Now().Add(5 * time.Second)
	for running(left) {
		if time.Now().After(deadline) {
			t.Fatalf("the adapter's child %d outlived Stop", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestAdapterProcessStopKillsAnAdapterThatStaysOn(t *testing.T) {
	p, err := StartAdapterProcess([]string{"sh", "-c", "exec sleep 60"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := p.Stop(100 * time.Millisecond); err == nil || !strings.Contains(err.Error(), "did not exit") {
		t.Errorf("stop: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stop took %s", d)
	}
	if err := p.Stop(time.Second); err == nil {
		t.Errorf("a second Stop forgot the first one's result")
	}
}

// running reports whether pid exists and is not a zombie.
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}
