package cli

import "github.com/dapper-debugger/dapper/internal/cli/lineedit"

// terminal is the debugger's screen and keyboard (see lineedit.Terminal); the
// debugger paints its text in the styles below.
type terminal struct{ *lineedit.Terminal }

// paint styles text when colour is on.
func (t terminal) paint(style, text string) string { return t.Paint(style, text) }

// ANSI styles.
const (
	styleBold    = "\x1b[1m"
	styleDim     = "\x1b[2m"
	styleRed     = "\x1b[31m"
	styleYellow  = "\x1b[33m"
	styleCyan    = "\x1b[36m"
	styleError   = "\x1b[1;31m"
	styleCurrent = "\x1b[1;32m"
)
