package daptest

// SourceBreakpoint is a line breakpoint with its options, as setBreakpoints takes it.
type SourceBreakpoint struct {
	Line         int    `json:"line"`
	Condition    string `json:"condition,omitempty"`
	HitCondition string `json:"hitCondition,omitempty"`
	LogMessage   string `json:"logMessage,omitempty"`
}

// FunctionBreakpoint is a function breakpoint as setFunctionBreakpoints takes it.
type FunctionBreakpoint struct {
	Name         string `json:"name"`
	Condition    string `json:"condition,omitempty"`
	HitCondition string `json:"hitCondition,omitempty"`
}

// BoundBreakpoint is a breakpoint as the adapter reports it, with its source.
type BoundBreakpoint struct {
	Breakpoint
	Source Source `json:"source"`
}

// SetSourceBreakpoints sets line breakpoints with conditions, hit conditions or log
// messages in one file.
func (s *Session) SetSourceBreakpoints(path string, bps ...SourceBreakpoint) []BoundBreakpoint {
	s.t.Helper()
	var body struct {
		Breakpoints []BoundBreakpoint `json:"breakpoints"`
	}
	s.MustRequest("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps}, &body)
	if len(body.Breakpoints) != len(bps) {
		s.t.Fatalf("setBreakpoints answered %d breakpoints for %d", len(body.Breakpoints), len(bps))
	}
	return body.Breakpoints
}

// SetFunctionBreakpoints replaces the function breakpoints.
func (s *Session) SetFunctionBreakpoints(bps ...FunctionBreakpoint) []BoundBreakpoint {
	s.t.Helper()
	var body struct {
		Breakpoints []BoundBreakpoint `json:"breakpoints"`
	}
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
	var body struct {
		Breakpoints []Breakpoint `json:"breakpoints"`
	}
	s.MustRequest("setExceptionBreakpoints", args, &body)
	return body.Breakpoints
}

// ExceptionDetails is DAP's ExceptionDetails.
type ExceptionDetails struct {
	Message        string             `json:"message"`
	TypeName       string             `json:"typeName"`
	FullTypeName   string             `json:"fullTypeName"`
	StackTrace     string             `json:"stackTrace"`
	InnerException []ExceptionDetails `json:"innerException"`
}

// ExceptionInfo is the body of an exceptionInfo response.
type ExceptionInfo struct {
	ExceptionID string           `json:"exceptionId"`
	Description string           `json:"description"`
	BreakMode   string           `json:"breakMode"`
	Details     ExceptionDetails `json:"details"`
}

// ExceptionInfo asks about the exception a thread stopped on.
func (s *Session) ExceptionInfo(threadID int) ExceptionInfo {
	s.t.Helper()
	var info ExceptionInfo
	s.MustRequest("exceptionInfo", map[string]any{"threadId": threadID}, &info)
	return info
}
