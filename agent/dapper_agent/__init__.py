"""Dapper's in-process agent: speaks DAP to the adapter and decides where the program
stops. Standard library only; CPython 3.9 and newer.

Rooms: wire (framing), agent (request dispatch), debugger (the one place that decides
"stop here?"), breakpoints, backends (sys.monitoring / sys.settrace), threads
(suspension), frames, variables, output (stdout/stderr capture), paths.
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


def start_from_environment():
    address = os.environ.get("DAPPER_ADDRESS")
    token = os.environ.get("DAPPER_TOKEN")
    if not address or not token:
        return None
    return start(address, token)
