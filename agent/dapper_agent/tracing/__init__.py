"""The tracing backends, behind one interface (tracing.protocol): sys.monitoring on
CPython 3.12+ (tracing.monitoring), sys.settrace up to 3.11 (tracing.settrace, with
the code only it needs). TracingControl is the Debugger's hold on the one chosen.

Both place code copies (code_copies) that check breakpoints in the code itself, so
that a frame whose breakpoints are all checked so needs no events: the copies are
compiled from the file's source with additions (rewrite, source_code), their line
tables rewritten so that line events stay where they were (linetable)."""

import sys
import threading

from ..paths import is_agent_file


def choose(debugger):
    """The backend for this interpreter, delivering events to debugger."""
    if sys.version_info >= (3, 12):
        from .monitoring import MonitoringBackend

        return MonitoringBackend(debugger)
    from .settrace.backend import SettraceBackend

    return SettraceBackend(debugger)


class TracingControl:
    """The backend the Debugger drives. Between install() and uninstall() only, it is
    asked to refresh or trace: requests before configurationDone, or after debugging
    ended, change what the debugger answers but start no tracing. A refresh asked for
    (on another thread) while install() runs is made once it has: attached to a running
    program, breakpoints may come while tracing is being installed."""

    def __init__(self, debugger):
        self._backend = choose(debugger)
        self._installed = False
        self._missed = False
        self._lock = threading.Lock()

    def install(self):
        self._backend.install()
        with self._lock:
            self._installed = True
            missed, self._missed = self._missed, False
        if missed:
            self._backend.refresh()

    def uninstall(self):
        if self._installed:
            self._backend.uninstall()
            self._installed = False

    def refresh(self):
        """See Backend.refresh."""
        with self._lock:
            if not self._installed:
                self._missed = True
                return
        self._backend.refresh()

    def trace(self, frame):
        """Line and return events in frame and its callers, the agent's own left out."""
        frames = _program_frames(frame)
        if self._installed and frames:
            self._backend.trace(frames)

    def sites(self, code):
        """See Backend.sites."""
        return self._backend.sites(code)

    def copies(self):
        """See Backend.copies."""
        return self._backend.copies()

    def quiet(self):
        """See Backend.quiet (a context manager)."""
        return self._backend.quiet()

    def watch(self, frame, offsets):
        """See Backend.watch."""
        if self._installed:
            self._backend.watch(frame, offsets)

    def unwatch(self, frame):
        """See Backend.watch."""
        if self._installed:
            self._backend.unwatch(frame)

    def traces_lines(self, frame):
        """See Backend.traces_lines."""
        return self._installed and self._backend.traces_lines(frame)

    def rejoin(self, frame):
        """See Backend.rejoin."""
        if self._installed:
            self._backend.rejoin(frame)


def _program_frames(frame):
    """frame and its callers, without the agent's own."""
    frames = []
    while frame is not None:
        if not is_agent_file(frame.f_code.co_filename):
            frames.append(frame)
        frame = frame.f_back
    return frames
