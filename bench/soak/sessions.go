package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/dapper-debugger/dapper/bench"
)

// session runs program to its end in one session, as an editor does.
func (a *adapter) session(python, program string) error {
	c, err := a.launch(python, program, nil, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.waitEvent("terminated"); err != nil {
		return err
	}
	return c.request("disconnect", nil)
}

// cycles runs program with a breakpoint that stops it n times, continuing each
// stop, and returns the adapter's stats at the first and the last stop.
func (a *adapter) cycles(python, program string, n int) (first, last stats, err error) {
	marked, err := bench.LoadProgram(program)
	if err != nil {
		return first, last, err
	}
	breakpoints := map[string]any{"source": map[string]any{"path": program},
		"breakpoints": []map[string]any{{"line": marked.Line}}}
	c, err := a.launch(python, program, []string{strconv.Itoa(n)}, breakpoints)
	if err != nil {
		return first, last, err
	}
	defer c.Close()
	for i := 1; i <= n; i++ {
		stop, err := c.waitEvent("stopped")
		if err != nil {
			return first, last, fmt.Errorf("stop %d: %w", i, err)
		}
		switch i {
		case 1:
			first, err = a.stats()
		case n:
			last, err = a.stats()
		}
		if err != nil {
			return first, last, err
		}
		var body struct{ ThreadId int }
		_ = json.Unmarshal(stop.Body, &body)
		if err := c.request("continue", map[string]any{"threadId": body.ThreadId}); err != nil {
			return first, last, fmt.Errorf("continue %d: %w", i, err)
		}
	}
	if _, err := c.waitEvent("terminated"); err != nil {
		return first, last, err
	}
	return first, last, c.request("disconnect", nil)
}

// launch opens a session and launches program with args, setting breakpoints (if
// not nil) before configurationDone.
func (a *adapter) launch(python, program string, args []string, breakpoints map[string]any) (*client, error) {
	c, err := a.connect()
	if err != nil {
		return nil, err
	}
	if err := c.request("initialize", map[string]any{"adapterID": "python", "linesStartAt1": true}); err != nil {
		c.Close()
		return nil, err
	}
	launch, err := c.Send("launch", map[string]any{"python": python, "program": program, "args": args})
	if err == nil {
		_, err = c.waitEvent("initialized")
	}
	if err == nil && breakpoints != nil {
		err = c.request("setBreakpoints", breakpoints)
	}
	if err == nil {
		err = c.request("configurationDone", nil)
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		err = launch.Wait(ctx, nil)
		cancel()
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}
