package lineedit

import (
	"strings"
	"unicode/utf8"
)

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
