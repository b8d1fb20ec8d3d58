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
//
// At a return stop, the newest frame's header ends with the value: ->42.
func (d *Debugger) showFrame(p *program) {
	d.say("%s", d.frameHeader(p, p.frame, "> "))
}

func (d *Debugger) frameHeader(p *program, index int, marker string) string {
	f := p.frames[index]
	where := fmt.Sprintf("%s(%d)%s()", d.displayPath(sourcePath(f.Source)), f.Line, f.Name)
	if index == 0 && p.stop.Reason == "return" && p.returned != "" {
		where += "->" + p.returned
	}
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
