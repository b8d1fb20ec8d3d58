// Package dap owns the wire: Content-Length framing, message envelopes that can be
// relayed without losing a field, and connections with one reader and one writer
// goroutine each. Typed bodies come from github.com/google/go-dap; this package only
// reads as much of a message as routing needs.
//
// It also holds the one DAP client (Client, Call, and a Timeline that records every
// message with its time), which the terminal debugger, the test harness and the
// benchmarks share; AdapterProcess runs an adapter that speaks DAP on stdio.
package dap

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
)

// MaxFrameSize bounds one message. It is far above go-dap's 4 MiB read cap so that
// large evaluate results and output bursts pass, and low enough that a lying header
// cannot make us allocate without limit.
const MaxFrameSize = 256 << 20

// ErrFrameTooLarge is returned for a Content-Length above MaxFrameSize.
var ErrFrameTooLarge = errors.New("dap: Content-Length exceeds the frame size limit")

// ErrNoContentLength is returned for a header block that ends without a
// Content-Length: its body cannot be found, and reading on would take the body for
// headers and swallow the frames after it.
var ErrNoContentLength = errors.New("dap: header block has no Content-Length")

// ReadFrame reads one Content-Length framed message body from r. Blank lines before
// a header block are skipped. An output frame (OutputHeader) is returned as the
// output event it stands for.
func ReadFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	headers := 0
	output := "" // the category of an output frame (OutputHeader)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && length < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("dap: reading header: %w", unexpected(err))
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if headers == 0 {
				continue // tolerate stray blank lines between frames
			}
			if length < 0 {
				return nil, ErrNoContentLength
			}
			break
		}
		headers++
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("dap: malformed header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("dap: bad Content-Length %q", strings.TrimSpace(value))
			}
			if n > MaxFrameSize {
				return nil, ErrFrameTooLarge
			}
			length = n
		} else if strings.EqualFold(strings.TrimSpace(name), OutputHeader) {
			output = strings.TrimSpace(value)
		}
	}
	if output != "" {
		return readOutputEvent(r, output, length)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("dap: reading %d-byte body: %w", length, unexpected(err))
	}
	return body, nil
}

// WriteFrame writes body with its header in a single Write call, so that a message is
// never split across TCP segments by our own doing. A large body is not copied behind
// its header: the two go out together in one writev where w is a network connection
// (and one after the other elsewhere), which costs a small message nothing.
func WriteFrame(w io.Writer, body []byte) error { return writeFrameParts(w, [][]byte{body}) }

// writeFrameParts writes the message that is parts, in order, as one frame: small
// pieces are gathered behind the header, a large one is written from where it is.
func writeFrameParts(w io.Writer, parts [][]byte) error {
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	room := 32 // for the pieces before a large one
	if size < largeFrame {
		room = size
	}
	head := make([]byte, 0, 32+room)
	head = append(head, "Content-Length: "...)
	head = strconv.AppendInt(head, int64(size), 10)
	head = append(head, "\r\n\r\n"...)
	bufs := net.Buffers{head}
	for _, p := range parts {
		if len(p) < largeFrame && len(bufs) == 1 {
			bufs[0] = append(bufs[0], p...) // before the first large piece: behind the header
			continue
		}
		bufs = append(bufs, p)
	}
	_, err := bufs.WriteTo(w)
	return err
}

// largeFrame is the body size from which WriteFrame writes the header and the body
// from where they are.
const largeFrame = 64 << 10

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
