package lineedit

import "testing"

func TestDecodeKeyWaitsForWholeSequences(t *testing.T) {
	for _, c := range []struct {
		in   string
		want key
		n    int
	}{
		{"\x1b", 0, 0},
		{"\x1b[", 0, 0},
		{"\x1b[1;5", 0, 0},
		{"\x1b[A", keyUp, 3},
		{"\x1bOH", keyHome, 3},
		{"\x1b[3~", keyDelete, 4},
		{"\xc3", 0, 0},
		{"é", 'é', 2},
		{"\x1bf", keyWordRight, 2},
		{"\x1b[200~", keyUnknown, 6},
	} {
		k, n := decodeKey([]byte(c.in))
		if k != c.want || n != c.n {
			t.Errorf("decodeKey(%q) = %v, %d; want %v, %d", c.in, k, n, c.want, c.n)
		}
	}
}
