package dap

import (
	"bufio"
	"bytes"
	"net"
	"strings"
	"testing"
	"time"
)

// A message sent in parts (a large output event relayed with its seq spliced in)
// arrives as the one frame that Rewrite's copy would have made.
func TestSendPartsWritesTheFrameRewriteWouldMake(t *testing.T) {
	large := outputFrameEvent("stdout", bytes.Repeat([]byte("x"), 3*largeFrame))
	for _, raw := range [][]byte{
		[]byte(`{"type":"event","event":"output","body":{"output":"short"}}`),
		[]byte(`{"seq":4,"type":"response","request_seq":2,"success":true,"body":{}}`),
		large,
	} {
		want, err := Rewrite(raw, 12, &[]int{3}[0])
		if err != nil {
			t.Fatal(err)
		}
		parts, err := RewriteParts(raw, 12, &[]int{3}[0])
		if err != nil {
			t.Fatal(err)
		}
		ours, theirs := net.Pipe()
		c := NewConn(theirs, theirs, theirs)
		c.Start(func([]byte) {}, func(error) {})
		c.SendParts(parts)
		got, err := ReadFrame(bufio.NewReader(ours))
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("read %.80q (%d bytes), %v; want %.80q (%d bytes)", got, len(got), err, want, len(want))
		}
		c.Close(time.Second)
		ours.Close()
		<-c.Done()
	}
}

// Small pieces before a large one go out behind the header; every byte arrives once,
// in order, whatever the mix of sizes.
func TestWriteFramePartsKeepsEveryPieceInOrder(t *testing.T) {
	big := strings.Repeat("b", largeFrame)
	for _, parts := range [][]string{
		{"{", `"seq":1,`, "}"},
		{"{", `"seq":1,`, big, `"x"`, big, "}"},
		{big, "{}"},
		{strings.Repeat("s", largeFrame-1), strings.Repeat("t", largeFrame-1)},
	} {
		var pieces [][]byte
		for _, p := range parts {
			pieces = append(pieces, []byte(p))
		}
		var buf bytes.Buffer
		if err := writeFrameParts(&buf, pieces); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFrame(bufio.NewReader(&buf))
		if want := strings.Join(parts, ""); err != nil || string(got) != want || buf.Len() != 0 {
			t.Fatalf("read %d bytes (%v), %d left over; want %d", len(got), err, buf.Len(), len(want))
		}
	}
}
