// Command conditions measures what a breakpoint with an always-false condition costs
// on a line inside a hot loop: plain python, under dapper, and under debugpy (when a
// python that has it is given), runs interleaved, medians compared.
//
//	go run ./bench/conditions [-rounds 5] [-debugpy /usr/bin/python3.11] [python ...]
//
// With no pythons named it measures every CPython >= 3.11 that the end-to-end tests find.
// The program times its own loop (hot_loop.py), so start-up is left out.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/dapper-debugger/dapper/bench"
	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

// condition never holds: the debugger evaluates it on every pass and never stops.
const condition = "i < 0"

// loop is one hot loop of hot_loop.py and how many times it runs.
type loop struct {
	name       string
	iterations int
}

var loops = []loop{{"tight", 2_000_000}, {"typical", 1_000_000}}

func main() {
	rounds := flag.Int("rounds", 5, "interleaved runs of each loop in each mode")
	debugpyPython := flag.String("debugpy", "/usr/bin/python3.11", "a python that has debugpy (\"\" to leave it out)")
	flag.Parse()
	_, file, _, _ := runtime.Caller(0)
	program := filepath.Join(filepath.Dir(file), "hot_loop.py")

	pythons := flag.Args()
	if len(pythons) == 0 {
		for _, py := range daptest.Pythons() {
			if py.AtLeast(3, 11) {
				pythons = append(pythons, py.Path)
			}
		}
	}
	binary, err := buildDapper(filepath.Join(filepath.Dir(file), "..", ".."))
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(filepath.Dir(binary))

	type mode struct {
		name string
		run  func(py string, l loop) (float64, error)
	}
	modesFor := func(py string) []mode {
		ms := []mode{
			{"plain", func(py string, l loop) (float64, error) { return runPlain(py, program, l) }},
			{"dapper", func(py string, l loop) (float64, error) {
				return runDebugged([]string{binary, "adapter"}, dapperLaunch(py, program, l), program, l)
			}},
		}
		if *debugpyPython != "" && py == *debugpyPython {
			if _, err := exec.Command(py, "-c", "import debugpy").Output(); err == nil {
				ms = append(ms, mode{"debugpy", func(py string, l loop) (float64, error) {
					return runDebugged([]string{py, "-m", "debugpy.adapter"}, debugpyLaunch(py, program, l), program, l)
				}})
			}
		}
		return ms
	}
	if *debugpyPython != "" && !contains(pythons, *debugpyPython) {
		if _, err := os.Stat(*debugpyPython); err == nil {
			pythons = append(pythons, *debugpyPython)
		} else {
			fmt.Fprintf(os.Stderr, "debugpy: %s not found, left out\n", *debugpyPython)
		}
	}

	results := map[string][]float64{} // python|loop|mode -> seconds
	for round := 0; round < *rounds; round++ {
		for _, py := range pythons {
			for _, l := range loops {
				for _, m := range modesFor(py) {
					secs, err := m.run(py, l)
					if err != nil {
						fmt.Fprintf(os.Stderr, "%s %s %s: %v\n", py, l.name, m.name, err)
						continue
					}
					key := py + "|" + l.name + "|" + m.name
					results[key] = append(results[key], secs)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "round %d of %d done\n", round+1, *rounds)
	}

	printTable(pythons, *rounds, results)
}

// printTable prints the medians of results (python|loop|mode -> seconds) as markdown.
func printTable(pythons []string, rounds int, results map[string][]float64) {
	fmt.Printf("Conditional breakpoint (%q, never true) on a hot loop's line; median of %d interleaved runs, seconds of the loop alone.\n\n", condition, rounds)
	fmt.Println("| python | loop | plain | dapper | dapper/plain | debugpy | debugpy/plain |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, py := range pythons {
		version := pythonVersion(py)
		for _, l := range loops {
			plain := median(results[py+"|"+l.name+"|plain"])
			row := fmt.Sprintf("| %s (%s) | %s ×%d | %s |", version, py, l.name, l.iterations, secs(plain))
			for _, m := range []string{"dapper", "debugpy"} {
				if v := median(results[py+"|"+l.name+"|"+m]); v > 0 && plain > 0 {
					row += fmt.Sprintf(" %s | %.2f× |", secs(v), v/plain)
				} else {
					row += " – | – |"
				}
			}
			fmt.Println(row)
		}
	}
}

func dapperLaunch(py, program string, l loop) map[string]any {
	return map[string]any{"python": py, "program": program, "args": loopArgs(l), "console": "internalConsole"}
}

func debugpyLaunch(py, program string, l loop) map[string]any {
	return map[string]any{"type": "python", "request": "launch", "python": py, "program": program,
		"args": loopArgs(l), "console": "internalConsole", "justMyCode": true}
}

func loopArgs(l loop) []string { return []string{l.name, strconv.Itoa(l.iterations)} }

func runPlain(py, program string, l loop) (float64, error) {
	out, err := exec.Command(py, append([]string{program}, loopArgs(l)...)...).Output()
	if err != nil {
		return 0, err
	}
	return elapsed(string(out))
}

// runDebugged drives a debug adapter over DAP as an editor does: the conditional
// breakpoint on the loop's marked line, the uncaught exception filter, then the run.
func runDebugged(adapter []string, launch map[string]any, program string, l loop) (float64, error) {
	line, err := markedLine(program, "@hot "+l.name)
	if err != nil {
		return 0, err
	}
	c, err := bench.StartAdapter(adapter)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if err := c.Request("initialize", map[string]any{"clientID": "dapper-bench", "adapterID": "python",
		"linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path"}, nil); err != nil {
		return 0, err
	}
	launched, err := c.Send("launch", launch)
	if err != nil {
		return 0, err
	}
	if _, err := c.WaitEvent("initialized", launched); err != nil {
		return 0, err
	}
	var bound godap.SetBreakpointsResponseBody
	if err := c.Request("setBreakpoints", map[string]any{"source": map[string]any{"path": program},
		"breakpoints": []map[string]any{{"line": line, "condition": condition}}}, &bound); err != nil {
		return 0, err
	}
	if len(bound.Breakpoints) != 1 || !bound.Breakpoints[0].Verified {
		return 0, fmt.Errorf("the breakpoint did not bind: %+v", bound.Breakpoints)
	}
	if err := c.Request("setExceptionBreakpoints", map[string]any{"filters": []string{"uncaught"}}, nil); err != nil {
		return 0, err
	}
	if err := c.Request("configurationDone", nil, nil); err != nil {
		return 0, err
	}
	if err := c.WaitResponse(launched); err != nil {
		return 0, err
	}
	// A stop (the condition held) would leave this wait to time out: a failed run.
	if _, err := c.WaitEvent("exited", nil); err != nil {
		return 0, err
	}
	return elapsed(c.Stdout())
}

func elapsed(stdout string) (float64, error) {
	for _, line := range strings.Split(stdout, "\n") {
		if rest, ok := strings.CutPrefix(line, "elapsed "); ok {
			return strconv.ParseFloat(strings.TrimSpace(rest), 64)
		}
	}
	return 0, fmt.Errorf("no elapsed time in the program's output %q", stdout)
}

func markedLine(path, marker string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, marker) {
			return i + 1, nil
		}
	}
	return 0, fmt.Errorf("%s has no line marked %q", path, marker)
}

func buildDapper(root string) (string, error) {
	dir, err := os.MkdirTemp("", "dapper-bench-")
	if err != nil {
		return "", err
	}
	binary := filepath.Join(dir, "dapper")
	cmd := exec.Command("go", "build", "-o", binary, "./cmd/dapper")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building dapper: %v\n%s", err, out)
	}
	return binary, nil
}

func pythonVersion(py string) string {
	out, err := exec.Command(py, "-c", "import platform; print(platform.python_version())").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func secs(v float64) string {
	if v <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f s", v)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
