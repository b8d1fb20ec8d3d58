package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	godap "github.com/google/go-dap"
)

// BreakpointSpec is a breakpoint given on the command line: FILE:LINE[:CONDITION].
type BreakpointSpec struct {
	File      string
	Line      int
	Condition string
}

var specPattern = regexp.MustCompile(`^(.+?):(\d+)(?::(.*))?$`)

// ParseBreakpointSpec reads FILE:LINE[:CONDITION]; the condition may hold colons.
func ParseBreakpointSpec(spec string) (BreakpointSpec, error) {
	m := specPattern.FindStringSubmatch(spec)
	if m == nil {
		return BreakpointSpec{}, fmt.Errorf("want FILE:LINE or FILE:LINE:CONDITION")
	}
	line, err := strconv.Atoi(m[2])
	if err != nil || line < 1 {
		return BreakpointSpec{}, fmt.Errorf("line %q is not a line number", m[2])
	}
	return BreakpointSpec{File: m[1], Line: line, Condition: strings.TrimSpace(m[3])}, nil
}

// breakpoint is one of the user's breakpoints, numbered as pdb numbers them. The
// table is the terminal debugger's own: disabled breakpoints, ignore counts and
// temporary breakpoints are pdb's notions, kept here, and what the adapter is sent
// is the set of enabled breakpoints of each file.
type breakpoint struct {
	num       int
	file      string // absolute; "" for a function breakpoint
	line      int    // as requested
	function  string
	condition string
	temporary bool
	enabled   bool
	ignore    int
	hits      int
	commands  []string // run when it stops the program (pdb's commands)
	silent    bool     // and then the stop is not shown

	// What the adapter made of it.
	id        int
	verified  bool
	boundLine int
	message   string
}

func (b *breakpoint) where(d *Debugger) string {
	if b.function != "" {
		return "in " + b.function
	}
	line := b.line
	if b.verified && b.boundLine > 0 {
		line = b.boundLine
	}
	return fmt.Sprintf("at %s:%d", d.displayPath(b.file), line)
}

type breakpoints struct {
	list []*breakpoint
	next int
}

func (t *breakpoints) add(b *breakpoint) *breakpoint {
	t.next++
	b.num, b.enabled = t.next, true
	t.list = append(t.list, b)
	return b
}

func (t *breakpoints) byNumber(num int) *breakpoint {
	for _, b := range t.list {
		if b.num == num {
			return b
		}
	}
	return nil
}

func (t *breakpoints) byID(id int) *breakpoint {
	for _, b := range t.list {
		if b.id == id && id != 0 {
			return b
		}
	}
	return nil
}

func (t *breakpoints) remove(b *breakpoint) {
	for i, x := range t.list {
		if x == b {
			t.list = append(t.list[:i], t.list[i+1:]...)
			return
		}
	}
}

// atLine reports the breakpoints bound (or requested) at a line of a file.
func (t *breakpoints) atLine(file string, line int) []*breakpoint {
	var out []*breakpoint
	for _, b := range t.list {
		l := b.line
		if b.verified && b.boundLine > 0 {
			l = b.boundLine
		}
		if b.file != "" && l == line && samePath(b.file, file) {
			out = append(out, b)
		}
	}
	return out
}

// sendAll sends every file's breakpoints and the function breakpoints.
func (t *breakpoints) sendAll(ctx context.Context, d *Debugger, p *program) {
	files := map[string]bool{}
	functions := false
	for _, b := range t.list {
		if b.file != "" {
			files[b.file] = true
		} else {
			functions = true
		}
	}
	sorted := make([]string, 0, len(files))
	for f := range files {
		sorted = append(sorted, f)
	}
	sort.Strings(sorted)
	if functions {
		sorted = append(sorted, "")
	}
	for _, f := range sorted {
		if err := t.sendFile(ctx, p, f); err != nil {
			where := "in " + d.displayPath(f)
			if f == "" {
				where = "on functions"
			}
			d.warn("breakpoints %s: %v", where, err)
		}
	}
}

// sendFile replaces the adapter's breakpoints in file with the enabled ones; for
// file "", the function breakpoints.
func (t *breakpoints) sendFile(ctx context.Context, p *program, file string) error {
	if p == nil || p.state == finished {
		return nil // sent when the program starts again
	}
	var sent []*breakpoint
	args := []map[string]any{}
	for _, b := range t.list {
		if !b.enabled || (b.file == "") != (file == "") || (file != "" && !samePath(b.file, file)) {
			continue
		}
		bp := map[string]any{"line": b.line}
		if file == "" {
			bp = map[string]any{"name": b.function}
		}
		if b.condition != "" {
			bp["condition"] = b.condition
		}
		sent = append(sent, b)
		args = append(args, bp)
	}
	command, arguments := "setFunctionBreakpoints", map[string]any{"breakpoints": args}
	if file != "" {
		command, arguments["source"] = "setBreakpoints", godap.Source{Name: filepath.Base(file), Path: file}
	}
	var body godap.SetBreakpointsResponseBody
	if err := p.client.Request(ctx, command, arguments, &body); err != nil {
		return err
	}
	for i, b := range sent {
		if i < len(body.Breakpoints) {
			b.bind(body.Breakpoints[i])
		}
	}
	return nil
}

// bind takes in what the adapter reports of b.
func (b *breakpoint) bind(r godap.Breakpoint) {
	b.id, b.verified, b.boundLine, b.message = r.Id, r.Verified, r.Line, r.Message
}

// send updates the adapter after a change to b.
func (t *breakpoints) send(d *Debugger, b *breakpoint) error {
	return t.sendFile(d.ctx, d.prog, b.file)
}

// onStop counts the hits of the breakpoints a thread stopped at. It reports skip when
// every one of them is still ignoring hits (pdb's ignore count): the thread then goes
// on without the user seeing the stop.
func (t *breakpoints) onStop(d *Debugger, ids []int) (skip bool) {
	var hit []*breakpoint
	for _, id := range ids {
		if b := t.byID(id); b != nil {
			hit = append(hit, b)
		}
	}
	if len(hit) == 0 {
		return false
	}
	skip = true
	for _, b := range hit {
		b.hits++
		if b.ignore > 0 {
			b.ignore--
		} else {
			skip = false
		}
	}
	if skip {
		return true
	}
	for _, b := range hit {
		if b.temporary {
			t.remove(b)
			d.say("Deleted breakpoint %d %s", b.num, b.where(d))
			if err := t.send(d, b); err != nil {
				d.warn("%v", err)
			}
		}
	}
	return false
}

// commandsFor returns the commands of the breakpoints a thread stopped at, in the
// order of their numbers, and whether one of them is silent.
func (t *breakpoints) commandsFor(ids []int) (commands []string, silent bool) {
	for _, b := range t.list {
		for _, id := range ids {
			if b.id == id && id != 0 {
				commands = append(commands, b.commands...)
				silent = silent || b.silent
			}
		}
	}
	return commands, silent
}

// samePath reports whether two paths name the same file.
func samePath(a, b string) bool {
	if a == b {
		return true
	}
	return canonicalPath(a) == canonicalPath(b)
}

func canonicalPath(p string) string {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real
	}
	return filepath.Clean(p)
}

// resolveFile finds the file a user named: as given, from the program's working
// directory, beside the current frame's file, or beside the program.
func (d *Debugger) resolveFile(name string) (string, error) {
	var candidates []string
	if filepath.IsAbs(name) {
		candidates = []string{name}
	} else {
		for _, dir := range []string{d.workDir(), filepath.Dir(d.currentFile()), filepath.Dir(d.programFile())} {
			if dir != "." && dir != "" {
				candidates = append(candidates, filepath.Join(dir, name))
			}
		}
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return filepath.Clean(c), nil
		}
	}
	return "", fmt.Errorf("no file named %s", name)
}
