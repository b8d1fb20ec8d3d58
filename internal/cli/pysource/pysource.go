// Package pysource reads Python source text without parsing it: which lines continue
// a statement, whether what was typed so far goes on, where the function that holds a
// line begins and ends, what its parameters are called, which names a file defines,
// and what a string literal says. The terminal debugger needs these for pdb's
// longlist, args and pp, its multi-line input and its breakpoint checks; it runs on
// the client's side of DAP, where no Python parser is at hand, and a scan of the
// lines is enough for what it shows.
package pysource

import (
	"regexp"
	"strconv"
	"strings"
)

// continuations marks the lines that continue a statement begun on an earlier line:
// inside brackets, inside a triple-quoted string, or after a backslash.
func continuations(lines []string) []bool {
	cont := make([]bool, len(lines))
	depth, quote, backslash := 0, "", false
	for i, line := range lines {
		cont[i] = depth > 0 || quote != "" || backslash
		backslash = false
		for j := 0; j < len(line); j++ {
			c := line[j]
			switch {
			case quote != "":
				if c == '\\' {
					j++
				} else if strings.HasPrefix(line[j:], quote) {
					j += len(quote) - 1
					quote = ""
				}
			case c == '#':
				j = len(line)
			case c == '"' || c == '\'':
				q := string(c)
				if strings.HasPrefix(line[j:], strings.Repeat(q, 3)) {
					quote = strings.Repeat(q, 3)
					j += 2
				} else {
					quote = q
				}
			case strings.IndexByte("([{", c) >= 0:
				depth++
			case strings.IndexByte(")]}", c) >= 0 && depth > 0:
				depth--
			case c == '\\' && j == len(line)-1:
				backslash = true
			}
		}
		if len(quote) == 1 {
			quote = "" // an unterminated one-line string ends with its line
		}
	}
	return cont
}

func indentOf(line string) int {
	n := 0
	for _, c := range line {
		switch c {
		case ' ':
			n++
		case '\t':
			n = n/8*8 + 8
		default:
			return n
		}
	}
	return n
}

func isCode(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && !strings.HasPrefix(t, "#")
}

var defPattern = regexp.MustCompile(`^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)`)

// FunctionExtent finds the lines (1-based, inclusive) of the function called name
// that holds line: the def (with its decorators) and its indented body. A module is
// the whole file. ok is false when no such def encloses the line.
func FunctionExtent(lines []string, line int, name string) (first, last, def int, ok bool) {
	if name == "<module>" {
		return 1, len(lines), 0, len(lines) > 0
	}
	if i := strings.LastIndexAny(name, "."); i >= 0 {
		name = name[i+1:]
	}
	if line < 1 || line > len(lines) || strings.HasPrefix(name, "<") {
		return 0, 0, 0, false
	}
	cont := continuations(lines)
	at := line - 1
	def = -1
	for i := at; i >= 0; i-- {
		m := defPattern.FindStringSubmatch(lines[i])
		if m == nil || cont[i] || m[1] != name {
			continue
		}
		if i == at || !isCode(lines[at]) || indentOf(lines[i]) < indentOf(lines[at]) || cont[at] {
			def = i
			break
		}
	}
	if def < 0 {
		return 0, 0, 0, false
	}
	first = def
	for first > 0 && strings.HasPrefix(strings.TrimSpace(lines[first-1]), "@") && !cont[first-1] {
		first--
	}
	indent := indentOf(lines[def])
	last = def
	j := def + 1
	for j < len(lines) && cont[j] { // the rest of a def header split over lines
		last = j
		j++
	}
	for ; j < len(lines); j++ {
		if !cont[j] && isCode(lines[j]) && indentOf(lines[j]) <= indent {
			break
		}
		if isCode(lines[j]) || cont[j] {
			last = j
		}
	}
	return first + 1, last + 1, def + 1, true
}

// ParameterNames reads the names of a def's parameters from its source (the def line,
// 1-based), in order, *args and **kwargs included.
func ParameterNames(lines []string, defLine int) []string {
	if defLine < 1 || defLine > len(lines) {
		return nil
	}
	cont := continuations(lines)
	header := lines[defLine-1]
	for j := defLine; j < len(lines) && cont[j]; j++ {
		header += "\n" + lines[j]
	}
	open := strings.IndexByte(header, '(')
	if open < 0 || !strings.Contains(header[:open], "def ") {
		return nil
	}
	var names []string
	depth, start := 0, open+1
	take := func(param string) {
		param = strings.TrimSpace(param)
		param = strings.TrimLeft(param, "*")
		if i := strings.IndexAny(param, ":="); i >= 0 {
			param = param[:i]
		}
		if param = strings.TrimSpace(param); param != "" && param != "/" {
			names = append(names, param)
		}
	}
	outsideStrings(header[open:], func(at int, c byte) bool {
		i := open + at
		switch {
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
			if depth == 0 {
				take(header[start:i])
				return true
			}
		case c == ',' && depth == 1:
			take(header[start:i])
			start = i + 1
		}
		return false
	})
	return names
}

// outsideStrings calls visit with each byte of text that is outside a string literal
// (one-line quotes), and its index, until visit returns true.
func outsideStrings(text string, visit func(i int, c byte) (stop bool)) {
	quote := byte(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		default:
			if visit(i, c) {
				return
			}
		}
	}
}

// Unquote decodes a Python string literal, as repr() writes one; ok is false when lit
// is not one.
func Unquote(lit string) (s string, ok bool) {
	if len(lit) < 2 || (lit[0] != '\'' && lit[0] != '"') || lit[len(lit)-1] != lit[0] {
		return "", false
	}
	body := lit[1 : len(lit)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(body) {
			return "", false
		}
		switch c = body[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'x', 'u', 'U':
			size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if i+size >= len(body)+1 || i+1+size > len(body) {
				return "", false
			}
			r, err := strconv.ParseUint(body[i+1:i+1+size], 16, 32)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(r))
			i += size
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), true
}
