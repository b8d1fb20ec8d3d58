package dap

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAnOutputFrameReadsAsItsOutputEvent(t *testing.T) {
	text := "line \"one\"\t\\ <b>&</b>\r\n\x00\x1f é 😀 \u2028\n"
	var buf bytes.Buffer
	if err := WriteOutputFrame(&buf, "stderr", []byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := WriteFrame(&buf, []byte(`{"seq":2,"type":"event","event":"next"}`)); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(&buf)
	body, err := ReadFrame(r)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(body)
	var out struct{ Category, Output string }
	if err != nil || m.Event != "output" || json.Unmarshal(m.Body, &out) != nil || !json.Valid(body) {
		t.Fatalf("read %s: %v", body, err)
	}
	if out.Category != "stderr" || out.Output != text {
		t.Errorf("got %q %q, want stderr %q", out.Category, out.Output, text)
	}
	if body, err := ReadFrame(r); err != nil || !strings.Contains(string(body), `"next"`) {
		t.Errorf("the frame after: %s %v", body, err)
	}
}

// Bytes that are not UTF-8 arrive as U+FFFD, as encoding/json encodes them.
func TestAnOutputFrameReplacesBytesThatAreNotUTF8(t *testing.T) {
	text := []byte("a\xffb\xe2\x82c\xed\xa0\x80d")
	var got struct{ Body struct{ Output string } }
	if err := json.Unmarshal(outputFrameEvent("stdout", text), &got); err != nil {
		t.Fatal(err)
	}
	marshalled, _ := json.Marshal(string(text))
	var want string
	_ = json.Unmarshal(marshalled, &want)
	if got.Body.Output != want || !utf8.ValidString(got.Body.Output) {
		t.Errorf("got %q, want %q", got.Body.Output, want)
	}
}

func FuzzOutputFrame(f *testing.F) {
	f.Add([]byte("hello\n"), "stdout")
	f.Add([]byte("\x00\"\\\xff\xc3"), "std\"err")
	f.Fuzz(func(t *testing.T, text []byte, category string) {
		event := outputFrameEvent(category, text)
		if !json.Valid(event) {
			t.Fatalf("outputFrameEvent(%q) = %s: not JSON", text, event)
		}
		var got struct {
			Body struct{ Category, Output string }
		}
		if err := json.Unmarshal(event, &got); err != nil {
			t.Fatal(err)
		}
		var want string
		marshalled, _ := json.Marshal(string(text))
		_ = json.Unmarshal(marshalled, &want)
		if got.Body.Output != want {
			t.Fatalf("text %q came out as %q, want %q", text, got.Body.Output, want)
		}
		if read, want := readInPieces(t, "stdout", text, 16), outputFrameEvent("stdout", text); !bytes.Equal(read, want) {
			t.Fatalf("read 16 bytes at a time, text %q came out as %s, want %s", text, read, want)
		}
	})
}

// Read a small buffer at a time, the event is the same wherever a buffer ends: inside
// a character, before an escape, among bytes that are not UTF-8.
func TestAnOutputFrameReadInPiecesIsTheSame(t *testing.T) {
	text := []byte(strings.Repeat("é😀\"\n\x01a\xffb\xe2\x82c\u2028 plain words ", 7))
	want := outputFrameEvent("stdout", text)
	for size := 16; size <= 64; size++ {
		if got := readInPieces(t, "stdout", text, size); !bytes.Equal(got, want) {
			t.Fatalf("read %d bytes at a time: %s\nwant %s", size, got, want)
		}
	}
}

// readInPieces writes text as an output frame and reads it back through a buffer of
// size bytes.
func readInPieces(t *testing.T, category string, text []byte, size int) []byte {
	t.Helper()
	var frame bytes.Buffer
	if err := WriteOutputFrame(&frame, category, text); err != nil {
		t.Fatal(err)
	}
	body, err := ReadFrame(bufio.NewReaderSize(&frame, size))
	if err != nil {
		t.Fatalf("reading %d bytes at a time: %v", size, err)
	}
	return body
}

// BenchmarkReadOutputFrame10MB is the adapter's cost of turning 10 MB of a program's
// output into its output event (on the agent connection's reader goroutine): log
// lines, and lines dense with characters JSON escapes.
func BenchmarkReadOutputFrame10MB(b *testing.B) {
	for _, c := range []struct{ name, line string }{
		{"log", "2024-05-01 12:00:00,123 INFO handled GET /api/v1/items?id=12345 in 12 ms\n"},
		{"markup", "line 12345: <b>bold</b> & \"quoted\" text, tab\there é\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			text := []byte(strings.Repeat(c.line, (10<<20)/len(c.line)))
			var frame bytes.Buffer
			_ = WriteOutputFrame(&frame, "stdout", text)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadFrame(bufio.NewReader(bytes.NewReader(frame.Bytes()))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Every byte that needs escaping, at every offset of a word-aligned run of plain text.
func TestOutputFrameEscapesEveryByteAtEveryOffset(t *testing.T) {
	for c := 0; c < 256; c++ {
		for at := 0; at < 17; at++ {
			text := []byte(strings.Repeat("abcdefgh", 3))
			text[at] = byte(c)
			var got struct{ Body struct{ Output string } }
			if err := json.Unmarshal(outputFrameEvent("stdout", text), &got); err != nil {
				t.Fatalf("byte %#x at %d: %v", c, at, err)
			}
			marshalled, _ := json.Marshal(string(text))
			var want string
			_ = json.Unmarshal(marshalled, &want)
			if got.Body.Output != want {
				t.Fatalf("byte %#x at %d: got %q, want %q", c, at, got.Body.Output, want)
			}
		}
	}
}
