"""Dapper's in-code API: debug this program from inside (see
dapper_agent.processes.api). Put `dapper agent-path` on PYTHONPATH to import it."""

from dapper_agent.processes.api import (  # noqa: F401
    breakpoint,
    connect,
    debug_this_thread,
    is_client_connected,
    listen,
    wait_for_client,
)

__all__ = ["listen", "connect", "wait_for_client", "is_client_connected", "breakpoint", "debug_this_thread"]
