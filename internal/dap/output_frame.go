package dap

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// OutputHeader marks a frame whose body is a program's output as raw UTF-8 text, the
// header's value its category: the agent sends output so, since escaping megabytes
// of text as JSON in Python costs more than all the rest of the relay. ReadFrame
// turns such a frame into the output event it stands for (with no seq: the relay
// gives it one), so everything past the frame reader sees plain DAP.
const OutputHeader = "Dapper-Output"

// WriteOutputFrame writes text as one output frame of category, in a single Write.
func WriteOutputFrame(w io.Writer, category string, text []byte) error {
	var buf bytes.Buffer
	buf.Grow(len(text) + 64)
	buf.WriteString("Content-Length: ")
	buf.WriteString(strconv.Itoa(len(text)))
	buf.WriteString("\r\n" + OutputHeader + ": ")
	buf.WriteString(category)
	buf.WriteString("\r\n\r\n")
	buf.Write(text)
	_, err := w.Write(buf.Bytes())
	return err
}

// readOutputEvent reads the n bytes of text of an output frame of category from r and
// returns the output event that carries it. The text is escaped as it comes, a
// buffer of r at a time, into the event: it is never held whole on its own.
func readOutputEvent(r *bufio.Reader, category string, n int) ([]byte, error) {
	out := outputEventStart(make([]byte, 0, outputEventSize(category, n)), category)
	for left := n; left > 0; {
		chunk, err := r.Peek(min(left, r.Size()))
		if err != nil {
			return nil, fmt.Errorf("dap: reading %d-byte body: %w", n, unexpected(err))
		}
		use := len(chunk)
		if use < left {
			use = WholeRunes(chunk) // a character cut short waits for the rest of it
		}
		out = appendEscaped(out, chunk[:use])
		_, _ = r.Discard(use)
		left -= use
	}
	return append(out, `"}}`...), nil
}

// outputFrameEvent is the output event that carries text: JSON, with any byte that is not
// UTF-8 replaced by U+FFFD (as encoding/json does).
func outputFrameEvent(category string, text []byte) []byte {
	out := outputEventStart(make([]byte, 0, outputEventSize(category, len(text))), category)
	return append(appendEscaped(out, text), `"}}`...)
}

// outputEventSize is room for the output event of n bytes of text, with a few escapes.
func outputEventSize(category string, n int) int { return n + n/16 + len(category) + 64 }

// outputEventStart appends the output event up to the opening quote of its text.
func outputEventStart(dst []byte, category string) []byte {
	dst = append(dst, `{"type":"event","event":"output","body":{"category":`...)
	dst = appendJSONString(dst, []byte(category))
	return append(dst, `,"output":"`...)
}

// WholeRunes is the length of the longest prefix of b that does not end inside a UTF-8
// character (bytes that are not UTF-8 count as whole): what can be sent of a chunk of
// output now, the rest waiting for the bytes that complete it.
func WholeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// plainASCII[c] is whether byte c stands for itself inside a JSON string.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plainWord reports whether each of the 8 bytes of w is ASCII that stands for itself
// in a JSON string: not below 0x20, not '"' or '\\', not 0x80 or above. (The tests for
// a byte below n or equal to c are the classic word-at-a-time ones; exact as a whole
// once no byte has its top bit set.)
func plainWord(w uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	below := (w - 0x20*ones) &^ w
	quote := w ^ ('"' * ones)
	backslash := w ^ ('\\' * ones)
	return (w|below|((quote-ones)&^quote)|((backslash-ones)&^backslash))&tops == 0
}

// appendJSONString appends s to dst as a quoted JSON string.
func appendJSONString(dst, s []byte) []byte {
	return append(appendEscaped(append(dst, '"'), s), '"')
}

// appendEscaped appends s to dst as the inside of a JSON string. Runs of bytes that
// need no escape are copied whole.
func appendEscaped(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainWord(binary.LittleEndian.Uint64(s[i:])) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\ufffd"...)
			i++
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}
