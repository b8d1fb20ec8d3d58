"""All-stop suspension: when one thread stops, every thread stops, and the client hears
about one stop at a time.

The first thread to stop is the *reporter*: its `stopped` event goes out with
allThreadsStopped, and every other thread is asked to freeze at its next line. Threads
freeze silently (as debugpy's single notification does), except one whose stack the
client read while it was still running, blocked in native code: it is reported
(preserveFocusHint) once it returns to Python, so that the client reads it again.

A thread whose own stop (a breakpoint, a step) comes while another's is being shown
keeps it *pending*. When the client resumes, the oldest pending stop is reported
instead, and nobody runs: no stop is lost, and no thread moves past one unseen.

A suspended thread sits in its command loop, running the requests that need its
frames, until it is resumed.

When the session stops the program (terminate, or disconnect with terminateDebuggee),
no suspended thread runs another line of the program: each leaves its command loop
by raising, where it stands, the exception the stop asks for (see terminate), and so
does every other thread at the next line it reaches. Each thread gets it once; its
finally blocks, and then atexit handlers, run as after a Ctrl-C.

A Ctrl-C that reaches a suspended main thread (the program's terminal is its own, in
a terminal console) is not lost and does not move the thread: it is held, the client
is told, and the KeyboardInterrupt is raised where the thread stands once it resumes,
as if the signal had come the moment the program ran again.

A pause that no thread answers (every thread is blocked in native code: input(), a
sleep, a lock, and runs no Python to stop in) is reported after _BLOCKED_PAUSE anyway,
for one of them (the main thread first), as if it had stopped: the client reads the
threads' stacks where they stand (threads.running_frame), continue resumes nobody, as
nobody was stopped, and each call goes on undisturbed. A thread that returns to Python
meanwhile stops at its next line, and is reported then.
"""

import _thread
import queue
import threading
import time

from . import threads, tracebacks
from .transport import output

_BLOCKED_PAUSE = 0.3  # seconds a pause waits for a thread to stop before reporting one that cannot

_RESUME = object()


class _Raise:
    """A command that makes a suspended thread leave its loop by raising exc."""

    __slots__ = ("exc",)

    def __init__(self, exc):
        self.exc = exc


class SuspendedThread:
    __slots__ = ("id", "ident", "frame", "stack", "reason", "details", "commands", "resuming", "return_values")

    def __init__(self, thread_id, ident, frame, reason, details, return_values=(), stack=None):
        self.id = thread_id
        self.ident = ident
        self.frame = frame  # the frame the client sees on top
        # The stack, innermost first, when it is not frame and its callers: the frames
        # of an uncaught exception's traceback, seen after they finished (f_back may be
        # None then); only continuing is possible from such a stop.
        self.stack = stack
        self.reason = reason
        self.details = details
        self.commands = queue.SimpleQueue()
        self.resuming = False  # _RESUME is queued: a command queued after it would never run
        self.return_values = return_values  # (function name, value) pairs: see variables.py


class Suspension:
    """The all-stop state: stops are reported on channel, and a thread's handles are
    released when it resumes. on_all_stop() runs when an all-stop begins (the debugger then
    asks every running thread to stop), on_all_resume() when it ends, and
    on_report(thread_id) just before a thread's stop is reported."""

    def __init__(self, channel, handles, on_all_stop, on_all_resume, on_report):
        self._channel = channel
        self._handles = handles
        self._on_all_stop = on_all_stop
        self._on_all_resume = on_all_resume
        self._on_report = on_report
        self._lock = threading.Lock()
        self.suspended = {}  # thread id -> SuspendedThread
        self.active = False  # an all-stop is in effect: every thread should stop
        self._reporter = None  # the thread whose stop the client was told about
        self._pending = []  # suspended threads whose own stop waits to be reported
        self._seen_running = set()  # threads whose stack the client read as running
        self.all_stop = True  # stopAllThreadsOnSuspend: a stop suspends every thread
        self._alone = None  # the thread stepping alone through an all-stop (steppingResumesAllThreads false)
        self._ending = None  # when the program is being stopped: thread -> the exception it raises
        self._ended = set()  # threads that have been given that exception
        self.before_report = []  # called before each stopped event (news the client gets first)

    def stop(self, frame, reason, details=None, return_values=(), stack=None):
        """Stop the calling thread at frame, for reason ("breakpoint", "step", "entry",
        "pause"), or with reason None to join an all-stop silently. Returns once the
        thread is resumed; at once if reason is None and no all-stop is in effect.
        stack: the frames the client sees, when not frame and its callers."""
        thread_id = threading.get_native_id()
        st = SuspendedThread(thread_id, threading.get_ident(), frame, reason, details or {}, return_values, stack)
        late = False
        with self._lock:
            if self._ending is not None:
                exc = self._end_of(thread_id, stack)
                if exc is None:
                    return
                raise exc
            if reason is None and (not self.active or thread_id == self._alone):
                return
            if thread_id == self._alone:
                self._alone = None
            if not self.all_stop and not self.active:
                # This thread stops alone; the others run on.
                self.suspended[thread_id] = st
                alone = True
            else:
                alone = False
        if alone:
            self._report(st, allThreadsStopped=False)
            self._serve(st)
            return
        with self._lock:
            begins = not self.active
            self.active = True
            self.suspended[thread_id] = st
            # While one thread steps alone, the report is its own: a thread that only
            # joins the all-stop (back from native code) joins silently.
            if self._reporter is None and (reason is not None or self._alone is None):
                self._reporter = thread_id
                st.reason = reason or "pause"
                report = True
            else:
                report = False
                late = thread_id in self._seen_running
                if reason is not None:
                    self._pending.append(st)
        if begins:
            self._on_all_stop()
        if report:
            self._report(st)
        elif late:
            self._report(st, reason="pause", preserveFocusHint=True)
        self._serve(st)

    def _report(self, st, reason=None, **extra):
        output.flush_all()  # what the program printed before the stop is shown before it
        for news in self.before_report:
            news()
        body = {"reason": reason or st.reason, "threadId": st.id, "allThreadsStopped": True}
        if reason is None:
            self._on_report(st.id)
            body.update(st.details)
        body.update(extra)
        self._channel.send_event("stopped", body)

    def _serve(self, st):
        ending = interrupted = None
        try:
            while True:
                try:
                    command = st.commands.get()
                    if command is _RESUME:
                        break
                    if isinstance(command, _Raise):
                        ending = command.exc
                        break
                    command()
                except KeyboardInterrupt:
                    if interrupted is None:
                        tracebacks.hide_agent_frames()
                        self._channel.send_event("output", {"category": "console", "output": (
                            "KeyboardInterrupt (Ctrl-C) while the program is stopped: "
                            "it is raised where the program stands when it continues.\n")})
                    interrupted = KeyboardInterrupt()  # a fresh one: no agent frames
        finally:
            with self._lock:
                if self.suspended.get(st.id) is st:
                    del self.suspended[st.id]
            self._handles.release(st.id)
        if ending is None:
            ending = interrupted
        if ending is not None:
            raise ending

    def terminate(self, exception_for):
        """The program is being stopped: every suspended thread leaves by raising
        exception_for(is_main_thread), and every other thread does at the next line
        it reaches while tracing lasts. Returns whether any thread was suspended;
        nothing changes when none is."""
        with self._lock:
            if not self.suspended:
                return False
            self._ending = exception_for
            suspended = self._resuming_all()
            # The all-stop stays in effect: a thread that was running (in native code)
            # stops, and so raises, at its next line.
            self._reporter, self._pending = None, []
            ends = [(st, self._end_of(st.id, st.stack, st.ident)) for st in suspended]
        for st, exc in ends:
            st.commands.put(_RESUME if exc is None else _Raise(exc))
        return True

    def _end_of(self, thread_id, stack, ident=None):
        """The exception thread_id leaves by, once (None: it has been given it, or its
        frames have finished: an uncaught exception's stop). Called with the lock held."""
        if thread_id in self._ended:
            return None
        self._ended.add(thread_id)
        if stack is not None:
            return None
        if ident is None:
            ident = threading.get_ident()
        return self._ending(ident == threading.main_thread().ident)

    @property
    def ending(self):
        """The program is being stopped (see terminate)."""
        return self._ending is not None

    def report_again(self, thread_id, reason):
        """Where a suspended thread stands was changed for the client (goto): report its
        stop again, with reason."""
        st = self.suspended.get(thread_id)
        if st is not None:
            st.reason = reason
            self._report(st, reason=reason, allThreadsStopped=self.active)  # not when it stopped alone

    def pause(self):
        """Ask every thread to stop; the first to do so reports reason "pause"."""
        with self._lock:
            if self.active:
                return
            self.active = True
        self._on_all_stop()
        _thread.start_new_thread(self._report_if_nobody_stops, ())

    def _report_if_nobody_stops(self):
        """After _BLOCKED_PAUSE: if the pause still has no reporter, report it for a
        thread blocked in native code (see the module doc)."""
        threads.mark_agent_thread()
        time.sleep(_BLOCKED_PAUSE)
        with self._lock:
            if not self.active or self._reporter is not None or self._ending is not None:
                return
            blocked = threads.program_thread_ids()
            if not blocked:
                return
            self._reporter = blocked[0]
            self._seen_running.add(blocked[0])
        output.flush_all()
        self._channel.send_event("stopped", {"reason": "pause", "threadId": blocked[0], "allThreadsStopped": True})

    def resume(self, announce=False):
        """The client resumes (continue or a step): report the oldest pending stop if
        there is one, keeping everyone suspended; otherwise resume every thread. With
        announce, the client is told that every thread continues (it asked for one
        thread's step, and the others go on too)."""
        with self._lock:
            if not self.active:
                return
            if self._pending:
                st = self._pending.pop(0)
                self._reporter = st.id
                self._seen_running.clear()
            else:
                st, shown = None, self._reporter
                resumed = self._resuming_all()
                self.active, self._reporter = False, None
                self._seen_running.clear()
        if st is not None:
            self._report(st)
            return
        if announce and resumed:
            self._channel.send_event("continued", {"threadId": shown or resumed[0].id, "allThreadsContinued": True})
        self._on_all_resume()
        for t in resumed:
            t.commands.put(_RESUME)

    def resume_one(self, thread_id):
        """Resume thread_id alone. The others stay suspended; during an all-stop this
        thread runs past it until its own next stop (a step's), which is reported."""
        with self._lock:
            st = self.suspended.get(thread_id)
            if st is None or st.resuming:
                return False
            st.resuming = True
            if self.active:
                self._alone = thread_id
                if self._reporter == thread_id:
                    self._reporter = None
        st.commands.put(_RESUME)
        return True

    def release_all(self):
        """Debugging ends: every thread runs on, pending stops are dropped."""
        with self._lock:
            resumed = self._resuming_all()
            self.active, self._reporter, self._pending = False, None, []
        for t in resumed:
            t.commands.put(_RESUME)

    def _resuming_all(self):
        """Every suspended thread, each marked as resuming (under the lock): run_on
        then refuses it, so that no command waits behind its _RESUME forever."""
        resumed = list(self.suspended.values())
        for st in resumed:
            st.resuming = True
        return resumed

    def note_running_stack_read(self, thread_id):
        """The client read the stack of a thread that has not stopped yet."""
        with self._lock:
            if self.active and thread_id not in self.suspended:
                self._seen_running.add(thread_id)

    def is_suspended(self, thread_id):
        return thread_id in self.suspended

    def run_on(self, thread_id, command):
        """Queue command to run on the suspended thread; False if it is not suspended."""
        with self._lock:
            st = self.suspended.get(thread_id)
            if st is None or st.resuming:
                return False
            st.commands.put(command)
            return True
