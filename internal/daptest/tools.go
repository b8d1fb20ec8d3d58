package daptest

import (
	"os"
	"os/exec"
	"testing"
)

// Tool finds a program a test needs that is not Go's or Python's (a shell, an
// editor). .ci/run installs each, so in CI (CI set) a missing one fails the test;
// elsewhere the test is skipped, saying which.
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (.ci/run installs it)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}
