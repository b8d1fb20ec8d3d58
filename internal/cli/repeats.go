package cli

import (
	"regexp"
	"strings"
	"sync"
)

// repeatFilter keeps the traceback of an uncaught exception on the screen once. The
// debugger shows it when the program stops for it (pdb's post-mortem); when the user
// lets the program go on, Python prints the same traceback as the program ends. The
// program's error output that follows is held back while it is, from its start, that
// same text, and dropped once all of it has come; output that turns out to be
// something else (a handler of the program's own, atexit's words) is shown after all.
// Text is compared without colours and carriage returns (Python 3.13 colours a
// traceback on a terminal).
type repeatFilter struct {
	mu   sync.Mutex
	want string   // the text to drop, as compared; "" when there is none
	seen string   // what has come of it so far, as compared
	held []string // what has come of it, as it came
}

var controlSequence = regexp.MustCompile("\x1b\\[[0-9;?]*[A-Za-z]|\r")

func comparable(text string) string { return controlSequence.ReplaceAllString(text, "") }

// expect makes text, ending with its newline, the output to drop when it comes next.
func (f *repeatFilter) expect(text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.want, f.seen, f.held = strings.TrimRight(comparable(text), "\n")+"\n", "", nil
}

// pass takes a piece of the program's error output and returns what to show now.
func (f *repeatFilter) pass(chunk string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.want == "" {
		return chunk
	}
	seen := f.seen + comparable(chunk)
	switch {
	case seen == f.want:
		f.want, f.seen, f.held = "", "", nil // the repeat, whole: dropped
		return ""
	case strings.HasPrefix(f.want, seen):
		f.seen, f.held = seen, append(f.held, chunk)
		return ""
	}
	out := strings.Join(f.held, "") + chunk
	f.want, f.seen, f.held = "", "", nil
	return out
}

// flush gives back what is held (the program ended before the repeat was whole).
func (f *repeatFilter) flush() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := strings.Join(f.held, "")
	f.want, f.seen, f.held = "", "", nil
	return out
}
