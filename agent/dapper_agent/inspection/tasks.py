"""The asyncio tasks of a stopped thread's event loop, as the "Async tasks" scope of
each of its frames: one variable per pending task (the task running the stopped
frame says so), whose value says where it waits, and whose children are its
coroutine stack, innermost first, each with that frame's locals as children.

A scope, not a thread-like entry: DAP threads can be continued and stepped one by
one, and a task cannot be run apart from its loop; the scope shows what matters ("where
is my task waiting") and asks nothing of the thread list.
"""

import os
import re

from ..frames import frame_name
from . import awaiting
from .attributes import DATA
from .children import Child

SCOPE = "Async tasks"


def loop_here():
    """The event loop of the thread asking, if one runs there."""
    return awaiting.running_loop()


class CoroutineStack(tuple):
    """A task's frames, innermost first, with a one-line summary as its text."""

    summary = ""

    def __repr__(self):
        return self.summary


def entries(loop):
    """The scope's variables: one per pending task of loop."""
    import asyncio

    current = asyncio.current_task(loop)
    tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
    tasks.sort(key=_natural_name)
    return [Child(task.get_name(), DATA, _stack(task, task is current), read_only=True) for task in tasks]


def _natural_name(task):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", task.get_name())]


def _stack(task, running):
    frames = _coroutine_frames(task.get_coro())
    stack = CoroutineStack(_frame_entry(frame) for frame in reversed(frames))
    if running:
        stack.summary = "running: it is the task this thread is stopped in"
    elif frames:
        inner = frames[-1]
        stack.summary = "waiting in %s" % _where(inner)
        awaited = _awaited(task.get_coro())
        if awaited is not None:
            stack.summary += " on %s" % type(awaited).__name__
    else:
        stack.summary = "not started"
    return stack


def _coroutine_frames(coro):
    """The frames of coro and of what it awaits, outermost first."""
    frames, seen = [], 0
    while coro is not None and seen < 100:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None) or getattr(coro, "ag_frame", None)
        if frame is None:
            break
        frames.append(frame)
        coro, seen = _next_awaited(coro), seen + 1
    return frames


def _next_awaited(coro):
    for name in ("cr_await", "gi_yieldfrom", "ag_await"):
        inner = getattr(coro, name, None)
        if inner is not None:
            return inner
    return None


def _awaited(coro):
    """The innermost thing the coroutine chain waits on that is not a coroutine itself."""
    while coro is not None:
        inner = _next_awaited(coro)
        if inner is None or not any(hasattr(inner, n) for n in ("cr_frame", "gi_frame", "ag_frame")):
            return inner
        coro = inner
    return None


def _frame_entry(frame):
    """A coroutine frame's locals as the attributes of an object whose text says where
    the frame is (a class of its own: the text is not an attribute to list)."""
    where = _where(frame)
    cls = type("CoroutineFrame", (), {"__repr__": lambda self: where, "__module__": __name__})
    entry = cls()
    entry.__dict__.update(frame.f_locals)
    return entry


def _where(frame):
    code = frame.f_code
    return "%s() at %s:%d" % (frame_name(code), os.path.basename(code.co_filename), frame.f_lineno or 0)
