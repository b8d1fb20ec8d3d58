"""Requests of the session's lifecycle: initialize, launch (or attach),
configurationDone, disconnect."""

import threading
import time

from ..transport.pathmap import PathMap
from ..transport.requests import Reply


class LifecycleRequests:
    def __init__(self, agent):
        self._agent = agent

    def request_initialize(self, args):
        self._agent.client = args
        return {}

    def request_launch(self, args):
        agent = self._agent
        if agent.configured.is_set():  # attached to a program that runs already
            args = {k: v for k, v in args.items() if k not in ("stopOnEntry", "program", "module", "code")}
        agent.options = args
        agent.debugger.configure(args)
        agent.channel.path_map = PathMap(args.get("pathMappings")) or None
        return {}

    request_attach = request_launch

    def request_configurationDone(self, args):
        main = threading.main_thread()
        self._agent.channel.send_event("thread", {"reason": "started", "threadId": main.native_id})
        # Answer before the program runs: a program that ends at once would take the
        # reader thread, and this response, with it.
        return Reply({}, self._agent.client_configured)

    def request_disconnect(self, args):
        """Stop debugging (hosted: end the client's session), and answer once every
        suspended thread has left its suspension (bounded): the adapter signals the
        process only after this answer, so a KeyboardInterrupt lands in the program's
        code, not in ours. With terminateDebuggee the suspended threads leave by
        raising where they stand (Agent.terminate); "dapper/raised" says whether any did."""
        raised = False
        if args.get("terminateDebuggee"):
            raised = self._agent.terminate()
        else:
            self._agent.end_session()
        deadline = time.monotonic() + 1.0
        while self._agent.debugger.suspension.suspended and time.monotonic() < deadline:
            time.sleep(0.005)
        return {"dapper/raised": raised}
