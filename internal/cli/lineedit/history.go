package lineedit

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// historyLimit is how many commands are kept across runs.
const historyLimit = 1000

// History is the list of commands typed, kept in a file in the user's state
// directory so that it carries over from one run to the next.
type History struct {
	path  string // "" when history is not saved
	lines []string
}

// HistoryPath is $XDG_STATE_HOME/dapper/history, or ~/.local/state/dapper/history.
func HistoryPath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(dir) { // the XDG spec says to ignore a relative path
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "dapper", "history")
}

// LoadHistory reads the history file at path (which may not exist yet). A file grown
// well past the limit is cut back to it.
func LoadHistory(path string) *History {
	h := &History{path: path}
	if path == "" {
		return h
	}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			h.lines = append(h.lines, line)
		}
	}
	f.Close()
	grown := len(h.lines) > 2*historyLimit
	if len(h.lines) > historyLimit {
		h.lines = h.lines[len(h.lines)-historyLimit:]
	}
	if grown {
		h.rewrite()
	}
	return h
}

// Lines is the history, oldest first.
func (h *History) Lines() []string {
	if h == nil {
		return nil
	}
	return append([]string(nil), h.lines...)
}

// Add records a command typed, unless it repeats the one before.
func (h *History) Add(line string) {
	line = strings.TrimRightFunc(line, unicode.IsSpace)
	if h == nil || strings.TrimSpace(line) == "" || (len(h.lines) > 0 && h.lines[len(h.lines)-1] == line) {
		return
	}
	h.lines = append(h.lines, line)
	if h.path == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return
	}
	_, _ = f.WriteString(line + "\n")
	f.Close()
}

// rewrite replaces the file with the kept lines (through a rename, so that a crash
// leaves the old file or the new one).
func (h *History) rewrite() {
	tmp := h.path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(h.lines, "\n")+"\n"), 0o600); err != nil {
		return
	}
	_ = os.Rename(tmp, h.path)
}
