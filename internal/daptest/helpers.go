package daptest

import (
	"encoding/json"
	"maps"
	"strings"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// The DAP types the harness hands to tests are go-dap's.
type (
	// Breakpoint is a breakpoint as the adapter reports it.
	Breakpoint = godap.Breakpoint
	// Source is a DAP source.
	Source = godap.Source
	// StackFrame is a DAP stack frame.
	StackFrame = godap.StackFrame
	// Scope is a DAP scope.
	Scope = godap.Scope
	// Variable is a DAP variable.
	Variable = godap.Variable
)

// Initialize sends initialize with the capabilities editors usually send.
func (s *Session) Initialize() dap.Message {
	s.t.Helper()
	return s.MustRequest("initialize", s.initializeArgs(), nil)
}

// initializeArgs are the initialize arguments of the editor the session plays.
func (s *Session) initializeArgs() map[string]any {
	return map[string]any{
		"clientID": "daptest", "adapterID": "dapper", "linesStartAt1": true, "columnsStartAt1": true,
		"pathFormat": "path", "supportsVariableType": true, "supportsVariablePaging": true,
		"supportsRunInTerminalRequest": s.editor.RunInTerminal, "supportsArgsCanBeInterpretedByShell": s.editor.ShellArgs,
		"supportsInvalidatedEvent":      s.editor.Invalidated,
		"supportsStartDebuggingRequest": s.editor.StartDebugging,
	}
}

// Launch initializes, sends launch (whose response is held until configurationDone)
// with python set to py (unless args name a pythonPath), and waits for the initialized event. It returns the launch
// request's seq.
func (s *Session) Launch(py Python, args map[string]any) int {
	s.t.Helper()
	s.Initialize()
	full := map[string]any{}
	if _, ok := args["pythonPath"]; !ok {
		full["python"] = py.Path
	}
	maps.Copy(full, args)
	seq := s.Send("launch", full)
	m := s.waitFor("initialized (or a failed launch)", false, func(m dap.Message) bool {
		return (m.IsResponse() && m.RequestSeq == seq && !m.Success) || (m.IsEvent() && m.Event == "initialized")
	})
	if m.IsResponse() {
		s.t.Fatalf("launch failed: %s", m.ErrMessage)
	}
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

// SetBreakpoints sets line breakpoints in one file.
func (s *Session) SetBreakpoints(path string, lines ...int) []Breakpoint {
	s.t.Helper()
	bps := make([]map[string]any, len(lines))
	for i, l := range lines {
		bps[i] = map[string]any{"line": l}
	}
	return requestBody[godap.SetBreakpointsResponseBody](s, "setBreakpoints",
		map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps}).Breakpoints
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
	body := eventBody[godap.StoppedEventBody](m)
	stop := Stop{ThreadID: body.ThreadId, Reason: body.Reason, AllThreadsStopped: body.AllThreadsStopped,
		HitBreakpointIDs: body.HitBreakpointIds, Body: m.Body}
	stop.Frames = s.StackTrace(body.ThreadId)
	if len(stop.Frames) == 0 {
		s.t.Fatalf("thread %d stopped with an empty stack", body.ThreadId)
	}
	stop.Top = stop.Frames[0]
	return stop
}

// StackTrace reads a suspended thread's whole stack.
func (s *Session) StackTrace(threadID int) []StackFrame {
	s.t.Helper()
	return requestBody[godap.StackTraceResponseBody](s, "stackTrace", map[string]any{"threadId": threadID}).StackFrames
}

// Scopes reads a frame's scopes.
func (s *Session) Scopes(frameID int) []Scope {
	s.t.Helper()
	return requestBody[godap.ScopesResponseBody](s, "scopes", map[string]any{"frameId": frameID}).Scopes
}

// Variables reads the children of a variables reference.
func (s *Session) Variables(ref int) []Variable {
	s.t.Helper()
	return requestBody[godap.VariablesResponseBody](s, "variables", map[string]any{"variablesReference": ref}).Variables
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
	body := eventBody[godap.ExitedEventBody](s.WaitEvent("exited"))
	if body.ExitCode != code {
		s.t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", body.ExitCode, code, s.Output("stdout"), s.Output("stderr"))
	}
	s.WaitEvent("terminated")
}

// Output joins the text of every output event of the category received so far.
func (s *Session) Output(category string) string {
	var b strings.Builder
	for _, m := range s.Events("output") {
		if body := eventBody[godap.OutputEventBody](m); body.Category == category || (category == "console" && body.Category == "") {
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
