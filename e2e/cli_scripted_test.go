package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// `dapper debug` with its commands on standard input (not a terminal): a script.

// transcript is what a scripted run of dapper debug printed, and how it ended.
type transcript struct {
	stdout, stderr string
	status         int
}

// runScript runs `dapper debug --python PY ARGS` in the repository with script on
// its standard input, and waits (bounded) for it to exit.
func runScript(t *testing.T, py daptest.Python, script string, args ...string) transcript {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), daptest.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, daptest.Binary(t), append([]string{"debug", "--python", py.Path}, args...)...)
	cmd.Dir = daptest.RepoRoot()
	cmd.Stdin = strings.NewReader(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("dapper debug did not exit within %s\nstdout:\n%s\nstderr:\n%s", daptest.Timeout, stdout.String(), stderr.String())
	}
	tr := transcript{stdout: stdout.String(), stderr: stderr.String()}
	if err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			tr.status = exit.ExitCode()
		} else {
			t.Fatalf("running dapper debug: %v", err)
		}
	}
	return tr
}

// expectInOrder checks that each piece appears in the transcript, after the one before.
func (tr transcript) expectInOrder(t *testing.T, pieces ...string) {
	t.Helper()
	rest := tr.stdout
	for _, p := range pieces {
		i := strings.Index(rest, p)
		if i < 0 {
			t.Fatalf("%q is missing (or out of order) in the transcript:\n%s\nstderr:\n%s", p, tr.stdout, tr.stderr)
		}
		rest = rest[i+len(p):]
	}
}

func TestDebugScriptedFromStdinEndsAtEndOfInput(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		// No "q": the end of input ends the session, as it does in pdb.
		tr := runScript(t, py, "b 3\nc\nargs\nwhere\np number\nc\n", "testdata/breakpoint_locals.py")
		if tr.status != 0 {
			t.Fatalf("status %d\n%s\n%s", tr.status, tr.stdout, tr.stderr)
		}
		tr.expectInOrder(t,
			"> testdata/breakpoint_locals.py(1)<module>()\n-> def double(number):\n",
			"(dapper) b 3\nBreakpoint 1 at testdata/breakpoint_locals.py:3\n",
			"(dapper) c\n> testdata/breakpoint_locals.py(3)double()\n-> return result\n",
			"(dapper) args\nnumber = 21\n",
			"(dapper) where\n  testdata/breakpoint_locals.py(12)<module>()\n-> main()\n"+
				"  testdata/breakpoint_locals.py(8)main()\n-> value = double(21)\n"+
				"> testdata/breakpoint_locals.py(3)double()\n-> return result\n",
			"(dapper) p number\n21\n",
			"(dapper) c\nhi 42\nThe program exited with code 0.",
		)
		if strings.Contains(tr.stdout, "\x1b[") {
			t.Errorf("colour or cursor sequences on a standard output that is not a terminal:\n%q", tr.stdout)
		}
	})
}

func TestDebugBadExpressionIsReported(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		tr := runScript(t, py, "b 3\nc\np number +\np no_such_name\nargs\nq\n", "testdata/breakpoint_locals.py")
		if tr.status != 0 {
			t.Fatalf("status %d\n%s\n%s", tr.status, tr.stdout, tr.stderr)
		}
		tr.expectInOrder(t,
			"(dapper) p number +\n*** ", "SyntaxError",
			"(dapper) p no_such_name\n*** ", "NameError", "no_such_name",
			"(dapper) args\nnumber = 21\n", // the session goes on
		)
	})
}

func TestDebugProgramThatDoesNotExist(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		tr := runScript(t, py, "c\n", "testdata/no_such_program.py")
		if tr.status != 1 {
			t.Errorf("status %d, want 1", tr.status)
		}
		if !strings.Contains(tr.stderr, `dapper: launch: program "testdata/no_such_program.py" does not exist`) {
			t.Errorf("stderr does not say the program is missing:\n%s", tr.stderr)
		}
	})
	t.Run("python", func(t *testing.T) {
		tr := runScript(t, daptest.Python{Path: "/no/such/python3"}, "c\n", "testdata/hello.py")
		if tr.status != 1 || !strings.Contains(tr.stderr, `python "/no/such/python3" not found`) {
			t.Errorf("status %d, stderr:\n%s", tr.status, tr.stderr)
		}
	})
}

func TestDebugIgnoreTbreakAndDisable(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		script := "b 5\nignore 1 2\nc\nargs\ndisable 1\ntbreak 6\nc\nargs\nb\nc\nq\n"
		tr := runScript(t, py, script, "testdata/cli_loop.py")
		tr.expectInOrder(t,
			"(dapper) ignore 1 2\nWill ignore next 2 crossings of breakpoint 1.\n",
			"(dapper) c\n> testdata/cli_loop.py(5)visit()\n-> total = i * 10\n",
			"(dapper) args\ni = 2\n",
			"(dapper) disable 1\nDisabled breakpoint 1 at testdata/cli_loop.py:5\n",
			"(dapper) tbreak 6\nTemporary breakpoint 2 at testdata/cli_loop.py:6\n",
			"(dapper) c\nDeleted breakpoint 2 at testdata/cli_loop.py:6\n> testdata/cli_loop.py(6)visit()\n",
			"(dapper) args\ni = 2\n",
			"(dapper) b\nNum Type         Disp Enb   Where\n1   breakpoint   keep no    at testdata/cli_loop.py:5\n"+
				"\tbreakpoint already hit 3 times\n",
			"(dapper) c\ndone\nThe program exited with code 0.",
		)
	})
}

func TestDebugBreakpointConditionFromTheCommandLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		tr := runScript(t, py, "args\nc\n", "-b", "testdata/cli_loop.py:5:i == 3", "--no-stop-on-entry", "testdata/cli_loop.py")
		tr.expectInOrder(t, "> testdata/cli_loop.py(5)visit()\n", "(dapper) args\ni = 3\n", "done\n")
	})
}

func TestDebugUntilRunsPastTheLoop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		tr := runScript(t, py, "b 10\nc\ncl 1\nuntil\nwhere\nq\n", "testdata/cli_loop.py")
		tr.expectInOrder(t, "> testdata/cli_loop.py(10)<module>()\n",
			"(dapper) until\n> testdata/cli_loop.py(11)<module>()\n-> print(\"done\")\n")
	})
}

func TestDebugDisplayShowsChanges(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		tr := runScript(t, py, "b 5\nc\ndisplay i\nc\nq\n", "testdata/cli_loop.py")
		tr.expectInOrder(t, "(dapper) display i\ndisplay i: 0\n",
			"(dapper) c\n> testdata/cli_loop.py(5)visit()\n-> total = i * 10\ndisplay i: 1  [old: 0]\n")
	})
}

func TestDebugUncaughtExceptionIsPostMortem(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		tr := runScript(t, py, "c\nwhere\nc\n", "testdata/uncaught.py")
		tr.expectInOrder(t, "(dapper) c\n", "ValueError: boom", "post-mortem",
			"> testdata/uncaught.py(2)fail()\n-> raise ValueError(\"boom\")\n",
			"(dapper) where\n", "> testdata/uncaught.py(2)fail()\n",
			"The program exited with code 1.")
	})
}

func TestDebugListsCodeThatHasNoFile(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		line := daptest.LineOf(t, daptest.Testdata("generated_code.py"), "@call-generated")
		script := fmt.Sprintf("b %d\nc\ns\nl\nq\n", line)
		tr := runScript(t, py, script, "--no-just-my-code", "testdata/generated_code.py")
		tr.expectInOrder(t, "(dapper) s\n> <generated>(2)generated()\n-> return n + 1\n",
			"(dapper) l\n  1    \tdef generated(n):\n  2  ->\t    return n + 1\n")
	})
}

func TestDebugScriptedProgramReadsAnEmptyInput(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		// The script's lines are the debugger's: the program's standard input is empty.
		tr := runScript(t, py, "c\nworld\nc\n", "testdata/cli_asks_for_input.py")
		tr.expectInOrder(t, "EOFError", "post-mortem", "(dapper) world\n*** NameError", "The program exited with code 1.")
	})
}
