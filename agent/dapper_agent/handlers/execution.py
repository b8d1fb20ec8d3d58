"""Requests that control execution: threads, continue, the steps (next, stepIn,
stepOut), pause."""

from ..stepping import IN, OUT, OVER
from ..transport.requests import Reply, RequestError
from .navigation import step_target


class ExecutionRequests:
    def __init__(self, agent):
        self._agent = agent

    def request_threads(self, args):
        return {"threads": self._agent.threads.list()}

    def request_continue(self, args):
        thread_id = args.get("threadId")
        if thread_id is not None and all(t["id"] != thread_id for t in self._agent.threads.list()):
            raise RequestError("continue: no thread %d" % thread_id)
        debugger = self._agent.debugger
        everyone = debugger.suspension.all_stop or debugger.suspension.active
        return Reply({"allThreadsContinued": everyone}, lambda: debugger.resume(thread_id))

    def request_next(self, args):
        return self._step("next", args, OVER)

    def request_stepIn(self, args):
        return self._step("stepIn", args, IN, target=step_target(self._agent, args))

    def request_stepOut(self, args):
        # stopAtReturn, Dapper's own: stop at the return itself (pdb's r, --Return--).
        return self._step("stepOut", args, OUT, stop_at_return=args.get("stopAtReturn") is True)

    def _step(self, command, args, kind, **options):
        thread_id = args.get("threadId")
        if not self._agent.debugger.suspension.is_suspended(thread_id):
            raise RequestError("%s: thread %s is not stopped" % (command, thread_id))
        return Reply({}, lambda: self._agent.debugger.step(thread_id, kind, **options))

    def request_pause(self, args):
        # Answered once the pause is in place: a client that then interrupts a blocking
        # call (the terminal debugger's second Ctrl-C) knows the thread will stop.
        self._agent.debugger.pause()
        return {}
