package dap

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// Message is one DAP message: the envelope fields routing needs, plus the raw JSON it
// came as. Relaying a Message splices in only the numbers it rewrites (see Rewrite);
// every other byte passes through as it arrived.
type Message struct {
	Seq        int    `json:"seq"`
	Type       string `json:"type"`
	Command    string `json:"command,omitempty"`
	Event      string `json:"event,omitempty"`
	RequestSeq int    `json:"request_seq,omitempty"`
	Success    bool   `json:"success,omitempty"`
	ErrMessage string `json:"message,omitempty"`

	// Arguments and Body are the raw "arguments" and "body" members, if any.
	Arguments json.RawMessage `json:"arguments,omitempty"`
	Body      json.RawMessage `json:"body,omitempty"`

	Raw json.RawMessage `json:"-"`
}

// Decode reads the envelope of a raw message: its top-level members are scanned, the
// envelope's own decoded, and "arguments" and "body" kept as the bytes they came as
// (sharing raw), unparsed, so that relaying a large event costs a scan, not a parse.
// It fails on a message that is not one JSON object, on an envelope member of the
// wrong type, and on a message whose "type" is missing; nested values are checked
// for balance only, not validity (json.Valid checks that, where it matters). Member
// names are matched exactly, as DAP spells them; of a duplicated member the last
// counts.
func Decode(raw []byte) (Message, error) {
	m := Message{Raw: raw}
	_, _, err := scanMembers(raw, func(key []byte, value span) error {
		v := raw[value.start:value.end]
		switch {
		case keyIs(key, "arguments"):
			m.Arguments = v
		case keyIs(key, "body"):
			m.Body = v
		default:
			if field := m.envelopeField(key); field != nil {
				return json.Unmarshal(v, field)
			}
		}
		return nil
	})
	if err != nil {
		return Message{Raw: raw}, fmt.Errorf("malformed DAP message: %w", err)
	}
	switch m.Type {
	case "request":
		if m.Command == "" {
			return m, fmt.Errorf("malformed DAP request: no command")
		}
	case "response", "event":
	default:
		return m, fmt.Errorf("malformed DAP message: type %q", m.Type)
	}
	return m, nil
}

// envelopeField is where the value of the envelope member named key (quoted) goes, or
// nil for a member that is not the envelope's.
func (m *Message) envelopeField(key []byte) any {
	switch {
	case keyIs(key, "seq"):
		return &m.Seq
	case keyIs(key, "type"):
		return &m.Type
	case keyIs(key, "command"):
		return &m.Command
	case keyIs(key, "event"):
		return &m.Event
	case keyIs(key, "request_seq"):
		return &m.RequestSeq
	case keyIs(key, "success"):
		return &m.Success
	case keyIs(key, "message"):
		return &m.ErrMessage
	}
	return nil
}

// IsRequest reports whether m is a request.
func (m Message) IsRequest() bool { return m.Type == "request" }

// IsResponse reports whether m is a response.
func (m Message) IsResponse() bool { return m.Type == "response" }

// IsEvent reports whether m is an event.
func (m Message) IsEvent() bool { return m.Type == "event" }

// Rewrite returns raw with "seq" set and, when requestSeq is not nil, "request_seq"
// set; every other byte is kept exactly (member order, escapes, whitespace). The two
// numbers are spliced into the original bytes: each top-level "seq" (or
// "request_seq") member has its value replaced, and a member that is absent is
// inserted first in the object. raw must be one JSON object, as Decode accepted it;
// Rewrite checks its top-level structure but does not validate nested values.
func Rewrite(raw json.RawMessage, seq int, requestSeq *int) ([]byte, error) {
	parts, err := RewriteParts(raw, seq, requestSeq)
	if err != nil {
		return nil, err
	}
	return join(parts), nil
}

// RewriteParts is Rewrite without the copy: the rewritten message as the pieces that
// make it, in order, each either a number spliced in or a run of raw (shared, not
// copied). Conn.SendParts sends them as one message: relaying megabytes of output
// costs a scan of them, not an allocation and a copy.
func RewriteParts(raw json.RawMessage, seq int, requestSeq *int) ([][]byte, error) {
	obj, err := scanObject(raw)
	if err != nil {
		return nil, fmt.Errorf("dap: rewrite: %w", err)
	}
	var edits []edit
	var inserted []byte
	add := func(name string, spans []span, value int) {
		number := strconv.AppendInt(nil, int64(value), 10)
		if len(spans) == 0 {
			inserted = append(append(append(inserted, '"'), name...), '"', ':')
			inserted = append(append(inserted, number...), ',')
			return
		}
		for _, s := range spans {
			edits = append(edits, edit{span: s, text: number})
		}
	}
	add("seq", obj.seq, seq)
	if requestSeq != nil {
		add("request_seq", obj.requestSeq, *requestSeq)
	}
	if len(inserted) > 0 {
		if obj.empty {
			inserted = inserted[:len(inserted)-1] // no member follows: drop the comma
		}
		edits = append(edits, edit{span: span{obj.open, obj.open}, text: inserted})
	}
	return splice(raw, edits), nil
}

// span is a byte range [start, end) of a message.
type span struct{ start, end int }

// edit replaces the bytes of span with text.
type edit struct {
	span
	text []byte
}

// splice applies edits, which must not overlap, to raw: the pieces of the result, in
// order, runs of raw between the edits' texts.
func splice(raw []byte, edits []edit) [][]byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	parts := make([][]byte, 0, 2*len(edits)+1)
	at := 0
	for _, e := range edits {
		parts = append(parts, raw[at:e.start], e.text)
		at = e.end
	}
	return append(parts, raw[at:])
}

// join is parts in one new buffer.
func join(parts [][]byte) []byte {
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	out := make([]byte, 0, size)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// object is what Rewrite needs to know of a message's top-level object.
type object struct {
	open       int    // just after the opening brace
	empty      bool   // the object has no members
	seq        []span // the value of every top-level "seq" member
	requestSeq []span // the value of every top-level "request_seq" member
}

// scanObject records where the values of the top-level "seq" and "request_seq"
// members of b lie.
func scanObject(b []byte) (object, error) {
	var obj object
	var err error
	obj.open, obj.empty, err = scanMembers(b, func(key []byte, value span) error {
		switch {
		case keyIs(key, "seq"):
			obj.seq = append(obj.seq, value)
		case keyIs(key, "request_seq"):
			obj.requestSeq = append(obj.requestSeq, value)
		}
		return nil
	})
	return obj, err
}

// NewRequest builds a request body.
func NewRequest(seq int, command string, arguments any) ([]byte, error) {
	return json.Marshal(struct {
		Seq       int    `json:"seq"`
		Type      string `json:"type"`
		Command   string `json:"command"`
		Arguments any    `json:"arguments,omitempty"`
	}{seq, "request", command, arguments})
}

// NewEvent builds an event body. A nil body is left out.
func NewEvent(seq int, event string, body any) ([]byte, error) {
	return json.Marshal(struct {
		Seq   int    `json:"seq"`
		Type  string `json:"type"`
		Event string `json:"event"`
		Body  any    `json:"body,omitempty"`
	}{seq, "event", event, body})
}

// NewResponse builds a success response. Body is always present (an empty object when
// nil) because some clients dereference it unconditionally.
func NewResponse(seq, requestSeq int, command string, body any) ([]byte, error) {
	if body == nil {
		body = struct{}{}
	}
	return json.Marshal(struct {
		Seq        int    `json:"seq"`
		Type       string `json:"type"`
		RequestSeq int    `json:"request_seq"`
		Success    bool   `json:"success"`
		Command    string `json:"command"`
		Body       any    `json:"body"`
	}{seq, "response", requestSeq, true, command, body})
}

// ErrorMessage is the body of an error response: DAP's Message type, with a stable id.
type ErrorMessage struct {
	ID       int    `json:"id"`
	Format   string `json:"format"`
	ShowUser bool   `json:"showUser"`
}

// NewErrorResponse builds a failed response whose message and body.error both carry
// text, so that clients showing either show the reason.
func NewErrorResponse(seq, requestSeq int, command string, id int, text string) ([]byte, error) {
	return json.Marshal(struct {
		Seq        int    `json:"seq"`
		Type       string `json:"type"`
		RequestSeq int    `json:"request_seq"`
		Success    bool   `json:"success"`
		Command    string `json:"command"`
		Message    string `json:"message"`
		Body       any    `json:"body"`
	}{seq, "response", requestSeq, false, command, text,
		map[string]any{"error": ErrorMessage{ID: id, Format: text, ShowUser: true}}})
}
