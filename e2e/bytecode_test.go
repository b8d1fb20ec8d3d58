package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// Under PYTHONDONTWRITEBYTECODE the agent is compiled into dapper's cache once, not
// from source at every start, and the program's own modules still get no bytecode.
func TestTheAgentIsCompiledOnceUnderDontWriteBytecode(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		cache := t.TempDir()
		src := t.TempDir()
		if err := os.WriteFile(filepath.Join(src, "sibling.py"), []byte("NAME = 'sibling'\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		s := daptest.StartCommand(t, "/usr/bin/env", "XDG_CACHE_HOME="+cache, "PYTHONDONTWRITEBYTECODE=1",
			daptest.Binary(t), "adapter")
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("bytecode_setting.py"), "args": []string{src}})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		fields := strings.Fields(s.Output("stdout"))
		if len(fields) != 3 || fields[0] != "sibling" || fields[1] != "True" {
			t.Fatalf("the program printed %q; want sibling, True and its cache tag", s.Output("stdout"))
		}
		tag := fields[2]
		agents, _ := filepath.Glob(filepath.Join(cache, "dapper", "agent-*", "dapper_agent", "__pycache__", "agent."+tag+".pyc"))
		if len(agents) != 1 {
			t.Errorf("no compiled agent for %s in the cache: %v", tag, agents)
		}
		if _, err := os.Stat(filepath.Join(src, "__pycache__")); !os.IsNotExist(err) {
			t.Errorf("the program's own module was compiled to bytecode (stat: %v)", err)
		}
	})
}
