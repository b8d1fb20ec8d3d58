"""Tracing backend for CPython up to 3.11: sys.settrace. The global function returns a
local tracer only for code objects the debugger needs lines in."""

import sys
import threading


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
        if event == "line":
            try:
                self._debugger.on_line(frame, frame.f_lineno)
            except Exception as exc:
                _warn(exc)
        return self._local

    def refresh(self):
        """Breakpoints changed: frames already running get a local tracer if their
        code now needs lines."""
        for frame in sys._current_frames().values():
            while frame is not None:
                if frame.f_trace is None and self._debugger.wants_lines(frame.f_code):
                    frame.f_trace = self._local
                frame = frame.f_back


def _warn(exc):
    try:
        sys.__stderr__.write("dapper: tracing error: %r\n" % (exc,))
    except Exception:
        pass
