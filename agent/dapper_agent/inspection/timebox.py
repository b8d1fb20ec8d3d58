"""Time limits on the program's code that showing a value runs (a __repr__, a property
getter, a watch expression), so that a slow value never freezes the debugger.

Two mechanisms, because neither suffices alone:

- Python code is interrupted: TimeBox.call runs it under a trace function that raises
  Abandoned once the limit has passed. The suspended thread serves requests from inside
  a trace or monitoring callback, where the interpreter delivers no trace events, so the
  call goes through sys.call_tracing, which re-enables them for its duration; the
  thread's previous trace function is put back afterwards.
- A call blocked in C (time.sleep, a lock, a socket) cannot be interrupted from Python.
  The Watchdog answers the request without waiting for it (the Reply drops the late
  answer); the thread stays busy until the call returns, and the box refuses further
  calls, so the handler finishes at once when it does.
"""

import _thread
import sys
import threading
import time

from .. import threads
from ..errors import warn

_clock = time.monotonic


class Abandoned(BaseException):
    """Raised inside program code that ran past its limit. A BaseException, so that
    the program's `except Exception` does not swallow it."""


class TimeBox:
    """The time one request may spend in the program's code: at most per_call seconds
    for each call and budget seconds in all."""

    def __init__(self, budget, per_call=None):
        self.started = _clock()
        self.deadline = self.started + budget
        self.per_call = budget if per_call is None else per_call
        self.calling = 0  # calls into the program in progress
        self.stuck = False  # set by the watchdog: a call did not come back in time

    def spent(self):
        return self.stuck or _clock() >= self.deadline

    def call(self, func, *args):
        """func(*args), abandoned (Abandoned raised) past its limit."""
        if self.spent():
            raise Abandoned("the time for this request ran out")
        began = _clock()
        limit = min(began + self.per_call, self.deadline)
        abandoned = "abandoned after %.1f s" % (limit - began)

        def deadline_tracer(frame, event, arg):
            if _clock() > limit:
                raise Abandoned(abandoned)
            return deadline_tracer

        def traced():
            previous = sys.gettrace()
            sys.settrace(deadline_tracer)
            try:
                return func(*args)
            finally:
                sys.settrace(previous)

        self.calling += 1
        try:
            result = sys.call_tracing(traced, ())
        finally:
            self.calling -= 1
        if self.stuck:
            raise Abandoned(abandoned)
        return result


class _Alarm:
    __slots__ = ("when", "callback")

    def __init__(self, when, callback):
        self.when = when
        self.callback = callback


class Watchdog:
    """One agent thread that calls back when a request overstays its time: never
    stopped, never listed (threads.mark_agent_thread)."""

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._alarms = []
        self._started = False

    def arm(self, when, callback):
        """Call callback() on the watchdog thread at time `when` (time.monotonic)
        unless the returned alarm is cancelled first."""
        alarm = _Alarm(when, callback)
        with self._cond:
            if not self._started:
                self._started = True
                _thread.start_new_thread(self._run, ())
            self._alarms.append(alarm)
            self._cond.notify()
        return alarm

    def cancel(self, alarm):
        with self._cond:
            if alarm in self._alarms:
                self._alarms.remove(alarm)

    def _run(self):
        threads.mark_agent_thread()
        while True:
            with self._cond:
                due = None
                while due is None:
                    now = _clock()
                    for alarm in self._alarms:
                        if alarm.when <= now:
                            due = alarm
                            break
                    if due is None:
                        self._cond.wait(min((a.when for a in self._alarms), default=now + 3600) - now)
                self._alarms.remove(due)
            try:
                due.callback()
            except Exception as exc:
                warn("watchdog error", exc)
