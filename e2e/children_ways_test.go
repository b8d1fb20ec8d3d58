package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// Every way a Python program starts Python children: each child is debugged in a
// session of its own, from its first line (or, forked, from the fork's return).

func TestPoolWorkersStopInTheirOwnSessionsWithEveryStartMethod(t *testing.T) {
	program := child("pool.py")
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, method := range []string{"spawn", "forkserver", "fork"} {
			t.Run(method, func(t *testing.T) {
				s := daptest.StartEditor(t, daptest.Editor{StartDebugging: true, ChildStops: true,
					ChildBreakpoints: map[string][]int{program: {daptest.LineOf(t, program, "@pool-stop")}}})
				launch := s.Launch(py, map[string]any{"program": program, "args": []string{method}})
				s.ConfigurationDone(launch)
				// The first two stops hold a task each: they are the two workers, stopped at once.
				var seen []string
				first, a := s.NextChildStop()
				second, b := s.NextChildStop()
				if first == second {
					t.Fatalf("both stops came in one child session")
				}
				for _, stopped := range []struct {
					c    *daptest.Session
					stop daptest.Stop
				}{{first, a}, {second, b}} {
					seen = append(seen, stopped.c.Locals(stopped.stop.Top.Id)["x"].Value)
				}
				first.Continue(a.ThreadID)
				second.Continue(b.ThreadID)
				for range 2 {
					c, stop := s.NextChildStop()
					if c != first && c != second {
						t.Errorf("a stop in a third child session: the pool has two workers")
					}
					seen = append(seen, c.Locals(stop.Top.Id)["x"].Value)
					c.Continue(stop.ThreadID)
				}
				s.ExpectExit(0)
				slices.Sort(seen)
				if !slices.Equal(seen, []string{"1", "2", "3", "4"}) {
					t.Errorf("the workers stopped with x = %v", seen)
				}
				if out := s.Output("stdout"); out != "squares [1, 4, 9, 16]\n" {
					t.Errorf("stdout = %q, stderr = %q", out, s.Output("stderr"))
				}
			})
		}
	})
}

func TestAForkedChildStopsInItsOwnSessionAndTheParentInItsOwn(t *testing.T) {
	program := child("forks.py")
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, daptest.Editor{StartDebugging: true,
			ChildBreakpoints: map[string][]int{program: {daptest.LineOf(t, program, "@fork-child")}}})
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, daptest.LineOf(t, program, "@fork-parent"))
		s.ConfigurationDone(launch)
		parent := s.WaitForStop()
		if parent.Top.Line != daptest.LineOf(t, program, "@fork-parent") {
			t.Fatalf("the parent stopped at %s", parent.Where())
		}
		c := s.Child()
		stop := c.WaitForStop()
		if stop.Top.Line != daptest.LineOf(t, program, "@fork-child") {
			t.Fatalf("the child stopped at %s", stop.Where())
		}
		// Each stands alone: the parent's threads are not the child's.
		if threads := c.Threads(); len(threads) != 1 || threads[0].Id != stop.ThreadID {
			t.Errorf("the child's threads: %+v", threads)
		}
		// The child's exit code is what its parent's wait returns, once the parent runs on.
		c.Continue(stop.ThreadID)
		s.Continue(parent.ThreadID)
		c.ExpectExit(5)
		s.ExpectExit(0)
		expectOutputLines(t, s, "in the child", "the child exited with 5")
		if stderr := s.Output("stderr"); stderr != "" {
			t.Errorf("stderr = %q", stderr)
		}
	})
}

func TestAnExecdInterpreterIsDebuggedInAChildSession(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, editorOf(t, false))
		launch := s.Launch(py, map[string]any{"program": child("execs.py")})
		s.ConfigurationDone(launch)
		c := s.Child()
		stop := expectWorkerStop(t, c, "4")
		c.ContinueToExit(stop.ThreadID, 3) // the launched process's own exit code: it is the child now
		s.ExpectExit(3)
		expectOutputLines(t, s, "exec", "child result 8")
	})
}

func TestPythonStartedFromAShellScriptIsDebuggedInAChildSession(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, editorOf(t, false))
		launch := s.Launch(py, map[string]any{"program": child("from_shell.py")})
		s.ConfigurationDone(launch)
		c := s.Child()
		stop := expectWorkerStop(t, c, "5")
		c.Continue(stop.ThreadID)
		s.ExpectExit(0)
		expectOutputLines(t, s, "from sh", "child result 10", "sh saw 3", "sh exit code 0")
		if out := s.Output("stdout"); strings.Index(out, "child result 10") > strings.Index(out, "sh saw 3") {
			t.Errorf("stdout = %q: sh saw its child end before the child wrote", out)
		}
	})
}

func TestTheChildOfADapperRunProgramIsDebuggedInAChildSession(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		run, addr := daptest.StartRun(t, nil, "--listen", "127.0.0.1:0", "--wait-for-client", "--python", py.Path,
			child("run_subprocess.py"))
		s := daptest.ConnectEditor(t, addr, editorOf(t, false))
		s.ConfigurationDone(s.Attach(connectTo(t, addr)))
		c := s.Child()
		stop := expectWorkerStop(t, c, "21")
		c.ContinueToExit(stop.ThreadID, 3)
		run.ExpectExit(0)
		run.WaitStdout("child result 42\nchild exit code 3\n") // the terminal's, as without the debugger
	})
}

func TestTheChildOfADapperRunConnectProgramJoinsTheListeningAdapter(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.StartEditor(t, editorOf(t, false))
		s.Initialize()
		attach := s.Send("attach", map[string]any{"listen": map[string]any{"port": 0}})
		addr := waitingAt(t, s)
		run, _ := daptest.StartRun(t, nil, "--connect", addr, "--wait-for-client", "--python", py.Path, child("run_subprocess.py"))
		s.WaitEvent("initialized")
		s.ConfigurationDone(attach)
		c := s.Child()
		stop := expectWorkerStop(t, c, "21")
		c.ContinueToExit(stop.ThreadID, 3) // it descends from the program, whose agent reaps it
		run.ExpectExit(0)
		run.WaitStdout("child result 42\nchild exit code 3\n")
	})
}
