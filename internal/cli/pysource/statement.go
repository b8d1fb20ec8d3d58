package pysource

import (
	"regexp"
	"strings"
)

// compound are the keywords that begin a compound statement: typed at an interactive
// prompt, one goes on until a blank line. match and case are soft keywords: they begin
// one only when the line ends with a colon.
var compound = map[string]bool{
	"if": true, "elif": true, "else": true, "for": true, "while": true, "with": true, "def": true,
	"class": true, "try": true, "except": true, "finally": true, "async": true,
}

var firstWord = regexp.MustCompile(`^\s*([A-Za-z_]\w*)`)

// Incomplete reports whether lines, typed at an interactive prompt, are the start of
// a statement that goes on, as Python's own prompt decides: inside brackets, a
// triple-quoted string or after a backslash; or in a compound statement (for, if,
// def, with, class, a decorator, ...) that no blank line has ended yet.
func Incomplete(lines []string) bool {
	if len(lines) == 0 {
		return false
	}
	cont := continuations(append(append([]string(nil), lines...), ""))
	if cont[len(lines)] {
		return true
	}
	return opensBlock(lines[0]) && (len(lines) == 1 || strings.TrimSpace(lines[len(lines)-1]) != "")
}

func opensBlock(first string) bool {
	code := strings.TrimSpace(CodeOf(first))
	if strings.HasPrefix(code, "@") {
		return true
	}
	m := firstWord.FindStringSubmatch(code)
	if m == nil {
		return false
	}
	if m[1] == "match" || m[1] == "case" {
		return strings.HasSuffix(code, ":")
	}
	return compound[m[1]]
}

// CodeOf is line without its comment (a # outside string literals).
func CodeOf(line string) string {
	end := len(line)
	outsideStrings(line, func(i int, c byte) bool {
		if c == '#' {
			end = i
			return true
		}
		return false
	})
	return line[:end]
}

// DefinedNames lists the functions and classes that lines define, at any depth (a
// method is listed by its own name), in order.
func DefinedNames(lines []string) []string {
	var names []string
	for _, line := range lines {
		if m := defPattern.FindStringSubmatch(line); m != nil {
			names = append(names, m[1])
		}
	}
	return names
}
