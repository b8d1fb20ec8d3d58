package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// debianPython is the distribution's own interpreter, whose sitecustomize.py is a
// symlink into /etc. The daptest list keeps one Python per minor version (pyenv's may
// win), so this scenario names it.
const debianPython = "/usr/bin/python3.11"

func TestRaisedFilterDoesNotStopInDebiansSitecustomize(t *testing.T) {
	link := filepath.Join("/usr/lib/python3.11", "sitecustomize.py")
	if target, err := os.Readlink(link); err != nil || !filepath.IsAbs(target) {
		t.Skipf("this scenario needs Debian's %s with %s a symlink (readlink: %q, %v)", debianPython, link, target, err)
	}
	if _, err := os.Stat(debianPython); err != nil {
		t.Skipf("this scenario needs Debian's %s: %v", debianPython, err)
	}
	s := daptest.Start(t)
	launch := s.Launch(daptest.Python{Path: debianPython, Major: 3, Minor: 11}, map[string]any{"program": daptest.Testdata("hello.py")})
	s.SetExceptionBreakpoints(map[string]any{"filters": []string{"raised"}})
	s.ConfigurationDone(launch)
	if stop, stopped := s.WaitForStopOrExit(); stopped {
		t.Fatalf("stopped in library code with justMyCode on: %s", stop.Where())
	}
	s.WaitEvent("terminated")
	wantStdout(t, s, "hello, world\n")
}
