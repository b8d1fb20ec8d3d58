"""Tracing backend for CPython up to 3.11: sys.settrace. The global function returns a
local tracer only for frames the debugger needs lines in."""

import dis
import sys
import threading

_RETURN_VALUE = dis.opmap["RETURN_VALUE"]
_YIELD_VALUE = dis.opmap["YIELD_VALUE"]
_YIELD_FROM = dis.opmap.get("YIELD_FROM")  # up to 3.10


class SettraceBackend:
    name = "sys.settrace"

    def __init__(self, debugger):
        self._debugger = debugger

    def install(self):
        threading.settrace(self._global)
        sys.settrace(self._global)

    def uninstall(self):
        threading.settrace(None)
        sys.settrace(None)

    def _global(self, frame, event, arg):
        try:
            if event == "call" and self._debugger.wants_lines(frame.f_code):
                return self._local
        except Exception as exc:
            _warn(exc)
        return None

    def _local(self, frame, event, arg):
        try:
            if event == "line":
                self._debugger.on_line(frame, frame.f_lineno)
            elif event == "return" and not self._debugger.settled:
                yielding = _ended_by(frame)
                if yielding is not None:
                    self._debugger.on_return(frame, yielding, arg)
        except Exception as exc:
            _warn(exc)
        return self._local

    def trace(self, frames):
        for frame in frames:
            frame.f_trace = self._local

    def refresh(self):
        """Frames already running get a local tracer if their code now holds a
        breakpoint; new frames are asked about at their "call" event anyway."""
        for frame in sys._current_frames().values():
            while frame is not None:
                if frame.f_trace is None and self._debugger.has_breakpoints(frame.f_code):
                    frame.f_trace = self._local
                frame = frame.f_back


def _ended_by(frame):
    """At a "return" event: False for a return, True for a yield (or an await that
    suspends), None for an exception unwinding the frame."""
    code, lasti = frame.f_code.co_code, frame.f_lasti
    op = code[lasti]
    if op == _RETURN_VALUE:
        return False
    # Up to 3.10 a suspended `yield from`/`await` stands on the instruction before it.
    if op == _YIELD_VALUE or (_YIELD_FROM is not None and code[lasti + 2:lasti + 3] == bytes([_YIELD_FROM])):
        return True
    return None


def _warn(exc):
    try:
        sys.__stderr__.write("dapper: tracing error: %r\n" % (exc,))
    except Exception:
        pass
