package cli

import "testing"

func TestPaintKeepsTrailingNewlinesOutsideTheStyle(t *testing.T) {
	tm := &Terminal{color: true}
	if got, want := tm.paint(styleRed, "boom\n\n"), styleRed+"boom"+styleReset+"\n\n"; got != want {
		t.Errorf("paint = %q, want %q", got, want)
	}
	if got := tm.paint(styleRed, "\n"); got != "\n" {
		t.Errorf("paint of a bare newline = %q", got)
	}
	tm.color = false
	if got := tm.paint(styleRed, "plain\n"); got != "plain\n" {
		t.Errorf("paint without colour = %q", got)
	}
}
