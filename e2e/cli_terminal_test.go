package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// The terminal debugger, `dapper debug`, driven through a pseudo-terminal as a person
// would drive it, checking what the screen shows.

// step runs one step of a terminal session as a subtest, so that a failure names the
// step; the session ends at the first step that fails, since the ones after it would
// start from the wrong place.
func step(t *testing.T, term *daptest.Terminal, name string, body func(t *testing.T)) {
	t.Helper()
	ok := t.Run(name, func(t *testing.T) {
		defer term.Bind(t)()
		body(t)
	})
	if !ok {
		t.FailNow()
	}
}

func startDebug(t *testing.T, env []string, py daptest.Python, args ...string) *daptest.Terminal {
	t.Helper()
	env = append([]string{"XDG_STATE_HOME=" + t.TempDir(), "NO_COLOR="}, env...)
	return daptest.StartTerminal(t, daptest.RepoRoot(), env, append([]string{"debug", "--python", py.Path}, args...)...)
}

// command types a command and Enter, then waits for each of want in turn and for the
// next prompt.
func command(t *testing.T, term *daptest.Terminal, typed string, want ...string) {
	t.Helper()
	term.Type(typed + "\r")
	for _, w := range want {
		term.Expect(w)
	}
	term.Expect("(dapper) ")
}

func TestDebugSessionInATerminal(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "examples/quickstart.py")
		term.Expect("> examples/quickstart.py(")
		term.Expect("<module>()")
		term.Expect("(dapper) ")

		step(t, term, "break", func(t *testing.T) {
			command(t, term, "b 25", "Breakpoint 1 at examples/quickstart.py:25")
		})
		step(t, term, "continue", func(t *testing.T) {
			command(t, term, "c", "> examples/quickstart.py(25)main()\n-> counts = word_counts(TEXT)")
		})
		step(t, term, "step", func(t *testing.T) {
			command(t, term, "s", "> examples/quickstart.py(13)word_counts()\n-> counts = {}")
		})
		step(t, term, "break in a loop", func(t *testing.T) {
			command(t, term, "b 15", "Breakpoint 2 at examples/quickstart.py:15")
			command(t, term, "c", "> examples/quickstart.py(15)word_counts()\n-> counts[word] = counts.get(word, 0) + 1")
		})
		step(t, term, "print", func(t *testing.T) {
			term.Type("p word\r")
			term.Expect("p word\n'the'\n(dapper) ")
		})
		step(t, term, "next", func(t *testing.T) {
			command(t, term, "n", "> examples/quickstart.py(14)word_counts()\n-> for word in text.split():")
		})
		step(t, term, "where", func(t *testing.T) {
			command(t, term, "where", "where\n"+
				"  examples/quickstart.py(31)<module>()\n-> main()\n"+
				"  examples/quickstart.py(25)main()\n-> counts = word_counts(TEXT)\n"+
				"> examples/quickstart.py(1", ")word_counts()\n-> ")
		})
		step(t, term, "list", func(t *testing.T) {
			term.Type("l\r")
			seen := term.Expect("(dapper) ")
			if !regexp.MustCompile(`\n 15 B(->|  ) +counts\[word\] = counts.get\(word, 0\) \+ 1\n`).MatchString(seen) {
				t.Errorf("the listing does not mark the breakpoint at line 15:\n%s", seen)
			}
			if !regexp.MustCompile(`\n 1[45] .-> `).MatchString(seen) {
				t.Errorf("the listing does not mark the current line:\n%s", seen)
			}
		})
		step(t, term, "up and down", func(t *testing.T) {
			command(t, term, "u", "> examples/quickstart.py(25)main()\n-> counts = word_counts(TEXT)")
			command(t, term, "d", ")word_counts()")
		})
		step(t, term, "return", func(t *testing.T) {
			command(t, term, "cl 2", "Deleted breakpoint 2 at examples/quickstart.py:15") // else the loop's breakpoint stops it first
			// pdb's return: it stops at the return itself, with the value...
			command(t, term, "r", "--Return--\n> examples/quickstart.py(16)word_counts()->{'the': 4, ", "-> return counts")
			// ...and the next step is in the caller, on the line of the call.
			command(t, term, "n", "> examples/quickstart.py(25)main()")
		})
		step(t, term, "clear and continue to the end", func(t *testing.T) {
			term.Type("cl\r")
			term.Expect("Clear all breaks? ") // pdb asks first
			command(t, term, "y", "Deleted breakpoint 1 at examples/quickstart.py:25")
			command(t, term, "c", "   the 4\n   dog 2\n   fox 2\n", "The program exited with code 0.")
		})
		step(t, term, "quit", func(t *testing.T) {
			term.Type("q\r")
			term.ExpectExit(0)
		})
		if !strings.Contains(string(term.Raw()), "\x1b[1;32m->") {
			t.Errorf("no colour on a terminal: the current line's arrow is not green")
		}
	})
}

func TestDebugBadCommandsSayWhatIsWrong(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, []string{"NO_COLOR=1"}, py, "testdata/breakpoint_locals.py")
		term.Expect("<module>()")
		term.Expect("(dapper) ")
		for _, c := range []struct{ typed, want string }{
			{"b nosuch.py:3", "*** break: no file named nosuch.py"},
			{"b 1000", "Breakpoint 1 at testdata/breakpoint_locals.py:1000 (not bound: "},
			{"thread 42", "*** thread: there is no thread 42"},
			{"ignore", "*** ignore: want NUMBER [COUNT]"},
			{"list abc", `*** list: "abc" is not a line number`},
			{"up", "*** Oldest frame"},
			{"help nosuch", `*** help: no command "nosuch"`},
			{"disable 7", "*** disable: there is no breakpoint 7"},
		} {
			term.Type(c.typed + "\r")
			term.Expect(c.typed + "\n" + c.want)
			term.Expect("(dapper) ")
		}
		term.Type("frobnicate\r")
		term.Expect("frobnicate\n*** NameError: name 'frobnicate' is not defined")
		term.Expect("(dapper) ")
		term.Type("where\r")
		term.Expect("> testdata/breakpoint_locals.py(1)<module>()")
		term.Type("q\r")
		term.ExpectExit(0)
		if sgr := regexp.MustCompile("\x1b\\[[0-9;]*m").Find(term.Raw()); sgr != nil {
			t.Errorf("NO_COLOR is set, yet dapper wrote the colour sequence %q", sgr)
		}
	})
}

func TestDebugCtrlCPausesARunningProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "--no-stop-on-entry", "testdata/cli_busy.py")
		term.Expect("spinning")
		term.Type("\x03")
		term.Expect("Program paused")
		term.Expect("cli_busy.py(")
		term.Expect("(dapper) ")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugTabCompletesCommandsAndNames(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "-b", "testdata/breakpoint_locals.py:9", "testdata/breakpoint_locals.py")
		term.Expect("(dapper) ")
		term.Type("whe\t") // "wh" could be whatis too
		term.Expect("where ")
		term.Type("\r")
		term.Expect("<module>()")
		term.Expect("(dapper) ")
		term.Type("c\r")
		term.Expect("(9)main()")
		term.Expect("(dapper) ")
		term.Type("p gree\t")
		term.Expect("p greeting")
		term.Type("\x15")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}

func TestDebugHistoryCarriesOverToTheNextRun(t *testing.T) {
	py := daptest.Pythons()
	if len(py) == 0 {
		t.Fatal("no CPython found")
	}
	state := t.TempDir()
	env := []string{"XDG_STATE_HOME=" + state}
	first := startDebug(t, env, py[0], "testdata/hello.py")
	first.Expect("(dapper) ")
	first.Type("where\r")
	first.Expect("<module>()")
	first.Type("q\r")
	first.ExpectExit(0)
	saved, err := os.ReadFile(filepath.Join(state, "dapper", "history"))
	if err != nil || string(saved) != "where\nq\n" {
		t.Fatalf("history file = %q (%v), want the two commands typed", saved, err)
	}

	second := startDebug(t, env, py[0], "testdata/hello.py")
	second.Expect("(dapper) ")
	second.Type("\x1b[A\x1b[A\r") // up twice: "where"
	second.Expect("where\n> testdata/hello.py(1)<module>()")
	second.Type("q\r")
	second.ExpectExit(0)
}

func TestDebugOutputAtThePromptDoesNotGarbleIt(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		term := startDebug(t, nil, py, "-b", "testdata/cli_ticker.py:8", "--no-stop-on-entry", "testdata/cli_ticker.py")
		term.Expect("> testdata/cli_ticker.py(8)<module>()")
		term.Expect("(dapper) ")
		term.Type("wher")
		term.Expect("tick 3\n")
		term.Expect("(dapper) wher") // drawn again below the output
		lines := strings.Split(term.Screen(), "\n")
		if last := lines[len(lines)-1]; last != "(dapper) wher" {
			t.Errorf("the line being typed is not intact below the output: %q\n%s", last, term.Screen())
		}
		var ticks []string
		for _, l := range lines {
			if regexp.MustCompile(`tick \d`).MatchString(l) {
				ticks = append(ticks, l)
			}
		}
		if strings.Join(ticks, ",") != "tick 1,tick 2,tick 3" {
			t.Errorf("the output is mixed with the prompt: %q\n%s", ticks, term.Screen())
		}
		term.Type("e\r")
		term.Expect("> testdata/cli_ticker.py(8)<module>()")
		term.Type("c\r")
		term.Expect("ticker done")
		term.Expect("The program exited with code 0.")
		term.Type("q\r")
		term.ExpectExit(0)
	})
}
