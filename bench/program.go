// Package bench measures what debugging costs a Python program: the overhead of running
// under a debugger with one breakpoint that is never hit (against plain python, and
// against debugpy where installed), the time from launch to the first stop, and the
// round trip of a `next` step. Every debugger is driven as an editor drives it: the real
// adapter, over DAP on stdio.
//
// `go run ./bench/cmd/dapper-bench` prints the tables; the Benchmark functions in this
// package offer the same measurements to `go test -bench`.
package bench

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// breakpointMarker ends the one line of a program where the runner sets its breakpoint.
const breakpointMarker = "# bench: breakpoint"

// computeMarker starts the line a workload prints with the wall and CPU seconds its
// compute section took: "bench: compute seconds 0.52 cpu 0.51".
const computeMarker = "bench: compute seconds "

// Program is a Python program the runner debugs.
type Program struct {
	Name string // file name without .py
	Path string // absolute
	Line int    // the line marked for the runner's breakpoint
}

// LoadProgram reads the Python file at path and finds its breakpoint line.
func LoadProgram(path string) (Program, error) {
	f, err := os.Open(path)
	if err != nil {
		return Program{}, err
	}
	defer f.Close()
	p := Program{Name: strings.TrimSuffix(filepath.Base(path), ".py"), Path: path}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasSuffix(strings.TrimSpace(sc.Text()), breakpointMarker) {
			p.Line = n
			break
		}
	}
	if err := sc.Err(); err != nil {
		return p, err
	}
	if p.Line == 0 {
		return p, fmt.Errorf("bench: %s has no line ending in %q", path, breakpointMarker)
	}
	return p, nil
}

// Workloads are the CPU-bound programs of bench/workloads, by name. Each prints how long
// its compute section took and holds a breakpoint line in a function it never calls.
func Workloads() ([]Program, error) {
	paths, err := filepath.Glob(filepath.Join(daptest.RepoRoot(), "bench", "workloads", "*.py"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Program
	for _, path := range paths {
		p, err := LoadProgram(path)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// LatencyProgram loads one of the programs of bench/latency ("first_line", "steps").
func LatencyProgram(name string) (Program, error) {
	return LoadProgram(filepath.Join(daptest.RepoRoot(), "bench", "latency", name+".py"))
}

// ComputeTimes reads the line a workload prints last: the wall and CPU seconds its
// compute section took.
func ComputeTimes(stdout string) (wall, cpu time.Duration, err error) {
	i := strings.LastIndex(stdout, computeMarker)
	if i < 0 {
		return 0, 0, fmt.Errorf("no %q line in the program's stdout (%d bytes)", computeMarker, len(stdout))
	}
	var w, c float64
	if _, err := fmt.Sscanf(stdout[i+len(computeMarker):], "%g cpu %g", &w, &c); err != nil {
		return 0, 0, fmt.Errorf("reading the compute times: %w", err)
	}
	return seconds(w), seconds(c), nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
