"""Requests that inspect a suspended thread: stack, scopes, variables."""

from . import frames, variables
from .requests import RequestError, on_thread, while_running


def _running_stack_trace(room, args, thread_id):
    """The stack of a thread that has not stopped (it is blocked in native code while
    the others are stopped): read from here, and the client is told again once the
    thread stops."""
    agent = room._agent
    top = agent.threads.running_frame(thread_id)
    if top is None:
        raise RequestError("stackTrace: no thread %s" % thread_id)
    agent.debugger.suspension.note_running_stack_read(thread_id)
    return frames.stack_trace(agent, thread_id, top, args.get("startFrame") or 0, args.get("levels") or 0)


class InspectionRequests:
    def __init__(self, agent):
        self._agent = agent

    @while_running(_running_stack_trace)
    @on_thread
    def request_stackTrace(self, args):
        thread_id = args.get("threadId")
        st = self._agent.debugger.suspension.suspended.get(thread_id)
        if st is None:
            raise RequestError("stackTrace: thread %s is not suspended" % thread_id)
        return frames.stack_trace(self._agent, thread_id, st.frame, args.get("startFrame") or 0, args.get("levels") or 0)

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
