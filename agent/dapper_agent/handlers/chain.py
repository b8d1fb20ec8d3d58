"""dapper/exceptions: the chain of exceptions a thread is stopped for (its cause or
context, theirs, and so on), and a way to show another one's traceback as the stack,
as pdb's `exceptions` command does (CPython 3.13).

Arguments: threadId, and optionally select (an index into the chain). The answer:
{"exceptions": [{"text": ...}], "current": index}, oldest first, as pdb numbers them.
After a select, stackTrace shows the frames of that exception's traceback (which have
finished: only continuing is possible from them); selecting the stop's own exception
brings its stack back.
"""

import traceback

from ..transport.requests import RequestError, on_thread

_TEXT_LIMIT = 80


def chain_of(exc):
    """exc and the exceptions it was raised from or during, oldest first."""
    chain, seen = [], set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ if exc.__cause__ is not None else (None if exc.__suppress_context__ else exc.__context__)
    return chain[::-1]


def _text(exc):
    try:
        text = repr(exc)
    except Exception:
        text = "<%s>" % type(exc).__name__
    return text if len(text) <= _TEXT_LIMIT else text[:_TEXT_LIMIT - 3] + "..."


class ExceptionChainRequests:
    def __init__(self, agent):
        self._agent = agent
        self._shown = {}  # thread id -> (SuspendedThread, its own frame and stack, index shown)

    @on_thread
    def request_dapper_exceptions(self, args):
        thread_id = args.get("threadId")
        debugger = self._agent.debugger
        st = debugger.suspension.suspended.get(thread_id)
        stop = debugger.exception_stop(thread_id)
        if st is None or stop is None:
            raise RequestError("exceptions: thread %s is not stopped on an exception" % thread_id)
        chain = chain_of(stop.exception)
        shown = self._shown.get(thread_id)
        if shown is None or shown[0] is not st:
            shown = self._shown[thread_id] = (st, st.frame, st.stack, len(chain) - 1)
        select = args.get("select")
        if select is not None:
            if isinstance(select, bool) or not isinstance(select, int) or not 0 <= select < len(chain):
                raise RequestError("exceptions: no exception %r in a chain of %d" % (select, len(chain)))
            self._show(st, shown, chain, select)
            shown = self._shown[thread_id] = shown[:3] + (select,)
        return {"exceptions": [{"text": _text(exc)} for exc in chain], "current": shown[3]}

    def _show(self, st, shown, chain, index):
        if index == len(chain) - 1:
            st.frame, st.stack = shown[1], shown[2]
            return
        frames = [frame for frame, _ in traceback.walk_tb(chain[index].__traceback__)][::-1]
        if not frames:
            raise RequestError("exceptions: exception %d has no traceback" % index)
        st.frame, st.stack = frames[0], frames
