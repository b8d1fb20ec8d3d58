"""Uncaught exceptions without tracing (CPython up to 3.11): sys.excepthook (the main
thread's) and threading.excepthook (other threads') are wrapped; each wrapper reports
the exception, then lets the hook it wraps print it as before.

The wrappers carry the originals' names and docs. Limits: a program that sets its own
hook replaces them, and then its uncaught exceptions do not stop; SystemExit never
reaches either hook, so a failing sys.exit() in the main thread does not stop either.
"""

import functools
import sys
import threading

from ...errors import warn


class Excepthooks:
    """report(exc, tb) is called for each uncaught exception while `reporting`."""

    def __init__(self, report):
        self._report = report
        self._originals = None  # (sys.excepthook, threading.excepthook) as they were
        self.reporting = False

    def install(self):
        original_sys, original_threading = sys.excepthook, threading.excepthook
        self._originals = (original_sys, original_threading)

        def excepthook(exc_type, exc, tb):
            self._uncaught(exc, tb)
            return original_sys(exc_type, exc, tb)

        def thread_excepthook(args):
            self._uncaught(args.exc_value, args.exc_traceback)
            return original_threading(args)

        sys.excepthook = _looking_like(excepthook, original_sys)
        threading.excepthook = _looking_like(thread_excepthook, original_threading)

    def uninstall(self):
        """Put the original hooks back, unless the program has set its own since."""
        if self._originals is None:
            return
        original_sys, original_threading = self._originals
        self._originals = None
        restore(sys, "excepthook", original_sys)
        restore(threading, "excepthook", original_threading)

    def _uncaught(self, exc, tb):
        if not self.reporting or self._originals is None or exc is None or tb is None:
            return
        try:
            self._report(exc, tb)
        except Exception as failure:
            warn("tracing error", failure)


def restore(owner, name, original):
    """Put original back as owner.name, unless the program has set its own since (a
    wrapper made by _looking_like names what it wraps)."""
    if getattr(getattr(owner, name), "__wrapped__", None) is original:
        setattr(owner, name, original)


def _looking_like(hook, original):
    """hook, named and documented as the original it wraps (its __wrapped__)."""
    try:
        functools.update_wrapper(hook, original)
    except (AttributeError, TypeError):
        hook.__wrapped__ = original
    return hook
