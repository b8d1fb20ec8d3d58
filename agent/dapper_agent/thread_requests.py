"""Requests that run on a suspended thread, and what answers them when that thread
cannot: the program's code it runs for them may block in native code (a __repr__ in
time.sleep, a property waiting on a lock, an expression waiting for another thread,
which is suspended too), and from Python nothing can make it return.

The program's code runs on its own thread, with its own thread-locals, or not at all:
a stuck thread is not stood in for by another. Instead nothing waits on it for long:

- A request gets _LIMIT seconds of the thread. If its handler has not answered by then
  (variables and watch expressions answer sooner, from their own time boxes), it is
  answered with an error that says why it may be stuck; the handler's late answer is
  dropped. The thread stays inside the call until it returns.
- A request queued behind one that has been answered but has not returned is refused,
  _PATIENCE seconds after that answer (or after it was queued), with an error that
  names the request the thread is still busy with; it never runs.

So while a call is stuck every request for its thread is answered within about a
second, and the requests that need no thread (threads, continue, pause, disconnect)
are answered at once as ever. Once the call returns, the thread serves its queue
again, and a continue given meanwhile resumes it.
"""

import time

from .errors import THREAD_BUSY
from .inspection.timebox import Watchdog

_LIMIT = 5.0
_PATIENCE = 1.0
_POLL = 0.25

_clock = time.monotonic


class _Request:
    __slots__ = ("command", "answer", "work", "queued", "started", "waiting")

    def __init__(self, command, answer, work):
        self.command = command
        self.answer = answer
        self.work = work
        self.queued = _clock()
        self.started = None
        self.waiting = None  # the watchdog's alarm for a request still queued


class ThreadRequests:
    """Runs requests on the threads suspension holds suspended (see the module doc)."""

    def __init__(self, suspension):
        self._suspension = suspension
        self._watchdog = Watchdog()
        self._serving = {}  # thread id -> the _Request its command loop runs now

    def run_on(self, thread_id, command, answer, work):
        """Queue work() (which answers the request through answer) for the suspended
        thread; False if the thread is not suspended."""
        request = _Request(command, answer, work)
        request.waiting = self._watchdog.arm(request.queued + _PATIENCE, lambda: self._check_queued(thread_id, request))
        if not self._suspension.run_on(thread_id, lambda: self._serve(thread_id, request)):
            self._watchdog.cancel(request.waiting)
            return False
        return True

    def _serve(self, thread_id, request):
        # Each request's alarms are cancelled once moot: a stop every millisecond (a hit
        # condition in a hot loop) would otherwise keep a thousand of them waiting.
        self._watchdog.cancel(request.waiting)
        if request.answer.answered:
            return  # refused while it waited
        request.started = _clock()
        self._serving[thread_id] = request
        alarm = self._watchdog.arm(request.started + _LIMIT, lambda: self._overdue(request))
        try:
            request.work()
        finally:
            self._watchdog.cancel(alarm)
            if self._serving.get(thread_id) is request:
                del self._serving[thread_id]

    @staticmethod
    def _overdue(request):
        request.answer.fail(
            "%s: the program's code it runs has not returned after %.0f s. It may be waiting for another "
            "thread, which is suspended with the rest of the program (for a lock it holds, a queue it fills, "
            "a join), or for input; it is left to finish, and this thread stays inside it until it returns "
            "(continue lets the other threads run)" % (request.command, _LIMIT))

    def _check_queued(self, thread_id, request):
        """request has waited _PATIENCE: refuse it if the thread is still inside a call
        whose request was answered that long ago; else look again later."""
        if request.started is not None or request.answer.answered:
            return
        ahead = self._serving.get(thread_id)
        now = _clock()
        if ahead is not None and ahead.answer.answered:
            since = ahead.answer.answered_at
            if now - since >= _PATIENCE:
                request.answer.fail(
                    "%s: thread %d is busy: it is still inside the program's code run for an earlier %s "
                    "request (for %.1f s now; blocked in native code, such as a sleep, a lock or I/O), and "
                    "cannot run this one until that returns; continue resumes the program once it does"
                    % (request.command, thread_id, ahead.command, now - ahead.started), THREAD_BUSY)
                return
            again = since + _PATIENCE
        else:
            again = now + _POLL  # the thread is working within its time, or between requests
        request.waiting = self._watchdog.arm(again, lambda: self._check_queued(thread_id, request))
