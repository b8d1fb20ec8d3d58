package daptest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	godap "github.com/google/go-dap"
)

// Next steps over the current line of a stopped thread and returns the next stop.
func (s *Session) Next(threadID int) Stop {
	s.t.Helper()
	return s.stepAndWait("next", threadID)
}

// StepIn steps into the call on the current line and returns the next stop.
func (s *Session) StepIn(threadID int) Stop {
	s.t.Helper()
	return s.stepAndWait("stepIn", threadID)
}

// StepOut runs until the current function returns and returns the next stop.
func (s *Session) StepOut(threadID int) Stop {
	s.t.Helper()
	return s.stepAndWait("stepOut", threadID)
}

func (s *Session) stepAndWait(command string, threadID int) Stop {
	s.t.Helper()
	s.MustRequest(command, map[string]any{"threadId": threadID}, nil)
	return s.WaitForStop()
}

// Thread is a DAP thread.
type Thread = godap.Thread

// Threads lists the debuggee's threads.
func (s *Session) Threads() []Thread {
	s.t.Helper()
	return requestBody[godap.ThreadsResponseBody](s, "threads", nil).Threads
}

// ThreadNamed finds a thread by name in the current thread list.
func (s *Session) ThreadNamed(name string) Thread {
	s.t.Helper()
	threads := s.Threads()
	for _, th := range threads {
		if th.Name == name {
			return th
		}
	}
	s.t.Fatalf("no thread named %q in %+v", name, threads)
	return Thread{}
}

// WaitForOutput waits until the stdout received so far contains text.
func (s *Session) WaitForOutput(text string) {
	s.t.Helper()
	var stdout strings.Builder
	s.waitFor(fmt.Sprintf("%q on stdout", text), false, func(m dap.Message) bool {
		if m.IsEvent() && m.Event == "output" {
			if body := eventBody[godap.OutputEventBody](m); body.Category == "stdout" {
				stdout.WriteString(body.Output)
			}
		}
		return strings.Contains(stdout.String(), text)
	})
}

// Where renders a stop's stack as "name:line" pairs, innermost first.
func (st Stop) Where() string {
	var parts []string
	for _, f := range st.Frames {
		parts = append(parts, fmt.Sprintf("%s:%d", f.Name, f.Line))
	}
	return strings.Join(parts, " ")
}

// LineOf returns the 1-based number of the first line of a testdata file that
// contains marker (a comment such as "# @stop"). It fails the test if there is none.
func (s *Session) LineOf(file, marker string) int {
	s.t.Helper()
	return LineOf(s.t, file, marker)
}

// LineOf is Session.LineOf without a session.
func LineOf(t testing.TB, file, marker string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, marker) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line containing %q", file, marker)
	return 0
}

// WaitForStopOrExit waits for the next stopped or exited event. It returns the stop
// and true, or false once the program has exited.
func (s *Session) WaitForStopOrExit() (Stop, bool) {
	s.t.Helper()
	m := s.waitFor("a stopped or exited event", true, func(m dap.Message) bool {
		return m.IsEvent() && (m.Event == "stopped" || m.Event == "exited")
	})
	if m.Event == "exited" {
		return Stop{}, false
	}
	return s.stopFrom(m), true
}

// ContinueToExit continues a stopped thread and waits for the program to exit with code.
func (s *Session) ContinueToExit(threadID, code int) {
	s.t.Helper()
	s.Continue(threadID)
	s.ExpectExit(code)
}
