package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// rawRequest sends a request built by hand (seq chosen by the test, so that it never
// meets the client's own) and returns that seq. In args, the string notUTF8 stands
// for two bytes that are not UTF-8, written into the frame as they are.
func rawRequest(t *testing.T, s *daptest.Session, seq int, command string, args any) int {
	t.Helper()
	body, err := json.Marshal(map[string]any{"seq": seq, "type": "request", "command": command, "arguments": args})
	if err != nil {
		t.Fatal(err)
	}
	s.SendRaw(bytes.ReplaceAll(body, []byte(notUTF8), []byte("\xff\xfe")))
	return seq
}

const notUTF8 = "@not-utf-8@"

func TestABadRequestIsAnsweredAndTheSessionGoesOn(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("request_fuzz_target.py")
		stop := s.StopAt(py, program, "@stop", nil)
		for i, req := range []struct {
			command string
			args    any
		}{
			{"evaluate", map[string]any{"expression": "label + '" + notUTF8 + "'", "frameId": stop.Top.Id, "context": "repl"}},
			{"scopes", map[string]any{"frameId": []int{stop.Top.Id}}},
			{"variables", map[string]any{"variablesReference": map[string]any{"a": 1}}},
			{"stackTrace", map[string]any{"threadId": []int{stop.ThreadID}}},
		} {
			m := s.WaitResponse(rawRequest(t, s, 90001+i, req.command, req.args))
			if m.Success {
				t.Errorf("%s %v succeeded: %s", req.command, req.args, m.Body)
			}
		}
		// Still served: the stop, its values, and the way on.
		if got := s.Locals(s.StackTrace(stop.ThreadID)[0].Id)["total"].Value; got != "45" {
			t.Errorf("total = %q after the bad requests", got)
		}
		s.ContinueToExit(stop.ThreadID, 7)
		wantStdout(t, s, "result 45\n")
	})
}

// hostileValues are what each argument is replaced by in turn: the wrong types, numbers
// out of every range, ids nobody handed out, bytes that are not UTF-8, and null.
var hostileValues = []any{
	[]any{1, "x"}, map[string]any{"a": []any{}}, "7 @", true, 1.5, -1, 987654, json.Number("1180591620717411303424"),
	json.Number("-9223372036854775809"), json.Number("1e300"), notUTF8, strings.Repeat("x", 100000), nil,
}

func TestEveryRequestWithBrokenArgumentsIsAnswered(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		program := daptest.Testdata("request_fuzz_target.py")
		stop := s.StopAt(py, program, "@stop", nil)
		thread, frame := stop.ThreadID, stop.Top.Id
		locals := s.ScopeRef(frame, "Locals")
		// Each request with arguments that work; every field is then broken in turn.
		// Requests that resume the program are only sent broken (never with a field
		// left out, which would make them valid).
		requests := []struct {
			command string
			args    map[string]any
			resumes bool
		}{
			{"threads", map[string]any{}, false},
			{"stackTrace", map[string]any{"threadId": thread, "startFrame": 0, "levels": 1, "format": map[string]any{}}, false},
			{"scopes", map[string]any{"frameId": frame}, false},
			{"variables", map[string]any{"variablesReference": locals, "filter": "named", "start": 0, "count": 5,
				"format": map[string]any{"hex": false}}, false},
			{"evaluate", map[string]any{"expression": "total", "frameId": frame, "context": "watch"}, false},
			{"setVariable", map[string]any{"variablesReference": locals, "name": "total", "value": "total"}, false},
			{"setExpression", map[string]any{"expression": "label", "value": "label", "frameId": frame}, false},
			{"completions", map[string]any{"text": "to", "column": 3, "frameId": frame}, false},
			{"exceptionInfo", map[string]any{"threadId": thread}, false},
			{"setBreakpoints", map[string]any{"source": map[string]any{"path": program},
				"breakpoints": []any{map[string]any{"line": stop.Top.Line, "condition": "True"}}}, false},
			{"setFunctionBreakpoints", map[string]any{"breakpoints": []any{map[string]any{"name": "nothing_here"}}}, false},
			{"setExceptionBreakpoints", map[string]any{"filters": []any{}}, false},
			{"pause", map[string]any{"threadId": thread}, false},
			{"continue", map[string]any{"threadId": thread, "singleThread": false}, true},
			{"next", map[string]any{"threadId": thread, "granularity": "line"}, true},
			{"stepIn", map[string]any{"threadId": thread}, true},
			{"stepOut", map[string]any{"threadId": thread}, true},
			{"noSuchRequest", map[string]any{"x": 1}, false},
		}
		seq := 100000
		send := func(command string, args any) {
			t.Helper()
			seq++
			s.WaitResponse(rawRequest(t, s, seq, command, args)) // a hang guard: it must come
		}
		for _, req := range requests {
			for _, whole := range []any{nil, []any{1}, "args", 5} {
				if whole != nil || !req.resumes {
					send(req.command, whole)
				}
			}
			for field := range req.args {
				for _, value := range hostileValues {
					if req.resumes && (value == nil || field != "threadId" && !breaks(req.command, field, value)) {
						continue
					}
					args := map[string]any{}
					for k, v := range req.args {
						args[k] = v
					}
					args[field] = value
					send(req.command, args)
				}
			}
		}
		top := s.StackTrace(thread)[0]
		if top.Line != stop.Top.Line || s.Locals(top.Id)["total"].Value != "45" {
			t.Fatalf("after the requests the program is at line %d with total %s", top.Line, s.Locals(top.Id)["total"].Value)
		}
		s.ContinueToExit(thread, 7)
		if got := s.Output("stdout"); !strings.HasSuffix(got, "result 45\n") {
			t.Errorf("stdout = %q", got)
		}
	})
}

// breaks reports whether value for field of a request that resumes the program is
// surely refused (so the request may be sent): anything but a boolean for a boolean,
// anything but a known granularity for granularity.
func breaks(command, field string, value any) bool {
	switch field {
	case "singleThread":
		_, isBool := value.(bool)
		return !isBool
	case "granularity":
		text, isString := value.(string)
		return !isString || (text != "line" && text != "statement" && text != "instruction")
	}
	panic(fmt.Sprintf("%s: no rule for breaking %s", command, field))
}
