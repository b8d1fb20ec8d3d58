package dap

// ErrorID is the stable numeric id of an error response (DAP's Message.id). Users
// quote these in bug reports and clients may branch on them, so a number, once
// given, keeps its meaning.
type ErrorID = int

// The adapter's own error ids (1001–1099).
const (
	ErrNotInitialized ErrorID = 1001 // a request came before initialize
	ErrUnknownRequest ErrorID = 1002 // the request is not part of DAP, or not served
	ErrMalformed      ErrorID = 1003 // the message could not be decoded or routed
	ErrInternal       ErrorID = 1004 // a handler panicked; the text has the panic
	ErrSequence       ErrorID = 1005 // the request is out of order for the session
	ErrUnsupported    ErrorID = 1006 // a known request this adapter does not offer
	ErrSpawn          ErrorID = 1007 // the program could not be started
	ErrAgent          ErrorID = 1008 // the agent did not connect, or failed
	ErrNoDebuggee     ErrorID = 1009 // no program is being debugged (it has gone)
	ErrAttach         ErrorID = 1010 // attach could not reach the program: connect, listen or injection failed
	ErrAttachTimeout  ErrorID = 1011 // attach reached the program, but its agent did not come in time
	ErrBusy           ErrorID = 1012 // another client is attached to the program
)

// The agent's error ids, sent by the Python agent (agent/dapper_agent/errors.py) and relayed
// unchanged. They sit beside the adapter's so that one table lists every id.
const (
	ErrAgentUnknownRequest ErrorID = 1014 // the agent has no handler for the request
	ErrAgentNotSuspended   ErrorID = 1015 // the request needs a suspended thread (or a live reference)
	ErrAgentBadArguments   ErrorID = 1020 // an argument does not fit the request's schema (type, range, missing)
	ErrAgentUnreadable     ErrorID = 1021 // the message is not a UTF-8 JSON object, or not a request
	ErrAgentThreadBusy     ErrorID = 1022 // the thread is still inside a call that has not returned
	ErrAgentRequestFailed  ErrorID = 3000 // a request handler failed; the text says why
)

// Launch configuration errors (2001–2099), from internal/launch.
const (
	ErrBadArguments      ErrorID = 2001 // an argument has the wrong type or value
	ErrProgramMissing    ErrorID = 2002 // program does not exist
	ErrPythonMissing     ErrorID = 2003 // no interpreter found
	ErrLaunchUnsupported ErrorID = 2004 // a valid setting this version cannot honour
)
