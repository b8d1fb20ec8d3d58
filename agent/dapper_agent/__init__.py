"""Dapper's in-process agent: speaks DAP to the adapter and decides where the program
stops. Standard library only; CPython 3.9 and newer.

The core, at the top (like bdb.py):
    agent        the connection: handshake, the reader thread, dispatch to handlers
    debugger     the one place that decides "stop here?" (with exception_stops, its
                 exception and breakpoint() stops, and checked_lines, the breakpoints
                 that code copies check themselves)
    stepping     where next, stepIn and stepOut stop
    suspension   the all-stop: suspended threads and their command loops
    thread_requests  requests run on a suspended thread, answered for when it is stuck
    threads      the program's threads, and the agent's own
    frames       stack traces
    paths        where code lives: user, library or agent code; where the program starts
    handles      ids of frames and values while their thread is suspended
    errors       error ids of responses, and the agent's own warnings
    launcher     running the program for the bootstrap fallback (-S, -I, -E)
The rooms:
    transport/   framing (wire), the program's output as events, what handlers share
    tracing/     the backends behind one protocol (sys.monitoring; settrace/ up to 3.11),
                 and code copies that bring breakpoints to the code (code_copies)
    breakpoints/ lines, functions, exceptions, conditions, logpoints, breakpoint()
    inspection/  variables, children, attributes, safe repr, evaluate, hover, completions
    handlers/    the DAP request handlers, grouped as the requests are; each request's
                 argument schema (arguments)
    processes/   coming into a running program: attach, and the public API (`import dapper`);
                 the program's child processes (forks, wait statuses, multiprocessing's helpers)
"""

import os

_agent = None


def start(address, token, hosted=False):
    """Connect to the adapter at address ("host:port"), authenticate with token, wait
    for configurationDone and install tracing. hosted: the program runs on its own
    (DAPPER_CONNECT), so that a client leaving lets it run on. Returns the agent, or
    None if the adapter did not take this process."""
    global _agent
    if _agent is not None:
        return _agent
    from .agent import Agent
    from .processes import children

    _agent = Agent.connect(address, token)
    if _agent is not None:
        if hosted:  # else as the adapter says (dapper/host)
            _agent.hosted = True
        children.follow(address, token, hosted)
        _agent.run_until_configured()
    return _agent


def forget():
    """Drop this process's agent and return it: in a forked child, the one inherited
    from the parent."""
    global _agent
    agent, _agent = _agent, None
    return agent


def current():
    """The agent debugging this process, or None."""
    agent = _agent
    return agent if agent is not None and not agent.detached else None


def attach(address, token, refuse=False):
    """Come into this running program: connect to the adapter at address, install
    tracing and return at once, while the program runs on. This is what attach by
    process id injects; an agent that has detached makes way for the new one. Raises
    OSError when the adapter cannot be reached, RuntimeError when the program is being
    debugged already (with refuse, the adapter is told so instead)."""
    global _agent
    from .agent import Agent

    _let_a_leaving_agent_go(current())
    if current() is not None:
        if refuse:
            Agent.refuse(address, token, "it is being debugged already")
            return None
        raise RuntimeError("this process is being debugged already")

    from .processes import children

    agent = Agent.connect(address, token, quiet=True)
    children.follow(address, token, True)
    agent.run_attached()
    _agent = agent
    return agent


def _let_a_leaving_agent_go(agent, limit=2.0):
    """An agent whose client has just gone may not have read the end of its connection
    yet (its reader thread waits for the interpreter): give it a moment to detach, so a
    client that attaches right after the last one left is not refused."""
    if agent is None or not agent.channel.winding_down():
        return
    import time

    deadline = time.monotonic() + limit
    while not agent.detached and time.monotonic() < deadline:
        time.sleep(0.01)


def start_from_environment():
    """The start-up hook's start: DAPPER_ADDRESS and DAPPER_TOKEN, from the adapter that
    launched the program (or its parent); else DAPPER_CONNECT=[HOST:]PORT, an adapter
    that listens for the programs of a fleet (DAPPER_TOKEN, if set, authenticates).
    multiprocessing's helper processes run no code of the program: they are not
    debugged, though the forkserver's workers are."""
    address = os.environ.get("DAPPER_ADDRESS")
    token = os.environ.get("DAPPER_TOKEN")
    hosted = False
    if not address or not token:
        address, token, hosted = _fleet_address(os.environ.get("DAPPER_CONNECT")), token or "", True
    if not address:
        return None
    from .processes import children, identity

    helper = identity.helper()
    if helper == identity.FORKSERVER:
        children.follow(address, token, hosted)
    if helper is not None:
        return None
    return start(address, token, hosted)


def _fleet_address(value):
    """host:port from DAPPER_CONNECT's [HOST:]PORT (the host defaults to 127.0.0.1)."""
    value = (value or "").strip()
    if not value:
        return None
    host, _, port = value.rpartition(":")
    return "%s:%s" % (host or "127.0.0.1", port)
