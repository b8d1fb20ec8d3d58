package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

// An adapter killed outright cannot end what it launched: the agent sees its
// connection drop and ends the program, child and all.
func TestKilledAdapterTakesItsLaunchedProgramWithIt(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startForever(t, s, py)
		s.KillAdapter()
		expectGone(t, pids)
	})
}

// The same at a breakpoint: the program's threads are suspended in the agent.
func TestKilledAdapterEndsAProgramStoppedAtABreakpoint(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		s.StopAt(py, daptest.Testdata("sleep_loop.py"), "time.sleep(0.05)", nil)
		pid := programPid(t, s)
		s.KillAdapter()
		expectGone(t, []int{pid})
	})
}

// programPid is the pid the process event announced.
func programPid(t *testing.T, s *daptest.Session) int {
	t.Helper()
	var body godap.ProcessEventBody
	if err := json.Unmarshal(s.WaitEvent("process").Body, &body); err != nil || body.SystemProcessId == 0 {
		t.Fatalf("process event: %v %+v", err, body)
	}
	return body.SystemProcessId
}

// A program the client let go (disconnect, terminateDebuggee false) runs on after the
// adapter has gone: its agent was told, and the dropped connection does not end it.
func TestProgramLetGoOutlivesItsAdapter(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		dir := t.TempDir()
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("runs_on.py"), "args": []string{dir}})
		s.ConfigurationDone(launch)
		s.WaitForOutput("waiting")
		s.Disconnect(map[string]any{"terminateDebuggee": false})
		s.WaitClosed()
		s.WaitAdapterExit()
		if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			if _, err := os.Stat(filepath.Join(dir, "went")); err == nil {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("the program did not answer: it ended with its adapter")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// A child in a session of its own is still the program's: it ends with the program,
// whether the client terminates it or the adapter is killed.
func TestAChildThatLeftTheProcessGroupEndsWithTheProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		t.Run("terminate", func(t *testing.T) {
			s := daptest.Start(t)
			pids := startReportingPids(t, s, py, "forever_detached_child.py")
			s.MustRequest("terminate", nil, nil)
			s.WaitEvent("terminated")
			expectGone(t, pids)
		})
		t.Run("killed adapter", func(t *testing.T) {
			s := daptest.Start(t)
			pids := startReportingPids(t, s, py, "forever_detached_child.py")
			s.KillAdapter()
			expectGone(t, pids)
		})
	})
}
