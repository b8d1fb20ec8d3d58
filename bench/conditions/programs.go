package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dapper-debugger/dapper/bench"
)

// hotMarker starts the comment that marks a program's hot line: `# bench: hot if COND`
// in a workload, `# bench: hot NAME if COND` in hot_loop.py, COND never holding there.
const hotMarker = "# bench: hot"

// program is a Python program with its hot line: the line where the breakpoint goes.
type program struct {
	name      string
	path      string
	args      []string
	line      int
	condition string // false on every pass
}

// kind is a breakpoint on the hot line, as setBreakpoints gives it.
type kind struct {
	name string
	bp   func(p program) map[string]any
}

var kinds = []kind{
	{"condition", func(p program) map[string]any { return map[string]any{"line": p.line, "condition": p.condition} }},
	{"hit %1000", func(p program) map[string]any { return map[string]any{"line": p.line, "hitCondition": "%1000"} }},
	{"logpoint %1000", func(p program) map[string]any {
		return map[string]any{"line": p.line, "hitCondition": "%1000", "logMessage": "hit"}
	}},
}

// programs are the workloads of bench/workloads and the loops of hot_loop.py.
func programs(dir string) ([]program, error) {
	workloads, err := bench.Workloads()
	if err != nil {
		return nil, err
	}
	var out []program
	for _, w := range workloads {
		p, err := hotLine(program{name: w.Name, path: w.Path}, "")
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	for _, loop := range []struct {
		name string
		n    int
	}{{"tight", 2_000_000}, {"typical", 1_000_000}} {
		p := program{name: loop.name, path: filepath.Join(dir, "hot_loop.py"), args: []string{loop.name, strconv.Itoa(loop.n)}}
		if p, err = hotLine(p, loop.name); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// hotLine finds p's hot line (the one marked for name, if given) and its condition.
func hotLine(p program, name string) (program, error) {
	data, err := os.ReadFile(p.path)
	if err != nil {
		return p, err
	}
	prefix := strings.TrimSpace(hotMarker + " " + name)
	for i, line := range strings.Split(string(data), "\n") {
		_, comment, ok := strings.Cut(line, prefix+" if ")
		if ok && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			p.line, p.condition = i+1, strings.TrimSpace(comment)
			return p, nil
		}
	}
	return p, fmt.Errorf("%s has no line marked %q", p.path, prefix+" if CONDITION")
}
