package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errInterrupted is ReadLine's answer to Ctrl-C: the line was abandoned.
var errInterrupted = errors.New("interrupted")

// Completer proposes replacements for the text of line from rune index start up to
// the cursor at pos.
type Completer func(line string, pos int) (start int, candidates []string)

// key is one key press: a rune (control characters included) or a special key.
type key rune

const (
	keyUnknown key = -1 - iota
	keyUp
	keyDown
	keyLeft
	keyRight
	keyHome
	keyEnd
	keyDelete
	keyWordLeft
	keyWordRight
	keyDeleteWordBack
	keyDeleteWordForward
)

// Control keys, as the terminal sends them in raw mode.
const (
	ctrlA, ctrlB, ctrlC, ctrlD, ctrlE, ctrlF = 1, 2, 3, 4, 5, 6
	ctrlH, tab, ctrlK, ctrlL, enter, ctrlN   = 8, 9, 11, 12, 13, 14
	ctrlP, ctrlU, ctrlW, escape, backspace   = 16, 21, 23, 27, 127
)

// decodeKey reads one key from the start of b and returns it with the number of bytes
// it took; 0 bytes means b holds only the start of a key.
func decodeKey(b []byte) (key, int) {
	if len(b) == 0 {
		return 0, 0
	}
	if b[0] != escape {
		if !utf8.FullRune(b) {
			return 0, 0
		}
		r, n := utf8.DecodeRune(b)
		return key(r), n
	}
	if len(b) < 2 {
		return 0, 0
	}
	switch b[1] {
	case '[':
		end := 2
		for end < len(b) && (b[end] < 0x40 || b[end] > 0x7e) {
			end++
		}
		if end == len(b) {
			return 0, 0
		}
		return csiKey(string(b[2:end]), b[end]), end + 1
	case 'O':
		if len(b) < 3 {
			return 0, 0
		}
		return csiKey("", b[2]), 3
	case 'b':
		return keyWordLeft, 2
	case 'f':
		return keyWordRight, 2
	case 'd':
		return keyDeleteWordForward, 2
	case backspace, ctrlH:
		return keyDeleteWordBack, 2
	}
	return keyUnknown, 2
}

func csiKey(params string, final byte) key {
	switch final {
	case 'A':
		return keyUp
	case 'B':
		return keyDown
	case 'C':
		if strings.HasSuffix(params, ";5") || strings.HasSuffix(params, ";3") {
			return keyWordRight // Ctrl or Alt with an arrow
		}
		return keyRight
	case 'D':
		if strings.HasSuffix(params, ";5") || strings.HasSuffix(params, ";3") {
			return keyWordLeft
		}
		return keyLeft
	case 'H':
		return keyHome
	case 'F':
		return keyEnd
	case '~':
		switch params {
		case "1", "7":
			return keyHome
		case "4", "8":
			return keyEnd
		case "3":
			return keyDelete
		}
	}
	return keyUnknown
}

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
	if !t.atLineStart {
		t.write("\n")
	}
	t.editor = e
	e.redraw()
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		t.editor = nil
		t.leaveRaw()
		t.mu.Unlock()
	}()

	buf := make([]byte, 1024)
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
		n, err := t.in.Read(buf)
		if err != nil {
			t.mu.Lock()
			e.finish("")
			t.mu.Unlock()
			return "", io.EOF
		}
		t.pending = append(t.pending, buf[:n]...)
	}
}

// press applies one key. done is true when the line is finished (with err set when it
// was abandoned or input ended).
func (e *editor) press(k key) (line string, done bool, err error) {
	e.lastTab = false
	switch k {
	case enter, '\n':
		line = string(e.buf)
		e.finish("")
		return line, true, nil
	case ctrlC:
		e.finish("^C")
		return "", true, errInterrupted
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

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func (e *editor) wordStart() int {
	i := e.pos
	for i > 0 && !isWordRune(e.buf[i-1]) {
		i--
	}
	for i > 0 && isWordRune(e.buf[i-1]) {
		i--
	}
	return i
}

func (e *editor) wordEnd() int {
	i := e.pos
	for i < len(e.buf) && !isWordRune(e.buf[i]) {
		i++
	}
	for i < len(e.buf) && isWordRune(e.buf[i]) {
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

// completeAt asks the completer (without the lock: it may ask the debugger) and
// applies its answer: one candidate is inserted, several insert their common prefix,
// and a second Tab lists them.
func (e *editor) completeAt(complete Completer) {
	e.t.mu.Lock()
	line, pos := string(e.buf), e.pos
	e.t.mu.Unlock()
	start, candidates := 0, []string(nil)
	if complete != nil {
		start, candidates = complete(line, pos)
	}
	e.t.mu.Lock()
	defer e.t.mu.Unlock()
	again := e.lastTab
	e.lastTab = true
	if string(e.buf) != line || e.pos != pos || start < 0 || start > pos {
		return // output or a resize raced us; the user can press Tab again
	}
	typed := string(e.buf[start:pos])
	switch prefix := commonPrefix(candidates); {
	case len(candidates) == 0:
		_, _ = io.WriteString(e.t.out, "\a")
	case len(candidates) == 1 || len([]rune(prefix)) > len([]rune(typed)):
		e.deleteRange(start, pos)
		if len(candidates) == 1 {
			prefix = candidates[0]
		}
		e.insert([]rune(prefix))
		e.redraw()
	case again:
		e.erase()
		e.t.write(columns(candidates, e.t.width()))
		e.redraw()
	default:
		_, _ = io.WriteString(e.t.out, "\a")
	}
}

func commonPrefix(words []string) string {
	if len(words) == 0 {
		return ""
	}
	prefix := []rune(words[0])
	for _, w := range words[1:] {
		r := []rune(w)
		n := 0
		for n < len(prefix) && n < len(r) && prefix[n] == r[n] {
			n++
		}
		prefix = prefix[:n]
	}
	return string(prefix)
}

// columns lays words out in columns that fit width, like a shell's completion list.
func columns(words []string, width int) string {
	const most = 200
	extra := ""
	if len(words) > most {
		extra = fmt.Sprintf("... and %d more\n", len(words)-most)
		words = words[:most]
	}
	longest := 0
	for _, w := range words {
		longest = max(longest, utf8.RuneCountInString(w))
	}
	cell := longest + 2
	perRow := max(1, width/cell)
	rows := (len(words) + perRow - 1) / perRow
	var b strings.Builder
	for r := 0; r < rows; r++ {
		for c := 0; c < perRow; c++ {
			i := c*rows + r
			if i >= len(words) {
				break
			}
			w := words[i]
			b.WriteString(w)
			if c < perRow-1 && (c+1)*rows+r < len(words) {
				b.WriteString(strings.Repeat(" ", cell-utf8.RuneCountInString(w)))
			}
		}
		b.WriteString("\n")
	}
	return b.String() + extra
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
	b.WriteString(e.t.paint(e.prompt.Style, e.prompt.Text))
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
