package cli

import (
	"fmt"
	"strings"

	godap "github.com/google/go-dap"
)

// renderListing lays out source lines first..last (1-based) as pdb does: the line
// number, B where a breakpoint is, -> at the current line, then the text.
func (d *Debugger) renderListing(path string, lines []string, first, last, current int) string {
	t := d.term
	var b strings.Builder
	for n := first; n <= last && n <= len(lines); n++ {
		number := fmt.Sprintf("%3d", n)
		if len(number) < 4 {
			number += " "
		}
		mark := " "
		if bps := d.bps.atLine(path, n); len(bps) > 0 {
			mark = "B"
			if !anyEnabled(bps) {
				mark = "b"
			}
		}
		arrow, text := "  ", lines[n-1]
		if n == current {
			arrow, text = t.paint(styleCurrent, "->"), t.paint(styleBold, text)
		}
		if n > first {
			b.WriteByte('\n')
		}
		b.WriteString(t.paint(styleDim, number) + t.paint(styleError, mark) + arrow + "\t" + text)
	}
	return b.String()
}

func anyEnabled(bps []*breakpoint) bool {
	for _, b := range bps {
		if b.enabled {
			return true
		}
	}
	return false
}

// showFrame shows where the selected frame is, as pdb does:
//
//	> path(line)function()
//	-> the line's source
func (d *Debugger) showFrame(p *program) {
	f := p.frames[p.frame]
	d.say("%s", d.frameHeader(f, "> "))
}

func (d *Debugger) frameHeader(f godap.StackFrame, marker string) string {
	where := fmt.Sprintf("%s(%d)%s()", d.displayPath(sourcePath(f.Source)), f.Line, f.Name)
	text := ""
	if lines, err := d.sourceLines(f.Source); err == nil && f.Line >= 1 && f.Line <= len(lines) {
		text = strings.TrimSpace(lines[f.Line-1])
	}
	t := d.term
	return marker + t.paint(styleCyan, where) + "\n-> " + t.paint(styleBold, text)
}

// sourcePath names a source: its path, or its name when it has none.
func sourcePath(s *godap.Source) string {
	switch {
	case s == nil:
		return ""
	case s.Path != "":
		return s.Path
	}
	return s.Name
}
