"""Tracing backend for CPython up to 3.11: sys.settrace. The global function returns a
local tracer only for frames the debugger needs lines in, and, while an exception
breakpoint needs them, for frames whose exceptions it must see (every frame, or only
each thread's outermost): those get no line events (f_trace_lines off)."""

import dis
import sys
import threading

from .exceptions import is_outermost, is_program_runner

_RETURN_VALUE = dis.opmap["RETURN_VALUE"]
_YIELD_VALUE = dis.opmap["YIELD_VALUE"]
_YIELD_FROM = dis.opmap.get("YIELD_FROM")  # up to 3.10


class SettraceBackend:
    name = "sys.settrace"

    def __init__(self, debugger):
        self._debugger = debugger
        self._raises = False  # report exceptions raised
        self._leaving = None  # report exceptions leaving "every" frame, the "outermost", or None
        self._unwinding = {}  # id(outermost frame) -> (exception, traceback) last seen in it

    def install(self):
        self._raises, self._leaving = self._debugger.exception_events()
        threading.settrace(self._global)
        sys.settrace(self._global)

    def uninstall(self):
        threading.settrace(None)
        sys.settrace(None)

    def _global(self, frame, event, arg):
        try:
            if event == "call":
                if self._debugger.wants_lines(frame.f_code):
                    return self._local
                if self._raises or self._leaving == "every" or (self._leaving and is_outermost(frame)):
                    frame.f_trace_lines = False  # exception events only
                    return self._local
        except Exception as exc:
            _warn(exc)
        return None

    def _local(self, frame, event, arg):
        try:
            if event == "line":
                self._debugger.on_line(frame, frame.f_lineno)
            elif event == "return":
                unwinding = self._unwinding.pop(id(frame), None) if self._unwinding else None
                if unwinding is not None and _ended_by(frame) is None:
                    # An outermost frame unwinds: no caller of it will report that.
                    self._debugger.on_exception_leaving(frame, *unwinding)
                elif not self._debugger.settled:
                    yielding = _ended_by(frame)
                    if yielding is not None:
                        self._debugger.on_return(frame, yielding, arg)
            elif event == "exception":
                self._exception(frame, arg[1], arg[2])
        except Exception as exc:
            _warn(exc)
        return self._local

    def _exception(self, frame, exc, tb):
        """exc was raised in frame, or has come into it from a callee (which it left)."""
        if tb is None or (self._leaving is None and not self._raises):
            return
        if tb.tb_next is None:
            if self._raises:
                self._debugger.on_exception_raised(frame, exc, tb)
        elif not is_program_runner(frame.f_code):  # a runner's callee is outermost: see "return"
            self._debugger.on_exception_leaving(tb.tb_next.tb_frame, exc, tb)
        if self._leaving and is_outermost(frame):
            self._unwinding[id(frame)] = (exc, tb)

    def trace(self, frames):
        for frame in frames:
            frame.f_trace = self._local
            frame.f_trace_lines = True

    def refresh(self):
        """Frames already running get a local tracer if their code now holds a
        breakpoint; new frames are asked about at their "call" event anyway."""
        self._raises, self._leaving = self._debugger.exception_events()
        for frame in sys._current_frames().values():
            while frame is not None:
                if (frame.f_trace is None or not frame.f_trace_lines) and self._debugger.has_breakpoints(frame.f_code):
                    frame.f_trace = self._local
                    frame.f_trace_lines = True
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
