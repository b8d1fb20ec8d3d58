package e2e

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// tokenLike is what the agent's token looks like: 48 hex digits.
var tokenLike = regexp.MustCompile(`^[0-9a-f]{48}$`)

// Any local user can read a process's command line in /proc; only its owner can read
// its environment. Under the bootstrap (-S, -I, -E switch the start-up hook off) the
// token must not be on the command line, and the program is debugged all the same.
func TestTheTokenIsNotOnTheCommandLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		for _, flag := range []string{"-I", "-S", "-E"} {
			t.Run(flag, func(t *testing.T) {
				s := daptest.Start(t)
				program := daptest.Testdata("hello.py")
				launch := s.Launch(py, map[string]any{"program": program, "pythonArgs": []string{flag}})
				s.SetBreakpoints(program, 1)
				s.ConfigurationDone(launch)
				stop := s.WaitForStop()
				cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", programPid(t, s)))
				if err != nil {
					t.Fatal(err)
				}
				for _, arg := range bytes.Split(cmdline, []byte{0}) {
					if tokenLike.Match(arg) {
						t.Errorf("the command line holds the token: %q", bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}))
					}
				}
				s.Continue(stop.ThreadID)
				s.ExpectExit(0)
			})
		}
	})
}
