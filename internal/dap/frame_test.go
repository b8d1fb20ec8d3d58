package dap

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadFrameHandlesHeadersAndBodies(t *testing.T) {
	cases := []struct {
		name, input, want string
		err               string
	}{
		{"plain", "Content-Length: 2\r\n\r\n{}", "{}", ""},
		{"extra header and case", "content-length: 2\r\nContent-Type: x\r\n\r\n{}", "{}", ""},
		{"bare newlines", "Content-Length: 2\n\n{}", "{}", ""},
		{"stray blank line first", "\r\nContent-Length: 2\r\n\r\n{}", "{}", ""},
		{"short body", "Content-Length: 10\r\n\r\n{}", "", "unexpected EOF"},
		{"bad length", "Content-Length: x\r\n\r\n{}", "", "bad Content-Length"},
		{"negative length", "Content-Length: -1\r\n\r\n", "", "bad Content-Length"},
		{"header without colon", "garbage\r\n\r\n", "", "malformed header"},
		{"huge length", "Content-Length: 999999999999\r\n\r\n", "", "exceeds"},
		{"eof in header", "Content-Len", "", "unexpected EOF"},
		{"header block without Content-Length", "Content-Type: x\r\n\r\n{}", "", "no Content-Length"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, err := ReadFrame(bufio.NewReader(strings.NewReader(c.input)))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || string(body) != c.want {
				t.Fatalf("body %q err %v", body, err)
			}
		})
	}
	if _, err := ReadFrame(bufio.NewReader(strings.NewReader(""))); !errors.Is(err, io.EOF) {
		t.Fatalf("empty stream: %v", err)
	}
}

// A header block without Content-Length cannot be told from its body: reading on
// would take the body for headers and swallow the next good frame with it.
func TestReadFrameFailsOnAHeaderBlockWithoutLength(t *testing.T) {
	good := "Content-Length: 2\r\n\r\n{}"
	r := bufio.NewReader(strings.NewReader("X-Note: 1\r\n\r\n{\"seq\":1}" + good + good))
	if body, err := ReadFrame(r); err == nil || !strings.Contains(err.Error(), "no Content-Length") {
		t.Fatalf("read %q, err %v; want the framing error at the header block", body, err)
	}
}

func TestWriteFrameRoundTrips(t *testing.T) {
	var buf bytes.Buffer
	for _, body := range []string{`{"a":1}`, `{}`, strings.Repeat("x", 1<<20)} {
		if err := WriteFrame(&buf, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(&buf)
	for _, want := range []string{`{"a":1}`, `{}`, strings.Repeat("x", 1<<20)} {
		got, err := ReadFrame(r)
		if err != nil || string(got) != want {
			t.Fatalf("got %d bytes, err %v", len(got), err)
		}
	}
}

func TestRewriteKeepsEveryOtherMember(t *testing.T) {
	raw := []byte(`{"seq":5,"type":"response","request_seq":3,"success":true,"command":"variables",` +
		`"body":{"variables":[{"name":"x","value":"0","variablesReference":0,"indexedVariables":0}],"unknownField":[1,2]}}`)
	rs := 42
	out, err := Rewrite(raw, 9, &rs)
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	_ = json.Unmarshal(out, &got)
	_ = json.Unmarshal(raw, &want)
	want["seq"], want["request_seq"] = 9.0, 42.0
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Fatalf("rewrite changed the message:\n got %s\nwant %s", gj, wj)
	}
}

func TestDecodeRejectsWhatCannotBeRouted(t *testing.T) {
	for _, raw := range []string{`{`, `{"type":"request","seq":1}`, `{"type":"bogus","seq":1}`, `[]`} {
		if _, err := Decode([]byte(raw)); err == nil {
			t.Errorf("Decode(%s) succeeded", raw)
		}
	}
	m, err := Decode([]byte(`{"seq":3,"type":"request","command":"threads"}`))
	if err != nil || !m.IsRequest() || m.Command != "threads" || m.Seq != 3 {
		t.Fatalf("%+v %v", m, err)
	}
}

func FuzzReadFrame(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 99\r\n\r\n{}"))
	f.Add([]byte("X-Note: 1\r\n\r\n{}Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("\r\n\nContent-Length: 3\nDapper-Output: stdout\n\nhi\n"))
	f.Add([]byte("Content-Length: 5\r\nDapper-Output: std\"err\r\n\r\n\xff\x00\"\\\xc3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for i := 0; i < 4; i++ {
			body, err := ReadFrame(r)
			if err != nil {
				return
			}
			_, _ = Decode(body) // output frames' JSON: FuzzOutputFrame
		}
	})
}
