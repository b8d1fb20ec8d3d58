package cli

import (
	"fmt"
	"strings"
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
