package adapter

import (
	"testing"

	"github.com/dapper-debugger/dapper/internal/launch"
)

func TestARequestBeforeInitializeIsRefused(t *testing.T) {
	s := startScripted(t, nil)
	s.client.sendRaw(`{"seq":1,"type":"request","command":"threads"}`)
	s.client.expectError(1, errNotInitialized, "threads: the session is not initialized; send initialize first")
	s.initialize()
}

func TestEveryBadClientMessageGetsAnErrorResponse(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	cases := []struct {
		name, raw  string
		requestSeq int
		id         int
		text       string
	}{
		{"not JSON", `{`, 0, errMalformed, "malformed DAP message"},
		{"request without a command", `{"seq":5,"type":"request"}`, 5, errMalformed, "no command"},
		{"unknown type", `{"seq":6,"type":"bogus","command":"x"}`, 6, errMalformed, `type "bogus"`},
		{"seq of the wrong type", `{"seq":"7","type":"request","command":"threads"}`, 0, errMalformed, "malformed DAP message"},
		{"arguments that are not JSON", `{"seq":14,"type":"request","command":"threads","arguments":{"a":tru}}`,
			14, errMalformed, "malformed DAP message"},
		{"unknown request", `{"seq":8,"type":"request","command":"fly"}`, 8, errUnknownRequest, `unknown request "fly"`},
		{"nothing to debug", `{"seq":9,"type":"request","command":"threads"}`, 9, errNoDebuggee, "threads: no program is being debugged"},
		{"second initialize", `{"seq":10,"type":"request","command":"initialize"}`, 10, errSequence, "already initialized"},
		{"configurationDone without launch", `{"seq":11,"type":"request","command":"configurationDone"}`, 11, errSequence, "no launch is waiting"},
		{"attach to nothing", `{"seq":12,"type":"request","command":"attach"}`, 12, launch.ErrBadArguments, `attach: give exactly one of "connect"`},
		{"bad launch arguments", `{"seq":13,"type":"request","command":"launch","arguments":{"module":"m","code":"c"}}`,
			13, launch.ErrBadArguments, `exactly one of "program", "module" or "code"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s.client.sendRaw(c.raw)
			s.client.expectError(c.requestSeq, c.id, c.text)
		})
	}
}

func TestEventsAndResponsesFromTheClientAreIgnored(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	s.client.sendRaw(`{"seq":20,"type":"event","event":"something"}`)
	s.client.sendRaw(`{"seq":21,"type":"response","request_seq":1,"success":true,"command":"runInTerminal"}`)
	s.client.sendRaw(`{"seq":22,"type":"request","command":"threads"}`)
	s.client.expectError(22, errNoDebuggee, "threads: no program is being debugged")
}

func TestAPanicInAHandlerBecomesAnErrorResponse(t *testing.T) {
	s := startScripted(t, nil)
	s.launcher.onStart = func() { panic("the launcher broke") }
	s.initialize()
	seq := s.client.request("launch", map[string]any{"code": "pass", "python": "/bin/sh"})
	s.client.expectError(seq, errInternal, "internal error in launch: the launcher broke")
	// The session lives on.
	again := s.client.request("launch", map[string]any{"code": "pass", "python": "/bin/sh"})
	s.client.expectError(again, errSequence, "already launched")
}

func TestAStreamThatCannotBeFramedEndsTheSession(t *testing.T) {
	s := startScripted(t, nil)
	s.initialize()
	if _, err := s.client.conn.Write([]byte("no header here\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	s.client.expectClosed()
	s.waitServed()
}
