package e2e

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// The dask scenario runs on Debian's Python (debianPython) with Debian's
// python3-distributed, which .ci/run installs.

func TestADaskTaskStopsInTheWorkerThatRunsIt(t *testing.T) {
	if out, err := exec.Command(debianPython, "-c", "import distributed").CombinedOutput(); err != nil {
		t.Skipf("%s has no dask.distributed (apt-get install python3-distributed; .ci/run installs it): %v\n%s",
			debianPython, err, out)
	}
	program := child("dask_task.py")
	line := daptest.LineOf(t, program, "@dask-stop")
	s := daptest.StartEditor(t, daptest.Editor{StartDebugging: true, ChildBreakpoints: map[string][]int{program: {line}}})
	launch := s.Launch(daptest.Python{Path: debianPython, Major: 3, Minor: 11}, map[string]any{"program": program, "subProcessTimeout": 30})
	s.SetBreakpoints(program, line) // as an editor sets it in every session: the task is pickled by value with it
	s.ConfigurationDone(launch)
	worker := s.Child()
	stop := worker.WaitForStop()
	if stop.Top.Line != line || stop.Top.Name != "square" {
		t.Fatalf("the worker stopped at %s", stop.Where())
	}
	if x := worker.Locals(stop.Top.Id)["x"].Value; x != "7" {
		t.Errorf("x = %s in the worker", x)
	}
	worker.Continue(stop.ThreadID)
	s.ExpectExit(0)
	if out := s.Output("stdout"); !strings.Contains(out, "result 49\n") {
		t.Errorf("stdout = %q, stderr = %q", out, s.Output("stderr"))
	}
}
