"""The tracebacks the program prints when the session stops it: the exception its
suspended threads raise comes out of the agent's frames (it is raised from the
tracing callback, so that it surfaces at the line where the thread stopped), and
those frames are taken out before Python or threading prints it."""

import sys
import threading

from .paths import is_agent_file


def hide_agent_frames():
    """Wrap sys.excepthook and threading.excepthook (whatever they are now) so that the
    tracebacks they print leave the agent's frames out."""
    original = sys.excepthook
    if getattr(original, "_dapper_hides_agent", False):
        return  # already ours (a Ctrl-C held at a stop, then a terminate)

    def excepthook(kind, value, tb):
        if value is not None:
            strip(value)
            tb = value.__traceback__
        original(kind, value, tb)

    excepthook._dapper_hides_agent = True
    sys.excepthook = excepthook
    thread_original = threading.excepthook

    def thread_excepthook(args):
        if args.exc_value is not None:
            strip(args.exc_value)
        thread_original(args)

    threading.excepthook = thread_excepthook


def strip(exc):
    """Take the agent's frames out of exc's traceback, and its causes' and contexts'."""
    seen = set()
    pending = [exc]
    while pending:
        exc = pending.pop()
        if exc is None or id(exc) in seen:
            continue
        seen.add(id(exc))
        exc.__traceback__ = _without_agent(exc.__traceback__)
        pending += [exc.__cause__, exc.__context__]


def _without_agent(tb):
    while tb is not None and _is_agent(tb):
        tb = tb.tb_next
    head = tb
    while tb is not None:
        following = tb.tb_next
        while following is not None and _is_agent(following):
            following = following.tb_next
        tb.tb_next = following
        tb = following
    return head


def _is_agent(tb):
    return is_agent_file(tb.tb_frame.f_code.co_filename)
