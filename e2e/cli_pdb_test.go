package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// The pdb habits of `dapper debug`, typed as a pdb user types them.

const habits = "testdata/cli_pdb_habits.py"

// habitLine is the line of cli_pdb_habits.py that holds marker.
func habitLine(t *testing.T, marker string) int {
	t.Helper()
	return daptest.LineOf(t, daptest.Testdata("cli_pdb_habits.py"), marker)
}

// startHabits runs cli_pdb_habits.py to the line holding marker.
func startHabits(t *testing.T, py daptest.Python, marker string) *daptest.Terminal {
	t.Helper()
	term := startDebug(t, nil, py, "--no-stop-on-entry", "-b", fmt.Sprintf("%s:%d", habits, habitLine(t, marker)), habits)
	term.Expect(fmt.Sprintf("> %s(%d)main()", habits, habitLine(t, marker)))
	term.Expect("(dapper) ")
	return term
}

func TestDebugACommandWordThatIsPythonIsPython(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, "n = 4")
		command(t, term, "p n", "p n\n4\n")
		command(t, term, "c = 1")
		command(t, term, "r = []")
		command(t, term, "r.append(c)")
		command(t, term, "a = r + [n]")
		command(t, term, "a[1]", "a[1]\n4\n")
		command(t, term, "n 4", "*** next takes no arguments")
		command(t, term, "c foo", "*** continue takes no arguments")
		// None of them moved the program.
		command(t, term, "where", fmt.Sprintf("> %s(%d)main()", habits, habitLine(t, "@main-start")))
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugMultiLineStatementsGoOnUntilABlankLine(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		term.Type("for i in items:\r")
		term.Expect("...   ")
		term.Type("    print(i * 10)\r")
		term.Expect("...   ")
		command(t, term, "", "10\n20\n30\n")
		term.Type("def twice(x):\r")
		term.Expect("...   ")
		// An indented "return" is the function's, not pdb's return command.
		term.Type("    return x * 2\r")
		term.Expect("...   ")
		command(t, term, "")
		command(t, term, "twice(21)", "twice(21)\n42\n")
		term.Type("values = [1,\r")
		term.Expect("...   ")
		command(t, term, "  2]") // closed brackets end it
		command(t, term, "p values", "p values\n[1, 2]\n")
		command(t, term, "where", fmt.Sprintf("> %s(%d)main()", habits, habitLine(t, "@main-start")))
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugJumpFollowsPdbsRules(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, fmt.Sprintf("j %d", habitLine(t, "@loop")), "*** jump: cannot jump to line")
		command(t, term, "u")
		command(t, term, fmt.Sprintf("j %d", habitLine(t, "@for")), "*** jump: you can only jump within the bottom frame")
		command(t, term, "d")
		command(t, term, "n") // total = 0
		command(t, term, fmt.Sprintf("j %d", habitLine(t, "@for")), fmt.Sprintf("> %s(%d)main()\n-> for item in items:", habits, habitLine(t, "@for")))
		command(t, term, "c", "total 12 [1, 2, 3]", "The program exited with code 0.")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugReturnStopsAtTheReturnWithTheValue(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@loop")
		command(t, term, "s", ")double()")
		command(t, term, "r", "--Return--\n", fmt.Sprintf("(%d)double()->2\n-> return result", habitLine(t, "@double-return")))
		command(t, term, "rv", "rv\n2\n")
		command(t, term, "p $_retval * 10, $_frame.f_code.co_name", "(20, 'double')")
		command(t, term, "n", fmt.Sprintf("> %s(%d)main()", habits, habitLine(t, "@loop")))
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugBreakpointCommandsRunAtEachStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, fmt.Sprintf("b %d", habitLine(t, "@loop")), "Breakpoint 2 at")
		term.Type("commands\r")
		term.Expect("(com) ")
		term.Type("silent\r")
		term.Expect("(com) ")
		term.Type("p item * 100\r")
		term.Expect("(com) ")
		command(t, term, "c") // resuming ends the list
		term.Type("c\r")
		seen := term.Expect("The program exited with code 0.")
		if !strings.Contains(seen, "100\n200\n300\n") || strings.Contains(seen, ")main()") {
			t.Errorf("the silent commands did not print 100, 200, 300 alone:\n%s", seen)
		}
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugAliasesWhatisSourceInteract(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startHabits(t, py, "@main-start")
		command(t, term, "alias pl p len(%1)")
		command(t, term, "alias both p %*")
		command(t, term, "pl items", "pl items\n3\n")
		command(t, term, "both items, len(items)", "([1, 2, 3], 3)")
		command(t, term, "alias", "both = p %*\npl = p len(%1)")
		command(t, term, "unalias pl")
		command(t, term, "alias pl", "*** alias: pl is not an alias")
		command(t, term, "whatis double", "Function double")
		command(t, term, "whatis items", "<class 'list'>")
		command(t, term, "source double", fmt.Sprintf("%3d", habitLine(t, "@double-return")-2), "def double(x):", "return result")
		command(t, term, "debug double(1)", "*** debug: not available")
		term.Type("interact\r")
		term.Expect("*interactive*")
		term.Expect(">>> ")
		term.Type("sum(items)\r")
		term.Expect("6\n>>> ")
		term.Type("\x04")
		term.Expect("(dapper) ")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}
