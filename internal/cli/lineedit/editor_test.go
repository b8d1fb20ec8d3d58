package lineedit

import (
	"io"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// editing returns an editor drawing on a screen cols wide, as if at a prompt.
func editing(cols int, history ...string) (*editor, *daptest.Screen) {
	screen := daptest.NewScreen(cols)
	t := &Terminal{out: screen, outFd: -1, cols: cols, atLineStart: true}
	e := &editor{t: t, prompt: Prompt{Text: "(dapper) "}, history: history, hpos: len(history)}
	t.editor = e
	e.redraw()
	return e, screen
}

// keys presses each key decoded from raw, and returns the line if one was finished.
func keys(t *testing.T, e *editor, raw string) (string, bool, error) {
	t.Helper()
	b := []byte(raw)
	for len(b) > 0 {
		k, n := decodeKey(b)
		if n == 0 {
			t.Fatalf("incomplete key in %q", b)
		}
		b = b[n:]
		if line, done, err := e.press(k); done {
			return line, true, err
		}
	}
	return "", false, nil
}

func TestEditorKeysEditTheLine(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"print x\r", "print x"},
		{"pint\x1b[D\x1b[D\x1b[Dr\r", "print"},          // arrows, insert in the middle
		{"x = 1\x01# \r", "# x = 1"},                    // Ctrl-A, then type at the start
		{"abc\x7f\x7fz\r", "az"},                        // backspace
		{"one two three\x17\x17\r", "one "},             // Ctrl-W deletes words
		{"one two\x1b[H\x1b[3~\x0b\r", ""},              // Home, Delete, Ctrl-K
		{"keep cut\x1bb\x15\r", "cut"},                  // Alt-b, Ctrl-U
		{"héllo wörld\x1b[D\x1b[D\x7f\r", "héllo wöld"}, // runes, not bytes
		{"a\x1b[1;5Db\x1b[F c\r", "ba c"},               // Ctrl-Left, End
		{"x\x02\x06\x04y\r", "xy"},                      // Ctrl-B, Ctrl-F, Ctrl-D at the end does nothing
	} {
		e, _ := editing(80)
		line, done, err := keys(t, e, c.typed)
		if !done || err != nil || line != c.want {
			t.Errorf("typing %q gave %q (done %v, %v), want %q", c.typed, line, done, err, c.want)
		}
	}
}

func TestEditorCtrlCAbandonsAndCtrlDOnEmptyLineEnds(t *testing.T) {
	e, screen := editing(80)
	if _, done, err := keys(t, e, "half\x03"); !done || err != ErrInterrupted {
		t.Errorf("Ctrl-C: done %v, err %v", done, err)
	}
	if !strings.Contains(screen.Text(), "(dapper) half^C") {
		t.Errorf("screen:\n%s", screen.Text())
	}
	e, _ = editing(80)
	if _, done, err := keys(t, e, "\x04"); !done || err != io.EOF {
		t.Errorf("Ctrl-D: done %v, err %v", done, err)
	}
}

func TestEditorBrowsesHistoryAndKeepsTheDraft(t *testing.T) {
	e, screen := editing(80, "where", "p x")
	if line, _, _ := keys(t, e, "dra\x1b[A\x1b[A\x1b[A\x1b[B\r"); line != "p x" {
		t.Errorf("up, up, up, down: %q", line)
	}
	e, _ = editing(80, "where", "p x")
	if line, _, _ := keys(t, e, "dra\x10\x0e\r"); line != "dra" {
		t.Errorf("Ctrl-P, Ctrl-N gave %q, want the draft back", line)
	}
	if got := screen.Lines(); got[len(got)-2] != "(dapper) p x" {
		t.Errorf("screen:\n%s", screen.Text())
	}
}

func TestEditorWrapsLongLinesAndRedrawsInPlace(t *testing.T) {
	e, screen := editing(20)
	keys(t, e, strings.Repeat("x", 30)+"\x01>\x05")
	want := "(dapper) >xxxxxxxxxx\nxxxxxxxxxxxxxxxxxxxx\n"
	if got := screen.Text(); got != want {
		t.Errorf("screen:\n%q\nwant\n%q", got, want)
	}
	// Output arriving meanwhile goes above the line, which is drawn again below it.
	e.t.ProgramOutput("hello\n")
	want = "hello\n(dapper) >xxxxxxxxxx\nxxxxxxxxxxxxxxxxxxxx\n"
	if got := screen.Text(); got != want {
		t.Errorf("after output, screen:\n%q\nwant\n%q", got, want)
	}
	e.t.Message("note")
	if got := screen.Text(); !strings.HasPrefix(got, "hello\nnote\n(dapper) >x") {
		t.Errorf("after a message, screen:\n%q", got)
	}
}

func TestEditorOutputWithoutNewlineKeepsThePromptOnItsOwnLine(t *testing.T) {
	e, screen := editing(80)
	keys(t, e, "p 1")
	e.t.ProgramOutput("partial")
	if got := screen.Text(); got != "partial\n(dapper) p 1" {
		t.Errorf("screen:\n%q", got)
	}
}

func TestCtrlRFindsOlderLinesAsTheQueryGrows(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"\x12pri\r", "print total"},                       // the newest line holding "pri"
		{"\x12pri\x12\r", "print x"},                       // Ctrl-R again: an older one
		{"\x12b 1\x1b[C2\r", "b 12 if n2"},                 // an arrow leaves the search to edit the line
		{"draft\x12zzz\x07\r", "draft"},                    // Ctrl-G gives the typed line back
		{"\x12total\x7f\x7f\x7f\x7f\x7fif\r", "b 12 if n"}, // backspace takes the query back
	} {
		e, _ := editing(80, "print x", "b 12 if n", "print total", "next")
		line, done, err := keys(t, e, c.typed)
		if !done || err != nil || line != c.want {
			t.Errorf("typing %q gave %q (done %v, %v), want %q", c.typed, line, done, err, c.want)
		}
	}
}

func TestCtrlRShowsWhatItSearches(t *testing.T) {
	e, screen := editing(80, "print x", "next")
	keys(t, e, "\x12pr")
	if got := screen.Lines()[0]; got != "(reverse-i-search)`pr': print x" {
		t.Errorf("screen shows %q", got)
	}
	keys(t, e, "zz")
	if got := screen.Lines()[0]; !strings.HasPrefix(got, "(failed reverse-i-search)`przz': ") {
		t.Errorf("screen shows %q after a query nothing holds", got)
	}
}
