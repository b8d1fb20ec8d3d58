package adapter

import (
	"encoding/json"
	"errors"

	"github.com/dapper-debugger/dapper/internal/launch"
)

// A child session: a client connection to the owner's child listener (children.go).
// Its attach names a child by subProcessId (and the token of the startDebugging
// configuration); the owner hands over that child's agent, and from then on the
// session debugs it as any attached program (attach.go): its own breakpoints, stops,
// threads, terminate and disconnect. A child that descends from the owner's program
// (not a fleet's peer):
//
//   - writes where its parent does (the adapter's pipes, a terminal, a pipe its
//     parent reads): its output is left there (no redirectOutput);
//   - ends as its parent's wait saw: the parent's agent reports it to the owner
//     (dapper/childExited), which tells this session; the exited event waits a little
//     for it once the child's agent has gone.
//
// Every child session ends with the owner's tree (endAsChild).

// childLink is a child session's tie to the session that owns the tree; it is the
// child session's binder.
type childLink struct {
	owner   *Session
	session *Session // the child session
	reaped  bool     // its child descends from the program: its parent says how it ended
}

var errNotAChild = errors.New("this port serves child sessions: the attach names its child " +
	`with "subProcessId" and "subProcessToken", as the startDebugging configuration gave them`)

// bind claims the child that the attach arguments name (the binder interface); done
// runs on any goroutine.
func (l *childLink) bind(_ *Session, args json.RawMessage, done func(agentConn, error)) {
	claim, ok, err := launch.ParseChildClaim(args)
	switch {
	case err != nil:
		done(agentConn{}, err)
	case !ok:
		done(agentConn{}, errNotAChild)
	case !l.owner.post(func() { l.owner.claimChild(claim, l.session, done) }):
		done(agentConn{}, errProgramGone)
	}
}

// adoptChild fits the attach to the child it claimed, before adoptAgent: a descendant
// keeps its output where it goes.
func (s *Session) adoptChild(a agentConn) {
	s.family.reaped = a.descendant
	if a.descendant {
		if args, err := withAttribute(s.launchArgs, "redirectOutput", false); err == nil {
			s.launchArgs = args
		}
	}
	s.adoptAgent(a)
}

func withAttribute(raw json.RawMessage, key string, value any) (json.RawMessage, error) {
	args := map[string]json.RawMessage{}
	if err := json.Unmarshal(raw, &args); err != nil {
		return nil, err
	}
	b, _ := json.Marshal(value)
	args[key] = b
	return json.Marshal(args)
}

// holdChildExit: a child's agent has gone, and with it the child, whose exit code its
// parent's agent reports when it reaps it. Returns true while that is awaited, for at
// most deadlines.exitedOutput; a code that never comes leaves the exit unknown.
func (s *Session) holdChildExit(d *debuggee) bool {
	if s.family == nil || !s.family.reaped || d.exitKnown || d.exitedSent {
		return false
	}
	s.after(s.deadlines.exitedOutput, func() { s.sendExited(d.exitCode) })
	return true
}

// childExited: the owner says how this session's child ended.
func (s *Session) childExited(code int) {
	d := s.debuggee
	if d == nil || d.exitedSent || d.exitKnown {
		return
	}
	d.exitCode, d.exitKnown = code, true
	if d.agentClosed {
		s.sendExited(code)
	}
}

// endAsChild: the owner's tree ends. With terminate the child's process ends (as a
// terminate request would end it); else the child is let go to run on. Either way the
// client hears terminated, and the session ends.
func (s *Session) endAsChild(terminate bool) {
	if s.stopped {
		return
	}
	d := s.debuggee
	switch {
	case d == nil || d.exitedSent:
		s.end()
	case terminate:
		s.shutdown(true, nil)
	default:
		d.detachAgent(false, nil)
		d.exitedSent = true
		s.sendEvent("terminated", nil)
		s.end()
	}
}
