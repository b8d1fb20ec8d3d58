package dap

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// scriptedAdapter is the far end of a net.Pipe, played by the test.
type scriptedAdapter struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func newPipe(t *testing.T, opts ClientOptions) (*Client, *scriptedAdapter) {
	t.Helper()
	ours, theirs := net.Pipe()
	c := NewClient(ours, opts)
	t.Cleanup(func() { c.Close(); theirs.Close() })
	return c, &scriptedAdapter{t: t, conn: theirs, r: bufio.NewReader(theirs)}
}

// read reads the next message the client sent.
func (a *scriptedAdapter) read() Message {
	a.t.Helper()
	_ = a.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	body, err := ReadFrame(a.r)
	if err != nil {
		a.t.Fatalf("reading from the client: %v", err)
	}
	m, err := Decode(body)
	if err != nil {
		a.t.Fatal(err)
	}
	return m
}

func (a *scriptedAdapter) write(body []byte, err error) {
	a.t.Helper()
	if err == nil {
		err = WriteFrame(a.conn, body)
	}
	if err != nil {
		a.t.Fatalf("writing to the client: %v", err)
	}
}

func wait(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestClientMatchesResponsesToTheirRequests(t *testing.T) {
	tl := NewTimeline()
	c, a := newPipe(t, ClientOptions{Observer: tl})
	first, err := c.Send("threads", nil)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := c.Send("scopes", map[string]any{"frameId": 7})
	r1, r2 := a.read(), a.read()
	if r1.Seq != first.Seq || r2.Seq != second.Seq || r2.Command != "scopes" || string(r2.Arguments) != `{"frameId":7}` {
		t.Fatalf("sent %+v then %+v", r1, r2)
	}
	a.write(NewResponse(10, r2.Seq, "scopes", map[string]any{"scopes": []any{}}))
	a.write(NewResponse(11, r1.Seq, "threads", map[string]any{"threads": []any{map[string]any{"id": 1, "name": "main"}}}))
	var threads struct{ Threads []struct{ ID int } }
	if err := first.Wait(wait(t), &threads); err != nil || len(threads.Threads) != 1 || threads.Threads[0].ID != 1 {
		t.Fatalf("threads: %+v %v", threads, err)
	}
	if err := second.Wait(wait(t), nil); err != nil {
		t.Fatal(err)
	}
	records := tl.Records()
	var dirs []string
	for i, r := range records {
		dirs = append(dirs, fmt.Sprintf("%v:%s", r.Out, r.Msg.Command))
		if i > 0 && r.At.Before(records[i-1].At) {
			t.Errorf("record %d is earlier than the one before", i)
		}
	}
	if got := strings.Join(dirs, " "); got != "true:threads true:scopes false:scopes false:threads" {
		t.Errorf("timeline: %s", got)
	}
}

func TestClientTurnsFailedResponsesIntoRequestErrors(t *testing.T) {
	c, a := newPipe(t, ClientOptions{})
	for _, tc := range []struct {
		id                ErrorID
		unsupported, gone bool
	}{{ErrUnknownRequest, true, false}, {ErrAgentUnknownRequest, true, false}, {ErrNoDebuggee, false, true}, {ErrInternal, false, false}} {
		call, _ := c.Send("goto", nil)
		a.write(NewErrorResponse(1, a.read().Seq, "goto", tc.id, "no can do"))
		err := call.Wait(wait(t), nil)
		var re *RequestError
		if !errors.As(err, &re) || re.ID != tc.id || re.Message != "no can do" || re.Unsupported() != tc.unsupported || re.Gone() != tc.gone {
			t.Errorf("id %d: %#v", tc.id, err)
		}
	}
}

func TestClientFailsRequestsInFlightWhenTheStreamEnds(t *testing.T) {
	tl := NewTimeline()
	c, a := newPipe(t, ClientOptions{Observer: tl})
	call, _ := c.Send("continue", nil)
	a.read()
	a.conn.Close()
	if err := call.Wait(wait(t), nil); !errors.Is(err, ErrSessionEnded) {
		t.Errorf("in flight: %v", err)
	}
	<-c.Done()
	if _, err := c.Send("next", nil); !errors.Is(err, ErrSessionEnded) {
		t.Errorf("after the end: %v", err)
	}
	if _, err := tl.Wait(wait(t), func(Message) bool { return true }); !errors.Is(err, ErrSessionEnded) {
		t.Errorf("timeline wait after the end: %v", err)
	}
}

func TestCallWaitEndsWithItsContext(t *testing.T) {
	c, a := newPipe(t, ClientOptions{})
	call, _ := c.Send("evaluate", nil)
	a.read()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := call.Wait(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("%v", err)
	}
}

func TestClientDeliversEventsInOrder(t *testing.T) {
	got := make(chan int, 100)
	_, a := newPipe(t, ClientOptions{OnEvent: func(m Message) { got <- m.Seq }})
	for i := 1; i <= 100; i++ {
		a.write(NewEvent(i, "output", map[string]any{"output": "x"}))
	}
	for i := 1; i <= 100; i++ {
		if seq := <-got; seq != i {
			t.Fatalf("event %d arrived as %d", seq, i)
		}
	}
}

func TestClientAnswersReverseRequests(t *testing.T) {
	_, a := newPipe(t, ClientOptions{})
	a.write(NewEvent(1, "x", nil)) // not a request: no answer
	a.write([]byte(`{"seq":2,"type":"request","command":"runInTerminal","arguments":{}}`), nil)
	m := a.read()
	if re, _ := ResponseError(m).(*RequestError); m.RequestSeq != 2 || re == nil || re.ID != ErrUnsupported {
		t.Errorf("default answer: %+v", m)
	}

	_, a = newPipe(t, ClientOptions{OnRequest: func(req Message) (any, error) {
		if req.Command == "startDebugging" {
			return nil, &RequestError{Message: "not now", ID: ErrSequence}
		}
		return map[string]any{"processId": 42}, nil
	}})
	a.write([]byte(`{"seq":3,"type":"request","command":"runInTerminal","arguments":{}}`), nil)
	if m := a.read(); !m.Success || m.RequestSeq != 3 || string(m.Body) != `{"processId":42}` {
		t.Errorf("answered: %+v", m)
	}
	a.write([]byte(`{"seq":4,"type":"request","command":"startDebugging","arguments":{}}`), nil)
	if m := a.read(); m.Success || m.ErrMessage != "not now" || ResponseError(m).(*RequestError).ID != ErrSequence {
		t.Errorf("refused: %+v", m)
	}
}

func TestSendUnframedKeepsItsPlaceInTheStream(t *testing.T) {
	c, a := newPipe(t, ClientOptions{})
	done := make(chan string)
	go func() {
		var b strings.Builder
		buf := make([]byte, 4096)
		for !strings.Contains(b.String(), `"command":"second"`) {
			n, err := a.conn.Read(buf)
			if err != nil {
				break
			}
			b.Write(buf[:n])
		}
		done <- b.String()
	}()
	_, _ = c.Send("first", nil)
	c.SendUnframed([]byte("RAW"))
	_, _ = c.Send("second", nil)
	got := <-done
	if i, j, k := strings.Index(got, "first"), strings.Index(got, "}RAWContent-Length"), strings.Index(got, "second"); i < 0 || j < i || k < j {
		t.Errorf("stream: %q", got)
	}
}

func TestTimelineTakeReturnsEachMessageOnce(t *testing.T) {
	tl := NewTimeline()
	_, a := newPipe(t, ClientOptions{Observer: tl})
	stopped := func(m Message) bool { return m.Event == "stopped" }
	a.write(NewEvent(1, "stopped", nil))
	a.write(NewEvent(2, "output", nil))
	a.write(NewEvent(3, "stopped", nil))
	for _, want := range []int{1, 3} {
		if r, err := tl.Take(wait(t), stopped); err != nil || r.Msg.Seq != want || r.At.IsZero() {
			t.Fatalf("take: %+v %v, want seq %d", r, err, want)
		}
	}
	if r, err := tl.Wait(wait(t), stopped); err != nil || r.Msg.Seq != 1 {
		t.Errorf("wait after takes: %+v %v", r, err)
	}
	seen := 0
	a.write(NewEvent(4, "exited", nil))
	_, err := tl.Wait(wait(t), func(m Message) bool { seen++; return m.Event == "exited" })
	if err != nil || seen != 4 {
		t.Errorf("match saw %d messages for 4 (%v)", seen, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := tl.Take(ctx, stopped); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("take with nothing left: %v", err)
	}
}

func TestTimelineBreaksOnAMalformedMessage(t *testing.T) {
	tl := NewTimeline()
	_, a := newPipe(t, ClientOptions{Observer: tl})
	a.write([]byte(`{"seq":1,"type":"bogus"}`), nil)
	if _, err := tl.Wait(wait(t), func(Message) bool { return true }); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("%v", err)
	}
}
