"""The agent's log file, when the adapter was asked for logs (it passes DAPPER_LOG_DIR
on): dapper-agent-<pid>.log in that directory, with every DAP message in and out and
the agent's lifecycle decisions. Off otherwise; logging is imported only when on, and
its logger does not propagate to the program's root logger."""

import os

_logger = None
_pid = None  # the process that opened the log


def setup():
    """Open the log file if DAPPER_LOG_DIR is set (once per process; a forked child
    opens its own)."""
    global _logger, _pid
    directory = os.environ.get("DAPPER_LOG_DIR")
    if not directory or (_logger is not None and _pid == os.getpid()):
        return
    import logging

    try:
        os.makedirs(directory, exist_ok=True)
        handler = logging.FileHandler(os.path.join(directory, "dapper-agent-%d.log" % os.getpid()))
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(threadName)s] %(message)s"))
    logger = logging.getLogger("dapper.agent.%d" % os.getpid())
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    _logger, _pid = logger, os.getpid()
    info("agent log started: pid %d, python %s", os.getpid(), _version())


def _version():
    import sys

    return sys.version.split()[0]


def message(direction, body):
    """A DAP message sent ("out") or received ("in"), as its JSON text."""
    if _logger is not None:
        _logger.debug("dap %s %s", direction, body)


def info(text, *args):
    """A lifecycle decision."""
    if _logger is not None:
        _logger.info(text, *args)
