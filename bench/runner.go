package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Config says what the runner measures and how often.
type Config struct {
	Dapper        string        // the dapper binary
	Pythons       []Interpreter // plain and dapper runs on each
	DebugpyPython string        // a python that has debugpy, or "" to leave debugpy out
	Rounds        int           // interleaved runs of each workload in each mode
	FirstStops    int           // launches timed to the first stop, per debugger and python
	Steps         int           // `next` round trips timed, per debugger and python
	Workloads     []Program
	Filters       []string // exception breakpoint filters every debugger sets
	Overhead      bool     // measure the overhead tables
	Latency       bool     // measure the latency table
	Progress      io.Writer
}

// Report is what a run measured, by row, in the order the tables print it.
type Report struct {
	Config         Config
	Debugpy        string // debugpy's version, when measured
	Overhead       []*OverheadRow
	Latency        []*LatencyRow
	Started, Ended time.Time
	Load           [2]string // the load average when the run started and ended
	Notes          []string  // measurements that failed, once each
}

// OverheadRow is one workload on one Python, in every mode measured there.
type OverheadRow struct {
	Python   Interpreter
	Workload Program
	Modes    []Mode
	Runs     map[string][]Run // by mode name
}

// LatencyRow is one debugger on one Python.
type LatencyRow struct {
	Debugger   Debugger
	Label      string // the debugger's name and version
	Python     Interpreter
	FirstStops []time.Duration
	Steps      []time.Duration
	StepError  error
}

// Measure runs every measurement the config asks for. Plain and debugged runs of the
// same workload alternate, and every round visits every row before the next round
// starts, so that a slow spell of a shared machine falls on all of them alike.
func Measure(cfg Config) *Report {
	r := &Report{Config: cfg, Started: time.Now(), Load: [2]string{loadAverage(), ""}}
	dapper := Dapper(cfg.Dapper).WithExceptionFilters(cfg.Filters)
	var debugpy *Debugger
	var debugpyPython Interpreter
	if cfg.DebugpyPython != "" {
		version, err := DebugpyVersion(cfg.DebugpyPython)
		if err == nil {
			debugpyPython, err = NewInterpreter(cfg.DebugpyPython)
		}
		if err != nil {
			r.note(fmt.Sprintf("debugpy left out: %v", err))
		} else {
			d := Debugpy(cfg.DebugpyPython).WithExceptionFilters(cfg.Filters)
			debugpy, r.Debugpy = &d, version
		}
	}
	// Each Python gets plain and dapper; debugpy's Python gets debugpy too, and is added
	// to the list when it is not one of them.
	pythons := slices.Clone(cfg.Pythons)
	if debugpy != nil && !slices.ContainsFunc(pythons, func(p Interpreter) bool { return p.Path == debugpyPython.Path }) {
		pythons = append(pythons, debugpyPython)
	}
	modesFor := func(py Interpreter) []Mode {
		if debugpy != nil && py.Path == debugpyPython.Path {
			return []Mode{Plain{}, dapper, *debugpy}
		}
		return []Mode{Plain{}, dapper}
	}
	if cfg.Overhead {
		for _, py := range pythons {
			for _, w := range cfg.Workloads {
				r.Overhead = append(r.Overhead, &OverheadRow{Python: py, Workload: w, Modes: modesFor(py), Runs: map[string][]Run{}})
			}
		}
		r.measureOverhead()
	}
	if cfg.Latency {
		for _, py := range pythons {
			r.Latency = append(r.Latency, &LatencyRow{Debugger: dapper, Label: "dapper", Python: py})
			if debugpy != nil && py.Path == debugpyPython.Path {
				r.Latency = append(r.Latency, &LatencyRow{Debugger: *debugpy, Label: "debugpy " + shortVersion(r.Debugpy), Python: py})
			}
		}
		r.measureLatency()
	}
	r.Ended, r.Load[1] = time.Now(), loadAverage()
	return r
}

func (r *Report) measureOverhead() {
	for round := range r.Config.Rounds {
		for _, row := range r.Overhead {
			// Rotate which mode goes first, so that none always runs on a cold cache.
			for i := range row.Modes {
				mode := row.Modes[(i+round)%len(row.Modes)]
				r.progress("round %d/%d: %s %s %s", round+1, r.Config.Rounds, row.Python.Version, row.Workload.Name, mode.Name())
				run, err := mode.Run(row.Python, row.Workload)
				if err != nil {
					r.note(err.Error())
					continue
				}
				row.Runs[mode.Name()] = append(row.Runs[mode.Name()], run)
			}
		}
	}
}

func (r *Report) measureLatency() {
	first, err := LatencyProgram("first_line")
	if err == nil {
		for i := range r.Config.FirstStops {
			for _, row := range r.Latency {
				r.progress("first stop %d/%d: %s on %s", i+1, r.Config.FirstStops, row.Label, row.Python.Version)
				d, err := row.Debugger.FirstStop(row.Python, first)
				if err != nil {
					r.note(err.Error())
					continue
				}
				row.FirstStops = append(row.FirstStops, d)
			}
		}
	} else {
		r.note(err.Error())
	}
	steps, err := LatencyProgram("steps")
	if err != nil {
		r.note(err.Error())
		return
	}
	for _, row := range r.Latency {
		if r.Config.Steps == 0 {
			break
		}
		r.progress("%d steps: %s on %s", r.Config.Steps, row.Label, row.Python.Version)
		row.Steps, row.StepError = row.Debugger.Steps(row.Python, steps, r.Config.Steps)
		if row.StepError != nil {
			r.note(row.StepError.Error())
		}
	}
}

func (r *Report) progress(format string, args ...any) {
	if r.Config.Progress != nil {
		fmt.Fprintf(r.Config.Progress, format+"\n", args...)
	}
}

func (r *Report) note(text string) {
	if !slices.Contains(r.Notes, text) {
		r.Notes = append(r.Notes, text)
	}
	r.progress("  %s", text)
}

// median of ds, or 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Median is the median of one measure of a mode's runs on this row.
func (row *OverheadRow) Median(mode string, measure func(Run) time.Duration) time.Duration {
	var ds []time.Duration
	for _, run := range row.Runs[mode] {
		ds = append(ds, measure(run))
	}
	return median(ds)
}

// Ratio is Median(mode)/Median("plain"), or 0 when either is missing.
func (row *OverheadRow) Ratio(mode string, measure func(Run) time.Duration) float64 {
	plain := row.Median("plain", measure)
	m := row.Median(mode, measure)
	if plain == 0 || m == 0 {
		return 0
	}
	return float64(m) / float64(plain)
}

// Compute, CPU and Wall pick a measure of a Run.
func Compute(r Run) time.Duration { return r.Compute }

// CPU is the CPU time of the run's compute section.
func CPU(r Run) time.Duration { return r.CPU }

// Wall is the run's time from launch to exit.
func Wall(r Run) time.Duration { return r.Wall }

// shortVersion drops a local version label: "1.6.3+git2022" is "1.6.3".
func shortVersion(v string) string {
	short, _, _ := strings.Cut(v, "+")
	return short
}
