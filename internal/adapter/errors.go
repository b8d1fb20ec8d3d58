package adapter

// Stable ids of the adapter's error responses.
const (
	errNotInitialized = 1001
	errUnknownRequest = 1002
	errMalformed      = 1003
	errInternal       = 1004
	errSequence       = 1005
	errUnsupported    = 1006
	errSpawn          = 1007
	errAgent          = 1008
	errNoDebuggee     = 1009
)
