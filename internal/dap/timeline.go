package dap

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Record is one message as a Client saw it: when, which way, and the message.
type Record struct {
	At  time.Time // when it was queued (sent) or read (received)
	Out bool      // sent by the client
	Msg Message   // Msg.Raw is the message as it went over the wire
	Err error     // why the message could not be decoded; Msg then holds only Raw
}

// Observer sees every message a Client sends and receives, on the goroutine that
// sends or receives it, and then the end of the stream.
type Observer interface {
	Observe(Record)
	Closed(err error)
}

// Timeline is an Observer that keeps every message, for waits and failure reports.
// Waits look at received messages only; a received message that cannot be decoded
// fails every wait from then on, as the end of the stream does.
type Timeline struct {
	mu      sync.Mutex
	records []Record
	taken   map[int]bool  // indexes of records that Take has returned
	broken  error         // the end of the stream, or the first malformed message
	changed chan struct{} // closed, and replaced, whenever records or broken change
}

// NewTimeline returns an empty timeline.
func NewTimeline() *Timeline {
	return &Timeline{taken: map[int]bool{}, changed: make(chan struct{})}
}

// Observe records a message.
func (tl *Timeline) Observe(r Record) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	tl.records = append(tl.records, r)
	if r.Err != nil && !r.Out && tl.broken == nil {
		tl.broken = fmt.Errorf("the adapter sent a malformed message: %v: %s", r.Err, r.Msg.Raw)
	}
	tl.notify()
}

// Closed records the end of the stream.
func (tl *Timeline) Closed(err error) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if tl.broken == nil {
		tl.broken = fmt.Errorf("%w (the connection ended: %v)", ErrSessionEnded, err)
	}
	tl.notify()
}

func (tl *Timeline) notify() {
	close(tl.changed)
	tl.changed = make(chan struct{})
}

// Records returns a copy of every record so far.
func (tl *Timeline) Records() []Record {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return append([]Record(nil), tl.records...)
}

// Wait waits for the first received message for which match is true. match sees each
// received message once, in order of arrival (so it may accumulate what it has seen),
// with the timeline locked (so it must not call the timeline). Wait fails when ctx ends first, or the timeline breaks
// with no match before the break.
func (tl *Timeline) Wait(ctx context.Context, match func(Message) bool) (Record, error) {
	return tl.wait(ctx, false, match)
}

// Take is Wait over the messages no earlier Take has returned; the one it returns is
// taken. Events are taken, so that each is handled once.
func (tl *Timeline) Take(ctx context.Context, match func(Message) bool) (Record, error) {
	return tl.wait(ctx, true, match)
}

func (tl *Timeline) wait(ctx context.Context, take bool, match func(Message) bool) (Record, error) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	for next := 0; ; {
		for ; next < len(tl.records); next++ {
			r := tl.records[next]
			if r.Out || r.Err != nil || (take && tl.taken[next]) || !match(r.Msg) {
				continue
			}
			if take {
				tl.taken[next] = true
			}
			return r, nil
		}
		if tl.broken != nil {
			return Record{}, tl.broken
		}
		changed := tl.changed
		tl.mu.Unlock()
		select {
		case <-changed:
			tl.mu.Lock()
		case <-ctx.Done():
			tl.mu.Lock()
			return Record{}, ctx.Err()
		}
	}
}
