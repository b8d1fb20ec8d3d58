package daptest

import (
	"encoding/json"
	"strings"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// Initialize sends initialize with the capabilities editors usually send.
func (s *Session) Initialize() dap.Message {
	s.t.Helper()
	return s.MustRequest("initialize", map[string]any{
		"clientID": "daptest", "adapterID": "dapper", "linesStartAt1": true, "columnsStartAt1": true,
		"pathFormat": "path", "supportsVariableType": true, "supportsVariablePaging": true,
		"supportsRunInTerminalRequest": false,
	}, nil)
}

// Launch initializes, sends launch (whose response is held until configurationDone)
// with python set to py, and waits for the initialized event. It returns the launch
// request's seq.
func (s *Session) Launch(py Python, args map[string]any) int {
	s.t.Helper()
	s.Initialize()
	full := map[string]any{"python": py.Path}
	for k, v := range args {
		full[k] = v
	}
	seq := s.Send("launch", full)
	s.waitFor("initialized (or a failed launch)", func(_ int, m dap.Message) bool {
		if m.IsResponse() && m.RequestSeq == seq && !m.Success {
			s.t.Fatalf("launch failed: %s", m.ErrMessage)
		}
		return m.IsEvent() && m.Event == "initialized"
	})
	return seq
}

// ConfigurationDone ends configuration; the held launch response must then succeed.
func (s *Session) ConfigurationDone(launchSeq int) {
	s.t.Helper()
	s.MustRequest("configurationDone", nil, nil)
	if m := s.WaitResponse(launchSeq); !m.Success {
		s.t.Fatalf("launch failed: %s", m.ErrMessage)
	}
}

// Breakpoint is a breakpoint as the adapter reports it.
type Breakpoint struct {
	ID       int    `json:"id"`
	Verified bool   `json:"verified"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

// SetBreakpoints sets line breakpoints in one file.
func (s *Session) SetBreakpoints(path string, lines ...int) []Breakpoint {
	s.t.Helper()
	bps := make([]map[string]any, len(lines))
	for i, l := range lines {
		bps[i] = map[string]any{"line": l}
	}
	var body struct {
		Breakpoints []Breakpoint `json:"breakpoints"`
	}
	s.MustRequest("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps}, &body)
	return body.Breakpoints
}

// Source is a DAP source.
type Source struct {
	Name string `json:"name"`
	Path string `json:"path"`
}

// StackFrame is a DAP stack frame.
type StackFrame struct {
	ID               int    `json:"id"`
	Name             string `json:"name"`
	Line             int    `json:"line"`
	Source           Source `json:"source"`
	PresentationHint string `json:"presentationHint"`
}

// Stop is a thread stopped, with its stack.
type Stop struct {
	ThreadID          int
	Reason            string
	AllThreadsStopped bool
	HitBreakpointIDs  []int
	Body              json.RawMessage
	Frames            []StackFrame
	Top               StackFrame
}

// WaitForStop waits for the next stopped event and reads the thread's stack.
func (s *Session) WaitForStop() Stop {
	s.t.Helper()
	return s.stopFrom(s.WaitEvent("stopped"))
}

// stopFrom reads the stack of the thread a stopped event reports.
func (s *Session) stopFrom(m dap.Message) Stop {
	s.t.Helper()
	var body struct {
		Reason            string `json:"reason"`
		ThreadID          int    `json:"threadId"`
		AllThreadsStopped bool   `json:"allThreadsStopped"`
		HitBreakpointIDs  []int  `json:"hitBreakpointIds"`
	}
	_ = json.Unmarshal(m.Body, &body)
	stop := Stop{ThreadID: body.ThreadID, Reason: body.Reason, AllThreadsStopped: body.AllThreadsStopped,
		HitBreakpointIDs: body.HitBreakpointIDs, Body: m.Body}
	stop.Frames = s.StackTrace(body.ThreadID)
	if len(stop.Frames) == 0 {
		s.t.Fatalf("thread %d stopped with an empty stack", body.ThreadID)
	}
	stop.Top = stop.Frames[0]
	return stop
}

// StackTrace reads a suspended thread's whole stack.
func (s *Session) StackTrace(threadID int) []StackFrame {
	s.t.Helper()
	var body struct {
		StackFrames []StackFrame `json:"stackFrames"`
	}
	s.MustRequest("stackTrace", map[string]any{"threadId": threadID}, &body)
	return body.StackFrames
}

// Scope is a DAP scope.
type Scope struct {
	Name               string `json:"name"`
	VariablesReference int    `json:"variablesReference"`
}

// Scopes reads a frame's scopes.
func (s *Session) Scopes(frameID int) []Scope {
	s.t.Helper()
	var body struct {
		Scopes []Scope `json:"scopes"`
	}
	s.MustRequest("scopes", map[string]any{"frameId": frameID}, &body)
	return body.Scopes
}

// Variable is a DAP variable.
type Variable struct {
	Name               string `json:"name"`
	Value              string `json:"value"`
	Type               string `json:"type"`
	VariablesReference int    `json:"variablesReference"`
	EvaluateName       string `json:"evaluateName"`
	IndexedVariables   int    `json:"indexedVariables"`
	NamedVariables     int    `json:"namedVariables"`
}

// Variables reads the children of a variables reference.
func (s *Session) Variables(ref int) []Variable {
	s.t.Helper()
	var body struct {
		Variables []Variable `json:"variables"`
	}
	s.MustRequest("variables", map[string]any{"variablesReference": ref}, &body)
	return body.Variables
}

// Locals reads the Locals scope of a frame, by name.
func (s *Session) Locals(frameID int) map[string]Variable {
	s.t.Helper()
	for _, sc := range s.Scopes(frameID) {
		if sc.Name == "Locals" {
			out := map[string]Variable{}
			for _, v := range s.Variables(sc.VariablesReference) {
				out[v.Name] = v
			}
			return out
		}
	}
	s.t.Fatalf("frame %d has no Locals scope", frameID)
	return nil
}

// Continue resumes a thread.
func (s *Session) Continue(threadID int) {
	s.t.Helper()
	s.MustRequest("continue", map[string]any{"threadId": threadID}, nil)
}

// ExpectExit waits for exited with the given code, then terminated.
func (s *Session) ExpectExit(code int) {
	s.t.Helper()
	m := s.WaitEvent("exited")
	var body struct {
		ExitCode int `json:"exitCode"`
	}
	_ = json.Unmarshal(m.Body, &body)
	if body.ExitCode != code {
		s.t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", body.ExitCode, code, s.Output("stdout"), s.Output("stderr"))
	}
	s.WaitEvent("terminated")
}

// Output joins the text of every output event of the category received so far.
func (s *Session) Output(category string) string {
	var b strings.Builder
	for _, m := range s.Events("output") {
		var body struct {
			Category string `json:"category"`
			Output   string `json:"output"`
		}
		_ = json.Unmarshal(m.Body, &body)
		if body.Category == category || (category == "console" && body.Category == "") {
			b.WriteString(body.Output)
		}
	}
	return b.String()
}

// Disconnect sends disconnect and waits for its response.
func (s *Session) Disconnect(args map[string]any) {
	s.t.Helper()
	s.MustRequest("disconnect", args, nil)
}
