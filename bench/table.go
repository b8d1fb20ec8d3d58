package bench

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// Markdown writes the report as markdown tables, headed by the settings and the
// machine's load so that a reader can judge the noise.
func (r *Report) Markdown(w io.Writer) {
	cfg := r.Config
	fmt.Fprintf(w, "Measured %s on %s with %d CPUs, in %s (load average %s at the start, %s at the end).\n",
		r.Started.Format("2006-01-02 15:04"), runtime.GOOS, runtime.NumCPU(), r.Ended.Sub(r.Started).Round(time.Second), r.Load[0], r.Load[1])
	if len(cfg.Filters) > 0 {
		fmt.Fprintf(w, "Every debugger sets the exception breakpoint filters %s.\n", strings.Join(cfg.Filters, ", "))
	}
	if r.Debugpy != "" {
		fmt.Fprintf(w, "debugpy %s runs on the Python given by -debugpy; dapper and plain python run there too, for the comparison.\n", r.Debugpy)
	}
	if len(r.Overhead) > 0 {
		fmt.Fprintf(w, "\n### Overhead: one breakpoint in a function that is never called\n\n")
		fmt.Fprintf(w, "CPU time of each workload's compute section (the steady state; what other load on the machine disturbs least), median of %d interleaved runs; × is the ratio to plain python.\n\n", cfg.Rounds)
		r.overheadTable(w, CPU)
		fmt.Fprintf(w, "\nWall time of the compute section, as the workload times it.\n\n")
		r.overheadTable(w, Compute)
		fmt.Fprintf(w, "\nWall time from launch (plain: process start) to exit, as the runner sees it: start-up included.\n\n")
		r.overheadTable(w, Wall)
	}
	if len(r.Latency) > 0 {
		fmt.Fprintf(w, "\n### Latency\n\n")
		fmt.Fprintf(w, "| debugger | Python | launch → first stop (median of %d) | `next` → stopped (median of %d) |\n", cfg.FirstStops, cfg.Steps)
		fmt.Fprintf(w, "|---|---|---|---|\n")
		for _, row := range r.Latency {
			step := "—"
			switch {
			case row.StepError != nil:
				step = "failed (see notes)"
			case len(row.Steps) > 0:
				step = millis(median(row.Steps))
			}
			first := "—"
			if len(row.FirstStops) > 0 {
				first = millis(median(row.FirstStops))
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", row.Label, row.Python.Version, first, step)
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintf(w, "\nNotes:\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "- %s\n", strings.ReplaceAll(strings.TrimSpace(n), "\n", "\n  "))
		}
	}
}

func (r *Report) overheadTable(w io.Writer, measure func(Run) time.Duration) {
	header := "| Python | workload | plain | dapper | × |"
	rule := "|---|---|---|---|---|"
	if r.Debugpy != "" {
		header += " debugpy " + shortVersion(r.Debugpy) + " | × |"
		rule += "---|---|"
	}
	fmt.Fprintf(w, "%s\n%s\n", header, rule)
	for _, row := range r.Overhead {
		line := fmt.Sprintf("| %s | %s | %s |", row.Python.Version, row.Workload.Name, secondsCell(row.Median("plain", measure)))
		modes := []string{"dapper"}
		if r.Debugpy != "" {
			modes = append(modes, "debugpy")
		}
		for _, mode := range modes {
			if ratio := row.Ratio(mode, measure); ratio > 0 {
				line += fmt.Sprintf(" %s | %.2f |", secondsCell(row.Median(mode, measure)), ratio)
			} else {
				line += " — | — |"
			}
		}
		fmt.Fprintln(w, line)
	}
}

func secondsCell(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f s", d.Seconds())
}

func millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return fmt.Sprintf("%.2f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
