package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

func TestStdoutAndStderrKeepTheirInterleaving(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("interleaved.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		var want strings.Builder
		for i := 0; i < 200; i++ {
			fmt.Fprintf(&want, "stdout:out %d\n|stderr:err %d\n|stdout:part-|stderr:E%d\n|", i, i, i)
		}
		if seq := outputSequence(t, s); seq != want.String() {
			t.Errorf("output order differs.\n got: %.300s\nwant: %.300s", seq, want.String())
		}
	})
}

// outputSequence renders stdout/stderr events as "category:text|", merging adjacent
// events of one category, so that only the order of the streams matters.
func outputSequence(t *testing.T, s *daptest.Session) string {
	t.Helper()
	var b strings.Builder
	last := ""
	for _, m := range s.Events("output") {
		cat, text := outputBody(m.Body)
		if cat != "stdout" && cat != "stderr" {
			continue
		}
		for _, piece := range strings.SplitAfter(text, "\n") {
			if piece == "" {
				continue
			}
			if cat != last && last != "" {
				b.WriteString("|")
			}
			if cat != last {
				b.WriteString(cat + ":")
			}
			b.WriteString(piece)
			last = cat
			if strings.HasSuffix(piece, "\n") {
				b.WriteString("|")
				last = ""
			}
		}
	}
	return b.String()
}

func outputBody(body []byte) (category, text string) {
	var b struct {
		Category string `json:"category"`
		Output   string `json:"output"`
	}
	_ = json.Unmarshal(body, &b)
	return b.Category, b.Output
}

func TestTenMegabytesOfOutputArriveWhole(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": daptest.Testdata("big_output.py")})
		s.ConfigurationDone(launch)
		s.ExpectExit(0)
		out := s.Output("stdout")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		var n, size int
		if _, err := fmt.Sscanf(s.Output("stderr"), "lines=%d bytes=%d", &n, &size); err != nil {
			t.Fatalf("stderr = %q", s.Output("stderr"))
		}
		if len(out) != size || len(lines) != n {
			t.Fatalf("got %d bytes in %d lines, want %d bytes in %d lines", len(out), len(lines), size, n)
		}
		for i, line := range lines {
			if !strings.HasPrefix(line, fmt.Sprintf("%08d ", i)) {
				t.Fatalf("line %d is %.40q", i, line)
			}
		}
	})
}
