package dap

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRewriteSplicesOnlyTheTwoNumbers(t *testing.T) {
	seven := 7
	cases := []struct {
		name       string
		raw        string
		requestSeq *int
		want       string
	}{
		{"both present", `{"seq":12,"type":"response","request_seq":3,"success":true}`, &seven,
			`{"seq":5,"type":"response","request_seq":7,"success":true}`},
		{"request_seq left alone when not asked", `{"seq":12,"type":"response","request_seq":3}`, nil,
			`{"seq":5,"type":"response","request_seq":3}`},
		{"key order, spacing and escapes kept",
			"{ \"type\" : \"event\",\n\t\"body\": {\"output\": \"a \\u003cb\\u003e \\\"q\\\" <c> & é \\ud83d\\ude00\"},\n \"seq\" : 99 }", nil,
			"{ \"type\" : \"event\",\n\t\"body\": {\"output\": \"a \\u003cb\\u003e \\\"q\\\" <c> & é \\ud83d\\ude00\"},\n \"seq\" : 5 }"},
		{"seq absent", `{"type":"event","event":"stopped"}`, nil,
			`{"seq":5,"type":"event","event":"stopped"}`},
		{"both absent", `{"type":"response"}`, &seven,
			`{"seq":5,"request_seq":7,"type":"response"}`},
		{"empty object", `{}`, &seven, `{"seq":5,"request_seq":7}`},
		{"empty object with space", ` { } `, nil, ` {"seq":5 } `},
		{"nested seq keys untouched", `{"body":{"seq":1,"request_seq":2,"a":[{"seq":3}]},"seq":4}`, &seven,
			`{"request_seq":7,"body":{"seq":1,"request_seq":2,"a":[{"seq":3}]},"seq":5}`},
		{"strings that hold seq", `{"message":"\"seq\":1, request_seq","seq":4,"x":"}{\\"}`, nil,
			`{"message":"\"seq\":1, request_seq","seq":5,"x":"}{\\"}`},
		{"non-number values replaced", `{"seq":"x","request_seq":null}`, &seven, `{"seq":5,"request_seq":7}`},
		{"escaped member name", `{"\u0073eq":4,"type":"event"}`, nil, `{"\u0073eq":5,"type":"event"}`},
		{"duplicate members all replaced", `{"seq":1,"seq":2}`, nil, `{"seq":5,"seq":5}`},
		{"similar names kept", `{"seqs":1,"Seq":2,"request_seq_":3,"seq":4}`, &seven,
			`{"request_seq":7,"seqs":1,"Seq":2,"request_seq_":3,"seq":5}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Rewrite(json.RawMessage(c.raw), 5, c.requestSeq)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("Rewrite(%s)\n got %s\nwant %s", c.raw, got, c.want)
			}
			if !json.Valid(got) {
				t.Errorf("result is not JSON: %s", got)
			}
		})
	}
}

func TestRewriteRejectsWhatIsNotAnObject(t *testing.T) {
	for _, raw := range []string{``, `[]`, `"seq"`, `{"seq":1`, `{"seq"`, `{"seq":}`, `{"a":"x}`,
		`{"a":{"b":1}`, `{seq:1}`, `{"a":1 "b":2}`, `{"a":1}x`, `{"a" 1}`} {
		if out, err := Rewrite(json.RawMessage(raw), 1, nil); err == nil {
			t.Errorf("Rewrite(%q) = %q, want an error", raw, out)
		}
	}
}

func TestRewriteKeepsALargeOutputEventByteForByte(t *testing.T) {
	raw := outputEvent(1 << 20)
	got, err := Rewrite(raw, 7, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(raw), `"seq":812`, `"seq":7`, 1)
	if string(got) != want {
		t.Fatalf("the output event changed beyond its seq")
	}
}

func FuzzRewrite(f *testing.F) {
	for _, seed := range []string{
		`{"seq":1,"type":"request","command":"threads"}`,
		`{"seq":3,"type":"response","request_seq":2,"success":true,"body":{"seq":9}}`,
		`{"type":"event","event":"output","body":{"output":"<a> & \"seq\":1 \u003c"}}`,
		`{ "request_seq" : [1, {"seq": "}"}], "seq" : -4e2 }`,
		`{"\u0073eq":1,"seq":2}`,
		`{}`,
		`[1]`,
		`{"a":"\\"}`,
	} {
		f.Add([]byte(seed), 7, 9, true)
	}
	f.Fuzz(func(t *testing.T, raw []byte, seq, requestSeq int, setRequestSeq bool) {
		var rs *int
		if setRequestSeq {
			rs = &requestSeq
		}
		got, err := Rewrite(raw, seq, rs)
		var before map[string]json.RawMessage
		if json.Unmarshal(raw, &before) != nil || before == nil {
			return // not a JSON object: an error or any output will do, without a panic
		}
		if err != nil {
			t.Fatalf("Rewrite(%q): %v", raw, err)
		}
		var after map[string]json.RawMessage
		if err := json.Unmarshal(got, &after); err != nil {
			t.Fatalf("Rewrite(%q) = %q, which does not decode: %v", raw, got, err)
		}
		checkNumber(t, after, "seq", seq)
		if rs != nil {
			checkNumber(t, after, "request_seq", requestSeq)
		}
		for name, value := range before {
			if name == "seq" || (name == "request_seq" && rs != nil) {
				continue
			}
			if string(after[name]) != string(value) {
				t.Fatalf("Rewrite(%q) = %q: member %q changed from %s to %s", raw, got, name, value, after[name])
			}
		}
		if len(after) != len(before)+missing(before, "seq", true)+missing(before, "request_seq", rs != nil) {
			t.Fatalf("Rewrite(%q) = %q: members added or lost", raw, got)
		}
	})
}

func checkNumber(t *testing.T, members map[string]json.RawMessage, name string, want int) {
	t.Helper()
	var got int
	if err := json.Unmarshal(members[name], &got); err != nil || got != want {
		t.Fatalf("%s = %s, want %d", name, members[name], want)
	}
}

func missing(members map[string]json.RawMessage, name string, set bool) int {
	if _, ok := members[name]; !ok && set {
		return 1
	}
	return 0
}
