package lineedit

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// editor is the state of the line being edited. Its methods that draw are called
// with the terminal's lock held.
type editor struct {
	t         *Terminal
	prompt    Prompt
	buf       []rune
	pos       int
	cursorRow int // the screen row of the cursor, counted from the prompt's row

	history []string
	hpos    int    // index into history; len(history) is the line being typed
	draft   string // the line being typed, while browsing history
	lastTab bool
	search  *search // a Ctrl-R search in progress
}

// edit reads one line in raw mode with editing keys, history and completion.
func (t *Terminal) edit(prompt Prompt, history *History, complete Completer) (string, error) {
	t.mu.Lock()
	if err := t.enterRaw(); err != nil {
		t.mu.Unlock()
		return t.readPlainLine(prompt)
	}
	e := &editor{t: t, prompt: prompt, history: history.Lines()}
	e.hpos = len(e.history)
	t.endLine()
	t.editor = e
	e.redraw()
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		t.editor = nil
		t.leaveRaw()
		t.mu.Unlock()
	}()

	keys := t.keyboard()
	for {
		for {
			k, n := decodeKey(t.pending)
			if n == 0 {
				break
			}
			t.pending = t.pending[n:]
			if k == tab {
				e.completeAt(complete)
				continue
			}
			t.mu.Lock()
			line, done, err := e.press(k)
			t.mu.Unlock()
			if done {
				return line, err
			}
		}
		chunk, ok := <-keys
		if !ok {
			t.mu.Lock()
			e.finish("")
			t.mu.Unlock()
			return "", io.EOF
		}
		t.mu.Lock()
		t.pending = append(t.pending, chunk...)
		t.mu.Unlock()
	}
}

// press applies one key. done is true when the line is finished (with err set when it
// was abandoned or input ended).
func (e *editor) press(k key) (line string, done bool, err error) {
	e.lastTab = false
	if e.search != nil && e.pressSearching(k) {
		e.redraw()
		return "", false, nil
	}
	switch k {
	case enter, '\n':
		line = string(e.buf)
		e.finish("")
		return line, true, nil
	case ctrlC:
		e.finish("^C")
		return "", true, ErrInterrupted
	case ctrlD:
		if len(e.buf) == 0 {
			e.finish("")
			return "", true, io.EOF
		}
		e.deleteRange(e.pos, e.pos+1)
	case backspace, ctrlH:
		e.deleteRange(e.pos-1, e.pos)
	case keyDelete:
		e.deleteRange(e.pos, e.pos+1)
	case keyLeft, ctrlB:
		e.pos = max(0, e.pos-1)
	case keyRight, ctrlF:
		e.pos = min(len(e.buf), e.pos+1)
	case keyHome, ctrlA:
		e.pos = 0
	case keyEnd, ctrlE:
		e.pos = len(e.buf)
	case keyWordLeft:
		e.pos = e.wordStart()
	case keyWordRight:
		e.pos = e.wordEnd()
	case ctrlW, keyDeleteWordBack:
		e.deleteRange(e.wordStart(), e.pos)
	case keyDeleteWordForward:
		e.deleteRange(e.pos, e.wordEnd())
	case ctrlK:
		e.deleteRange(e.pos, len(e.buf))
	case ctrlU:
		e.deleteRange(0, e.pos)
	case ctrlR:
		e.startSearch()
	case keyUp, ctrlP:
		e.browse(-1)
	case keyDown, ctrlN:
		e.browse(+1)
	case ctrlL:
		e.erase()
		_, _ = io.WriteString(e.t.out, "\x1b[H\x1b[2J")
	default:
		if k < ' ' || k == backspace {
			return "", false, nil // an unbound control key or sequence
		}
		e.insert([]rune{rune(k)})
	}
	e.redraw()
	return "", false, nil
}

func (e *editor) insert(rs []rune) {
	e.buf = append(e.buf[:e.pos], append(rs, e.buf[e.pos:]...)...)
	e.pos += len(rs)
}

func (e *editor) deleteRange(from, to int) {
	from, to = max(0, from), min(len(e.buf), to)
	if from >= to {
		return
	}
	e.buf = append(e.buf[:from], e.buf[to:]...)
	if e.pos > to {
		e.pos -= to - from
	} else if e.pos > from {
		e.pos = from
	}
}

// IsWordRune reports whether r belongs to a word for the keys that move and delete by
// words: a letter, a digit or an underscore, as in a Python name.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func (e *editor) wordStart() int {
	i := e.pos
	for i > 0 && !IsWordRune(e.buf[i-1]) {
		i--
	}
	for i > 0 && IsWordRune(e.buf[i-1]) {
		i--
	}
	return i
}

func (e *editor) wordEnd() int {
	i := e.pos
	for i < len(e.buf) && !IsWordRune(e.buf[i]) {
		i++
	}
	for i < len(e.buf) && IsWordRune(e.buf[i]) {
		i++
	}
	return i
}

// browse moves through history; the line being typed is kept as a draft.
func (e *editor) browse(step int) {
	next := e.hpos + step
	if next < 0 || next > len(e.history) {
		return
	}
	if e.hpos == len(e.history) {
		e.draft = string(e.buf)
	}
	e.hpos = next
	text := e.draft
	if next < len(e.history) {
		text = e.history[next]
	}
	e.buf = []rune(text)
	e.pos = len(e.buf)
}

// erase takes the prompt and the line off the screen, leaving the cursor where the
// prompt began.
func (e *editor) erase() {
	var b strings.Builder
	if e.cursorRow > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", e.cursorRow)
	}
	b.WriteString("\r\x1b[J")
	_, _ = io.WriteString(e.t.out, b.String())
	e.cursorRow = 0
	e.t.atLineStart = true
}

// redraw draws the prompt and the line from the prompt's row, wrapping at the screen
// width, and puts the cursor at pos.
func (e *editor) redraw() {
	cols := e.t.width()
	var b strings.Builder
	if e.cursorRow > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", e.cursorRow)
	}
	b.WriteString("\r\x1b[J")
	b.WriteString(e.t.Paint(e.prompt.Style, e.prompt.Text))
	b.WriteString(string(e.buf))
	plen := utf8.RuneCountInString(e.prompt.Text)
	total := plen + len(e.buf)
	if total > 0 && total%cols == 0 {
		b.WriteString("\r\n") // leave the pending-wrap column, so rows add up
	}
	endRow := total / cols
	cursor := plen + e.pos
	row, col := cursor/cols, cursor%cols
	if up := endRow - row; up > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", up)
	}
	b.WriteString("\r")
	if col > 0 {
		fmt.Fprintf(&b, "\x1b[%dC", col)
	}
	_, _ = io.WriteString(e.t.out, b.String())
	e.cursorRow = row
	e.t.atLineStart = false
}

// finish ends editing: the line stays on the screen (followed by mark, e.g. "^C")
// and the cursor goes to the next line.
func (e *editor) finish(mark string) {
	e.pos = len(e.buf)
	e.redraw()
	_, _ = io.WriteString(e.t.out, mark+"\r\n")
	e.cursorRow = 0
	e.t.atLineStart = true
}
