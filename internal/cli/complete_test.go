package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCompleteFileOffersPythonFilesAndDirectories(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"app.py", "apple.txt", "api/x.py", ".hidden.py"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, got := completeFile(dir, "ap"); !reflect.DeepEqual(got, []string{"api/", "app.py:"}) {
		t.Errorf("ap: %q", got)
	}
	if _, got := completeFile(dir, "api/"); !reflect.DeepEqual(got, []string{"api/x.py:"}) {
		t.Errorf("api/: %q", got)
	}
	if _, got := completeFile(dir, "app.py:1"); got != nil {
		t.Errorf("after the colon: %q", got)
	}
}

func TestCompleterOffersCommandsForTheFirstWord(t *testing.T) {
	d := &Debugger{prog: &program{state: finished}}
	complete := d.completer()
	start, got := complete("  th", 4)
	if start != 2 || !reflect.DeepEqual(got, []string{"thread ", "threads "}) {
		t.Errorf("completing th: %d %q", start, got)
	}
	start, got = complete("help unti", 9)
	if start != 5 || !reflect.DeepEqual(got, []string{"until"}) {
		t.Errorf("completing help unti: %d %q", start, got)
	}
	if _, got = complete("p x", 3); got != nil {
		t.Errorf("an expression without a stopped program: %q", got)
	}
}
