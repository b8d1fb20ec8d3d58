package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestEvaluateAwaitsInACoroutineAndWithoutALoop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("async_tasks.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, s.LineOf(program, "@before-loop"), s.LineOf(program, "@main-stop"))
		s.ConfigurationDone(launch)

		stop := s.WaitForStop() // module code: no event loop in this thread
		if got := s.Evaluate(stop.Top.Id, "await asyncio.sleep(0, 'no loop needed')", "repl", nil).Result; got != "'no loop needed'" {
			t.Errorf("await without a loop: %s", got)
		}
		s.Continue(stop.ThreadID)

		stop = s.WaitForStop() // inside main(), a coroutine its loop is running
		at(t, stop, program, "main", "@main-stop")
		frame := stop.Top.Id
		if got := s.Evaluate(frame, "await compute(21)", "repl", nil).Result; got != "42" {
			t.Errorf("await compute(21) = %s, want 42", got)
		}
		if got := s.Evaluate(frame, "await compute(len(waiting))", "watch", nil).Result; got != "4" {
			t.Errorf("a watch that awaits: %s, want 4", got)
		}
		if got := s.Evaluate(frame, "queue = await asyncio.sleep(0, queue)\nqueue.qsize()", "repl", nil).Result; got != "0" {
			t.Errorf("statements with await, then an expression: %s", got)
		}
		// The program's own tasks belong to the loop this thread stopped: they cannot run.
		if msg := s.EvaluateFails(frame, "await waiting[0]", "repl"); !strings.Contains(msg, "event loop is stopped") {
			t.Errorf("awaiting the program's task: %q, want it to say the loop is stopped", msg)
		}
		s.ContinueToExit(stop.ThreadID, 0)
		wantStdout(t, s, "[('w0', 21), ('w1', 21)]\n")
	})
}

func TestAsyncTasksScopeShowsWhereEachTaskWaits(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("async_tasks.py")
		s, stop := startAt(t, py, program, "@main-stop", nil)
		ref := s.ScopeRef(stop.Top.Id, "Async tasks")
		if ref == 0 {
			t.Fatalf("no Async tasks scope: %+v", s.Scopes(stop.Top.Id))
		}
		tasks := s.ChildrenByName(ref, nil)
		if main := tasks["Task-1"]; !strings.HasPrefix(main.Value, "running") {
			t.Errorf("the main task: %q, want it marked running", main.Value)
		}
		worker, ok := tasks["worker-0"]
		line := s.LineOf(program, "@worker-wait")
		if !ok || !strings.HasPrefix(worker.Value, "waiting in ") || !strings.Contains(worker.Value, "get() at queues.py") {
			t.Fatalf("worker-0: %+v (all: %+v), want it waiting in the queue's get", worker, tasks)
		}
		frames := s.Children(worker.VariablesReference, nil)
		var outer daptest.Value
		for _, f := range frames {
			if f.Value == fmt.Sprintf("worker() at async_tasks.py:%d", line) {
				outer = f
			}
		}
		if outer.VariablesReference == 0 {
			t.Fatalf("worker-0's coroutine stack %+v has no worker() frame at line %d", frames, line)
		}
		if name := s.ChildrenByName(outer.VariablesReference, nil)["name"]; name.Value != "'w0'" {
			t.Errorf("worker-0's locals: name = %q, want 'w0'", name.Value)
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}
