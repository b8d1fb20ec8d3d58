package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// exceptionStop waits for a stop on an exception and checks where it is and what the
// stopped event says (text: the type, description: the message).
func exceptionStop(t *testing.T, s *daptest.Session, file, marker, text, description string) daptest.Stop {
	t.Helper()
	stop := s.WaitForStop()
	var body struct {
		Text        string `json:"text"`
		Description string `json:"description"`
	}
	_ = json.Unmarshal(stop.Body, &body)
	line := daptest.LineOf(t, file, marker)
	if stop.Reason != "exception" || stop.Top.Line != line || stop.Top.Source.Path != file {
		t.Fatalf("stop %q at %s:%d, want exception at %s:%d (%s)", stop.Reason, stop.Top.Source.Path, stop.Top.Line, file, line, marker)
	}
	if body.Text != text || body.Description != description {
		t.Errorf("stopped text %q description %q, want %q %q", body.Text, body.Description, text, description)
	}
	return stop
}

func launchWithExceptions(t *testing.T, py daptest.Python, program string, args []string, exceptionArgs map[string]any) *daptest.Session {
	t.Helper()
	s := daptest.Start(t)
	launchArgs := map[string]any{"program": program}
	if args != nil {
		launchArgs["args"] = args
	}
	launch := s.Launch(py, launchArgs)
	if exceptionArgs != nil {
		for i, bp := range s.SetExceptionBreakpoints(exceptionArgs) {
			if !bp.Verified {
				t.Fatalf("exception breakpoint %d: %+v", i, bp)
			}
		}
	}
	s.ConfigurationDone(launch)
	return s
}

func TestUncaughtExceptionStopsWhereRaisedThenEndsWithItsTraceback(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("uncaught.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{"uncaught"}})
		stop := exceptionStop(t, s, program, `raise ValueError("boom")`, "ValueError", "boom")
		if len(stop.Frames) < 2 || stop.Frames[1].Name != "<module>" {
			t.Errorf("stack = %+v", stop.Frames)
		}
		info := s.ExceptionInfo(stop.ThreadID)
		if info.ExceptionId != "ValueError" || info.Description != "boom" || info.BreakMode != "unhandled" {
			t.Errorf("exceptionInfo = %+v", info)
		}
		trace := info.Details.StackTrace
		if !strings.HasPrefix(trace, "Traceback (most recent call last):") || !strings.Contains(trace, "line 5, in <module>") ||
			!strings.Contains(trace, "line 2, in fail") || !strings.HasSuffix(trace, "ValueError: boom\n") {
			t.Errorf("stackTrace:\n%s", trace)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(1)
		stderr := s.Output("stderr")
		if !strings.Contains(stderr, "Traceback (most recent call last)") || !strings.Contains(stderr, "ValueError: boom") ||
			showsDebugger(t, stderr) {
			t.Errorf("stderr = %q", stderr)
		}
	})
}

func TestNoExceptionFiltersMeansNoStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := launchWithExceptions(t, py, daptest.Testdata("uncaught.py"), nil, map[string]any{"filters": []string{}})
		s.ExpectExit(1)
		if n := len(s.Events("stopped")); n != 0 {
			t.Errorf("%d stops, want none", n)
		}
		if !strings.Contains(s.Output("stderr"), "ValueError: boom") {
			t.Errorf("stderr = %q", s.Output("stderr"))
		}
	})
}

func TestRaisedFilterStopsWhereRaisedAndWhereLibraryErrorsReachUserCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("exceptions_raised.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{"raised"}})
		stop := exceptionStop(t, s, program, "@stop-iteration", "StopIteration", "")
		s.Continue(stop.ThreadID)
		stop = exceptionStop(t, s, program, "@library-raise", "json.decoder.JSONDecodeError",
			"Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")
		if info := s.ExceptionInfo(stop.ThreadID); info.BreakMode != "always" {
			t.Errorf("exceptionInfo = %+v", info)
		}
		s.Continue(stop.ThreadID)
		stop = exceptionStop(t, s, program, "@user-raise", "ValueError", "negative: -5")
		if got := s.Locals(stop.Top.Id)["value"].Value; got != "-5" {
			t.Errorf("value = %s", got)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestExceptionOptionsNeverBreakOnStopIteration(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("exceptions_raised.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{
			"filters": []string{"raised"},
			"exceptionOptions": []map[string]any{{
				"path":      []map[string]any{{"names": []string{"Python Exceptions"}}, {"names": []string{"StopIteration"}}},
				"breakMode": "never",
			}},
		})
		stop := s.WaitForStop()
		if line := daptest.LineOf(t, program, "@library-raise"); stop.Top.Line != line {
			t.Fatalf("first stop at line %d, want %d (StopIteration should not stop)", stop.Top.Line, line)
		}
		s.Continue(stop.ThreadID)
		stop = exceptionStop(t, s, program, "@user-raise", "ValueError", "negative: -5")
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestExceptionFilterConditionChoosesTheStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("raise_in_loop.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{
			"filters":       []string{},
			"filterOptions": []map[string]any{{"filterId": "raised", "condition": "i == 3"}},
		})
		stop := exceptionStop(t, s, program, "@raise", "KeyError", "3")
		if got := s.Locals(stop.Top.Id)["i"].Value; got != "3" {
			t.Errorf("i = %s", got)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 1 {
			t.Errorf("%d stops, want 1", n)
		}
	})
}

func TestExceptionFilterConditionThatDoesNotCompileIsRefused(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("raise_in_loop.py")})
		bps := s.SetExceptionBreakpoints(map[string]any{
			"filters":       []string{"uncaught", "sometimes"},
			"filterOptions": []map[string]any{{"filterId": "raised", "condition": "i =="}},
		})
		if len(bps) != 3 || !bps[0].Verified || bps[1].Verified || bps[2].Verified ||
			!strings.Contains(bps[1].Message, "unknown exception filter 'sometimes'") ||
			!strings.Contains(bps[2].Message, "does not compile") {
			t.Errorf("breakpoints = %+v", bps)
		}
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
	})
}

func TestUserUnhandledStopsWhenUserCodeRaisesIntoLibraryCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("user_unhandled.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{"uncaught", "userUnhandled"}})
		stop := exceptionStop(t, s, program, "@deepcopy-raise", "RuntimeError", "cannot copy")
		if info := s.ExceptionInfo(stop.ThreadID); info.BreakMode != "userUnhandled" {
			t.Errorf("exceptionInfo = %+v", info)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "caught cannot copy\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}

func TestExceptionsInThreadsStopThatThread(t *testing.T) {
	for _, filter := range []string{"uncaught", "raised"} {
		t.Run(filter, func(t *testing.T) {
			daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
				program := daptest.Testdata("thread_exception.py")
				s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{filter}})
				stop := exceptionStop(t, s, program, "@thread-raise", "LookupError", "job 7 failed")
				if stop.Top.Name != "worker" {
					t.Errorf("top frame %q", stop.Top.Name)
				}
				if got := s.Locals(stop.Top.Id)["job"].Value; got != "{'id': 7}" {
					t.Errorf("job = %s", got)
				}
				want := map[string]string{"uncaught": "unhandled", "raised": "always"}[filter]
				if info := s.ExceptionInfo(stop.ThreadID); string(info.BreakMode) != want || info.ExceptionId != "LookupError" {
					t.Errorf("exceptionInfo = %+v", info)
				}
				s.Continue(stop.ThreadID)
				s.ExpectExit(0)
				if n := len(s.Events("stopped")); n != 1 {
					t.Errorf("%d stops, want 1", n)
				}
				if !strings.Contains(s.Output("stderr"), "Exception in thread worker") || s.Output("stdout") != "main done\n" {
					t.Errorf("stdout %q stderr %q", s.Output("stdout"), s.Output("stderr"))
				}
			})
		})
	}
}

func TestSystemExitStopsOnlyForAFailureCode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("system_exit.py")
		uncaught := map[string]any{"filters": []string{"uncaught"}}

		s := launchWithExceptions(t, py, program, []string{"0"}, uncaught)
		s.ExpectExit(0)
		if n := len(s.Events("stopped")); n != 0 {
			t.Errorf("sys.exit(0) stopped %d times", n)
		}

		s = launchWithExceptions(t, py, program, []string{"3"}, uncaught)
		stop := exceptionStop(t, s, program, "@exit", "SystemExit", "3")
		s.Continue(stop.ThreadID)
		s.ExpectExit(3)

		s = daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program, "args": []string{"0"}, "breakOnSystemExitZero": true})
		s.SetExceptionBreakpoints(uncaught)
		s.ConfigurationDone(launch)
		stop = exceptionStop(t, s, program, "@exit", "SystemExit", "0")
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
	})
}

func TestExceptionInfoShowsTheChainOfCauses(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("chained_exception.py")
		s := launchWithExceptions(t, py, program, nil, map[string]any{"filters": []string{"uncaught"}})
		stop := exceptionStop(t, s, program, "@reraise", "RuntimeError", "no port configured")
		info := s.ExceptionInfo(stop.ThreadID)
		trace := info.Details.StackTrace
		cause := strings.Index(trace, "KeyError: 'port'")
		link := strings.Index(trace, "The above exception was the direct cause of the following exception")
		last := strings.Index(trace, "RuntimeError: no port configured")
		if cause < 0 || link < cause || last < link || !strings.Contains(trace, "in load") {
			t.Errorf("stackTrace:\n%s", trace)
		}
		if len(info.Details.InnerException) != 1 || info.Details.InnerException[0].TypeName != "KeyError" {
			t.Errorf("innerException = %+v", info.Details.InnerException)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(1)
	})
}

func TestBreakpointCallStopsInTheDebugger(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("breakpoint_call.py")
		s := launchWithExceptions(t, py, program, nil, nil)
		stop := s.WaitForStop()
		if line := daptest.LineOf(t, program, "@breakpoint-call"); stop.Reason != "breakpoint" ||
			stop.Top.Name != "compute" || stop.Top.Line != line {
			t.Fatalf("stop %q in %s at line %d, want breakpoint in compute at %d", stop.Reason, stop.Top.Name, stop.Top.Line, line)
		}
		if got := s.Locals(stop.Top.Id)["y"].Value; got != "42" {
			t.Errorf("y = %s", got)
		}
		if m := s.Request("exceptionInfo", map[string]any{"threadId": stop.ThreadID}); m.Success ||
			!strings.Contains(m.ErrMessage, "not stopped on an exception") {
			t.Errorf("exceptionInfo on a breakpoint stop: success %v, %q", m.Success, m.ErrMessage)
		}
		// Stepping on from breakpoint() goes on in the program, not in the hook.
		stop = s.Next(stop.ThreadID)
		if line := daptest.LineOf(t, program, "@after-breakpoint"); stop.Top.Name != "compute" || stop.Top.Line != line {
			t.Fatalf("next from breakpoint(): in %s at line %d, want compute at %d", stop.Top.Name, stop.Top.Line, line)
		}
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		if got := s.Output("stdout"); got != "42 None\nchild: True None\n" {
			t.Errorf("stdout = %q", got)
		}
	})
}
