"""`await` in what the user evaluates (the debug console, watches): the text is
compiled with top-level await allowed, and when that makes a coroutine, it is run to
its end on a fresh event loop, on the suspended thread itself (so thread-locals and
context variables are the program's), and its result is the value.

Which awaitables work:
- in a thread with no event loop running: any;
- stopped inside a coroutine or a callback of a running loop (the usual case): that
  loop cannot run, since its thread is the one stopped in the middle of one of its
  steps. It is set aside while the fresh loop runs, and put back after: awaitables of
  their own run (a coroutine function's call, asyncio.sleep, a new connection), while
  awaiting the program's tasks, futures, or queues and locks already bound to its loop
  fails with asyncio's "attached to a different loop", and says why.
The other threads stay stopped meanwhile: an awaitable that waits for one of them
waits until the evaluation's time is up (a watch), or until it is interrupted.
"""

import ast
import sys

from ..frames import CO_COROUTINE

FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def is_coroutine_code(code):
    return bool(code.co_flags & CO_COROUTINE)


def complete(coroutine):
    """Run coroutine to its end on a fresh loop; its result."""
    import asyncio

    events = asyncio.events
    suspended = events._get_running_loop()
    loop = asyncio.new_event_loop()
    events._set_running_loop(None)
    try:
        return loop.run_until_complete(coroutine)
    except RuntimeError as exc:
        if suspended is not None and "different" in str(exc) and "loop" in str(exc):
            raise RuntimeError("%s (the program's event loop is stopped in this thread: only awaitables that do "
                               "not belong to it can run)" % exc) from None
        raise
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        except Exception:
            pass
        loop.close()
        events._set_running_loop(suspended)


def run_code(code, global_ns, local_ns, statements):
    """exec (statements) or eval code in the namespaces, awaiting what it makes when
    it was compiled to a coroutine."""
    if is_coroutine_code(code):
        value = complete(eval(code, global_ns, local_ns))
        return None if statements else value
    if statements:
        exec(code, global_ns, local_ns)
        return None
    return eval(code, global_ns, local_ns)


def running_loop():
    """The event loop running in this thread, or None (asyncio never imported: None)."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return None
    try:
        return asyncio.events._get_running_loop()
    except Exception:
        return None
