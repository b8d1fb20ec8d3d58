"""breakpoint() in the program's code: sys.breakpointhook is replaced, for as long as
debugging lasts, by one that hands the caller's frame to the debugger."""

import os
import sys


def install(on_call):
    """breakpoint() calls on_call(frame), unless the user chose a hook with
    PYTHONBREAKPOINT. The hook is set in this process only: a child without the agent
    keeps Python's."""
    if os.environ.get("PYTHONBREAKPOINT"):
        return
    previous = sys.breakpointhook

    def breakpointhook(*args, **kwargs):
        on_call(sys._getframe(1))

    breakpointhook.previous = previous
    sys.breakpointhook = breakpointhook


def uninstall():
    previous = getattr(sys.breakpointhook, "previous", None)
    if previous is not None:
        sys.breakpointhook = previous
