package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestDebugPostMortemShowsTheChainAndTheTracebackOnce(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "--no-stop-on-entry", "testdata/chained_exception.py")
		term.Expect("Uncaught exception: post-mortem")
		term.Expect("(dapper) ")
		command(t, term, "exceptions", "  0 KeyError('port')\n> 1 RuntimeError('no port configured')")
		command(t, term, "exceptions 0", "> testdata/chained_exception.py(2)load()")
		command(t, term, "p type($_exception).__name__", "'RuntimeError'")
		command(t, term, "c", "The program exited with code 1.")
		if n := strings.Count(term.Screen(), "RuntimeError: no port configured"); n != 1 {
			t.Errorf("the traceback's last line is on the screen %d times, want once:\n%s", n, term.Screen())
		}
		if py.AtLeast(3, 13) && !strings.Contains(term.Screen(), "    start({})\n    ~~~~~^^^^\n") {
			t.Errorf("the traceback has no carets under the call in <module>:\n%s", term.Screen())
		}
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugReadsPdbrcFromHomeThenTheCurrentDirectory(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		home, work := t.TempDir(), t.TempDir()
		program := daptest.Testdata("cli_pdb_habits.py")
		rc := map[string]string{
			home: "# aliases first\nalias pl p len(%1)\n",
			work: fmt.Sprintf("b %s:%d\nc\n", program, habitLine(t, "@main-start")),
		}
		for dir, text := range rc {
			if err := os.WriteFile(filepath.Join(dir, ".pdbrc"), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		env := []string{"HOME=" + home, "XDG_STATE_HOME=" + t.TempDir(), "NO_COLOR="}
		term := daptest.StartTerminal(t, work, env, "debug", "--python", py.Path, program)
		term.Expect(fmt.Sprintf("(%d)main()", habitLine(t, "@main-start")))
		term.Expect("(dapper) ")
		command(t, term, "pl items", "pl items\n3\n")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugRestartTakesNewArguments(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "--no-stop-on-entry", "testdata/argv_env.py", "first")
		term.Expect("argv ['first']")
		term.Expect("(dapper) ")
		command(t, term, `restart one "two words"`, "Restarting testdata/argv_env.py", "argv ['one', 'two words']")
		command(t, term, "restart", "Restarting", "argv ['one', 'two words']") // kept for the next restart
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugCtrlRSearchesTheHistory(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, "p items")
		command(t, term, "where")
		term.Type("\x12p it")
		term.Expect("`p it': p items") // after "(reverse-i-search)", drawn over the prompt
		term.Type("\r")
		term.Expect("[1, 2, 3]\n(dapper) ")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugCtrlCInABlockingCallSaysSoThenInterruptsIt(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "--no-stop-on-entry", "testdata/cli_blocking.py")
		term.Expect("sleeping")
		// Both at once, as a user who means it presses them: the second comes before a
		// pause could be reported for the sleeping thread.
		term.Type("\x03\x03")
		term.Expect("Pausing... (Ctrl-C again interrupts a call that blocks")
		term.Expect("Interrupting the program (KeyboardInterrupt)")
		term.Expect("Program paused")
		term.Expect("(dapper) ")
		command(t, term, "c", "interrupted\ndone\n", "The program exited with code 0.")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugBreakpointsSayWhenTheyCannotStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, "b dubble", "*** break: testdata/cli_pdb_habits.py defines no function dubble; did you mean double?")
		command(t, term, "b json.dumps", "it never stops: it is not in your code", "--no-just-my-code")
		command(t, term, "b not_yet_defined", "not bound: not_yet_defined is not defined yet")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugPrintAndPrettyPrintCutAlike(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, "p list(range(2000))", "(2000 items)", `(cut at 1000 characters; "p! list(range(2000))" prints all of it)`)
		command(t, term, "pp list(range(2000))", " 184,\n... (12889 characters)\n", `(cut at 1000 characters; "pp! list(range(2000))" prints all of it)`)
		term.Type("p! list(range(2000))\r")
		if seen := term.Expect("1999]\n(dapper) "); strings.Contains(seen, "cut at") {
			t.Errorf("p! cut the value:\n%s", seen)
		}
		command(t, term, "pp! list(range(2000))", " 1999]\n")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugProgramReadsWhatIsTypedWhileItRuns(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "--no-stop-on-entry", "testdata/cli_asks_for_input.py")
		term.Expect("name? ")
		term.Type("world\r")
		term.Expect("hello world")
		term.Expect("The program exited with code 0.")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugTasksSaysWhereEachTaskWaits(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		line := daptest.LineOf(t, daptest.Testdata("async_tasks.py"), "@main-stop")
		term := startDebug(t, nil, py, "--no-stop-on-entry", "-b", fmt.Sprintf("testdata/async_tasks.py:%d", line), "testdata/async_tasks.py")
		term.Expect("(dapper) ")
		command(t, term, "tasks", "Task-1: running", "worker-0: waiting in ", "get() at queues.py:", "worker-1: waiting in ")
		command(t, term, "await compute(2)", "await compute(2)\n4\n")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}
