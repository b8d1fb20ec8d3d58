// Command conditions measures what a breakpoint costs on a hot line of a program: a
// condition that never holds, a hit condition %1000 (a stop every 1,000th pass,
// continued at once) and a logpoint that fires every 1,000th pass. Each program runs
// plainly, under dapper, and under debugpy (on the python that has it), in interleaved
// rounds; the CPU time of its compute section, as the program measures it, is compared
// with plain python's on the same interpreter (medians).
//
//	go run ./bench/conditions [-rounds 3] [-debugpy /usr/bin/python3] [-programs fib,tight]
//	    [-kinds condition,hit,logpoint] [-timeout 60s] [python ...]
//
// The programs are the four workloads of bench/workloads and the two loops of
// hot_loop.py ("tight", a line of about 50 ns; "typical", under a microsecond); each
// marks its hot line with `# bench: hot ... if CONDITION`. With no pythons named it
// measures every CPython the end-to-end tests find.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/bench"
)

func main() {
	rounds := flag.Int("rounds", 3, "interleaved runs of each program, breakpoint and debugger")
	debugpyPython := flag.String("debugpy", "/usr/bin/python3", "a python that has debugpy (\"\" to leave it out)")
	only := flag.String("programs", "", "the programs to measure, comma-separated (default all)")
	kindNames := flag.String("kinds", "", "the breakpoints to measure: condition, hit, logpoint (default all)")
	flag.DurationVar(&bench.Timeout, "timeout", bench.Timeout, "the longest wait for one event (a slow run fails)")
	flag.Parse()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	all, err := programs(dir)
	if err != nil {
		fail(err)
	}
	progs := filterBy(all, *only, func(p program) string { return p.name })
	chosen := filterBy(kinds, *kindNames, func(k kind) string { return strings.Fields(k.name)[0] })
	pythons := bench.PythonPaths(flag.Args(), "")
	var dp *debugger
	if *debugpyPython != "" {
		if _, err := bench.DebugpyVersion(*debugpyPython); err != nil {
			fmt.Fprintf(os.Stderr, "debugpy left out: %v\n", err)
		} else {
			d := debugpy(*debugpyPython)
			dp = &d
			if !slices.Contains(pythons, *debugpyPython) {
				pythons = append(pythons, *debugpyPython)
			}
		}
	}
	binary, done, err := bench.DapperBinary("")
	if err != nil {
		fail(err)
	}
	defer done()
	debuggers := func(py string) []debugger {
		ds := []debugger{dapper(binary)}
		if dp != nil && py == *debugpyPython {
			ds = append(ds, *dp)
		}
		return ds
	}

	results := map[string][]result{} // python|program|debugger|kind -> runs
	record := func(key string, r result, err error) {
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", key, err)
			if strings.Contains(err.Error(), "nothing within") {
				results[key] = append(results[key], result{timedOut: true})
			}
			return
		}
		results[key] = append(results[key], r)
	}
	began := time.Now()
	for round := 0; round < *rounds; round++ {
		for _, py := range pythons {
			for _, p := range progs {
				r, err := runPlain(py, p)
				record(py+"|"+p.name+"|plain|", r, err)
				for _, k := range chosen {
					for _, d := range debuggers(py) {
						r, err := d.run(py, p, k)
						record(py+"|"+p.name+"|"+d.name+"|"+k.name, r, err)
					}
				}
			}
		}
		fmt.Fprintf(os.Stderr, "round %d of %d done (%s)\n", round+1, *rounds, time.Since(began).Round(time.Second))
	}
	printTable(os.Stdout, pythons, progs, chosen, *rounds, results)
}

// filterBy keeps the items whose name is in the comma-separated list (all if empty).
func filterBy[T any](items []T, list string, name func(T) string) []T {
	if list == "" {
		return items
	}
	wanted := strings.Split(list, ",")
	var out []T
	for _, it := range items {
		if slices.Contains(wanted, name(it)) {
			out = append(out, it)
		}
	}
	if len(out) == 0 {
		fail(fmt.Errorf("none of %q is known", list))
	}
	return out
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
