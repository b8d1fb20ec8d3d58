package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestMain(m *testing.M) { daptest.Main(m) }

// flagToken is a flag as usage texts write it: "--port", "-b", "[--host".
var flagToken = regexp.MustCompile(`(?:^|[\s\[(|])(--?[a-z][a-z-]*)\b`)

// usageFlags are the flags a usage text names.
func usageFlags(text string) []string {
	var flags []string
	for _, m := range flagToken.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(flags, m[1]) && m[1] != "-h" && m[1] != "--help" {
			flags = append(flags, m[1])
		}
	}
	slices.Sort(flags)
	return flags
}

func tableFlags(c command) []string {
	var flags []string
	for _, f := range c.flags {
		flags = append(flags, f.name)
	}
	slices.Sort(flags)
	return flags
}

func TestEachCommandsUsageNamesTheFlagsOfTheTable(t *testing.T) {
	for _, c := range commands {
		if c.usage == nil {
			continue
		}
		if got, want := usageFlags(c.usage()), tableFlags(c); !slices.Equal(got, want) {
			t.Errorf("dapper %s --help names %q; the command table has %q", c.name, got, want)
		}
	}
}

func TestHelpNamesEveryCommandAndFlag(t *testing.T) {
	var out bytes.Buffer
	if err := runHelp(nil, &out); err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		if !strings.Contains(out.String(), "\n  "+c.name) {
			t.Errorf("dapper help does not list %s", c.name)
		}
		for _, f := range c.flags {
			if !strings.Contains(out.String(), "      "+strings.TrimSpace(f.name+" "+f.value)) {
				t.Errorf("dapper help does not list %s's %s", c.name, f.name)
			}
		}
	}
}

// TestEveryCommandAnswersHelp runs the binary: each command of the table is one the
// binary knows, and its --help is the text `dapper help COMMAND` prints.
func TestEveryCommandAnswersHelp(t *testing.T) {
	bin := daptest.Binary(t)
	for _, c := range commands {
		if c.name == "help" {
			continue
		}
		got, err := exec.Command(bin, c.name, "--help").Output()
		if err != nil {
			t.Errorf("dapper %s --help: %v", c.name, err)
			continue
		}
		viaHelp, err := exec.Command(bin, "help", c.name).Output()
		if err != nil || string(got) != c.usage() || string(viaHelp) != c.usage() {
			t.Errorf("dapper %s --help printed\n%s\ndapper help %s printed\n%s\nwant\n%s", c.name, got, c.name, viaHelp, c.usage())
		}
	}
	out, err := exec.Command(bin, "help", "nonsense").CombinedOutput()
	if err == nil || !strings.Contains(string(out), `unknown command "nonsense"`) {
		t.Errorf("dapper help nonsense: %v\n%s", err, out)
	}
}

// shell finds a shell for a completion test (CI installs every one).
func shell(t *testing.T, name string) string { t.Helper(); return daptest.Tool(t, name) }

func completionScript(t *testing.T, sh string) string {
	t.Helper()
	var out bytes.Buffer
	if err := runCompletion([]string{sh}, &out); err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/dapper." + sh
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCompletionScriptsParseAndNameEverything: each script is valid for its shell
// (-n reads without running) and names every command and flag of the table.
func TestCompletionScriptsParseAndNameEverything(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			path := completionScript(t, sh)
			if out, err := exec.Command(shell(t, sh), "-n", path).CombinedOutput(); err != nil {
				t.Fatalf("%s -n: %v\n%s", sh, err, out)
			}
			script, _ := os.ReadFile(path)
			for _, c := range commands {
				if !strings.Contains(string(script), c.name) {
					t.Errorf("the %s script does not name %s", sh, c.name)
				}
				for _, f := range c.flags {
					name := f.name
					if sh == "fish" { // complete -l port, -s b
						name = strings.TrimLeft(f.name, "-")
					}
					if !strings.Contains(string(script), name) {
						t.Errorf("the %s script does not name %s's %s", sh, c.name, f.name)
					}
				}
			}
		})
	}
	if err := runCompletion([]string{"powershell"}, &bytes.Buffer{}); err == nil {
		t.Error("dapper completion powershell: no error")
	}
}
