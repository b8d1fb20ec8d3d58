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
    processes/   coming into a running program: attach, and the public API (`import dapper`)
"""

import os

_agent = None


def start(address, token):
    """Connect to the adapter at address ("host:port"), authenticate with token, wait
    for configurationDone and install tracing. Returns the agent, or None if the
    adapter did not take this process."""
    global _agent
    if _agent is not None:
        return _agent
    from .agent import Agent

    _agent = Agent.connect(address, token)
    if _agent is not None:
        _agent.run_until_configured()
    return _agent


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

    agent = Agent.connect(address, token, quiet=True)
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
    address = os.environ.get("DAPPER_ADDRESS")
    token = os.environ.get("DAPPER_TOKEN")
    if not address or not token:
        return None
    return start(address, token)
