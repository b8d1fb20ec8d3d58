// Command attach measures how long attaching to a running program takes, to the first
// stop at a breakpoint, as an editor sees it:
//
//   - listen: the program runs under `dapper run --listen` (debugpy: `python -m debugpy
//     --listen`); a client connects, and the time runs from its attach request, through
//     setBreakpoints and configurationDone, to the stopped event.
//
//   - pid: a plain `python loop.py` runs; dapper: `dapper adapter` given attach
//     {"processId"}, timed from that request; debugpy: `python -m debugpy --listen PORT
//     --pid PID`, timed from its start (it injects, then serves), to the stopped event.
//
//     go run ./bench/attach [-rounds 9] [-debugpy /usr/bin/python3] [python ...]
//
// With no pythons named it measures every CPython the end-to-end tests find, and the
// debugpy python. Medians are printed as a markdown table on stdout.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/bench"
)

func main() {
	rounds := flag.Int("rounds", 9, "attaches timed per debugger, python and mode")
	debugpy := flag.String("debugpy", "/usr/bin/python3", "a python that has debugpy (\"\" to leave it out)")
	flag.Parse()
	dapper, cleanup, err := buildDapper()
	if err != nil {
		fail(err)
	}
	defer cleanup()
	pythons := bench.PythonPaths(flag.Args(), *debugpy)
	program, err := filepath.Abs(filepath.Join(sourceDir(), "loop.py"))
	if err != nil {
		fail(err)
	}
	fmt.Println("| python | debugger | attach → first stop (listen) | attach by pid → first stop |")
	fmt.Println("|---|---|---|---|")
	for _, py := range pythons {
		version := bench.PythonVersion(py)
		measure(version, "dapper", *rounds, dapperListen(dapper, py, program), dapperPid(dapper, py, program))
		if py == *debugpy {
			measure(version, "debugpy "+debugpyShort(py), *rounds, debugpyListen(py, program), debugpyPid(py, program))
		}
	}
}

// attachment is one way of attaching: it returns the time from the attach to the stop.
type attachment func() (time.Duration, error)

func measure(version, debugger string, rounds int, listen, pid attachment) {
	fmt.Fprintf(os.Stderr, "attach: %s on %s\n", debugger, version)
	fmt.Printf("| %s | %s | %s | %s |\n", version, debugger, median(listen, rounds), median(pid, rounds))
}

// median runs a rounds times and formats the median, or the first error.
func median(a attachment, rounds int) string {
	var times []time.Duration
	for i := 0; i < rounds; i++ {
		d, err := a()
		if err != nil {
			fmt.Fprintf(os.Stderr, "attach: %v\n", err)
			return "fails: " + firstLine(err.Error())
		}
		times = append(times, d)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return fmt.Sprintf("%.1f ms", float64(times[len(times)/2].Microseconds())/1000)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func buildDapper() (string, func(), error) {
	dir, err := os.MkdirTemp("", "dapper-bench-attach-")
	if err != nil {
		return "", nil, err
	}
	bin := filepath.Join(dir, "dapper")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/dapper")
	cmd.Dir = filepath.Join(sourceDir(), "..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("building dapper: %v\n%s", err, out)
	}
	return bin, func() { os.RemoveAll(dir) }, nil
}

func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "attach: %v\n", err)
	os.Exit(1)
}

// debugpyShort is debugpy's version without its local part ("1.6.3"), or "(missing)".
func debugpyShort(py string) string {
	v, err := bench.DebugpyVersion(py)
	if err != nil {
		return "(missing)"
	}
	v, _, _ = strings.Cut(v, "+")
	return v
}
