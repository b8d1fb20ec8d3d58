package dap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// The scanner walks the top level of one JSON object without decoding its values:
// what the relay needs (the envelope's members, where seq lies) costs a pass of
// IndexByte over the strings, not a full parse of a body that may be megabytes.

// scanMembers calls each with the quoted name and the value's span of every member of
// the top-level object in b, in order; an error from each ends the walk with it. It
// checks the object's own structure (names, colons, commas, the closing brace,
// nothing after it) and that nested values are balanced, not that they are valid
// JSON. open is the offset just after the opening brace; empty, whether no member
// follows it.
func scanMembers(b []byte, each func(key []byte, value span) error) (open int, empty bool, err error) {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return 0, false, errors.New("not a JSON object")
	}
	open = i + 1
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return open, true, expectEnd(b, i+1)
	}
	for {
		if i == len(b) || b[i] != '"' {
			return open, false, fmt.Errorf("expected a member name at offset %d", i)
		}
		keyEnd, err := skipString(b, i)
		if err != nil {
			return open, false, err
		}
		key := b[i:keyEnd]
		i = skipSpace(b, keyEnd)
		if i == len(b) || b[i] != ':' {
			return open, false, fmt.Errorf("expected ':' at offset %d", i)
		}
		i = skipSpace(b, i+1)
		valueEnd, err := skipValue(b, i)
		if err != nil {
			return open, false, err
		}
		if err := each(key, span{i, valueEnd}); err != nil {
			return open, false, err
		}
		i = skipSpace(b, valueEnd)
		switch {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == '}':
			return open, false, expectEnd(b, i+1)
		default:
			return open, false, fmt.Errorf("expected ',' or '}' at offset %d", i)
		}
	}
}

// keyIs reports whether the quoted member name key (with its quotes) is name.
func keyIs(key []byte, name string) bool {
	inner := key[1 : len(key)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner) == name
	}
	var s string // an escaped name, such as "\u0073eq", is rare: decode it
	return json.Unmarshal(key, &s) == nil && s == name
}

// skipValue returns the offset just past the JSON value that starts at b[i].
func skipValue(b []byte, i int) (int, error) {
	if i == len(b) {
		return i, errors.New("unexpected end of message")
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		return skipNested(b, i)
	}
	j := i
	for j < len(b) && !isDelimiter(b[j]) {
		j++
	}
	if j == i {
		return i, fmt.Errorf("expected a value at offset %d", i)
	}
	return j, nil
}

// skipNested returns the offset just past the object or array that starts at b[i].
// Brackets inside strings do not count.
func skipNested(b []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '"':
			end, err := skipString(b, j)
			if err != nil {
				return j, err
			}
			j = end - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return len(b), errors.New("unterminated object or array")
}

// skipString returns the offset just past the string whose opening quote is b[i].
// A quote ends the string unless an odd number of backslashes precede it.
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; ; {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			return len(b), fmt.Errorf("unterminated string at offset %d", i)
		}
		j += q
		backslashes := 0
		for k := j - 1; k > i && b[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j + 1, nil
		}
		j++
	}
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

func expectEnd(b []byte, i int) error {
	if skipSpace(b, i) != len(b) {
		return fmt.Errorf("unexpected data after the object at offset %d", i)
	}
	return nil
}
