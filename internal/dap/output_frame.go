package dap

import (
	"bytes"
	"encoding/binary"
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

// outputFrameEvent is the output event that carries text: JSON, with any byte that is not
// UTF-8 replaced by U+FFFD (as encoding/json does).
func outputFrameEvent(category string, text []byte) []byte {
	out := make([]byte, 0, len(text)+len(text)/16+len(category)+64) // room for a few escapes
	out = append(out, `{"type":"event","event":"output","body":{"category":`...)
	out = appendJSONString(out, []byte(category))
	out = append(out, `,"output":`...)
	out = appendJSONString(out, text)
	return append(out, "}}"...)
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

// appendJSONString appends s to dst as a quoted JSON string. Runs of bytes that need
// no escape are copied whole.
func appendJSONString(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
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
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
