package cli

import (
	"fmt"
	"strings"

	"github.com/dapper-debugger/dapper/internal/cli/pysource"
	godap "github.com/google/go-dap"
)

// unboundReason says why a breakpoint is not bound, in dapper debug's terms: the
// debugger's "justMyCode" is the --no-just-my-code option here.
func unboundReason(message string) string {
	if strings.HasPrefix(message, "not user code") {
		return "it never stops: it is not in your code, and dapper debug stops only there; " +
			"run dapper debug --no-just-my-code to stop in libraries too"
	}
	return "not bound: " + message
}

// checkFunctionName refuses a function breakpoint on a name the current file does
// not define when the file defines one a letter or two away: a typo, not a function
// still to come (those bind when they are defined).
func (d *Debugger) checkFunctionName(name string) error {
	if name == "" || strings.ContainsAny(name, ".:") {
		return nil
	}
	file := d.currentFile()
	lines, err := d.sourceLines(&godap.Source{Path: file})
	if err != nil {
		return nil
	}
	defined := pysource.DefinedNames(lines)
	best, distance := "", 3
	for _, n := range defined {
		if n == name {
			return nil
		}
		if e := editDistance(n, name); e < distance && e < len(name) {
			best, distance = n, e
		}
	}
	if best != "" {
		return fmt.Errorf("%s: %s defines no function %s; did you mean %s?", d.cmdName, d.displayPath(file), name, best)
	}
	return nil
}

// editDistance is the number of letters to insert, delete or change to make a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			prev, row[j] = row[j], min(row[j]+1, row[j-1]+1, prev+cost)
		}
	}
	return row[len(rb)]
}
