package cli

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseOptionsTargetEndsTheOptions(t *testing.T) {
	for _, c := range []struct {
		args []string
		want Options
	}{
		{[]string{"app.py"}, Options{Program: "app.py"}},
		{[]string{"app.py", "-v", "--cwd", "x"}, Options{Program: "app.py", Args: []string{"-v", "--cwd", "x"}}},
		{[]string{"-m", "pkg.mod", "--flag"}, Options{Module: "pkg.mod", Args: []string{"--flag"}}},
		{[]string{"-c", "print(1)", "a"}, Options{Code: "print(1)", Args: []string{"a"}}},
		{[]string{"--python", "py3", "--cwd=/tmp", "--env", "A=1", "--env", "B=x=y", "app.py"},
			Options{Program: "app.py", Python: "py3", Cwd: "/tmp", Env: []string{"A=1", "B=x=y"}}},
		{[]string{"--", "-weird.py", "arg"}, Options{Program: "-weird.py", Args: []string{"arg"}}},
		{[]string{"-b", "app.py:3", "-b", "lib.py:7:x[1:2] == 3", "app.py"}, Options{Program: "app.py",
			Breakpoints: []BreakpointSpec{{File: "app.py", Line: 3}, {File: "lib.py", Line: 7, Condition: "x[1:2] == 3"}}}},
	} {
		got, err := ParseOptions(c.args)
		if err != nil {
			t.Errorf("ParseOptions(%q): %v", c.args, err)
			continue
		}
		c.want.JustMyCode, c.want.StopOnEntry = true, true
		if got.Args == nil {
			got.Args = nil
		}
		if len(got.Args) == 0 {
			got.Args = nil
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseOptions(%q)\n got %+v\nwant %+v", c.args, got, c.want)
		}
	}
}

func TestParseOptionsSwitches(t *testing.T) {
	got, err := ParseOptions([]string{"--no-just-my-code", "--no-stop-on-entry", "app.py"})
	if err != nil || got.JustMyCode || got.StopOnEntry {
		t.Errorf("got %+v, %v", got, err)
	}
	args := got.launchArguments("internalConsole")
	if args["program"] != "app.py" || args["justMyCode"] != false || args["stopOnEntry"] != false {
		t.Errorf("launch arguments %v", args)
	}
}

func TestParseOptionsRejectsBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "no program given"},
		{[]string{"--frobnicate", "app.py"}, "unknown option --frobnicate"},
		{[]string{"--python"}, "option --python needs a value"},
		{[]string{"--env", "NOEQUALS", "app.py"}, `--env "NOEQUALS": want KEY=VALUE`},
		{[]string{"-b", "app.py", "app.py"}, `-b "app.py": want FILE:LINE`},
		{[]string{"-b", "app.py:0", "app.py"}, `is not a line number`},
	} {
		_, err := ParseOptions(c.args)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseOptions(%q) = %v, want an error with %q", c.args, err, c.want)
		}
	}
}

func TestSplitShellWordsKeepsQuotedWords(t *testing.T) {
	got, err := splitShellWords(`one "two words" 'it''s' a\ b "say \"hi\"" ''`)
	want := []string{"one", "two words", "its", "a b", `say "hi"`, ""}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	if _, err := splitShellWords(`"open`); err == nil {
		t.Errorf("an unclosed quote gave no error")
	}
}
