"""An uncaught SystemExit without tracing (CPython up to 3.11).

While uncaught exceptions are all that is wanted, nothing is traced: the excepthooks
report them (excepthooks.py). Python handles a SystemExit that leaves the main module
without calling sys.excepthook, and watching the main module's frame for its
exceptions would trace every call of the main thread (a frame's trace function only
runs while its thread has one). So the calls that end a program are wrapped instead:
sys.exit() and the exit() and quit() builtins. When one is called on the main thread,
the frame that called it and the main module's frame are watched from then on:

- the SystemExit leaves the main module's frame: it is uncaught, and reported there,
  while every frame it passed through is still alive;
- a line runs in either frame with no SystemExit being handled, or the main module
  returns: it was caught, and the watch ends, taking the thread's tracing with it.

The wrapper's own frame is cut out of the exception's traceback as it reaches the
caller, so that the program never sees it. A `raise SystemExit(...)` statement calls
nothing and is not seen; the raised and userUnhandled filters see it.
"""

import sys
import threading

from ...errors import warn
from ...paths import is_agent_file, is_outermost
from .excepthooks import _looking_like, restore

try:
    from _sitebuiltins import Quitter as _Quitter
except ImportError:  # a Python without it has no exit() and quit() builtins either
    _Quitter = None


class SystemExitWatch:
    """begin(caller, main) is called once sys.exit() (or exit(), quit()) is called on the
    main thread while watching; see Watch. The calls are wrapped only while watching: a
    wrapper's frame is where their SystemExit is raised, which the raised filter would
    not see as the caller's."""

    def __init__(self, begin):
        self._begin = begin
        self._originals = None
        self._watching = False  # a wrapper the program kept a reference to may outlive it

    def watch(self, on):
        self._watching = on
        if on and self._originals is None:
            self._install()
        elif not on:
            self.uninstall()

    def _install(self):
        original_exit = sys.exit
        original_call = _Quitter.__call__ if _Quitter is not None else None
        self._originals = (original_exit, original_call)

        def exit(*args):
            self._called(sys._getframe(1))
            return original_exit(*args)

        sys.exit = _looking_like(exit, original_exit)
        if original_call is not None:
            def quitter_call(quitter, *args, **kwargs):
                self._called(sys._getframe(1))
                return original_call(quitter, *args, **kwargs)

            _Quitter.__call__ = _looking_like(quitter_call, original_call)

    def uninstall(self):
        """Put the originals back, unless the program has replaced them since."""
        self._watching = False
        if self._originals is None:
            return
        original_exit, original_call = self._originals
        self._originals = None
        restore(sys, "exit", original_exit)
        if original_call is not None:
            restore(_Quitter, "__call__", original_call)

    def _called(self, caller):
        if not self._watching or threading.current_thread() is not threading.main_thread():
            return  # a thread's SystemExit ends the thread silently: nothing to stop for
        main = caller
        while main is not None and not is_outermost(main):
            main = main.f_back
        if main is None:  # called from atexit, a __del__...: no program frame to watch
            return
        try:
            self._begin(caller, main)
        except Exception as exc:
            warn("tracing error", exc)


class Watch:
    """The frames of one SystemExit on its way out. report(main, exc, tb) is called when
    it leaves the main module's frame; ended(main) when the watch ends (either way);
    ended_by(frame) tells, at a "return" event, an unwinding frame (None) from one that
    returns."""

    def __init__(self, caller, main, report, ended, ended_by):
        self._main = main
        self._report = report
        self._ended = ended
        self._ended_by = ended_by
        self._seen = None  # (exception, traceback) of the SystemExit seen in main
        self._previous = {}  # id(frame) -> (frame, its trace function, f_trace_lines)
        for frame in (caller, main):
            if id(frame) not in self._previous:
                self._previous[id(frame)] = (frame, frame.f_trace, frame.f_trace_lines)
                frame.f_trace = self._trace
                frame.f_trace_lines = True

    def _trace(self, frame, event, arg):
        entry = self._previous.get(id(frame))
        if entry is None:
            return None
        previous = entry[1]
        if previous is not None:  # the backend's own tracer (a breakpoint in this frame)
            result = previous(frame, event, arg)
            current = frame.f_trace if frame.f_trace is not self._trace else previous
            self._previous[id(frame)] = (frame, result if result is not None else current, entry[2])
        try:
            self._event(frame, event, arg)
        except Exception as exc:
            warn("tracing error", exc)
        return self._trace if self._previous else None

    def _event(self, frame, event, arg):
        if event == "exception":
            _cut_agent_entries(arg[2])
            if frame is self._main:
                self._seen = (arg[1], arg[2]) if isinstance(arg[1], SystemExit) else None
        elif event == "line":
            if not isinstance(sys.exc_info()[1], SystemExit):
                self.end()  # caught, and handled
        elif event == "return" and frame is self._main:
            seen = self._seen
            self.end()
            if seen is not None and self._ended_by(frame) is None:
                self._report(frame, seen[0], seen[1])

    def end(self):
        """Stop watching: each frame gets its own trace function back."""
        previous, self._previous = self._previous, {}
        for frame, trace, lines in previous.values():
            if frame.f_trace is self._trace:
                frame.f_trace = trace
                frame.f_trace_lines = lines
        if previous:
            self._ended(self._main)


def _cut_agent_entries(tb):
    """Take the agent's frames (the sys.exit wrapper) out of the traceback tb."""
    while tb is not None:
        following = tb.tb_next
        if following is not None and is_agent_file(following.tb_frame.f_code.co_filename):
            tb.tb_next = following.tb_next
            continue
        tb = following
