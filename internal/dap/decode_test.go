package dap

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// decodeByUnmarshal is what Decode did before it scanned: a full json.Unmarshal. For a
// valid JSON object whose member names are spelled exactly, the scan must agree.
func decodeByUnmarshal(raw []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return Message{}, err
	}
	switch m.Type {
	case "request":
		if m.Command == "" {
			return m, fmt.Errorf("no command")
		}
	case "response", "event":
	default:
		return m, fmt.Errorf("type %q", m.Type)
	}
	return m, nil
}

var envelopeNames = []string{"seq", "type", "command", "event", "request_seq", "success", "message", "arguments", "body"}

// spelledExactly reports whether no top-level member name of raw differs from an
// envelope member's only in case (json.Unmarshal would take it; the scan does not).
func spelledExactly(raw []byte) bool {
	var members map[string]json.RawMessage
	if json.Unmarshal(raw, &members) != nil {
		return false
	}
	for name := range members {
		for _, e := range envelopeNames {
			if strings.EqualFold(name, e) && name != e {
				return false
			}
		}
	}
	return true
}

func sameMessage(a, b Message) bool {
	return a.Seq == b.Seq && a.Type == b.Type && a.Command == b.Command && a.Event == b.Event &&
		a.RequestSeq == b.RequestSeq && a.Success == b.Success && a.ErrMessage == b.ErrMessage &&
		string(a.Arguments) == string(b.Arguments) && string(a.Body) == string(b.Body)
}

func TestDecodeReadsTheEnvelopeAsUnmarshalDoes(t *testing.T) {
	for _, raw := range []string{
		`{"seq":3,"type":"request","command":"threads"}`,
		`{"seq":3,"type":"request","command":"evaluate","arguments":{"expression":"a[\"}\"]","frameId":1}}`,
		` { "type" : "response" , "request_seq" : 7 , "success" : false , "command" : "next" , "message" : "no \"thread\"\n" , "body" : { "error" : { "id" : 1 } } , "seq" : 9 } `,
		`{"type":"event","event":"output","body":{"output":"\u00e9 \ud83d\ude00 \\ \/"},"seq":1}`,
		`{"\u0073eq":4,"type":"event","event":"x"}`,
		`{"seq":1,"seq":2,"type":"event","event":"x"}`,
		`{"seq":null,"type":"event","event":"x","body":null}`,
		`{"type":"event","event":"x","unknown":[1,{"seq":5}],"success":true}`,
		`{"seq":-0,"type":"event","event":"x"}`,
	} {
		got, err := Decode([]byte(raw))
		want, wantErr := decodeByUnmarshal([]byte(raw))
		if err != nil || wantErr != nil || !sameMessage(got, want) {
			t.Errorf("Decode(%s)\n got %+v, %v\nwant %+v, %v", raw, got, err, want, wantErr)
		}
	}
}

func TestDecodeRejectsEnvelopeMembersOfTheWrongType(t *testing.T) {
	for _, raw := range []string{
		`{"seq":"1","type":"request","command":"threads"}`,
		`{"seq":1.5,"type":"request","command":"threads"}`,
		`{"seq":1,"type":["request"],"command":"threads"}`,
		`{"seq":1,"type":"request","command":{}}`,
		`{"seq":1,"type":"response","request_seq":1,"success":"yes"}`,
		`{"seq":1,"type":"response","request_seq":true,"success":true}`,
		`{"seq":1,"type":"event","event":"x","seq":99999999999999999999999}`,
	} {
		if m, err := Decode([]byte(raw)); err == nil {
			t.Errorf("Decode(%s) = %+v, want an error", raw, m)
		}
	}
}

func TestDecodeKeepsArgumentsAndBodyAsTheyCame(t *testing.T) {
	raw := outputEvent(1 << 20)
	m, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := decodeByUnmarshal(raw)
	if string(m.Body) != string(want.Body) || m.Event != "output" || m.Seq != 812 {
		t.Fatalf("the output event's body or envelope changed")
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"seq":1,"type":"request","command":"threads"}`,
		`{"seq":3,"type":"response","request_seq":2,"success":true,"command":"next","body":{"seq":9}}`,
		`{"type":"event","event":"output","body":{"output":"<a> & \"seq\":1 \u003c"}}`,
		`{"seq":"1","type":"request","command":"x","arguments":[1,{"a":"}"}]}`,
		`{"\u0073eq":1,"SEQ":2,"type":"event","event":"e"}`,
		`{"seq":1e3,"type":"event","event":"e"}`,
		`{}`, `[1]`, `{"a":"\\"}`, `{"type":"event","event":"e","body":{"a":tru}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := Decode(raw)
		if !json.Valid(raw) || !spelledExactly(raw) {
			return // any answer without a panic will do
		}
		want, wantErr := decodeByUnmarshal(raw)
		if (err == nil) != (wantErr == nil) || (err == nil && !sameMessage(got, want)) {
			t.Fatalf("Decode(%q)\n got %+v, %v\nwant %+v, %v", raw, got, err, want, wantErr)
		}
	})
}
