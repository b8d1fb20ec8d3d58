package e2e

import (
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// A header block without Content-Length cannot be framed: the session ends, saying
// why, instead of reading the body as headers and swallowing the requests after it.
func TestHeaderBlockWithoutContentLengthEndsTheSessionCleanly(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		s := daptest.Start(t)
		pids := startForever(t, s, py)
		s.WriteBytes([]byte("X-Note: 1\r\n\r\n" + `{"seq": 90, "type": "request", "command": "threads"}`))
		s.Send("threads", nil)
		s.WaitClosed()
		expectGone(t, pids)
		if stderr := s.AdapterStderr(); !strings.Contains(stderr, "no Content-Length") {
			t.Errorf("adapter stderr = %q, want the framing error", stderr)
		}
	})
}
