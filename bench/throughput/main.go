// Command throughput measures how fast a program's output reaches the client under
// dapper, against the same program with its stdout on a pipe: many short lines
// (many_lines.py) and one long line (one_line.py). Runs interleave; medians are
// printed as a markdown table.
//
//	go run ./bench/throughput [-rounds 5] [-lines-mb 100] [-line-mb 50] [python ...]
//
// With no pythons named it measures every CPython the end-to-end tests find. Each time
// runs from the start (plain: the process start; dapper: the launch request) to the
// exit (dapper: the exited event, all output received); the bytes received are checked.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/bench"
)

// workload is one program and the megabytes it writes.
type workload struct {
	name, program string
	mb            int
}

func main() {
	rounds := flag.Int("rounds", 5, "interleaved runs of each workload in each mode")
	linesMB := flag.Int("lines-mb", 100, "megabytes of 100-byte lines")
	lineMB := flag.Int("line-mb", 50, "megabytes of the one long line")
	dapper := flag.String("dapper", "", "the dapper binary (default: build ./cmd/dapper)")
	flag.Parse()
	_, file, _, _ := runtime.Caller(0)
	here := filepath.Dir(file)
	workloads := []workload{
		{"many lines", filepath.Join(here, "many_lines.py"), *linesMB},
		{"one line", filepath.Join(here, "one_line.py"), *lineMB},
	}
	pythons := bench.PythonPaths(flag.Args(), "")
	binary, done, err := bench.DapperBinary(*dapper)
	if err != nil {
		fail(err)
	}
	defer done()

	modes := []struct {
		name string
		run  func(py string, w workload) (time.Duration, error)
	}{
		{"plain", runPlain},
		{"dapper", func(py string, w workload) (time.Duration, error) { return runDapper(binary, py, w) }},
	}
	results := map[string][]time.Duration{} // python|workload|mode
	for round := range *rounds {
		for _, py := range pythons {
			for _, w := range workloads {
				for i := range modes {
					m := modes[(i+round)%len(modes)]
					d, err := m.run(py, w)
					if err != nil {
						fmt.Fprintf(os.Stderr, "%s %s %s: %v\n", py, w.name, m.name, err)
						continue
					}
					key := py + "|" + w.name + "|" + m.name
					results[key] = append(results[key], d)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "round %d of %d done\n", round+1, *rounds)
	}
	fmt.Printf("Output throughput: median of %d interleaved runs, start to exit with every byte received.\n\n", *rounds)
	fmt.Println("| python | workload | plain | dapper | dapper/plain |")
	fmt.Println("|---|---|---|---|---|")
	for _, py := range pythons {
		for _, w := range workloads {
			plain := median(results[py+"|"+w.name+"|plain"])
			debugged := median(results[py+"|"+w.name+"|dapper"])
			ratio := "–"
			if plain > 0 && debugged > 0 {
				ratio = fmt.Sprintf("%.2f×", debugged.Seconds()/plain.Seconds())
			}
			fmt.Printf("| %s | %s, %d MB | %.2f s | %.2f s | %s |\n", version(py),
				w.name, w.mb, plain.Seconds(), debugged.Seconds(), ratio)
		}
	}
}

// runPlain runs the workload with its stdout on a pipe that is read to the end.
func runPlain(py string, w workload) (time.Duration, error) {
	cmd := exec.Command(py, w.program, strconv.Itoa(w.mb))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	n, _ := io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		return 0, err
	}
	elapsed := time.Since(start)
	return elapsed, checkBytes(int(n), w)
}

// runDapper runs the workload under `dapper adapter`, as an editor does.
func runDapper(binary, py string, w workload) (time.Duration, error) {
	c, err := bench.StartAdapter([]string{binary, "adapter"})
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if err := c.Request("initialize", map[string]any{"clientID": "throughput", "adapterID": "python",
		"linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path"}, nil); err != nil {
		return 0, err
	}
	launch, err := c.Send("launch", map[string]any{"python": py, "program": w.program,
		"args": []string{strconv.Itoa(w.mb)}, "console": "internalConsole"})
	if err != nil {
		return 0, err
	}
	if _, err := c.WaitEvent("initialized", launch); err != nil {
		return 0, err
	}
	if err := c.Request("configurationDone", nil, nil); err != nil {
		return 0, err
	}
	exited, err := c.WaitEvent("exited", launch)
	if err != nil {
		return 0, err
	}
	return exited.At.Sub(launch.Sent), checkBytes(len(c.Stdout()), w)
}

// checkBytes checks that n bytes is all the workload writes: whole 100-byte lines,
// or the one line.
func checkBytes(n int, w workload) error {
	want := w.mb * 1024 * 1024
	if w.name == "many lines" {
		want = want / 100 * 100
	}
	if n != want {
		return fmt.Errorf("received %d bytes of stdout, want %d", n, want)
	}
	return nil
}

// version is py's version, e.g. "3.12.1".
func version(py string) string {
	out, err := exec.Command(py, "-c", "import platform; print(platform.python_version())").Output()
	if err != nil {
		return py
	}
	return strings.TrimSpace(string(out))
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "throughput:", err)
	os.Exit(1)
}
