package adapter

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// expectGoroutinesBackTo fails unless the number of goroutines falls back to before.
// A goroutine that has signalled its end may take a moment to leave, hence the wait.
func expectGoroutinesBackTo(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:n])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestASessionWithAnAgentLeavesNoGoroutineBehind covers the agent's connection: a
// scripted agent and program, relayed requests, terminate, disconnect.
func TestASessionWithAnAgentLeavesNoGoroutineBehind(t *testing.T) {
	before := runtime.NumGoroutine()
	s := startScripted(t, func(d *deadlines) { d.detach, d.goroutines = never, never })
	p, agent := s.configured()
	seq := s.client.request("threads", nil)
	agent.respond(agent.expect("threads"), `{"threads":[]}`)
	s.expectResponses(seq)
	disconnect := s.client.request("disconnect", nil)
	agent.respond(agent.expect("disconnect"), "")
	s.obeyTerminate(p, agent, -2)
	s.expectResponses(disconnect)
	s.client.expectClosed()

	// The program's goroutines outlive the session loop here: Serve waits for them.
	select {
	case <-p.doneAsked:
	case <-time.After(waitLimit):
		t.Fatal("the session did not wait for the goroutines that watch the program")
	}
	select {
	case <-s.served:
		t.Fatal("Serve returned while goroutines that watch the program were running")
	default:
	}
	p.release()
	s.waitServed()
	agent.expectClosed()
	expectGoroutinesBackTo(t, before)
}

// TestASessionThatTerminatesAProgramLeavesNoGoroutineBehind runs a real program to
// a terminate request: the process's wait, pumps and terminate sequence, the agent
// listener and both connections must all have ended when Serve returns.
func TestASessionThatTerminatesAProgramLeavesNoGoroutineBehind(t *testing.T) {
	pythons := daptest.Pythons()
	if len(pythons) == 0 {
		t.Fatal("no CPython >= 3.9 found")
	}
	before := runtime.NumGoroutine()
	s := serveOverPipe(t, localLauncher{}, defaultDeadlines)
	client := s.client
	client.request("initialize", map[string]any{"adapterID": "dapper"})
	client.skipTo("initialize")
	client.request("launch", map[string]any{"python": pythons[0].Path,
		"code": "import time\nprint('running', flush=True)\ntime.sleep(60)"})
	client.skipTo("initialized")
	client.request("configurationDone", nil)
	client.skipTo("launch")
	for running := false; !running; { // the program is under way
		var body struct{ Output string }
		_ = json.Unmarshal(client.skipTo("output").Body, &body)
		running = strings.Contains(body.Output, "running")
	}
	client.request("terminate", nil)
	client.skipTo("terminate")
	client.skipTo("exited")
	client.skipTo("terminated")
	client.request("disconnect", nil)
	client.skipTo("disconnect")
	client.expectClosed()
	s.waitServed()
	client.conn.Close()
	expectGoroutinesBackTo(t, before)
}
