package dap

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// outputEvent is an output event of about size bytes, encoded as the agent encodes
// (Python's json: no HTML escaping), with newlines, quotes and markup in the text.
func outputEvent(size int) []byte {
	line := "line 12345: <b>bold</b> & \"quoted\" text, tab\there\n"
	text := strings.Repeat(line, size/len(line)+1)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{
		"seq": 812, "type": "event", "event": "output",
		"body": map[string]any{"category": "stdout", "output": text},
	})
	return bytes.TrimSpace(buf.Bytes())
}

// BenchmarkRewriteOutputEvent10MB is the relay's cost for one large output event.
func BenchmarkRewriteOutputEvent10MB(b *testing.B) {
	raw := outputEvent(10 << 20)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Rewrite(raw, 7, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeOutputEvent10MB is the relay's other cost for the same event: reading
// its envelope.
func BenchmarkDecodeOutputEvent10MB(b *testing.B) {
	raw := outputEvent(10 << 20)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(raw); err != nil {
			b.Fatal(err)
		}
	}
}
