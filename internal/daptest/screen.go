package daptest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Screen is what a terminal shows after the bytes written to it: enough of a VT100
// to follow a line editor (carriage return, newline, cursor up/down/left/right,
// erase to end of line or screen, line wrap) with unlimited scrollback, so that
// tests check the text a person would see, not the bytes that drew it.
type Screen struct {
	Width    int
	rows     [][]rune
	row, col int
	partial  []byte // an escape sequence or UTF-8 character cut between writes
}

// NewScreen returns an empty screen width columns wide.
func NewScreen(width int) *Screen {
	return &Screen{Width: width, rows: [][]rune{{}}}
}

// Write interprets bytes as a terminal would.
func (s *Screen) Write(p []byte) (int, error) {
	data := append(s.partial, p...)
	s.partial = nil
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == 0x1b:
			n := s.escape(data[i:])
			if n == 0 {
				s.partial = append([]byte(nil), data[i:]...)
				return len(p), nil
			}
			i += n
			continue
		case c == '\r':
			s.col = 0
		case c == '\n':
			s.moveTo(s.row+1, s.col)
		case c == '\t':
			s.col = min(s.Width-1, (s.col/8+1)*8)
		case c == '\b':
			s.col = max(0, s.col-1)
		case c < 0x20 || c == 0x7f: // bell and other controls show nothing
		default:
			if !utf8.FullRune(data[i:]) {
				s.partial = append([]byte(nil), data[i:]...)
				return len(p), nil
			}
			r, n := utf8.DecodeRune(data[i:])
			s.put(r)
			i += n
			continue
		}
		i++
	}
	return len(p), nil
}

func (s *Screen) put(r rune) {
	if s.col >= s.Width { // the pending wrap of a full line
		s.moveTo(s.row+1, 0)
	}
	line := s.rows[s.row]
	for len(line) < s.col {
		line = append(line, ' ')
	}
	if s.col < len(line) {
		line[s.col] = r
	} else {
		line = append(line, r)
	}
	s.rows[s.row] = line
	s.col++
}

func (s *Screen) moveTo(row, col int) {
	for row >= len(s.rows) {
		s.rows = append(s.rows, []rune{})
	}
	s.row, s.col = max(0, row), max(0, col)
}

// escape handles one escape sequence at the start of b and returns its length, or 0
// when b holds only part of it.
func (s *Screen) escape(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	if b[1] != '[' {
		return 2
	}
	end := 2
	for end < len(b) && (b[end] < 0x40 || b[end] > 0x7e) {
		end++
	}
	if end == len(b) {
		return 0
	}
	params := string(b[2:end])
	n, err := strconv.Atoi(strings.TrimPrefix(params, "?"))
	if err != nil || n == 0 {
		n = 1
	}
	switch b[end] {
	case 'A':
		s.moveTo(max(0, s.row-n), s.col)
	case 'B':
		s.moveTo(s.row+n, s.col)
	case 'C':
		s.col = min(s.Width-1, s.col+n)
	case 'D':
		s.col = max(0, s.col-n)
	case 'K':
		if line := s.rows[s.row]; s.col < len(line) {
			s.rows[s.row] = line[:s.col]
		}
	case 'J':
		if params == "2" {
			s.rows, s.row, s.col = [][]rune{{}}, 0, 0
			break
		}
		if line := s.rows[s.row]; s.col < len(line) {
			s.rows[s.row] = line[:s.col]
		}
		s.rows = s.rows[:s.row+1]
	case 'H':
		s.row, s.col = 0, 0
	}
	return end + 1
}

// Lines returns every row, scrollback included. A row ends after the last character
// written to it (spaces included: a prompt ends with one).
func (s *Screen) Lines() []string {
	out := make([]string, len(s.rows))
	for i, r := range s.rows {
		out[i] = string(r)
	}
	return out
}

// Text is the screen as one string, one row a line.
func (s *Screen) Text() string { return strings.Join(s.Lines(), "\n") }
