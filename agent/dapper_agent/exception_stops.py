"""Stops for exceptions and for breakpoint(), on the thread where they happen: the part of
the Debugger (debugger.py) that exception breakpoints, the excepthooks and the
breakpoint() hook reach. A mixin of Debugger, whose stop and bookkeeping it uses."""

import threading
import traceback

from .paths import is_agent_file
from .threads import agent_thread_ids


class ExceptionStops:
    """Exception and breakpoint() stops of debugger.Debugger (which sets up
    _exception_stops, exceptions, suspension, checked and client_present, and offers
    _stop and _report_problem)."""

    def on_exception_raised(self, frame, exc, tb=None):
        """exc was just raised in frame (not propagated into it); tb is its traceback
        so far, for when exc.__traceback__ is not set yet (up to 3.11)."""
        self._on_exception(self.exceptions.raised, frame, exc, tb)

    def on_exception_leaving(self, frame, exc, tb=None):
        """exc is leaving frame for its caller."""
        self._on_exception(self.exceptions.leaving, frame, exc, tb)

    def on_uncaught(self, exc, tb):
        """exc has ended the program or its thread, seen after the fact (by an
        excepthook): the stop shows its traceback's frames, which have finished."""
        self._on_exception(lambda frame, e, t: self.exceptions.uncaught(e, t), None, exc, tb, after=True)

    def _on_exception(self, decide, frame, exc, tb, after=False):
        thread_id = threading.get_native_id()
        if thread_id in agent_thread_ids() or self.suspension.is_suspended(thread_id) \
                or (frame is not None and is_agent_file(frame.f_code.co_filename)):
            return
        if frame is not None and self.checked.inside_check(frame):
            return  # raised by a condition, or inside what it calls: the check reports it
        stop = decide(frame, exc, tb)
        if stop is None or is_agent_file(stop.frame.f_code.co_filename):
            return
        stack = None
        if after:
            stack = [f for f, _ in traceback.walk_tb(stop.traceback)][::-1]
            stack = stack[stack.index(stop.frame):] if stop.frame in stack else stack
        if stop.problem:
            self._report_problem(stop.frame, stop.problem + ": stopped here")
        self._exception_stops[thread_id] = stop
        try:
            self._stop(stop.frame, "exception", stack=stack, **stop.stopped_details())
        finally:
            self._exception_stops.pop(thread_id, None)

    def exception_stop(self, thread_id):
        """The ExceptionStop thread_id is stopped for, or None."""
        return self._exception_stops.get(thread_id)

    def on_breakpoint_call(self, frame):
        """The program called breakpoint() in frame."""
        thread_id = threading.get_native_id()
        if self.client_present and thread_id not in agent_thread_ids() and not self.suspension.is_suspended(thread_id):
            self._stop(frame, "breakpoint")
