"""The adapter's own requests about the process the agent runs in, for programs that
run on their own (attach): dapper/host and dapper/terminate."""

import _thread
import os
import signal
import time

from .. import threads
from ..paths import canonical
from ..transport.requests import Reply


class HostingRequests:
    def __init__(self, agent):
        self._agent = agent

    def request_dapper_host(self, args):
        """A host (`dapper run`) serves this program to clients that come and go. Unless
        it waits for the first client's configurationDone, the program starts now.
        program: the file it runs, loaded as far as breakpoints are concerned."""
        agent = self._agent
        agent.hosted = True
        program = args.get("program")
        if isinstance(program, str) and program:
            agent.debugger.breakpoints.main_path = canonical(program)
        if not args.get("waitForClient"):
            agent.configured.set()
        return {}

    def request_dapper_terminate(self, args):
        """End this process as a terminal's Ctrl-C would, then harder: SIGINT (unless
        not interrupt: its threads are raising already, and get grace to finish), and
        SIGTERM and SIGKILL after grace each, until it has gone (attach, with
        terminateDebuggee); with now, SIGKILL at once."""
        grace = args.get("grace")
        grace = grace if isinstance(grace, (int, float)) and 0 < grace <= 60 else 1.5
        if args.get("now"):
            signals = (signal.SIGKILL,)
        else:
            signals = (signal.SIGINT if args.get("interrupt", True) else None, signal.SIGTERM, signal.SIGKILL)
        self._agent.detach()
        return Reply({}, lambda: _thread.start_new_thread(_end_process, (signals, grace)))


def _end_process(signals, grace):
    threads.mark_agent_thread()
    for sig in signals:
        if sig is not None:
            os.kill(os.getpid(), sig)
        time.sleep(grace)
