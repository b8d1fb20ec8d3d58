package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/bench"
	godap "github.com/google/go-dap"
)

// result is one run: the CPU and wall time of the program's compute section, and how
// often the breakpoint stopped or logged.
type result struct {
	cpu, wall   time.Duration
	stops, logs int
	timedOut    bool // the run outlasted bench.Timeout: it counts as slower than any
}

func runPlain(py string, p program) (result, error) {
	cmd := exec.Command(py, append([]string{p.path}, p.args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, fmt.Errorf("%v: %s", err, stderr.String())
	}
	wall, cpu, err := bench.ComputeTimes(string(out))
	return result{cpu: cpu, wall: wall}, err
}

// debugger is a debug adapter and the launch arguments it takes.
type debugger struct {
	name    string
	adapter []string
	launch  func(py string, p program) map[string]any
}

func dapper(binary string) debugger {
	return debugger{"dapper", []string{binary, "adapter"}, func(py string, p program) map[string]any {
		return withArgs(map[string]any{"python": py, "program": p.path, "console": "internalConsole"}, p)
	}}
}

func debugpy(python string) debugger {
	return debugger{"debugpy", []string{python, "-m", "debugpy.adapter"}, func(py string, p program) map[string]any {
		return withArgs(map[string]any{"type": "python", "request": "launch", "python": py, "program": p.path,
			"console": "internalConsole", "justMyCode": true}, p)
	}}
}

// withArgs adds the program's arguments, if it has any (debugpy refuses a null list).
func withArgs(launch map[string]any, p program) map[string]any {
	if len(p.args) > 0 {
		launch["args"] = p.args
	}
	return launch
}

// run drives the adapter as an editor does: the breakpoint of kind k on the hot line,
// the uncaught exception filter, then the run; every stop is continued at once.
func (d debugger) run(py string, p program, k kind) (result, error) {
	c, err := bench.StartAdapter(d.adapter)
	if err != nil {
		return result{}, err
	}
	defer c.Close()
	if err := c.Request("initialize", map[string]any{"clientID": "dapper-bench", "adapterID": "python",
		"linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path"}, nil); err != nil {
		return result{}, err
	}
	launched, err := c.Send("launch", d.launch(py, p))
	if err != nil {
		return result{}, err
	}
	if _, err := c.WaitEvent("initialized", launched); err != nil {
		return result{}, err
	}
	var bound godap.SetBreakpointsResponseBody
	if err := c.Request("setBreakpoints", map[string]any{"source": map[string]any{"path": p.path},
		"breakpoints": []map[string]any{k.bp(p)}}, &bound); err != nil {
		return result{}, err
	}
	if len(bound.Breakpoints) != 1 || !bound.Breakpoints[0].Verified {
		return result{}, fmt.Errorf("the breakpoint did not bind: %+v", bound.Breakpoints)
	}
	if err := c.Request("setExceptionBreakpoints", map[string]any{"filters": []string{"uncaught"}}, nil); err != nil {
		return result{}, err
	}
	if err := c.Request("configurationDone", nil, nil); err != nil {
		return result{}, err
	}
	if err := c.WaitResponse(launched); err != nil {
		return result{}, err
	}
	var r result
	for {
		e, err := c.WaitEventOf([]string{"stopped", "exited"}, nil)
		if err != nil {
			return result{}, err
		}
		if e.Msg.Event == "exited" {
			break
		}
		r.stops++
		var stopped godap.StoppedEventBody
		if err := json.Unmarshal(e.Msg.Body, &stopped); err != nil {
			return result{}, err
		}
		if err := c.Request("continue", map[string]any{"threadId": stopped.ThreadId}, nil); err != nil {
			return result{}, err
		}
	}
	if _, err := c.WaitEvent("terminated", nil); err != nil { // output may trail exited
		return result{}, err
	}
	r.wall, r.cpu, err = bench.ComputeTimes(c.Stdout())
	r.logs = strings.Count(c.Output("console"), "hit\n")
	return r, err
}
