package cli

import (
	"strings"
	"sync"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

func TestConsoleRunsTheCommandOnATerminalAndPassesKeys(t *testing.T) {
	var mu sync.Mutex
	var shown strings.Builder
	c, err := startConsole(godap.RunInTerminalRequestArguments{
		Kind: "integrated", Cwd: t.TempDir(),
		Args: []string{"sh", "-c", `test -t 0 && printf 'name? ' && read name && echo "hello $name from $GREETER"`},
		Env:  map[string]any{"GREETER": "the terminal", "HOME": nil},
	}, func(text string) {
		mu.Lock()
		shown.WriteString(text)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if c.pid <= 0 {
		t.Fatalf("pid %d", c.pid)
	}
	output := func() string { mu.Lock(); defer mu.Unlock(); return shown.String() }
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(output(), "name? "); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no prompt from the program (its stdin is not a terminal?): %q", output())
		}
	}
	c.Write([]byte("world\r"))
	select {
	case <-c.drained:
	case <-time.After(10 * time.Second):
		t.Fatalf("the program's output did not end: %q", output())
	}
	if !strings.Contains(output(), "hello world from the terminal") {
		t.Errorf("the program's output: %q", output())
	}
}

func TestMergeEnvAddsReplacesAndRemoves(t *testing.T) {
	got := mergeEnv([]string{"A=1", "B=2", "C=3"}, map[string]any{"B": "two", "C": nil, "D": "4"})
	want := map[string]bool{"A=1": true, "B=two": true, "D=4": true}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for _, kv := range got {
		if !want[kv] {
			t.Errorf("got %q", got)
		}
	}
}
