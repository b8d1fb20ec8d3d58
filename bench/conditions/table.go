package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/dapper-debugger/dapper/bench"
)

// printTable prints, for each python and program, plain python's CPU time and the
// ratio of each debugger's to it (medians), by breakpoint kind, as markdown.
func printTable(w io.Writer, pythons []string, progs []program, chosen []kind, rounds int, results map[string][]result) {
	fmt.Fprintf(w, "A breakpoint on each program's hot line: CPU time of its compute section, median of %d "+
		"interleaved runs, as a ratio to plain python on the same interpreter. \"hit %%1000\" stops every "+
		"1,000th pass (the runner continues at once; stops per run in brackets); \"logpoint %%1000\" logs "+
		"every 1,000th pass.\n\n", rounds)
	header := "| python | program | plain CPU |"
	rule := "|---|---|---|"
	for _, k := range chosen {
		header += fmt.Sprintf(" %s: dapper | debugpy |", k.name)
		rule += "---|---|"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
	for _, py := range pythons {
		version := bench.PythonVersion(py)
		for _, p := range progs {
			plain := median(results, py+"|"+p.name+"|plain|")
			row := fmt.Sprintf("| %s | %s | %s |", version, p.name, seconds(plain.cpu))
			for _, k := range chosen {
				for _, d := range []string{"dapper", "debugpy"} {
					row += " " + ratioCell(plain, results[py+"|"+p.name+"|"+d+"|"+k.name], k) + " |"
				}
			}
			fmt.Fprintln(w, row)
		}
	}
}

func ratioCell(plain result, runs []result, k kind) string {
	if len(runs) == 0 || plain.cpu <= 0 {
		return "–"
	}
	m := medianOf(runs)
	if m.timedOut {
		return fmt.Sprintf("> %s", bench.Timeout)
	}
	cell := fmt.Sprintf("%.2f×", float64(m.cpu)/float64(plain.cpu))
	if strings.HasPrefix(k.name, "hit") {
		cell += fmt.Sprintf(" (%d)", m.stops)
	}
	return cell
}

func median(results map[string][]result, key string) result { return medianOf(results[key]) }

// medianOf is the run whose CPU time is the median (the lower middle of an even count);
// a run that timed out counts as the slowest.
func medianOf(runs []result) result {
	if len(runs) == 0 {
		return result{}
	}
	s := append([]result(nil), runs...)
	sort.Slice(s, func(i, j int) bool {
		if s[i].timedOut != s[j].timedOut {
			return s[j].timedOut
		}
		return s[i].cpu < s[j].cpu
	})
	return s[(len(s)-1)/2]
}

func seconds(d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f s", d.Seconds())
}
