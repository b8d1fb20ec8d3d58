"""The public API, `import dapper` (the dapper package beside dapper_agent re-exports
it): debug this program from inside, whoever started it.

    dapper.listen(5678)          serve debug clients on 127.0.0.1:5678; returns (host, port)
    dapper.connect(5678)         connect to an adapter that listens there (attach.listen)
    dapper.wait_for_client()     block until a client has attached and configured
    dapper.is_client_connected() whether one has
    dapper.breakpoint()          stop here, on the caller's line, if a client is attached
    dapper.debug_this_thread()   make a thread not started by threading known

An address is a port or a (host, port) pair; the host defaults to 127.0.0.1. A client
that disconnects leaves the program running, and another may attach later. connect()
authenticates with $DAPPER_TOKEN when it is set (the adapter must have the same).
"""

import os
import sys
import threading

from . import server
from .. import attach, current

__all__ = ["listen", "connect", "wait_for_client", "is_client_connected", "breakpoint", "debug_this_thread"]

_lock = threading.Lock()


def _endpoint(address, what):
    if isinstance(address, int) and not isinstance(address, bool):
        host, port = "127.0.0.1", address
    elif isinstance(address, (tuple, list)) and len(address) == 2:
        host, port = address
    else:
        raise TypeError("dapper.%s() takes a port or a (host, port) pair, not %r" % (what, address))
    if not isinstance(host, str) or not isinstance(port, int) or not 0 <= port < 65536:
        raise ValueError("dapper.%s(): bad address %r" % (what, address))
    return host or "127.0.0.1", port


def _not_debugged_yet(what):
    if current() is not None:
        raise RuntimeError("dapper.%s(): this process is being debugged already" % what)


def listen(address):
    """Serve debug clients (DAP) at address; returns the (host, port) listened on
    (a port of 0 picks a free one). The program runs on while nobody is attached."""
    host, port = _endpoint(address, "listen")
    with _lock:
        _not_debugged_yet("listen")
        listening, agent_address, token = server.start(host, port)
        attach(agent_address, token)
    bound_host, _, bound_port = listening.rpartition(":")
    return bound_host.strip("[]"), int(bound_port)


def connect(address):
    """Connect to a debug adapter listening at address (an attach configuration with
    "listen"); raises OSError when nothing listens there."""
    host, port = _endpoint(address, "connect")
    with _lock:
        _not_debugged_yet("connect")
        attach("%s:%d" % (host, port), os.environ.get("DAPPER_TOKEN", ""))


def _agent(what):
    agent = current()
    if agent is None:
        raise RuntimeError("dapper.%s(): call dapper.listen() or dapper.connect() first" % what)
    return agent


def wait_for_client():
    """Block until a client has attached and sent configurationDone."""
    _agent("wait_for_client").client_ready.wait()


def is_client_connected():
    """Whether a client is attached (and has configured)."""
    agent = current()
    return agent is not None and agent.client_ready.is_set()


def breakpoint():
    """Stop at the caller's line, if a client is attached; otherwise do nothing."""
    agent = current()
    if agent is not None and agent.client_ready.is_set():
        agent.debugger.on_breakpoint_call(sys._getframe(1))


def debug_this_thread():
    """Make the calling thread, started by other means than threading (_thread, C
    code), known to the debugger: listed in threads, stopped at breakpoints."""
    agent = _agent("debug_this_thread")
    thread = threading.current_thread()  # registers a thread threading did not start
    agent.channel.send_event("thread", {"reason": "started", "threadId": thread.native_id})
    agent.debugger.tracing.refresh()
