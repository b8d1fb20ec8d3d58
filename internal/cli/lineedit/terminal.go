// Package lineedit is the terminal debugger's keyboard and screen: a line editor with
// history and Tab completion, and a Terminal that lets output from other goroutines
// (the program's, the debugger's) appear while a line is being typed without mixing
// the two.
//
// golang.org/x/term has a Terminal with a line editor, and it was not enough:
//   - its ReadLine answers Ctrl-C with io.EOF, the answer it gives to Ctrl-D on an
//     empty line and to the end of input, so a caller cannot tell "abandon this line"
//     from "end the session"; pdb's habit is that Ctrl-C gives a fresh prompt and only
//     Ctrl-D (or the end of a script) ends the session;
//   - its completion hook, AutoCompleteCallback, may only hand back a replacement line
//     and cursor position: it has no notion of candidates, so it cannot show the list
//     a second Tab shows in a shell or in pdb (Python's readline).
//
// This editor also asks the screen's width at every redraw (x/term must be told it
// with SetSize), and reads Ctrl-arrows, Alt-b, Alt-f and Alt-d, which x/term does not.
package lineedit

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"
)

// Terminal is the user's side of the debugger: every write to the screen goes through
// it, from any goroutine. The program's output can arrive while a line is being
// edited; the edited line is then taken off the screen, the output written, and the
// line drawn again below it, so the two never mix.
type Terminal struct {
	in     *os.File
	out    io.Writer
	outFd  int
	inTTY  bool
	outTTY bool
	color  bool
	cols   int // the screen's width when it cannot be asked (tests)

	lines *bufio.Reader // input when it is not a terminal

	keysOnce sync.Once
	keys     chan []byte // what the keyboard sent, read by one goroutine (see keyboard)

	mu          sync.Mutex
	atLineStart bool
	brokeLine   bool        // we ended a line of the program's that it had not ended yet
	raw         *term.State // saved mode while in raw mode
	editor      *editor     // the line being edited, if any
	pending     []byte      // keys read but not used by the last edited line
}

// NewTerminal wraps the process's standard input and output.
func NewTerminal(in *os.File, out *os.File) *Terminal {
	t := &Terminal{
		in:          in,
		out:         out,
		outFd:       int(out.Fd()),
		inTTY:       term.IsTerminal(int(in.Fd())),
		outTTY:      term.IsTerminal(int(out.Fd())),
		atLineStart: true,
	}
	t.color = t.outTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	if !t.inTTY {
		t.lines = bufio.NewReader(in)
	}
	return t
}

// Interactive reports whether a person is typing: commands are edited with history
// and completion only then.
func (t *Terminal) Interactive() bool { return t.inTTY && t.outTTY }

// width is the number of columns of the screen.
func (t *Terminal) width() int {
	if w, _, err := term.GetSize(t.outFd); err == nil && w > 0 {
		return w
	}
	if t.cols > 0 {
		return t.cols
	}
	return 80
}

// ProgramOutput shows text the program wrote, as it arrived.
func (t *Terminal) ProgramOutput(text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.brokeLine { // the program ends the line we ended for it: once is enough
		text = strings.TrimPrefix(strings.TrimPrefix(text, "\r"), "\n")
	}
	t.interrupt(func() {
		t.write(text)
		t.brokeLine = false
	})
}

// endLine ends the line the cursor is on, if it has text. Called with t.mu held.
func (t *Terminal) endLine() {
	if !t.atLineStart {
		t.write("\n")
		t.brokeLine = true
	}
}

// Echoed notes that the terminal itself echoed something (the "^C" of an interrupt)
// after our last write, so the next message starts on a new line.
func (t *Terminal) Echoed() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.inTTY && t.outTTY {
		t.atLineStart = false
	}
}

// Message shows the debugger's own text, starting on a line of its own and ending
// with a newline.
func (t *Terminal) Message(text string) {
	if text == "" {
		return
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.interrupt(func() {
		t.endLine()
		t.write(text)
	})
}

// interrupt runs show with the edited line (if any) off the screen, then draws the
// line again on a fresh line. Called with t.mu held.
func (t *Terminal) interrupt(show func()) {
	e := t.editor
	if e == nil {
		show()
		return
	}
	e.erase()
	show()
	t.endLine()
	e.redraw()
}

// write puts text on the screen; in raw mode a newline needs its carriage return.
// Called with t.mu held.
func (t *Terminal) write(text string) {
	if text == "" {
		return
	}
	if t.raw != nil {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
	}
	_, _ = io.WriteString(t.out, text)
	t.atLineStart = strings.HasSuffix(text, "\n")
}

// Paint styles text when colour is on (style as in Prompt). Trailing newlines stay
// outside the style, so that the screen still knows a line has ended.
func (t *Terminal) Paint(style, text string) string {
	body := strings.TrimRight(text, "\n")
	if !t.color || style == "" || body == "" {
		return text
	}
	return style + body + reset + text[len(body):]
}

// Restore leaves raw mode, if the terminal is in it. Safe from any goroutine.
func (t *Terminal) Restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.leaveRaw()
}

func (t *Terminal) enterRaw() error {
	state, err := term.MakeRaw(int(t.in.Fd()))
	if err != nil {
		return err
	}
	t.raw = state
	return nil
}

func (t *Terminal) leaveRaw() {
	if t.raw != nil {
		_ = term.Restore(int(t.in.Fd()), t.raw)
		t.raw = nil
	}
}

// keyboard is what the user types, in chunks as they were read; it is closed at the end
// of input. One goroutine reads the terminal for the whole session, so that keys go
// where they are wanted at the moment they arrive (the line editor, or the program
// while it runs: see Relay), not to whoever was blocked in a read since before.
func (t *Terminal) keyboard() <-chan []byte {
	t.keysOnce.Do(func() {
		t.keys = make(chan []byte, 16)
		go func() {
			defer close(t.keys)
			for {
				buf := make([]byte, 1024)
				n, err := t.in.Read(buf)
				if n > 0 {
					t.keys <- buf[:n]
				}
				if err != nil {
					return
				}
			}
		}()
	})
	return t.keys
}

// Relay sends what the user types to w (the program's terminal) until stop is
// closed, with the terminal in raw mode so that every key goes on as typed; keys
// typed ahead of a prompt that were not used go first. Ctrl-C is not passed on: it
// calls interrupt. Relay returns at the end of input, too.
func (t *Terminal) Relay(w io.Writer, interrupt func(), stop <-chan struct{}) {
	if !t.Interactive() {
		<-stop
		return
	}
	keys := t.keyboard()
	t.mu.Lock()
	raw := t.raw == nil && t.enterRaw() == nil
	ahead := t.pending
	t.pending = nil
	t.mu.Unlock()
	if raw {
		defer t.Restore()
	}
	forward := func(chunk []byte) {
		for len(chunk) > 0 {
			i := bytes.IndexByte(chunk, ctrlC)
			if i < 0 {
				_, _ = w.Write(chunk)
				return
			}
			if i > 0 {
				_, _ = w.Write(chunk[:i])
			}
			interrupt()
			chunk = chunk[i+1:]
		}
	}
	forward(ahead)
	for {
		select {
		case <-stop: // first: a key typed once the program stood still is the prompt's
			return
		default:
		}
		select {
		case chunk, ok := <-keys:
			if !ok {
				return
			}
			forward(chunk)
		case <-stop:
			return
		}
	}
}

// ErrInterrupted is ReadLine's answer to Ctrl-C: the line was abandoned.
var ErrInterrupted = errors.New("interrupted")

// ReadLine shows prompt and returns the line typed, without its newline. It returns
// io.EOF at the end of input (or Ctrl-D on an empty line) and ErrInterrupted when the
// line was abandoned with Ctrl-C. Without a terminal, lines are read as they come and
// echoed after the prompt, so that a transcript reads like a session.
func (t *Terminal) ReadLine(prompt Prompt, history *History, complete Completer) (string, error) {
	if !t.Interactive() {
		return t.readPlainLine(prompt)
	}
	return t.edit(prompt, history, complete)
}

func (t *Terminal) readPlainLine(prompt Prompt) (string, error) {
	t.mu.Lock()
	t.endLine()
	t.write(t.Paint(prompt.Style, prompt.Text))
	t.mu.Unlock()
	if t.lines == nil { // a terminal on one side only: read it line by line
		t.lines = bufio.NewReader(t.in)
	}
	line, err := t.lines.ReadString('\n')
	if err != nil && line == "" {
		t.mu.Lock()
		t.write("\n")
		t.mu.Unlock()
		return "", io.EOF
	}
	line = strings.TrimRight(line, "\r\n")
	t.mu.Lock()
	if t.inTTY {
		t.atLineStart = true // the terminal echoed the line and its newline
	} else {
		t.write(line + "\n")
	}
	t.mu.Unlock()
	return line, nil
}

// Prompt is the text before the cursor, with its style (an ANSI select graphic
// rendition sequence, such as "\x1b[1m" for bold, or "" for none).
type Prompt struct {
	Text  string
	Style string
}

// reset ends a style.
const reset = "\x1b[0m"
