package lineedit

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Completer proposes replacements for the text of line from rune index start up to
// the cursor at pos.
type Completer func(line string, pos int) (start int, candidates []string)

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
