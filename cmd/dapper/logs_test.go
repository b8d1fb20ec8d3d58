package main

import (
	"reflect"
	"testing"
)

func TestTakeLogDirTakesOnlyTheDebuggersOption(t *testing.T) {
	cases := []struct {
		args []string
		dir  string
		rest []string
	}{
		{[]string{"--log-dir", "/l", "app.py"}, "/l", []string{"app.py"}},
		{[]string{"--python", "py", "--log-dir=/l", "-b", "x:3", "app.py"}, "/l", []string{"--python", "py", "-b", "x:3", "app.py"}},
		{[]string{"app.py", "--log-dir", "/l"}, "", []string{"app.py", "--log-dir", "/l"}},
		{[]string{"-m", "pkg", "--log-dir", "/l"}, "", []string{"-m", "pkg", "--log-dir", "/l"}},
		{[]string{"--env", "--log-dir=x", "app.py"}, "", []string{"--env", "--log-dir=x", "app.py"}},
	}
	for _, c := range cases {
		dir, rest := takeLogDir(c.args)
		if dir != c.dir || !reflect.DeepEqual(rest, c.rest) {
			t.Errorf("takeLogDir(%q) = %q, %q; want %q, %q", c.args, dir, rest, c.dir, c.rest)
		}
	}
}
