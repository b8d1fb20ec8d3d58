// Command dapper-bench measures dapper's overhead and latency against plain python (and
// debugpy, where a python has it) and prints the results as markdown tables:
//
//	go run ./bench/cmd/dapper-bench [-rounds 3] [-pythons 3.11,3.12] [-workloads fib]
//
// Progress goes to stderr, the tables to stdout.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dapper-debugger/dapper/bench"
	"github.com/dapper-debugger/dapper/internal/daptest"
)

func main() {
	rounds := flag.Int("rounds", 3, "interleaved runs of each workload in each mode")
	firstStops := flag.Int("first-stops", 5, "launches timed to the first stop, per debugger and python")
	steps := flag.Int("steps", 200, "`next` round trips timed, per debugger and python (0: none)")
	pythons := flag.String("pythons", "", "comma-separated versions to measure, e.g. 3.11,3.12 (default: every CPython found)")
	workloads := flag.String("workloads", "", "comma-separated workloads (default: all of bench/workloads)")
	debugpy := flag.String("debugpy", "/usr/bin/python3", "a python with debugpy installed, for the comparison (empty: none)")
	measure := flag.String("measure", "overhead,latency", "what to measure: overhead, latency or both")
	dapper := flag.String("dapper", "", "the dapper binary (default: build ./cmd/dapper)")
	filters := flag.String("exception-filters", "", "exception breakpoint filters every debugger sets, e.g. uncaught (as VS Code does by default)")
	timeout := flag.Duration("timeout", bench.Timeout, "how long any one wait for the debugger may take")
	flag.Parse()
	bench.Timeout = *timeout

	cfg := bench.Config{Rounds: *rounds, FirstStops: *firstStops, Steps: *steps, Progress: os.Stderr,
		Overhead: strings.Contains(*measure, "overhead"), Latency: strings.Contains(*measure, "latency")}
	if *filters != "" {
		cfg.Filters = strings.Split(*filters, ",")
	}
	var err error
	if cfg.Workloads, err = chosenWorkloads(*workloads); err != nil {
		fail(err)
	}
	if cfg.Pythons, err = chosenPythons(*pythons); err != nil {
		fail(err)
	}
	if *debugpy != "" {
		if _, err := os.Stat(*debugpy); err == nil {
			cfg.DebugpyPython = *debugpy
		} else {
			fmt.Fprintf(os.Stderr, "dapper-bench: no %s, so no debugpy comparison\n", *debugpy)
		}
	}
	cfg.Dapper = *dapper
	if cfg.Dapper == "" {
		dir, err := os.MkdirTemp("", "dapper-bench-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(dir)
		if cfg.Dapper, err = build(dir); err != nil {
			fail(err)
		}
	}
	report := bench.Measure(cfg)
	report.Markdown(os.Stdout)
}

func chosenWorkloads(names string) ([]bench.Program, error) {
	all, err := bench.Workloads()
	if err != nil || names == "" {
		return all, err
	}
	var out []bench.Program
	for _, name := range strings.Split(names, ",") {
		i := slices.IndexFunc(all, func(p bench.Program) bool { return p.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("no workload %q in bench/workloads", name)
		}
		out = append(out, all[i])
	}
	return out, nil
}

func chosenPythons(versions string) ([]bench.Interpreter, error) {
	var out []bench.Interpreter
	for _, py := range daptest.Pythons() {
		short := fmt.Sprintf("%d.%d", py.Major, py.Minor)
		if versions != "" && !slices.Contains(strings.Split(versions, ","), short) {
			continue
		}
		interp, err := bench.NewInterpreter(py.Path)
		if err != nil {
			return nil, err
		}
		out = append(out, interp)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no CPython >= %d.%d found (wanted %q)", daptest.MinVersion[0], daptest.MinVersion[1], versions)
	}
	return out, nil
}

func build(dir string) (string, error) {
	bin := filepath.Join(dir, "dapper")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/dapper")
	cmd.Dir = daptest.RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building dapper: %v\n%s", err, out)
	}
	return bin, nil
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "dapper-bench: %v\n", err)
	os.Exit(1)
}
