package adapter

import (
	"context"
	"encoding/json"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
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

	tl := dap.NewTimeline()
	c := dap.NewClient(client, dap.ClientOptions{Observer: tl})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	request := func(command string, args any) {
		t.Helper()
		if err := c.Request(ctx, command, args, nil); err != nil {
			t.Fatal(err)
		}
	}
	waitEvent := func(event string) dap.Message {
		t.Helper()
		r, err := tl.Take(ctx, func(m dap.Message) bool { return m.IsEvent() && m.Event == event })
		if err != nil {
			t.Fatalf("waiting for %s: %v", event, err)
		}
		return r.Msg
	}
	request("initialize", map[string]any{"adapterID": "dapper"})
	if _, err := c.Send("launch", map[string]any{"python": pythons[0].Path, "code": "print('leak check')"}); err != nil {
		t.Fatal(err)
	}
	waitEvent("initialized")
	request("configurationDone", nil)
	var body godap.OutputEventBody
	_ = json.Unmarshal(waitEvent("output").Body, &body)
	if !strings.Contains(body.Output, "leak check") {
		t.Errorf("output = %q", body.Output)
	}
	waitEvent("terminated")
	request("disconnect", nil)
	select {
	case <-served:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after disconnect")
	}
	c.Close()
	expectGoroutinesBackTo(t, before)
}
