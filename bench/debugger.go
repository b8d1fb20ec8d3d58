package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// Interpreter is a Python the runner measures with.
type Interpreter struct {
	Path    string
	Version string // e.g. "3.11.7"
}

// NewInterpreter asks the Python at path for its version.
func NewInterpreter(path string) (Interpreter, error) {
	out, err := exec.Command(path, "-c", "import platform; print(platform.python_version())").Output()
	if err != nil {
		return Interpreter{}, fmt.Errorf("bench: asking %s for its version: %w", path, err)
	}
	return Interpreter{Path: path, Version: strings.TrimSpace(string(out))}, nil
}

// Run is one run of a workload: Wall from the launch request (or, plain, the process
// start) to the exit, as the runner sees it; Compute and CPU, the wall and CPU time of
// its compute section, as the program timed it.
type Run struct {
	Wall, Compute, CPU time.Duration
}

func newRun(wall time.Duration, stdout string) (Run, error) {
	compute, cpu, err := ComputeTimes(stdout)
	return Run{Wall: wall, Compute: compute, CPU: cpu}, err
}

// Mode is a way of running a program: plain, or under a debugger.
type Mode interface {
	Name() string
	Run(py Interpreter, p Program) (Run, error)
}

// Plain runs programs with python alone.
type Plain struct{}

// Name is "plain".
func (Plain) Name() string { return "plain" }

// Run runs `python program` and times it from start to exit.
func (Plain) Run(py Interpreter, p Program) (Run, error) {
	cmd := exec.Command(py.Path, p.Path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Run{}, fmt.Errorf("%s %s: %v\n%s", py.Path, p.Path, err, stderr.String())
	}
	return newRun(wall, stdout.String())
}

// Debugger is a debug adapter, driven over DAP on its stdio as an editor drives it.
type Debugger struct {
	name    string
	adapter []string
	launch  func(py Interpreter, program string) map[string]any
	filters []string // exception breakpoint filters, e.g. "uncaught"
}

// WithExceptionFilters is d setting these exception breakpoint filters (as an editor
// does: VS Code sets "uncaught" unless the user unticks it) before configurationDone.
func (d Debugger) WithExceptionFilters(filters []string) Debugger {
	d.filters = filters
	return d
}

// Dapper drives `dapper adapter` from the binary at path.
func Dapper(binary string) Debugger {
	return Debugger{name: "dapper", adapter: []string{binary, "adapter"},
		launch: func(py Interpreter, program string) map[string]any {
			return map[string]any{"python": py.Path, "program": program, "console": "internalConsole"}
		}}
}

// Debugpy drives debugpy's adapter, run by python (which must have debugpy installed).
func Debugpy(python string) Debugger {
	return Debugger{name: "debugpy", adapter: []string{python, "-m", "debugpy.adapter"},
		launch: func(py Interpreter, program string) map[string]any {
			return map[string]any{"type": "python", "request": "launch", "python": py.Path,
				"program": program, "console": "internalConsole", "justMyCode": true}
		}}
}

// DebugpyVersion is the version of debugpy that python imports, or an error when it
// has none.
func DebugpyVersion(python string) (string, error) {
	out, err := exec.Command(python, "-c", "import debugpy; print(debugpy.__version__)").Output()
	if err != nil {
		return "", fmt.Errorf("bench: %s cannot import debugpy", python)
	}
	return strings.TrimSpace(string(out)), nil
}

// Name is the debugger's name.
func (d Debugger) Name() string { return d.name }

// session is a program launched under a debugger with its breakpoint set, running.
type session struct {
	*Client
	launch *dap.Call // its Sent is when the launch began
}

// start launches p under the debugger with a breakpoint on p.Line and ends the
// configuration. The caller closes the session.
func (d Debugger) start(py Interpreter, p Program) (*session, error) {
	c, err := StartAdapter(d.adapter)
	if err != nil {
		return nil, err
	}
	s := &session{Client: c}
	if err := s.configure(d, py, p); err != nil {
		c.Close()
		return nil, fmt.Errorf("%s on %s, %s: %w", d.name, py.Version, p.Name, err)
	}
	return s, nil
}

func (s *session) configure(d Debugger, py Interpreter, p Program) error {
	if err := s.Request("initialize", map[string]any{"clientID": "dapper-bench", "adapterID": "python",
		"linesStartAt1": true, "columnsStartAt1": true, "pathFormat": "path"}, nil); err != nil {
		return err
	}
	var err error
	if s.launch, err = s.Send("launch", d.launch(py, p.Path)); err != nil {
		return err
	}
	if _, err := s.WaitEvent("initialized", s.launch); err != nil {
		return err
	}
	var body godap.SetBreakpointsResponseBody
	if err := s.Request("setBreakpoints", map[string]any{"source": map[string]any{"path": p.Path},
		"breakpoints": []map[string]any{{"line": p.Line}}}, &body); err != nil {
		return err
	}
	if len(body.Breakpoints) != 1 || !body.Breakpoints[0].Verified || body.Breakpoints[0].Line != p.Line {
		return fmt.Errorf("the breakpoint at line %d did not bind: %+v", p.Line, body.Breakpoints)
	}
	if len(d.filters) > 0 {
		if err := s.Request("setExceptionBreakpoints", map[string]any{"filters": d.filters}, nil); err != nil {
			return err
		}
	}
	if err := s.Request("configurationDone", nil, nil); err != nil {
		return err
	}
	return s.WaitResponse(s.launch)
}

// Run runs p under the debugger with its breakpoint set, and times it from the launch
// request to the exited event.
func (d Debugger) Run(py Interpreter, p Program) (Run, error) {
	s, err := d.start(py, p)
	if err != nil {
		return Run{}, err
	}
	defer s.Close()
	exited, err := s.WaitEvent("exited", nil)
	if err != nil {
		return Run{}, err
	}
	wall := exited.At.Sub(s.launch.Sent)
	// Output may trail the exited event; terminated is the last word.
	if _, err := s.WaitEvent("terminated", nil); err != nil {
		return Run{}, err
	}
	run, err := newRun(wall, s.Stdout())
	if err != nil {
		return Run{}, fmt.Errorf("%s on %s, %s: %w", d.name, py.Version, p.Name, err)
	}
	return run, nil
}

// stoppedThread waits for the next stopped event and returns its thread and when it
// arrived. A failed response to failOn (if not nil) ends the wait with its error.
func (s *session) stoppedThread(failOn *dap.Call) (int, time.Time, error) {
	r, err := s.WaitEvent("stopped", failOn)
	if err != nil {
		return 0, time.Time{}, err
	}
	var body godap.StoppedEventBody
	if err := json.Unmarshal(r.Msg.Body, &body); err != nil {
		return 0, time.Time{}, fmt.Errorf("decoding stopped: %w", err)
	}
	return body.ThreadId, r.At, nil
}

// FirstStop launches p, whose breakpoint is on its first line, and times the launch
// request to the stopped event.
func (d Debugger) FirstStop(py Interpreter, p Program) (time.Duration, error) {
	s, err := d.start(py, p)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	_, at, err := s.stoppedThread(nil)
	if err != nil {
		return 0, fmt.Errorf("%s on %s: %w", d.name, py.Version, err)
	}
	return at.Sub(s.launch.Sent), nil
}

// Steps launches p, waits for its breakpoint, then sends `next` n times and returns
// each round trip from the request to the stopped event.
func (d Debugger) Steps(py Interpreter, p Program, n int) ([]time.Duration, error) {
	s, err := d.start(py, p)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	thread, _, err := s.stoppedThread(nil)
	if err != nil {
		return nil, fmt.Errorf("%s on %s: %w", d.name, py.Version, err)
	}
	trips := make([]time.Duration, 0, n)
	for len(trips) < n {
		step, err := s.Send("next", map[string]any{"threadId": thread})
		if err != nil {
			return nil, err
		}
		var at time.Time
		if thread, at, err = s.stoppedThread(step); err != nil {
			return nil, fmt.Errorf("%s on %s, step %d: %w", d.name, py.Version, len(trips)+1, err)
		}
		trips = append(trips, at.Sub(step.Sent))
	}
	return trips, nil
}

// PythonVersion is the version of the python at path ("3.11.2"), or path itself when
// it cannot be run.
func PythonVersion(python string) string {
	out, err := exec.Command(python, "-c", "import platform; print(platform.python_version())").Output()
	if err != nil {
		return python
	}
	return strings.TrimSpace(string(out))
}
