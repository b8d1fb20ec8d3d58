package adapter

import "github.com/dapper-debugger/dapper/internal/dap"

// The adapter's error ids; the table, with the agent's and launch's, is in internal/dap.
const (
	errNotInitialized = dap.ErrNotInitialized
	errUnknownRequest = dap.ErrUnknownRequest
	errMalformed      = dap.ErrMalformed
	errInternal       = dap.ErrInternal
	errSequence       = dap.ErrSequence
	errUnsupported    = dap.ErrUnsupported
	errSpawn          = dap.ErrSpawn
	errAgent          = dap.ErrAgent
	errNoDebuggee     = dap.ErrNoDebuggee
	errAttach         = dap.ErrAttach
	errAttachTimeout  = dap.ErrAttachTimeout
	errBusy           = dap.ErrBusy
)
