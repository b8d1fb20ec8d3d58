// Package daptest drives the real dapper binary over real DAP framing, for end-to-end
// tests: a Session records every message on a timeline and offers waits with
// deadlines (never sleeps), and ForEachPython runs a scenario on every CPython found.
package daptest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// MinVersion is the oldest CPython the agent supports.
var MinVersion = [2]int{3, 9}

// Python is an interpreter found on this machine.
type Python struct {
	Path         string // the real executable
	Major, Minor int
}

// Name is a subtest name such as "py3.12".
func (p Python) Name() string { return fmt.Sprintf("py%d.%d", p.Major, p.Minor) }

// AtLeast reports whether p is version major.minor or newer.
func (p Python) AtLeast(major, minor int) bool {
	return p.Major > major || (p.Major == major && p.Minor >= minor)
}

var (
	pythonsOnce sync.Once
	pythons     []Python
)

// Pythons finds every CPython >= MinVersion on PATH and under `pyenv root`, one per
// minor version (the first found wins). DAPPER_TEST_PYTHONS (a list of paths) overrides
// the search.
func Pythons() []Python {
	pythonsOnce.Do(func() { pythons = findPythons() })
	return pythons
}

func findPythons() []Python {
	var candidates []string
	if list := os.Getenv("DAPPER_TEST_PYTHONS"); list != "" {
		candidates = filepath.SplitList(list)
	} else {
		if out, err := exec.Command("pyenv", "root").Output(); err == nil {
			root := strings.TrimSpace(string(out))
			matches, _ := filepath.Glob(filepath.Join(root, "versions", "*", "bin", "python3"))
			candidates = append(candidates, matches...)
		}
		for _, name := range []string{"python3", "python"} {
			if p, err := exec.LookPath(name); err == nil {
				candidates = append(candidates, p)
			}
		}
		for minor := 9; minor <= 20; minor++ {
			if p, err := exec.LookPath(fmt.Sprintf("python3.%d", minor)); err == nil {
				candidates = append(candidates, p)
			}
		}
	}
	byVersion := map[[2]int]Python{}
	for _, c := range candidates {
		out, err := exec.Command(c, "-c",
			"import sys,platform;print(platform.python_implementation(),sys.version_info[0],sys.version_info[1],sys.executable)").Output()
		if err != nil {
			continue
		}
		var impl, exe string
		var py Python
		if _, err := fmt.Sscan(string(out), &impl, &py.Major, &py.Minor, &exe); err != nil || impl != "CPython" {
			continue
		}
		py.Path = exe
		v := [2]int{py.Major, py.Minor}
		if v[0] < MinVersion[0] || (v[0] == MinVersion[0] && v[1] < MinVersion[1]) {
			continue
		}
		if _, seen := byVersion[v]; !seen {
			byVersion[v] = py
		}
	}
	var list []Python
	for _, p := range byVersion {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].Major < list[j].Major || (list[i].Major == list[j].Major && list[i].Minor < list[j].Minor)
	})
	return list
}

// ForEachPython runs scenario as a parallel subtest on every interpreter found. It
// fails the test loudly when there is none.
func ForEachPython(t *testing.T, scenario func(t *testing.T, py Python)) {
	t.Helper()
	found := Pythons()
	if len(found) == 0 {
		t.Fatalf("no CPython >= %d.%d found on PATH or under `pyenv root`: end-to-end tests cannot run", MinVersion[0], MinVersion[1])
	}
	for _, py := range found {
		t.Run(py.Name(), func(t *testing.T) {
			t.Parallel()
			scenario(t, py)
		})
	}
}
