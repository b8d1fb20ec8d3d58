package cli

import "testing"

const shownTraceback = "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nKeyError: 'port'"

func TestRepeatFilterDropsTheTracebackPythonPrintsAgain(t *testing.T) {
	var f repeatFilter
	f.expect(shownTraceback)
	var shown string
	for _, chunk := range []string{"Traceback (most recent call last):\r\n", "  File \"x.py\", line 1, in <module>\n", "\x1b[1;35mKeyError\x1b[0m: 'port'\n"} {
		shown += f.pass(chunk)
	}
	if shown != "" {
		t.Errorf("the repeat was shown: %q", shown)
	}
	if got := f.pass("later output\n"); got != "later output\n" {
		t.Errorf("output after the repeat: %q", got)
	}
}

func TestRepeatFilterShowsOutputThatIsSomethingElse(t *testing.T) {
	var f repeatFilter
	f.expect(shownTraceback)
	if got := f.pass("Traceback (most recent call last):\n"); got != "" {
		t.Errorf("the start of the repeat was shown at once: %q", got)
	}
	if got := f.pass("my own handler says hi\n"); got != "Traceback (most recent call last):\nmy own handler says hi\n" {
		t.Errorf("diverging output: %q", got)
	}
	f.expect(shownTraceback)
	f.pass("Traceback")
	if got := f.flush(); got != "Traceback" {
		t.Errorf("flush gave %q", got)
	}
}
