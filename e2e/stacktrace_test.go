package e2e

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestStackTraceComesInPages(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("deep_stack.py")
		s, stop := startAt(t, py, program, "@bottom", nil)
		for _, e := range s.Messages() {
			if e.Msg.IsResponse() && e.Msg.Command == "initialize" &&
				!strings.Contains(string(e.Msg.Body), `"supportsDelayedStackTraceLoading":true`) {
				t.Errorf("initialize does not offer supportsDelayedStackTraceLoading: %s", e.Msg.Body)
			}
		}
		if len(stop.Frames) != 11 {
			t.Fatalf("whole stack: %s", stop.Where())
		}
		page := func(start, levels int) ([]daptest.StackFrame, int) {
			var body struct {
				StackFrames []daptest.StackFrame `json:"stackFrames"`
				TotalFrames int                  `json:"totalFrames"`
			}
			s.MustRequest("stackTrace", map[string]any{"threadId": stop.ThreadID, "startFrame": start, "levels": levels}, &body)
			return body.StackFrames, body.TotalFrames
		}
		first, total := page(0, 3)
		if len(first) != 3 || total != 11 || first[0].Line != stop.Frames[0].Line {
			t.Errorf("first page: %d frames of %d", len(first), total)
		}
		last, total := page(9, 5)
		if len(last) != 2 || total != 11 || last[1].Name != "<module>" || last[0].Name != "down" {
			t.Errorf("last page: %+v of %d", last, total)
		}
		if beyond, total := page(20, 5); len(beyond) != 0 || total != 11 {
			t.Errorf("past the end: %+v of %d", beyond, total)
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}
