package daptest

import "testing"

func TestScreenFollowsCursorMovesAndErases(t *testing.T) {
	for _, c := range []struct{ written, want string }{
		{"hello\r\nworld", "hello\nworld"},
		{"abc\rX", "Xbc"},
		{"one\r\ntwo\x1b[1A\rZ\x1b[J", "Z"},       // up, erase to the end of the screen
		{"abcdef\x1b[3D\x1b[K!", "abc!"},          // left, erase to the end of the line
		{"0123456789ab", "0123456789\nab"},        // wrap at the width
		{"0123456789\r\nx", "0123456789\nx"},      // no blank row after a full line
		{"a\tb", "a       b"},                     // tab stops every 8 columns
		{"\x1b[1;32mgreen\x1b[0m \xc3", "green "}, // colours and a cut rune show nothing
		{"x\x1b[2J\x1b[Hy", "y"},                  // clear screen
	} {
		s := NewScreen(10)
		_, _ = s.Write([]byte(c.written))
		if got := s.Text(); got != c.want {
			t.Errorf("after %q the screen is %q, want %q", c.written, got, c.want)
		}
	}
}

func TestScreenJoinsSequencesSplitAcrossWrites(t *testing.T) {
	s := NewScreen(20)
	for _, part := range []string{"ab\x1b", "[1", "D", "\xc3", "\xa9"} {
		_, _ = s.Write([]byte(part))
	}
	if got := s.Text(); got != "aé" {
		t.Errorf("screen %q", got)
	}
}
