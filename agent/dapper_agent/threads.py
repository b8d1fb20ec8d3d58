"""Threads of the program: listing, thread events, and suspension. A suspended thread
sits in its command loop, running the requests that need its frames, until resumed."""

import queue
import threading

from . import output

_RESUME = object()


class SuspendedThread:
    def __init__(self, thread_id, frame, reason):
        self.id = thread_id
        self.frame = frame
        self.reason = reason
        self.commands = queue.SimpleQueue()


class Threads:
    def __init__(self, agent):
        self._agent = agent
        self.suspended = {}
        self._report_lock = threading.Lock()

    @staticmethod
    def current_id():
        return threading.get_native_id()

    def list(self):
        result = []
        for thread in threading.enumerate():
            if thread.native_id is not None:
                result.append({"id": thread.native_id, "name": thread.name})
        return result

    def suspend(self, frame, reason, **details):
        """Stop the calling thread at frame: report it, then serve commands until a
        resume. Called only on the thread that stops."""
        thread_id = self.current_id()
        st = SuspendedThread(thread_id, frame, reason)
        self.suspended[thread_id] = st
        output.flush_all()  # what the program printed before the stop is shown before it
        body = {"reason": reason, "threadId": thread_id, "allThreadsStopped": False}
        body.update(details)
        self._agent.channel.send_event("stopped", body)
        try:
            while True:
                command = st.commands.get()
                if command is _RESUME:
                    break
                command()
        finally:
            self.suspended.pop(thread_id, None)
            self._agent.handles.release(thread_id)

    def is_suspended(self, thread_id):
        return thread_id in self.suspended

    def run_on(self, thread_id, command):
        """Queue command to run on the suspended thread; False if it is not suspended."""
        st = self.suspended.get(thread_id)
        if st is None:
            return False
        st.commands.put(command)
        return True

    def resume(self, thread_id):
        st = self.suspended.get(thread_id)
        if st is not None:
            st.commands.put(_RESUME)

    def resume_all(self):
        for thread_id in list(self.suspended):
            self.resume(thread_id)

    def watch_thread_lifetimes(self):
        """Report thread started/exited for every threading.Thread."""
        channel = self._agent.channel
        original = threading.Thread._bootstrap_inner

        def _bootstrap_inner(thread):
            channel.send_event("thread", {"reason": "started", "threadId": threading.get_native_id()})
            try:
                original(thread)
            finally:
                channel.send_event("thread", {"reason": "exited", "threadId": threading.get_native_id()})

        threading.Thread._bootstrap_inner = _bootstrap_inner
