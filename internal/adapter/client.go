package adapter

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/dapper-debugger/dapper/internal/dap"
)

// clientHandlers are the requests the adapter answers itself; every other request is
// relayed to the debuggee's agent. (Set in init: a session serves its child sessions,
// whose requests come here too.)
var clientHandlers map[string]func(*Session, dap.Message)

func init() {
	clientHandlers = map[string]func(*Session, dap.Message){
		"initialize":        (*Session).onInitialize,
		"launch":            (*Session).onLaunch,
		"attach":            (*Session).onAttach,
		"configurationDone": (*Session).onConfigurationDone,
		"disconnect":        (*Session).onDisconnect,
		"terminate":         (*Session).onTerminate,
	}
}

func (s *Session) onClientFrame(body []byte) {
	if s.proxy != nil {
		s.proxy.fromClient(body)
		return
	}
	m, err := dap.Decode(body)
	if err == nil && !json.Valid(body) {
		// Decode reads the envelope only; what the client sends is relayed, so all of it
		// must be JSON.
		err = errors.New("malformed DAP message: invalid JSON")
	}
	if err != nil {
		// A frame we cannot route still gets an answer, tied to its seq if it had one.
		command := m.Command
		if command == "" {
			command = "unknown"
		}
		s.respondError(dap.Message{Seq: m.Seq, Command: command}, errMalformed, err.Error())
		return
	}
	if m.IsResponse() {
		s.onReverseResponse(m)
		return
	}
	if !m.IsRequest() {
		return // events from a client mean nothing
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "dapper: panic in %s: %v\n%s", m.Command, r, debug.Stack())
			s.respondError(m, errInternal, fmt.Sprintf("internal error in %s: %v", m.Command, r))
		}
	}()
	if !s.initialized && m.Command != "initialize" {
		s.respondError(m, errNotInitialized, fmt.Sprintf("%s: the session is not initialized; send initialize first", m.Command))
		return
	}
	if handler, ok := clientHandlers[m.Command]; ok {
		handler(s, m)
		return
	}
	s.relayToAgent(m)
}

// onClientGone: the client closed its stream (or sent garbage we cannot frame). The
// debuggee of a launch ends with it; an attached one runs on.
func (s *Session) onClientGone(err error) {
	if err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintf(os.Stderr, "dapper: client stream ended: %v\n", err)
	}
	if s.proxy != nil {
		s.proxy.clientGone()
		return
	}
	s.shutdown(s.attach == nil, nil)
}
