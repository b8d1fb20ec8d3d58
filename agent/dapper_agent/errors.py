"""How the agent reports what went wrong: the ids of its error responses, and its own
failures, written to the process's original stderr (never raised into the program).

The ids mirror internal/dap/errors.go (ErrAgentUnknownRequest, ErrAgentNotSuspended,
ErrAgentBadArguments, ErrAgentUnreadable, ErrAgentThreadBusy, ErrAgentRequestFailed),
which lists them beside the adapter's: users quote them and clients may branch on
them, so a number keeps its meaning; change both together."""

import sys

UNKNOWN_REQUEST = 1014  # no handler for the request
NOT_SUSPENDED = 1015  # the request needs a suspended thread (or a live reference)
BAD_ARGUMENTS = 1020  # an argument does not fit the request's schema (type, range, missing)
UNREADABLE = 1021  # the message is not a UTF-8 JSON object, or not a request
THREAD_BUSY = 1022  # the thread is still inside a call that has not returned
REQUEST_FAILED = 3000  # a handler failed; the message says why


def warn(what, exc):
    """Write "dapper: <what>: <exc>" to the original stderr: the program's own
    sys.stderr may be captured, replaced or closed."""
    try:
        sys.__stderr__.write("dapper: %s: %r\n" % (what, exc))
    except Exception:
        pass
