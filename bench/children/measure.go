package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/bench"
	"github.com/dapper-debugger/dapper/internal/dap"
)

// poolStops launches pool.py under d with its breakpoint set in every session and
// times the parent's configurationDone to the eighth worker's stop; then it lets
// every worker go and checks the result.
func poolStops(d debuggerUnderTest, py string, pool bench.Program, method string) (time.Duration, error) {
	e, err := startEditor(d.adapter, map[string][]int{pool.Path: {pool.Line}})
	if err != nil {
		return 0, err
	}
	defer e.close()
	done, err := e.launch(d.launch(py, pool.Path, method))
	if err != nil {
		return 0, err
	}
	stopped := map[*dap.Client]int{}
	var last time.Time
	for len(stopped) < 8 {
		select {
		case st := <-e.stops:
			stopped[st.child] = st.thread
			last = st.at
		case err := <-e.failures:
			return 0, err
		case <-time.After(timeout):
			return 0, fmt.Errorf("%d of 8 workers stopped within %s", len(stopped), timeout)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for child, thread := range stopped {
		if err := child.Request(ctx, "continue", map[string]any{"threadId": thread}, nil); err != nil {
			return 0, err
		}
	}
	if err := e.waitExited(timeout); err != nil {
		return 0, err
	}
	if out := e.stdout(); !strings.Contains(out, "[0, 1, 4, 9, 16, 25, 36, 49]") {
		return 0, fmt.Errorf("the pool printed %q", out)
	}
	return last.Sub(done.Sent), nil
}

// plainLoop runs `python many.py count` and returns the time it printed.
func plainLoop(py, many string, count int) (time.Duration, error) {
	out, err := exec.Command(py, many, fmt.Sprint(count)).Output()
	if err != nil {
		return 0, fmt.Errorf("%s %s: %v", py, many, err)
	}
	return loopTime(string(out))
}

// debuggedLoop runs many.py under d, every child claimed in a child session, and
// returns the time the program printed.
func debuggedLoop(d debuggerUnderTest, py, many string, count int) (time.Duration, error) {
	e, err := startEditor(d.adapter, nil)
	if err != nil {
		return 0, err
	}
	defer e.close()
	if _, err := e.launch(d.launch(py, many, fmt.Sprint(count))); err != nil {
		return 0, err
	}
	// Each child is a session: a second apiece is within the bound (debugpy 1.6 takes one).
	if err := e.waitExited(time.Duration(count) * 2 * time.Second); err != nil {
		return 0, err
	}
	select {
	case err := <-e.failures:
		return 0, err
	default:
	}
	if claimed := e.childCount(); claimed != count {
		return 0, fmt.Errorf("%d of %d children had a session", claimed, count)
	}
	return loopTime(e.stdout())
}

func loopTime(stdout string) (time.Duration, error) {
	const marker = "bench: children seconds "
	i := strings.LastIndex(stdout, marker)
	if i < 0 {
		return 0, fmt.Errorf("no %q in the program's output %q", marker, stdout)
	}
	var s float64
	if _, err := fmt.Sscanf(stdout[i+len(marker):], "%g", &s); err != nil {
		return 0, err
	}
	return time.Duration(s * float64(time.Second)), nil
}
