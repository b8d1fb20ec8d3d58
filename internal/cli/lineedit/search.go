package lineedit

// search is a reverse incremental history search in progress (Ctrl-R, as in readline):
// each key typed narrows the query, and the newest history line that holds it is
// shown; Ctrl-R again goes to an older one. Enter runs the line found; Ctrl-G or
// Ctrl-C give the line being typed back; any other key leaves the search with the
// line found, for editing, and then does what it does.
type search struct {
	query  []rune
	at     int    // the history index of the line found; len(history) when none
	prompt Prompt // the editor's own, given back when the search ends
	buf    []rune // the line being typed when the search began
	pos    int
	failed bool // the query is in no older line
}

const ctrlG, ctrlR = 7, 18

// startSearch begins a search from the newest line of history.
func (e *editor) startSearch() {
	e.search = &search{at: len(e.history), prompt: e.prompt, buf: e.buf, pos: e.pos}
	e.showSearch()
}

// pressSearching applies a key during a search. handled is false when the key ended
// the search and must now be applied as an ordinary key.
func (e *editor) pressSearching(k key) (handled bool) {
	s := e.search
	switch k {
	case ctrlR:
		e.findOlder(s.at - 1)
	case backspace, ctrlH:
		if len(s.query) > 0 {
			s.query = s.query[:len(s.query)-1]
			e.findOlder(len(e.history) - 1)
		}
	case ctrlG, ctrlC:
		e.endSearch()
		e.buf, e.pos = s.buf, s.pos
	default:
		if k >= ' ' && k != backspace {
			s.query = append(s.query, rune(k))
			e.findOlder(min(s.at, len(e.history)-1))
			break
		}
		e.endSearch()
		return k == ctrlC || k == ctrlG
	}
	e.showSearch()
	return true
}

// findOlder looks for the query in history from index from down to the oldest line.
func (e *editor) findOlder(from int) {
	s := e.search
	for i := from; i >= 0; i-- {
		if containsRunes([]rune(e.history[i]), s.query) {
			s.at, s.failed = i, false
			return
		}
	}
	s.failed = true
}

// showSearch puts the search's prompt and the line found on the editor's line.
func (e *editor) showSearch() {
	s := e.search
	if s == nil {
		return
	}
	label := "(reverse-i-search)`"
	if s.failed {
		label = "(failed reverse-i-search)`"
	}
	e.prompt = Prompt{Text: label + string(s.query) + "': ", Style: s.prompt.Style}
	e.buf, e.pos = []rune(nil), 0
	if s.at < len(e.history) {
		e.buf = []rune(e.history[s.at])
		e.pos = indexRunes(e.buf, s.query)
	}
}

// endSearch leaves the search with the line found in the buffer.
func (e *editor) endSearch() {
	s := e.search
	e.search = nil
	e.prompt = s.prompt
	if s.at < len(e.history) {
		e.hpos = s.at
	}
	e.pos = len(e.buf)
}

func containsRunes(line, query []rune) bool { return indexRunes(line, query) >= 0 }

func indexRunes(line, query []rune) int {
	for i := 0; i+len(query) <= len(line); i++ {
		match := true
		for j, r := range query {
			if line[i+j] != r {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
