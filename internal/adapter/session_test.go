package adapter

import (
	"bufio"
	"encoding/json"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

// TestSessionLeavesNoGoroutineBehind runs a whole session in process (launch, output,
// exit, disconnect) and checks that every goroutine it started has ended.
func TestSessionLeavesNoGoroutineBehind(t *testing.T) {
	pythons := daptest.Pythons()
	if len(pythons) == 0 {
		t.Fatal("no CPython >= 3.9 found")
	}
	before := runtime.NumGoroutine()
	client, server := net.Pipe()
	served := make(chan struct{})
	go func() { ServeConn(server); close(served) }()

	r := bufio.NewReader(client)
	seq := 0
	send := func(command string, args any) {
		seq++
		body, _ := dap.NewRequest(seq, command, args)
		if err := dap.WriteFrame(client, body); err != nil {
			t.Fatal(err)
		}
	}
	waitFor := func(what string) dap.Message {
		for {
			_ = client.SetReadDeadline(time.Now().Add(20 * time.Second))
			body, err := dap.ReadFrame(r)
			if err != nil {
				t.Fatalf("waiting for %s: %v", what, err)
			}
			m, _ := dap.Decode(body)
			if m.Event == what || (m.IsResponse() && m.Command == what) {
				return m
			}
		}
	}
	send("initialize", map[string]any{"adapterID": "dapper"})
	waitFor("initialize")
	send("launch", map[string]any{"python": pythons[0].Path, "code": "print('leak check')"})
	waitFor("initialized")
	send("configurationDone", nil)
	out := waitFor("output")
	var body struct{ Output string }
	_ = json.Unmarshal(out.Body, &body)
	if !strings.Contains(body.Output, "leak check") {
		t.Errorf("output = %q", body.Output)
	}
	waitFor("terminated")
	send("disconnect", nil)
	waitFor("disconnect")
	select {
	case <-served:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after disconnect")
	}
	client.Close()
	expectGoroutinesBackTo(t, before)
}
