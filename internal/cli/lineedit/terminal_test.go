package lineedit

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestPaintKeepsTrailingNewlinesOutsideTheStyle(t *testing.T) {
	const red = "\x1b[31m"
	tm := &Terminal{color: true}
	if got, want := tm.Paint(red, "boom\n\n"), red+"boom"+reset+"\n\n"; got != want {
		t.Errorf("Paint = %q, want %q", got, want)
	}
	if got := tm.Paint(red, "\n"); got != "\n" {
		t.Errorf("Paint of a bare newline = %q", got)
	}
	tm.color = false
	if got := tm.Paint(red, "plain\n"); got != "plain\n" {
		t.Errorf("Paint without colour = %q", got)
	}
}

func TestOutputThatEndsTheLineWeEndedDoesNotLeaveABlankLine(t *testing.T) {
	screen := daptest.NewScreen(80)
	tm := &Terminal{out: screen, outFd: -1, cols: 80, atLineStart: true}
	tm.ProgramOutput("10") // the rest of its line comes later
	tm.mu.Lock()
	tm.endLine() // as a prompt does before it is drawn
	e := &editor{t: tm, prompt: Prompt{Text: "(dapper) "}}
	tm.editor = e
	e.redraw()
	tm.mu.Unlock()
	tm.ProgramOutput("\r\n20\r\n")
	if got := strings.Join(screen.Lines(), "|"); got != "10|20|(dapper) " {
		t.Errorf("screen %q, want no blank line between 10 and 20", got)
	}
}
