package dap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	godap "github.com/google/go-dap"
)

// ErrSessionEnded is wrapped by the errors of requests that can no longer be
// answered: the stream ended, or the client was closed, before the response came.
var ErrSessionEnded = errors.New("the debug session has ended")

// Call is a request in flight.
type Call struct {
	Command string
	Seq     int
	Sent    time.Time // when it was queued for writing

	done    chan struct{} // closed when the response arrived or the session ended
	reply   Message
	arrived time.Time
	err     error // why it ended unanswered
}

func (call *Call) finish(reply Message, arrived time.Time, err error) {
	call.reply, call.arrived, call.err = reply, arrived, err
	close(call.done)
}

// Done is closed once the response has arrived, or the session has ended.
func (call *Call) Done() <-chan struct{} { return call.done }

// Wait waits for the response and decodes its body into out (when not nil). A failed
// response is a *RequestError; a session that ended first, an error wrapping
// ErrSessionEnded; a ctx that ended first, one wrapping ctx.Err().
func (call *Call) Wait(ctx context.Context, out any) error {
	select {
	case <-call.done:
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", call.Command, ctx.Err())
	}
	if call.err != nil {
		return fmt.Errorf("%s: %w", call.Command, call.err)
	}
	if !call.reply.Success {
		return responseError(call.Command, call.reply)
	}
	if out != nil && len(call.reply.Body) > 0 {
		if err := json.Unmarshal(call.reply.Body, out); err != nil {
			return fmt.Errorf("%s: the debugger sent a body we cannot read: %v", call.Command, err)
		}
	}
	return nil
}

// RequestError is a failed DAP response: its text, and the stable id of
// errors.go's table when the adapter gave one.
type RequestError struct {
	Command string
	Message string
	ID      ErrorID
}

func (e *RequestError) Error() string { return e.Message }

// Unsupported reports whether the debugger answered that it does not serve the request.
func (e *RequestError) Unsupported() bool {
	return e.ID == ErrUnknownRequest || e.ID == ErrAgentUnknownRequest
}

// Gone reports whether the debugger answered that the program has gone.
func (e *RequestError) Gone() bool { return e.ID == ErrNoDebuggee }

// ResponseError is the *RequestError of a failed response, or nil for a successful one.
func ResponseError(m Message) error {
	if m.Success {
		return nil
	}
	return responseError(m.Command, m)
}

// responseError reads the failed response m to a command request.
func responseError(command string, m Message) *RequestError {
	var body godap.ErrorResponseBody
	_ = json.Unmarshal(m.Body, &body)
	e := &RequestError{Command: command, Message: m.ErrMessage}
	if body.Error != nil {
		e.ID = body.Error.Id
		if e.Message == "" {
			e.Message = body.Error.Format
		}
	}
	if e.Message == "" {
		e.Message = command + " failed"
	}
	return e
}
