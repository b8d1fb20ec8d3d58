"""The one place that decides "stop here?". Backends deliver events; this module asks
the breakpoint table and the pending step/entry requests, and suspends the thread."""

from .breakpoints import BreakpointTable, code_lines
from .paths import is_agent_file, is_user_file


class Debugger:
    def __init__(self, agent):
        self._agent = agent
        self.breakpoints = BreakpointTable()
        self.stop_on_entry = False
        self.just_my_code = True
        self._code_lines = {}

    # -- questions the backends ask -------------------------------------------------

    def wants_lines(self, code):
        """Does any breakpoint or pending stop need line events in code?"""
        filename = code.co_filename
        if self.stop_on_entry and is_user_file(filename):
            return True
        bp_lines = self.breakpoints.lines_in(filename)
        if not bp_lines:
            return False
        lines = self._code_lines.get(code)
        if lines is None:
            lines = self._code_lines[code] = code_lines(code)
        return not lines.isdisjoint(bp_lines)

    def on_line(self, frame, line):
        """A line event in a code object we asked for. Returns False when this line is
        of no further interest until breakpoints change (the backend may disable it)."""
        filename = frame.f_code.co_filename
        threads = self._agent.threads
        if threads.is_suspended(threads.current_id()) or is_agent_file(filename):
            return False
        if self.stop_on_entry and is_user_file(filename):
            self.stop_on_entry = False
            threads.suspend(frame, "entry")
            return True
        bp = self.breakpoints.at(filename, line)
        if bp is None:
            return False
        threads.suspend(frame, "breakpoint", hitBreakpointIds=[bp.id])
        return True

    # -- requests -------------------------------------------------------------------

    def set_breakpoints(self, path, lines):
        result = self.breakpoints.set_file(path, lines)
        self._agent.backend_refresh()
        return result

    def clear(self):
        self.breakpoints.clear()
        self.stop_on_entry = False
