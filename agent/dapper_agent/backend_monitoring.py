"""Tracing backend for CPython 3.12+: sys.monitoring under the debugger's tool id.

PY_START asks the debugger whether a code object needs line events and returns
DISABLE where it does not; LINE events are enabled only locally, on code objects
that need them, and each line that needs nothing more is disabled until refresh()."""

import sys

mon = sys.monitoring
E = mon.events
DISABLE = mon.DISABLE


class MonitoringBackend:
    name = "sys.monitoring"

    def __init__(self, debugger):
        self._debugger = debugger
        self._tool = mon.DEBUGGER_ID

    def install(self):
        mon.use_tool_id(self._tool, "dapper")
        mon.register_callback(self._tool, E.PY_START, self._on_start)
        mon.register_callback(self._tool, E.LINE, self._on_line)
        mon.set_events(self._tool, E.PY_START)

    def uninstall(self):
        try:
            mon.set_events(self._tool, 0)
            mon.register_callback(self._tool, E.PY_START, None)
            mon.register_callback(self._tool, E.LINE, None)
            mon.free_tool_id(self._tool)
        except ValueError:
            pass

    def _enable_lines(self, code):
        mon.set_local_events(self._tool, code, mon.get_local_events(self._tool, code) | E.LINE)

    def _on_start(self, code, offset):
        try:
            if self._debugger.wants_lines(code):
                self._enable_lines(code)
                return None
        except Exception as exc:
            _warn(exc)
        return DISABLE

    def _on_line(self, code, line):
        try:
            if self._debugger.on_line(sys._getframe(1), line):
                return None
        except Exception as exc:
            _warn(exc)
        return DISABLE

    def refresh(self):
        """Breakpoints changed: running frames whose code now needs lines get them,
        and disabled events come back so that PY_START asks again."""
        for frame in sys._current_frames().values():
            while frame is not None:
                if self._debugger.wants_lines(frame.f_code):
                    self._enable_lines(frame.f_code)
                frame = frame.f_back
        mon.restart_events()


def _warn(exc):
    try:
        sys.__stderr__.write("dapper: tracing error: %r\n" % (exc,))
    except Exception:
        pass
