package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// completionDir is a directory with a Python file, another file and a subdirectory.
func completionDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"app.py", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// bashComplete asks the bash script what it offers for words (the last one is the
// word under the cursor), split as bash splits a command line for completion.
func bashComplete(t *testing.T, script, dir string, words ...string) []string {
	t.Helper()
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + w + "'"
	}
	cmd := exec.Command(shell(t, "bash"), "-c", `source "$1"; COMP_WORDS=(`+strings.Join(quoted, " ")+`)
COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _dapper; printf '%s\n' "${COMPREPLY[@]}"`, "bash", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash completion of %q: %v", words, err)
	}
	got := strings.Fields(string(out))
	slices.Sort(got)
	return got
}

func TestBashCompletionOffersWhatEachPositionTakes(t *testing.T) {
	script, dir := completionScript(t, "bash"), completionDir(t)
	cases := []struct {
		words []string
		want  []string
	}{
		{[]string{"dapper", "a"}, []string{"adapter", "agent-path"}},
		{[]string{"dapper", "adapter", "--"}, []string{"--host", "--log-dir", "--port"}},
		{[]string{"dapper", "run", "--w"}, []string{"--wait-for-client"}},
		{[]string{"dapper", "completion", ""}, []string{"bash", "fish", "zsh"}},
		{[]string{"dapper", "help", "ad"}, []string{"adapter"}},
		{[]string{"dapper", "debug", ""}, []string{"app.py", "pkg"}},
		{[]string{"dapper", "debug", "--cwd", ""}, []string{"pkg"}},
		{[]string{"dapper", "debug", "--python", "python3"}, nil}, // checked below: commands
		{[]string{"dapper", "run", "--listen", "127.0.0.1", ":", "5678", ""}, []string{"app.py", "pkg"}},
		// After the program (or -m MODULE) every word is the program's: any file, no flags.
		{[]string{"dapper", "debug", "-m", "pkg", ""}, []string{"app.py", "notes.txt", "pkg"}},
		{[]string{"dapper", "run", "--listen", "5678", "app.py", "--"}, nil},
		{[]string{"dapper", "adapter", "--port", ""}, nil},
	}
	for _, c := range cases {
		got := bashComplete(t, script, dir, c.words...)
		if c.words[len(c.words)-1] == "python3" {
			if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "python3") }) {
				t.Errorf("%q: offered %q, no python3 command", c.words, got)
			}
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: offered %q, want %q", c.words, got, c.want)
		}
	}
}

func TestFishCompletionOffersCommandsFlagsAndValues(t *testing.T) {
	fish := shell(t, "fish")
	script, dir := completionScript(t, "fish"), completionDir(t)
	complete := func(line string) []string {
		cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, line)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("fish completion of %q: %v", line, err)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if candidate, _, _ := strings.Cut(l, "\t"); candidate != "" {
				got = append(got, candidate)
			}
		}
		slices.Sort(got)
		return got
	}
	cases := []struct {
		line string
		want []string
	}{
		{"dapper a", []string{"adapter", "agent-path"}},
		{"dapper adapter --", []string{"--host", "--log-dir", "--port"}},
		{"dapper completion ", []string{"bash", "fish", "zsh"}},
		{"dapper debug -", []string{"--cwd", "--env", "--log-dir", "--no-just-my-code", "--no-stop-on-entry", "--python", "-b", "-c", "-m"}},
		{"dapper debug --cwd ", []string{"pkg/"}},
	}
	for _, c := range cases {
		if got := complete(c.line); !slices.Equal(got, c.want) {
			t.Errorf("%q: offered %q, want %q", c.line, got, c.want)
		}
	}
	if got := complete("dapper run "); !slices.Contains(got, "app.py") {
		t.Errorf(`"dapper run ": offered %q, want the program files`, got)
	}
}
