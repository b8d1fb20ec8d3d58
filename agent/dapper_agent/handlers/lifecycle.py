"""Requests of the session's lifecycle: initialize, launch (or attach),
configurationDone, disconnect."""

import threading
import time

from ..transport.requests import Reply


class LifecycleRequests:
    def __init__(self, agent):
        self._agent = agent

    def request_initialize(self, args):
        self._agent.client = args
        return {}

    def request_launch(self, args):
        self._agent.options = args
        self._agent.debugger.configure(args)
        return {}

    request_attach = request_launch

    def request_configurationDone(self, args):
        main = threading.main_thread()
        self._agent.channel.send_event("thread", {"reason": "started", "threadId": main.native_id})
        # Answer before the program runs: a program that ends at once would take the
        # reader thread, and this response, with it.
        return Reply({}, self._agent.configured.set)

    def request_disconnect(self, args):
        """Stop debugging, and answer once every suspended thread has left its
        suspension (bounded): the adapter signals the process only after this answer,
        so a KeyboardInterrupt lands in the program's code, not in ours. With
        terminateDebuggee the suspended threads leave by raising where they stand
        (Agent.terminate); "dapper/raised" says whether any did."""
        raised = False
        if args.get("terminateDebuggee"):
            raised = self._agent.terminate()
        else:
            self._agent.detach()
        deadline = time.monotonic() + 1.0
        while self._agent.debugger.suspension.suspended and time.monotonic() < deadline:
            time.sleep(0.005)
        return {"dapper/raised": raised}
