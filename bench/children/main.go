// Command children measures what debugging a program's Python children costs, driven
// as VS Code drives each debugger (every child claimed in a child session of its own):
//
//   - pool: from the parent's configurationDone to all eight workers of a
//     multiprocessing Pool(8).map stopped at the breakpoint in their task (pool8.py),
//     for the spawn and fork start methods;
//
//   - children: how long a loop that starts 200 short-lived `python -c pass` children
//     one after the other takes (many.py), plain and under each debugger, as the
//     program times it; the ratio is of the medians.
//
//     go run ./bench/children [-rounds 5] [-children 200] [-debugpy /usr/bin/python3] [python ...]
//
// With no pythons named it measures every CPython the end-to-end tests find, and the
// debugpy python (debugpy 1.6 announces children with its debugpyAttach event, which
// VS Code's Python extension answers as dapper's startDebugging is answered). Rounds
// interleave the modes; medians are printed as markdown tables.
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

// timeout bounds every wait: a debugger that hangs fails one measurement.
const timeout = 60 * time.Second

// debuggerUnderTest is an adapter and the launch arguments it takes for a program.
type debuggerUnderTest struct {
	name    string
	adapter []string
	launch  func(py, program string, args ...string) map[string]any
}

func dapperDebugger(binary string) debuggerUnderTest {
	return debuggerUnderTest{"dapper", []string{binary, "adapter"}, func(py, program string, args ...string) map[string]any {
		return map[string]any{"python": py, "program": program, "args": args, "console": "internalConsole"}
	}}
}

func debugpyDebugger(python string) debuggerUnderTest {
	return debuggerUnderTest{debugpyName(python), []string{python, "-m", "debugpy.adapter"},
		func(py, program string, args ...string) map[string]any {
			return map[string]any{"type": "python", "request": "launch", "python": py, "program": program, "args": args,
				"console": "internalConsole", "justMyCode": true, "subProcess": true}
		}}
}

func main() {
	rounds := flag.Int("rounds", 5, "interleaved runs of each measurement")
	count := flag.Int("children", 200, "short-lived children of the children measurement")
	debugpy := flag.String("debugpy", "/usr/bin/python3", "a python that has debugpy (\"\" to leave it out)")
	dapperPath := flag.String("dapper", "", "the dapper binary (default: build ./cmd/dapper)")
	flag.Parse()
	// Bytecode is written, as in a user's environment: a child's agent is imported
	// from its cache, not compiled again in every child.
	os.Unsetenv("PYTHONDONTWRITEBYTECODE")
	binary, done, err := bench.DapperBinary(*dapperPath)
	if err != nil {
		fail(err)
	}
	defer done()
	pythons := bench.PythonPaths(flag.Args(), *debugpy)
	var rows []row
	for _, py := range pythons {
		debuggers := []debuggerUnderTest{dapperDebugger(binary)}
		if py == *debugpy {
			debuggers = append(debuggers, debugpyDebugger(py))
		}
		rows = append(rows, measure(py, debuggers, *rounds, *count))
	}
	printTables(rows, *count, *rounds)
}

// row is what one python measured: pool stops by start method and debugger, and the
// children loop by mode ("plain" and each debugger).
type row struct {
	version   string
	debuggers []string
	pool      map[string]map[string]string // method -> debugger -> median or failure
	loops     map[string][]time.Duration   // mode -> every run
	failures  map[string]string            // mode -> why the loop failed
}

func measure(py string, debuggers []debuggerUnderTest, rounds, count int) row {
	r := row{version: bench.PythonVersion(py), pool: map[string]map[string]string{}, loops: map[string][]time.Duration{},
		failures: map[string]string{}}
	pool, err := bench.LoadProgram(filepath.Join(sourceDir(), "pool8.py"))
	if err != nil {
		fail(err)
	}
	many := filepath.Join(sourceDir(), "many.py")
	for _, d := range debuggers {
		r.debuggers = append(r.debuggers, d.name)
	}
	for _, method := range []string{"spawn", "fork"} {
		r.pool[method] = map[string]string{}
		for _, d := range debuggers {
			fmt.Fprintf(os.Stderr, "children: %s on %s, Pool(8) by %s\n", d.name, r.version, method)
			r.pool[method][d.name] = medianOf(rounds, func() (time.Duration, error) {
				return poolStops(d, py, pool, method)
			})
		}
	}
	for i := 0; i < rounds; i++ {
		fmt.Fprintf(os.Stderr, "children: %d children on %s, round %d\n", count, r.version, i+1)
		r.run("plain", func() (time.Duration, error) { return plainLoop(py, many, count) })
		for _, d := range debuggers {
			r.run(d.name, func() (time.Duration, error) { return debuggedLoop(d, py, many, count) })
		}
	}
	return r
}

func (r *row) run(mode string, f func() (time.Duration, error)) {
	if r.failures[mode] != "" {
		return
	}
	d, err := f()
	if err != nil {
		fmt.Fprintf(os.Stderr, "children: %s: %v\n", mode, err)
		r.failures[mode] = firstLine(err.Error())
		return
	}
	r.loops[mode] = append(r.loops[mode], d)
}

func medianOf(rounds int, f func() (time.Duration, error)) string {
	var times []time.Duration
	for i := 0; i < rounds; i++ {
		d, err := f()
		if err != nil {
			fmt.Fprintf(os.Stderr, "children: %v\n", err)
			return "fails: " + firstLine(err.Error())
		}
		times = append(times, d)
	}
	return fmt.Sprintf("%.0f ms", float64(median(times).Microseconds())/1000)
}

func median(times []time.Duration) time.Duration {
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

func printTables(rows []row, count, rounds int) {
	fmt.Printf("Pool(8).map: the parent's configurationDone → all 8 workers stopped (median of %d)\n\n", rounds)
	fmt.Println("| python | start method | debugger | → 8 stopped |")
	fmt.Println("|---|---|---|---|")
	for _, r := range rows {
		for _, method := range []string{"spawn", "fork"} {
			for _, d := range r.debuggers {
				fmt.Printf("| %s | %s | %s | %s |\n", r.version, method, d, r.pool[method][d])
			}
		}
	}
	fmt.Printf("\n%d short-lived children, one after the other (median of %d)\n\n", count, rounds)
	fmt.Println("| python | plain | debugger | under it | × plain |")
	fmt.Println("|---|---|---|---|---|")
	for _, r := range rows {
		plain := r.loops["plain"]
		for _, d := range r.debuggers {
			switch {
			case r.failures["plain"] != "":
				fmt.Printf("| %s | fails: %s | %s | | |\n", r.version, r.failures["plain"], d)
			case r.failures[d] != "":
				fmt.Printf("| %s | %.2f s | %s | fails: %s | |\n", r.version, median(plain).Seconds(), d, r.failures[d])
			default:
				under := median(r.loops[d])
				fmt.Printf("| %s | %.2f s | %s | %.2f s | %.2f |\n", r.version, median(plain).Seconds(), d,
					under.Seconds(), under.Seconds()/median(plain).Seconds())
			}
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "children: %v\n", err)
	os.Exit(1)
}

// sourceDir is this command's directory, where its programs are.
func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

func debugpyName(python string) string {
	v, err := bench.DebugpyVersion(python)
	if err != nil {
		return "debugpy"
	}
	v, _, _ = strings.Cut(v, "+")
	return "debugpy " + v
}
