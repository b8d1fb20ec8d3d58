package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// logFiles reads the log files in dir whose names start with prefix.
func logFiles(t *testing.T, dir, prefix string) []string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, prefix+"*.log"))
	var texts []string
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

func TestLogDirHoldsALogPerProcessWithEveryMessage(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		dir := t.TempDir()
		s := daptest.StartAdapter(t, daptest.Editor{}, "--log-dir", dir)
		program := daptest.Testdata("breakpoint_locals.py")
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, 3)
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		s.Continue(stop.ThreadID)
		s.ExpectExit(0)
		s.Disconnect(nil)
		s.WaitClosed()
		s.CloseInput()

		adapters := logFiles(t, dir, "dapper-adapter-")
		if len(adapters) != 1 {
			t.Fatalf("%d adapter logs in %s", len(adapters), dir)
		}
		// slog's text format quotes each message's JSON.
		for _, want := range []string{`\"command\":\"initialize\"`, `\"command\":\"setBreakpoints\"`, `\"event\": \"stopped\"`,
			"peer=client", "peer=agent", "dir=in", "dir=out", `msg=launch`, `msg="program exited"`} {
			if !strings.Contains(adapters[0], want) {
				t.Errorf("the adapter's log lacks %s:\n%s", want, adapters[0])
			}
		}
		agents := logFiles(t, dir, "dapper-agent-")
		if len(agents) != 1 || !strings.Contains(agents[0], `"command": "configurationDone"`) ||
			!strings.Contains(agents[0], `"event": "stopped"`) {
			t.Errorf("agent logs: %q", agents)
		}
	})
}

func TestDapperLogDirLogsTheTerminalDebugger(t *testing.T) {
	py := daptest.Pythons()[0]
	dir := t.TempDir()
	t.Setenv("DAPPER_LOG_DIR", dir)
	tr := runScript(t, py, "c\n", "testdata/hello.py")
	if tr.status != 0 {
		t.Fatalf("status %d\n%s", tr.status, tr.stderr)
	}
	if debug := logFiles(t, dir, "dapper-debug-"); len(debug) != 1 || !strings.Contains(debug[0], `\"command\":\"launch\"`) {
		t.Errorf("debug logs: %q", debug)
	}
	if agents := logFiles(t, dir, "dapper-agent-"); len(agents) != 1 {
		t.Errorf("%d agent logs", len(agents))
	}
	flagDir := t.TempDir()
	tr = runScript(t, py, "c\n", "--log-dir", flagDir, "testdata/hello.py")
	if tr.status != 0 || len(logFiles(t, flagDir, "dapper-debug-")) != 1 {
		t.Errorf("--log-dir: status %d, logs %q\n%s", tr.status, logFiles(t, flagDir, ""), tr.stderr)
	}
}
