"""Threads of the program: listing, thread started/exited events, and the current stack
of a thread that is still running. DAP thread ids are native thread ids."""

import _thread
import signal
import sys
import threading

# The agent's own threads (started with _thread): never stopped, never listed.
_agent_ids = frozenset()
_agent_idents = frozenset()


def mark_agent_thread():
    """Called first thing on each thread the agent starts. The thread also blocks the
    signals a program handles: the kernel gives a process's signal to any thread that
    does not block it, and a Ctrl-C taken by an agent thread would wake no program
    thread (a suspended main thread, waiting on its command queue, would never see it)."""
    global _agent_ids, _agent_idents
    _agent_ids = _agent_ids | {threading.get_native_id()}
    _agent_idents = _agent_idents | {_thread.get_ident()}
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, _PROGRAM_SIGNALS)
    except (AttributeError, OSError, ValueError):
        pass


_PROGRAM_SIGNALS = {getattr(signal, name) for name in (
    "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGWINCH",
) if hasattr(signal, name)}


def agent_thread_ids():
    return _agent_ids


def agent_thread_idents():
    return _agent_idents


class Threads:
    """The program's threads. channel: where thread events go; on_exit(thread_id): what
    else must happen when a thread ends (the debugger forgets its step)."""

    def __init__(self, channel, on_exit):
        self._channel = channel
        self._on_exit = on_exit

    def list(self):
        """Every thread of the program, with its current name; the agent's own threads
        are not listed."""
        hidden = _agent_ids
        return [
            {"id": thread.native_id, "name": thread.name}
            for thread in _started_threads()
            if thread.native_id is not None and thread.native_id not in hidden
        ]

    @staticmethod
    def running_frame(thread_id):
        """The innermost frame of a running thread, or None."""
        for thread in _started_threads():
            if thread.native_id == thread_id:
                return sys._current_frames().get(thread.ident)
        return None

    def watch_thread_lifetimes(self):
        """Report thread started/exited for every threading.Thread, on this channel
        from now on (an agent that attaches again takes over from the one before)."""
        global _watching
        first = _watching is None
        _watching = self
        if not first:
            return
        original = threading.Thread._bootstrap_inner

        # The debugger treats this function as the host of the thread's code (see
        # paths.is_program_host): it may stop in what it calls.
        def _bootstrap_inner(thread):
            watcher = _watching
            thread_id = threading.get_native_id()
            watcher._channel.send_event("thread", {"reason": "started", "threadId": thread_id})
            try:
                original(thread)
            finally:
                watcher._on_exit(thread_id)
                watcher._channel.send_event("thread", {"reason": "exited", "threadId": thread_id})

        threading.Thread._bootstrap_inner = _bootstrap_inner


_watching = None  # the Threads that reports thread lifetimes


def program_thread_ids():
    """The native ids of the program's threads that are running Python code, the main
    thread first; the agent's own are left out."""
    frames = sys._current_frames()
    main = threading.main_thread()
    found = [t for t in _started_threads() if t.native_id is not None and t.native_id not in _agent_ids
             and t.ident in frames]
    found.sort(key=lambda t: t is not main)
    return [t.native_id for t in found]


def _started_threads():
    """threading.enumerate() without its lock: a thread suspended while it held that
    lock (in threading's own code) must not block the agent. Copying the dict is one
    step under the GIL."""
    return list(threading._active.values())
