package dap

import (
	"encoding/json"
	"fmt"
)

// Message is one DAP message: the envelope fields routing needs, plus the raw JSON it
// came as. Relaying a Message re-encodes only the fields it rewrites; every other byte
// of the body passes through as it arrived.
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

// Decode parses the envelope of a raw message. It fails on malformed JSON and on a
// message whose "type" is missing.
func Decode(raw []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return Message{Raw: raw}, fmt.Errorf("malformed DAP message: %w", err)
	}
	m.Raw = raw
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

// IsRequest reports whether m is a request.
func (m Message) IsRequest() bool { return m.Type == "request" }

// IsResponse reports whether m is a response.
func (m Message) IsResponse() bool { return m.Type == "response" }

// IsEvent reports whether m is an event.
func (m Message) IsEvent() bool { return m.Type == "event" }

// Rewrite returns raw with "seq" set and, when requestSeq is not nil, "request_seq"
// set; every other member is kept exactly.
func Rewrite(raw json.RawMessage, seq int, requestSeq *int) ([]byte, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, fmt.Errorf("dap: rewrite: %w", err)
	}
	members["seq"] = json.RawMessage(fmt.Appendf(nil, "%d", seq))
	if requestSeq != nil {
		members["request_seq"] = json.RawMessage(fmt.Appendf(nil, "%d", *requestSeq))
	}
	return json.Marshal(members)
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
