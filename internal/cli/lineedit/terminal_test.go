package lineedit

import "testing"

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
