package daptest

import (
	"encoding/json"
	"maps"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// StopAt launches program under py with the extra launch arguments, sets a breakpoint on
// the line holding marker, and returns the first stop.
func (s *Session) StopAt(py Python, program, marker string, args map[string]any) Stop {
	s.t.Helper()
	full := map[string]any{"program": program}
	maps.Copy(full, args)
	launch := s.Launch(py, full)
	s.SetBreakpoints(program, LineOf(s.t, program, marker))
	s.ConfigurationDone(launch)
	return s.WaitForStop()
}

// Hint is go-dap's VariablePresentationHint, with a method to ask about an attribute.
type Hint godap.VariablePresentationHint

// Has reports whether the hint carries the attribute.
func (h Hint) Has(attribute string) bool {
	for _, a := range h.Attributes {
		if a == attribute {
			return true
		}
	}
	return false
}

// Value is a variable, an evaluate result or a setVariable result, with every field a
// client may use. Result holds evaluate's "result", Value the others' "value". go-dap
// has a type for each of the three bodies (Variable, EvaluateResponseBody,
// SetVariableResponseBody); this one reads any of them, so that tests can compare what
// the three say of one value, and a missing presentationHint reads as an empty one.
type Value struct {
	Name               string `json:"name"`
	Value              string `json:"value"`
	Result             string `json:"result"`
	Type               string `json:"type"`
	VariablesReference int    `json:"variablesReference"`
	EvaluateName       string `json:"evaluateName"`
	IndexedVariables   int    `json:"indexedVariables"`
	NamedVariables     int    `json:"namedVariables"`
	PresentationHint   Hint   `json:"presentationHint"`
}

// ScopeRef returns the variablesReference of the frame's scope with that name, or 0.
func (s *Session) ScopeRef(frameID int, name string) int {
	s.t.Helper()
	for _, sc := range s.Scopes(frameID) {
		if sc.Name == name {
			return sc.VariablesReference
		}
	}
	return 0
}

// Children sends variables with the given extra arguments (start, count, filter,
// format) and returns the variables in order.
func (s *Session) Children(ref int, args map[string]any) []Value {
	s.t.Helper()
	full := map[string]any{"variablesReference": ref}
	maps.Copy(full, args)
	return requestBody[struct {
		Variables []Value `json:"variables"`
	}](s, "variables", full).Variables
}

// ChildrenByName is Children by name; it fails the test on a duplicate name.
func (s *Session) ChildrenByName(ref int, args map[string]any) map[string]Value {
	s.t.Helper()
	out := map[string]Value{}
	for _, v := range s.Children(ref, args) {
		if _, dup := out[v.Name]; dup {
			s.t.Fatalf("variables %d: two children named %q", ref, v.Name)
		}
		out[v.Name] = v
	}
	return out
}

// Evaluate evaluates expression in context ("repl", "watch", "hover", "clipboard")
// in the frame (0: no frame) and fails the test if it fails.
func (s *Session) Evaluate(frameID int, expression, context string, extra map[string]any) Value {
	s.t.Helper()
	return requestBody[Value](s, "evaluate", evaluateArgs(frameID, expression, context, extra))
}

// EvaluateFails evaluates expression expecting an error response, and returns its message.
func (s *Session) EvaluateFails(frameID int, expression, context string) string {
	s.t.Helper()
	m := s.Request("evaluate", evaluateArgs(frameID, expression, context, nil))
	if m.Success {
		s.t.Fatalf("evaluate %q (%s) succeeded, want an error: %s", expression, context, m.Body)
	}
	return m.ErrMessage
}

func evaluateArgs(frameID int, expression, context string, extra map[string]any) map[string]any {
	args := map[string]any{"expression": expression, "context": context}
	if frameID != 0 {
		args["frameId"] = frameID
	}
	maps.Copy(args, extra)
	return args
}

// SetVariable sets the child name of ref to the value expression; it returns the
// response (successful or not) and its decoded body.
func (s *Session) SetVariable(ref int, name, value string) (dap.Message, Value) {
	s.t.Helper()
	return s.requestValue("setVariable", map[string]any{"variablesReference": ref, "name": name, "value": value})
}

// SetExpression assigns value to expression in the frame; it returns the response and
// its decoded body.
func (s *Session) SetExpression(frameID int, expression, value string) (dap.Message, Value) {
	s.t.Helper()
	return s.requestValue("setExpression", map[string]any{"frameId": frameID, "expression": expression, "value": value})
}

func (s *Session) requestValue(command string, args map[string]any) (dap.Message, Value) {
	s.t.Helper()
	m := s.Request(command, args)
	var out Value
	if m.Success {
		_ = json.Unmarshal(m.Body, &out)
	}
	return m, out
}

// CompletionItem is a DAP completion target.
type CompletionItem = godap.CompletionItem

// Completions asks for completions of text with the cursor at column (1-based).
func (s *Session) Completions(frameID int, text string, column int) []CompletionItem {
	s.t.Helper()
	args := map[string]any{"text": text, "column": column}
	if frameID != 0 {
		args["frameId"] = frameID
	}
	return requestBody[godap.CompletionsResponseBody](s, "completions", args).Targets
}
