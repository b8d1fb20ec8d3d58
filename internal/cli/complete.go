package cli

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dapper-debugger/dapper/internal/cli/lineedit"
	godap "github.com/google/go-dap"
)

// completionTimeout bounds a completions request, so that Tab never hangs the prompt.
const completionTimeout = 2 * time.Second

// completer returns the Tab completion for the next prompt: command names for the first
// word (Python names if none fits), files for a breakpoint location, and Python names (through DAP's completions
// request, in the selected frame) for an expression. It runs on the prompt's
// goroutine, so it takes what it needs from the debugger now.
func (d *Debugger) completer() lineedit.Completer {
	var expressions func(text string, cursor int) (int, []string)
	if p := d.prog; p.state == stopped && p.caps.SupportsCompletionsRequest && p.frame < len(p.frames) {
		client, frameID := p.client, p.frames[p.frame].Id
		expressions = func(text string, cursor int) (int, []string) {
			return completeExpression(client, frameID, text, cursor)
		}
	}
	workDir := d.workDir()
	return func(line string, pos int) (int, []string) {
		rs := []rune(line)
		before := string(rs[:pos])
		trimmed := strings.TrimLeftFunc(before, unicode.IsSpace)
		lead := pos - len([]rune(trimmed))
		if strings.HasPrefix(trimmed, "!") {
			return offset(lead+1, expressions, trimmed[1:])
		}
		name, _ := splitCommand(trimmed)
		if !strings.ContainsFunc(trimmed, unicode.IsSpace) {
			// A command, as in pdb; a Python name only when no command fits.
			var words []string
			for _, n := range commandNames() {
				if strings.HasPrefix(n, trimmed) {
					words = append(words, n+" ")
				}
			}
			if len(words) > 0 {
				return lead, words
			}
			return offset(lead, expressions, trimmed)
		}
		argAt := lead + len([]rune(name))
		for argAt < pos && unicode.IsSpace(rs[argAt]) {
			argAt++
		}
		arg := string(rs[argAt:pos])
		c := lookupCommand(name)
		switch {
		case c == nil:
			return offset(lead, expressions, trimmed)
		case c.names[0] == "help":
			var words []string
			for _, n := range commandNames() {
				if strings.HasPrefix(n, arg) {
					words = append(words, n)
				}
			}
			return argAt, words
		case c.names[0] == "condition": // NUMBER EXPRESSION
			if i := strings.IndexFunc(arg, unicode.IsSpace); i >= 0 {
				return offset(argAt+i+1, expressions, arg[i+1:])
			}
		case c.arg == argExpression:
			return offset(argAt, expressions, arg)
		case c.arg == argLocation:
			start, words := completeFile(workDir, arg)
			return argAt + start, words
		}
		return 0, nil
	}
}

// offset runs an expression completion on text that begins at rune index at.
func offset(at int, complete func(string, int) (int, []string), text string) (int, []string) {
	if complete == nil {
		return 0, nil
	}
	start, words := complete(text, len([]rune(text)))
	return at + start, words
}

// completeExpression asks the debugger to complete text at cursor (rune index) and
// returns where the replacement starts and the candidates.
func completeExpression(client *Client, frameID int, text string, cursor int) (int, []string) {
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	var body godap.CompletionsResponseBody
	args := map[string]any{"text": text, "column": cursor + 1, "frameId": frameID}
	if err := client.Request(ctx, "completions", args, &body); err != nil {
		return 0, nil
	}
	start := wordStart([]rune(text), cursor)
	var words []string
	for i, t := range body.Targets {
		word := t.Text
		if word == "" {
			word = t.Label
		}
		if i == 0 && t.Start >= 1 && t.Start-1 <= cursor {
			start = t.Start - 1 // columns start at 1, as we told the adapter
		}
		words = append(words, word)
	}
	sort.Strings(words)
	return start, dedupe(words)
}

// wordStart is where the identifier ending at cursor begins.
func wordStart(rs []rune, cursor int) int {
	i := cursor
	for i > 0 && lineedit.IsWordRune(rs[i-1]) {
		i--
	}
	return i
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, w := range sorted {
		if i == 0 || w != sorted[i-1] {
			out = append(out, w)
		}
	}
	return out
}

// completeFile completes a path to a directory or a Python file; a file gets the ":"
// that a line number follows.
func completeFile(workDir, typed string) (int, []string) {
	if strings.Contains(typed, ":") {
		return 0, nil
	}
	dir, base := filepath.Split(typed)
	look := dir
	if !filepath.IsAbs(look) {
		look = filepath.Join(workDir, dir)
	}
	entries, err := os.ReadDir(look)
	if err != nil {
		return 0, nil
	}
	var words []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		switch {
		case e.IsDir():
			words = append(words, dir+name+"/")
		case strings.HasSuffix(name, ".py"):
			words = append(words, dir+name+":")
		}
	}
	return 0, words
}
