package lineedit

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestHistoryPathFollowsXDG(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/state")
	if got := HistoryPath(); got != "/state/dapper/history" {
		t.Errorf("HistoryPath = %q", got)
	}
	t.Setenv("XDG_STATE_HOME", "relative") // ignored, as the spec says
	t.Setenv("HOME", "/home/u")
	if got := HistoryPath(); got != "/home/u/.local/state/dapper/history" {
		t.Errorf("HistoryPath = %q", got)
	}
}

func TestHistoryIsKeptAcrossLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dapper", "history")
	h := LoadHistory(path)
	for _, line := range []string{"b 5", "c", "c", "  ", "p x  "} {
		h.Add(line)
	}
	if got, want := LoadHistory(path).Lines(), []string{"b 5", "c", "p x"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reloaded history %q, want %q", got, want)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("history file mode: %v %v", st, err)
	}
}

func TestHistoryIsCutBackToTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	var b strings.Builder
	for i := 0; i < 2*historyLimit+10; i++ {
		fmt.Fprintf(&b, "p %d\n", i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := LoadHistory(path).Lines()
	if len(lines) != historyLimit || lines[len(lines)-1] != fmt.Sprintf("p %d", 2*historyLimit+9) {
		t.Errorf("kept %d lines, last %q", len(lines), lines[len(lines)-1])
	}
	if again := LoadHistory(path).Lines(); len(again) != historyLimit {
		t.Errorf("the file was not rewritten: %d lines", len(again))
	}
}
