package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// The benchmarks below are the runner's measurements under `go test -bench`, e.g.
//
//	go test ./bench -run '^$' -bench Overhead/py3.11 -benchtime 5x
//
// Each op of BenchmarkOverhead is one plain and one debugged run, alternating; its
// metrics are medians over the ops. cmd/dapper-bench prints the full tables.

// BenchmarkOverhead runs every workload plainly and under dapper (and under debugpy on
// the python that has it) on every CPython found.
func BenchmarkOverhead(b *testing.B) {
	workloads, err := Workloads()
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range targets(b) {
		for _, w := range workloads {
			b.Run(t.name+"/"+w.Name, func(b *testing.B) {
				runs := map[string][]Run{}
				modes := []Mode{Plain{}, t.debugger}
				for i := 0; i < b.N; i++ {
					for j := range modes {
						mode := modes[(i+j)%len(modes)]
						run, err := mode.Run(t.python, w)
						if err != nil {
							b.Fatal(err)
						}
						runs[mode.Name()] = append(runs[mode.Name()], run)
					}
				}
				row := OverheadRow{Runs: runs}
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(row.Median("plain", CPU).Seconds(), "plain-cpu-s")
				b.ReportMetric(row.Median(t.debugger.Name(), CPU).Seconds(), t.debugger.Name()+"-cpu-s")
				b.ReportMetric(row.Ratio(t.debugger.Name(), CPU), "x-plain")
			})
		}
	}
}

// BenchmarkFirstStop times launch to the first stop, at a breakpoint on line 1.
func BenchmarkFirstStop(b *testing.B) {
	program, err := LatencyProgram("first_line")
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range targets(b) {
		b.Run(t.name, func(b *testing.B) {
			var stops []time.Duration
			for i := 0; i < b.N; i++ {
				d, err := t.debugger.FirstStop(t.python, program)
				if err != nil {
					b.Fatal(err)
				}
				stops = append(stops, d)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(median(stops))/float64(time.Millisecond), "ms/first-stop")
		})
	}
}

// BenchmarkStep times `next` round trips, b.N of them in one session.
func BenchmarkStep(b *testing.B) {
	program, err := LatencyProgram("steps")
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range targets(b) {
		b.Run(t.name, func(b *testing.B) {
			trips, err := t.debugger.Steps(t.python, program, b.N)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(median(trips))/float64(time.Millisecond), "ms/step")
		})
	}
}

// target is a debugger on a python, named for a sub-benchmark.
type target struct {
	name     string
	python   Interpreter
	debugger Debugger
}

// targets are dapper on every CPython found and, when /usr/bin/python3 has debugpy,
// debugpy on it.
func targets(b *testing.B) []target {
	bin := daptest.Binary(b)
	var out []target
	for _, py := range daptest.Pythons() {
		interp, err := NewInterpreter(py.Path)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, target{name: "dapper-" + py.Name(), python: interp, debugger: Dapper(bin)})
	}
	const system = "/usr/bin/python3"
	if _, err := DebugpyVersion(system); err == nil {
		interp, err := NewInterpreter(system)
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("py%s", interp.Version)
		out = append(out, target{name: "dapper-system-" + name, python: interp, debugger: Dapper(bin)},
			target{name: "debugpy-system-" + name, python: interp, debugger: Debugpy(system)})
	}
	return out
}
