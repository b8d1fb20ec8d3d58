package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	godap "github.com/google/go-dap"
)

// sourceFile is a file's lines as last read.
type sourceFile struct {
	modTime time.Time
	size    int64
	lines   []string
}

// sourceLines returns the lines of a frame's source: read from the file when it has
// a path (the debugger runs on the program's machine), asked of the debugger with
// DAP's source request when it has a reference, or the -c code for "<string>".
func (d *Debugger) sourceLines(s *godap.Source) ([]string, error) {
	if s == nil {
		s = &godap.Source{}
	}
	switch {
	case s.Path != "":
		st, err := os.Stat(s.Path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", s.Path, err)
		}
		if f, ok := d.sources[s.Path]; ok && f.modTime.Equal(st.ModTime()) && f.size == st.Size() {
			return f.lines, nil
		}
		data, err := os.ReadFile(s.Path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", s.Path, err)
		}
		if d.sources == nil {
			d.sources = map[string]sourceFile{}
		}
		lines := splitLines(string(data))
		d.sources[s.Path] = sourceFile{modTime: st.ModTime(), size: st.Size(), lines: lines}
		return lines, nil
	case s.SourceReference > 0 && d.prog != nil && d.prog.state != finished:
		var body godap.SourceResponseBody
		err := d.prog.client.Request(d.ctx, "source", map[string]any{"source": s, "sourceReference": s.SourceReference}, &body)
		if err != nil {
			return nil, explain("source", err, "source")
		}
		return splitLines(body.Content), nil
	case s.Name == "<string>" && d.opts.Code != "":
		return splitLines(d.opts.Code), nil
	}
	return nil, fmt.Errorf("no source is available for %s", sourcePath(s))
}

func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
