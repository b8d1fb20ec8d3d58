package daptest

import godap "github.com/google/go-dap"

// The breakpoints tests send, and what exceptionInfo answers, are go-dap's types.
type (
	// SourceBreakpoint is a line breakpoint with its options, as setBreakpoints takes it.
	SourceBreakpoint = godap.SourceBreakpoint
	// FunctionBreakpoint is a function breakpoint as setFunctionBreakpoints takes it.
	FunctionBreakpoint = godap.FunctionBreakpoint
	// ExceptionDetails is DAP's ExceptionDetails.
	ExceptionDetails = godap.ExceptionDetails
	// ExceptionInfo is the body of an exceptionInfo response.
	ExceptionInfo = godap.ExceptionInfoResponseBody
)

// SetSourceBreakpoints sets line breakpoints with conditions, hit conditions or log
// messages in one file.
func (s *Session) SetSourceBreakpoints(path string, bps ...SourceBreakpoint) []Breakpoint {
	s.t.Helper()
	var body godap.SetBreakpointsResponseBody
	s.MustRequest("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps}, &body)
	if len(body.Breakpoints) != len(bps) {
		s.t.Fatalf("setBreakpoints answered %d breakpoints for %d", len(body.Breakpoints), len(bps))
	}
	return body.Breakpoints
}

// SetFunctionBreakpoints replaces the function breakpoints.
func (s *Session) SetFunctionBreakpoints(bps ...FunctionBreakpoint) []Breakpoint {
	s.t.Helper()
	var body godap.SetFunctionBreakpointsResponseBody
	s.MustRequest("setFunctionBreakpoints", map[string]any{"breakpoints": bps}, &body)
	if len(body.Breakpoints) != len(bps) {
		s.t.Fatalf("setFunctionBreakpoints answered %d breakpoints for %d", len(body.Breakpoints), len(bps))
	}
	return body.Breakpoints
}

// SetExceptionBreakpoints sends setExceptionBreakpoints with args (filters,
// filterOptions, exceptionOptions) and returns the breakpoints it answers.
func (s *Session) SetExceptionBreakpoints(args map[string]any) []Breakpoint {
	s.t.Helper()
	var body godap.SetExceptionBreakpointsResponseBody
	s.MustRequest("setExceptionBreakpoints", args, &body)
	return body.Breakpoints
}

// ExceptionInfo asks about the exception a thread stopped on.
func (s *Session) ExceptionInfo(threadID int) ExceptionInfo {
	s.t.Helper()
	var info ExceptionInfo
	s.MustRequest("exceptionInfo", map[string]any{"threadId": threadID}, &info)
	return info
}
