"""Requests that inspect a suspended thread: stack, scopes, variables."""

from . import frames, variables
from .requests import RequestError, on_thread


class InspectionRequests:
    def __init__(self, agent):
        self._agent = agent

    @on_thread
    def request_stackTrace(self, args):
        st = self._agent.threads.suspended.get(args.get("threadId"))
        if st is None:
            raise RequestError("stackTrace: thread %s is not suspended" % args.get("threadId"))
        return frames.stack_trace(self._agent, st, args.get("startFrame") or 0, args.get("levels") or 0)

    @on_thread
    def request_scopes(self, args):
        owner = self._agent.handles.get(args.get("frameId"))
        if owner is None:
            raise RequestError("scopes: unknown frameId %s" % args.get("frameId"))
        return variables.scopes(self._agent, owner[0], owner[1])

    @on_thread
    def request_variables(self, args):
        owner = self._agent.handles.get(args.get("variablesReference"))
        if owner is None:
            raise RequestError("variables: unknown variablesReference %s" % args.get("variablesReference"))
        return variables.variables(self._agent, owner[0], owner[1])
