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
	return s.breakpointsFor(len(bps), requestBody[godap.SetBreakpointsResponseBody](s, "setBreakpoints",
		map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps}).Breakpoints)
}

// SetFunctionBreakpoints replaces the function breakpoints.
func (s *Session) SetFunctionBreakpoints(bps ...FunctionBreakpoint) []Breakpoint {
	s.t.Helper()
	return s.breakpointsFor(len(bps), requestBody[godap.SetFunctionBreakpointsResponseBody](s, "setFunctionBreakpoints",
		map[string]any{"breakpoints": bps}).Breakpoints)
}

// breakpointsFor fails the test unless the adapter answered one breakpoint for each of n.
func (s *Session) breakpointsFor(n int, answered []Breakpoint) []Breakpoint {
	s.t.Helper()
	if len(answered) != n {
		s.t.Fatalf("the adapter answered %d breakpoints for %d", len(answered), n)
	}
	return answered
}

// SetExceptionBreakpoints sends setExceptionBreakpoints with args (filters,
// filterOptions, exceptionOptions) and returns the breakpoints it answers.
func (s *Session) SetExceptionBreakpoints(args map[string]any) []Breakpoint {
	s.t.Helper()
	return requestBody[godap.SetExceptionBreakpointsResponseBody](s, "setExceptionBreakpoints", args).Breakpoints
}

// ExceptionInfo asks about the exception a thread stopped on.
func (s *Session) ExceptionInfo(threadID int) ExceptionInfo {
	s.t.Helper()
	return requestBody[ExceptionInfo](s, "exceptionInfo", map[string]any{"threadId": threadID})
}
