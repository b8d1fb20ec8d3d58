package cli

import (
	"strings"
	"testing"
)

func TestClassifyTellsCommandsFromPython(t *testing.T) {
	for _, c := range []struct{ line, command, arg, python, err string }{
		{line: "n", command: "next"},
		{line: "n = 4", python: "n = 4"},
		{line: "n=4", python: "n=4"},
		{line: "c = 1", python: "c = 1"},
		{line: "c += 1", python: "c += 1"},
		{line: "r.append(1)", python: "r.append(1)"},
		{line: "a[0]", python: "a[0]"},
		{line: "a", command: "args"},
		{line: "n + 1", python: "n + 1"},
		{line: "s, t = 1, 2", python: "s, t = 1, 2"},
		{line: "p = 3", python: "p = 3"},
		{line: "p x", command: "print", arg: "x"},
		{line: "p(x)", command: "print", arg: "(x)"},
		{line: "p (1, 2)", command: "print", arg: "(1, 2)"},
		{line: "pp! big", command: "pp", arg: "! big"},
		{line: "p x == 2", command: "print", arg: "x == 2"},
		{line: "u 2", command: "up", arg: "2"},
		{line: "u * 2", python: "u * 2"},
		{line: "l .", command: "list", arg: "."},
		{line: "b 12, x > 1", command: "break", arg: "12, x > 1"},
		{line: "!n", python: "n"},
		{line: "n 4", err: "next takes no arguments"},
		{line: "c foo", err: "continue takes no arguments"},
		{line: "total", python: "total"},
		{line: "for i in x:", python: "for i in x:"},
	} {
		cmd, arg, python, err := classify(c.line)
		name := ""
		if cmd != nil {
			name = cmd.names[0]
		}
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.line, err, c.err)
			}
		case err != nil || name != c.command || arg != c.arg || python != c.python:
			t.Errorf("%q: command %q arg %q python %q (%v); want command %q arg %q python %q",
				c.line, name, arg, python, err, c.command, c.arg, c.python)
		}
	}
}

func TestAliasesTakeTheirArguments(t *testing.T) {
	d := &Debugger{aliases: map[string]string{
		"pl": "p len(%1)", "both": "p %1, %2", "all": "pp [%*]", "ll2": "pl %1",
		"loop": "loop",
	}}
	for _, c := range []struct{ line, want, err string }{
		{line: "pl items", want: "p len(items)"},
		{line: "both a b", want: "p a, b"},
		{line: "all 1 2 3", want: "pp [1 2 3]"},
		{line: "ll2 xs", want: "p len(xs)"},
		{line: "both a", err: "not enough arguments"},
		{line: "pl a b", err: "too many arguments"},
		{line: "loop", err: "without end"},
		{line: "n", want: "n"},
	} {
		got, err := d.expandAlias(c.line)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: %q, %v; want error %q", c.line, got, err, c.err)
			}
		} else if err != nil || got != c.want {
			t.Errorf("%q: %q, %v; want %q", c.line, got, err, c.want)
		}
	}
}

func TestEditDistanceCountsEdits(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"double", "dubble", 2}, {"calc", "cacl", 2}, {"", "abc", 3}, {"same", "same", 0}, {"kitten", "sitting", 3}} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
