"""The interface between the tracing backends and the Debugger, both ways.

A backend delivers events to the Debugger and decides nothing itself. It sees the
Debugger only through DebuggerProtocol below: every member a backend uses is listed
there, and the Debugger (debugger.py) has each one. Apart from it, the backends use
only the core's helpers: where code lives (paths), the lines code runs (frames), which
threads are the agent's (threads), and warn (errors). The Debugger drives its backend through the Backend members, by way of
tracing.TracingControl, which it owns.

The classes are documentation, checked by tests (agent/tests/test_tracing_protocol.py):
nothing inherits from them, so that no event pays for a lookup more.

Pause and the all-stop rely on trace(): on 3.12+ local LINE events reach every thread;
the settrace backend relies on every program thread having the global trace function
(threading.settrace), so that a frame given f_trace delivers its next line.
"""


class DebuggerProtocol:
    """What the Debugger offers the backends. An event's call runs on the thread where
    the event happens, from inside the backend's trace or monitoring callback."""

    # -- whether an event may stop being delivered -----------------------------------

    @property
    def settled(self):
        """While true (no step, pause or entry stop under way in any thread), a line
        or return event the debugger answered False to may stop being delivered until
        the next refresh()."""

    @property
    def starts_settled(self):
        """The same for code object starts (wants_lines): no thread steps into new
        code, pauses or waits for the entry stop."""

    # -- events ----------------------------------------------------------------------

    def wants_lines(self, code):
        """A frame of code starts or resumes: True to deliver its line and return
        events. It is also how the debugger learns that a file has loaded."""

    def on_line(self, frame, line):
        """A line is about to run in a frame that asked for lines. False: nothing was
        wanted here."""

    def on_return(self, frame, yielding, value=None):
        """Such a frame returns value, or yields it (never: unwinds by an exception).
        False: nothing was wanted here."""

    def on_exception_raised(self, frame, exc, tb=None):
        """exc was just raised in frame (not propagated into it). tb: its traceback so
        far, for when exc.__traceback__ is not set yet (up to 3.11)."""

    def on_exception_leaving(self, frame, exc, tb=None):
        """exc is leaving frame for its caller (or, from an outermost frame, ends the
        program or its thread)."""

    def on_check_passed(self, frame):
        """A frame that watch() was asked about reached one of its offsets (the
        statement after a check: see checked_lines)."""

    def on_uncaught(self, exc, tb):
        """exc has ended the program or its thread, seen after the fact (by an
        excepthook): its traceback's frames have finished."""

    # -- questions, asked when the backend sets itself up (refresh, a file loads) ----

    def has_breakpoints(self, code):
        """Does code hold a line breakpoint at a line of its own, or a function
        breakpoint? Running frames of such code get line events at refresh()."""

    def exception_events(self):
        """(raises, leaving): whether exceptions raised must be reported, and for which
        frames exceptions leaving them: "every", "outermost" or None."""

    def waits_for_files(self):
        """Do line breakpoints wait for their file to load (the backend must then see
        modules start, even ones run by exec)?"""

    def breakpoint_plans(self):
        """{canonical path: {line: (key, condition)}} of every line breakpoint that can
        stop: what a code copy's check for it holds (tracing.code_copies.plan)."""

    def breakpoint_plan_in(self, path):
        """The same for the file at path (canonical) alone: {line: (key, condition)},
        empty when it has no breakpoints."""

    def binds_code_objects(self):
        """True while function breakpoints are set: they bind to code objects by
        identity, so no code object may be replaced by a copy meanwhile."""


class Backend:
    """What the Debugger asks of a backend (tracing.monitoring, tracing.settrace)."""

    name = "the tracing mechanism, for messages"

    def install(self):
        """Start delivering events (the program is about to run)."""

    def uninstall(self):
        """Stop for good (debugging ends)."""

    def refresh(self):
        """The debugger's answers may have changed (breakpoints were set, a step into
        new code or a pause began, or everything settled): every code object start is
        asked about again, events the backend stopped delivering come back, and frames
        already running whose code now holds a breakpoint get line events."""

    def trace(self, frames):
        """Deliver line and return events in these running frames from now on (the
        frames of a step and their callers; every frame of every thread when all
        threads must stop)."""

    def sites(self, code):
        """{line: tracing.rewrite.Site} of the checks that code (a copy the backend
        placed) holds; empty for other code."""

    def copies(self):
        """{id(copy): (copy, {line: Site})} of every code copy the backend made (not to
        be changed): sites() for many code objects at once."""

    def quiet(self):
        """A context manager: the calling thread (about to be suspended) has no trace
        events while inside it, so that the agent serving requests there runs at full
        speed; its tracing is as the debugger wants it when it exits."""

    def watch(self, frame, offsets):
        """Call the debugger's on_check_passed(frame) when frame (traced) is about to
        run the instruction at one of offsets; unwatch(frame) stops that."""

    def unwatch(self, frame):
        """See watch."""

    def traces_lines(self, frame):
        """Does frame get line events now (so its breakpoints are asked by them)?"""

    def rejoin(self, frame):
        """Call the debugger's on_line(frame, line) at frame's next line event, or
        (3.12+) its next jump, where a line event would not come: the backward jump of
        a check whose STOP asks to go round again (see checked_lines)."""
