package cli

import (
	"errors"
	"strings"

	"github.com/dapper-debugger/dapper/internal/cli/lineedit"
	"github.com/dapper-debugger/dapper/internal/cli/pysource"
)

// The prompts: pdb's, and its prompt for the lines of a statement that goes on.
var (
	commandPrompt  = lineedit.Prompt{Text: "(dapper) ", Style: styleBold}
	continuePrompt = lineedit.Prompt{Text: "...   ", Style: styleBold}
)

// errSessionOver: reading stopped because the session is over (a hangup, or Ctrl-C
// when the input is not a terminal).
var errSessionOver = errors.New("the session is over")

type lineRead struct {
	line string
	err  error
}

// prompt runs the next queued line, or reads one command and runs it.
func (d *Debugger) prompt() {
	if len(d.pending) > 0 {
		line := d.pending[0]
		d.pending = d.pending[1:]
		d.execute(line, false)
		return
	}
	line, err := d.read(commandPrompt, d.completer())
	switch {
	case errors.Is(err, lineedit.ErrInterrupted):
	case err != nil:
		d.quitting = true // end of input, as in pdb
	default:
		d.execute(line, true)
	}
}

// read shows prompt and reads one line; events that arrive meanwhile are handled.
func (d *Debugger) read(prompt lineedit.Prompt, complete lineedit.Completer) (string, error) {
	p := d.prog
	lines := make(chan lineRead, 1)
	go func() {
		line, err := d.term.ReadLine(prompt, d.history, complete)
		lines <- lineRead{line, err}
	}()
	events := p.client.Events()
	for {
		select {
		case r := <-lines:
			return r.line, r.err
		case m, ok := <-events:
			if !ok {
				d.onSessionEnd(p)
				events = nil
				continue
			}
			d.handle(func() { d.onEvent(p, m) })
		case <-d.interrupts: // Ctrl-C with input that is not a terminal
			d.quitting = true
			return "", errSessionOver
		case <-d.hangups:
			d.quitting = true
			return "", errSessionOver
		}
	}
}

// readStatement reads the lines of a Python statement that first begins, for as long
// as Python would (open brackets, a block until a blank line), with pdb's "..."
// prompt. Ctrl-C, or the end of input, abandons it.
func (d *Debugger) readStatement(first string) (string, bool) {
	return d.readMore(first, continuePrompt)
}

// readMore is readStatement with another prompt.
func (d *Debugger) readMore(first string, prompt lineedit.Prompt) (string, bool) {
	lines := []string{first}
	for pysource.Incomplete(lines) {
		line, err := d.read(prompt, nil)
		if err != nil {
			return "", false
		}
		d.history.Add(line)
		lines = append(lines, line)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n "), true
}

// confirm asks a yes-or-no question, as pdb does before "clear" deletes every
// breakpoint.
func (d *Debugger) confirm(question string) bool {
	line, err := d.read(lineedit.Prompt{Text: question}, nil)
	answer := strings.ToLower(strings.TrimSpace(line))
	return err == nil && (answer == "y" || answer == "yes")
}
