package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// editor is a DAP client that starts child sessions as VS Code does: on dapper's
// startDebugging request, or on debugpy 1.6's debugpyAttach event (which the VS Code
// Python extension answers the same way), it connects to the configuration's connect
// address, and runs initialize, attach, the editor's breakpoints and
// configurationDone. Every child's stopped event goes to stops.
type editor struct {
	client      *dap.Client
	timeline    *dap.Timeline
	proc        *dap.AdapterProcess
	breakpoints map[string][]int
	stops       chan childStop
	failures    chan error

	mu       sync.Mutex
	children []*dap.Client
}

// childStop is a stop in a child session, when it arrived.
type childStop struct {
	child  *dap.Client
	thread int
	at     time.Time
}

func startEditor(argv []string, breakpoints map[string][]int) (*editor, error) {
	proc, err := dap.StartAdapterProcess(argv)
	if err != nil {
		return nil, err
	}
	e := &editor{timeline: dap.NewTimeline(), proc: proc, breakpoints: breakpoints,
		stops: make(chan childStop, 256), failures: make(chan error, 256)}
	e.client = dap.NewClient(proc, dap.ClientOptions{Observer: e.timeline,
		OnRequest: e.onRequest,
		OnEvent: func(m dap.Message) {
			if m.Event == "debugpyAttach" {
				go e.startChild(m.Body)
			}
		}})
	return e, nil
}

func (e *editor) onRequest(m dap.Message) (any, error) {
	if m.Command != "startDebugging" {
		return nil, fmt.Errorf("%s is not supported", m.Command)
	}
	var args struct {
		Configuration json.RawMessage `json:"configuration"`
	}
	if err := json.Unmarshal(m.Arguments, &args); err != nil {
		return nil, err
	}
	go e.startChild(args.Configuration)
	return map[string]any{}, nil
}

var initialize = map[string]any{"clientID": "dapper-bench", "adapterID": "python", "linesStartAt1": true,
	"columnsStartAt1": true, "pathFormat": "path", "supportsStartDebuggingRequest": true}

func (e *editor) startChild(raw json.RawMessage) {
	if err := e.configureChild(raw); err != nil {
		e.failures <- err
	}
}

func (e *editor) configureChild(raw json.RawMessage) error {
	var cfg struct {
		Connect struct {
			Host string `json:"host"`
			Port int    `json:"port"`
		} `json:"connect"`
	}
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return err
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(cfg.Connect.Host, strconv.Itoa(cfg.Connect.Port)), timeout)
	if err != nil {
		return err
	}
	tl := dap.NewTimeline()
	var child *dap.Client
	child = dap.NewClient(conn, dap.ClientOptions{Observer: tl, OnEvent: func(m dap.Message) {
		if m.Event == "stopped" {
			var body struct {
				ThreadID int `json:"threadId"`
			}
			_ = json.Unmarshal(m.Body, &body)
			e.stops <- childStop{child, body.ThreadID, time.Now()}
		}
	}})
	e.mu.Lock()
	e.children = append(e.children, child)
	e.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := child.Request(ctx, "initialize", initialize, nil); err != nil {
		return err
	}
	attach, err := child.Send("attach", raw)
	if err != nil {
		return err
	}
	if _, err := tl.Wait(ctx, func(m dap.Message) bool { return m.IsEvent() && m.Event == "initialized" }); err != nil {
		return fmt.Errorf("the child session's initialized: %w", err)
	}
	for path, lines := range e.breakpoints {
		bps := []map[string]any{}
		for _, l := range lines {
			bps = append(bps, map[string]any{"line": l})
		}
		if err := child.Request(ctx, "setBreakpoints", map[string]any{"source": map[string]any{"path": path},
			"breakpoints": bps}, nil); err != nil {
			return err
		}
	}
	if err := child.Request(ctx, "configurationDone", nil, nil); err != nil {
		return err
	}
	return attach.Wait(ctx, nil)
}

// launch initializes, launches args, sets the editor's breakpoints in the parent too,
// and sends configurationDone, which it returns in flight.
func (e *editor) launch(args map[string]any) (*dap.Call, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := e.client.Request(ctx, "initialize", initialize, nil); err != nil {
		return nil, err
	}
	launch, err := e.client.Send("launch", args)
	if err != nil {
		return nil, err
	}
	r, err := e.timeline.Wait(ctx, func(m dap.Message) bool {
		return (m.IsEvent() && m.Event == "initialized") || (m.IsResponse() && m.RequestSeq == launch.Seq && !m.Success)
	})
	if err != nil {
		return nil, fmt.Errorf("initialized: %w", err)
	}
	if r.Msg.IsResponse() {
		return nil, fmt.Errorf("launch: %v", dap.ResponseError(r.Msg))
	}
	for path, lines := range e.breakpoints {
		bps := []map[string]any{}
		for _, l := range lines {
			bps = append(bps, map[string]any{"line": l})
		}
		if err := e.client.Request(ctx, "setBreakpoints", map[string]any{"source": map[string]any{"path": path},
			"breakpoints": bps}, nil); err != nil {
			return nil, err
		}
	}
	done, err := e.client.Send("configurationDone", nil)
	if err != nil {
		return nil, err
	}
	if err := done.Wait(ctx, nil); err != nil {
		return nil, err
	}
	return done, launch.Wait(ctx, nil)
}

// waitExited waits, for at most limit, for the parent's exited event.
func (e *editor) waitExited(limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	_, err := e.timeline.Wait(ctx, func(m dap.Message) bool { return m.IsEvent() && m.Event == "exited" })
	return err
}

// stdout is the parent's stdout so far.
func (e *editor) stdout() string {
	var b strings.Builder
	for _, r := range e.timeline.Records() {
		if r.Out || !r.Msg.IsEvent() || r.Msg.Event != "output" {
			continue
		}
		var body struct{ Category, Output string }
		if json.Unmarshal(r.Msg.Body, &body) == nil && body.Category == "stdout" {
			b.WriteString(body.Output)
		}
	}
	return b.String()
}

// childCount is how many child sessions the editor started.
func (e *editor) childCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.children)
}

// close ends every session and the adapter.
func (e *editor) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e.mu.Lock()
	children := e.children
	e.mu.Unlock()
	for _, c := range children {
		c.Close()
	}
	_ = e.client.Request(ctx, "disconnect", map[string]any{"terminateDebuggee": true}, nil)
	e.client.Close()
	_ = e.proc.Stop(5 * time.Second)
}
