"""Integer ids for frames and variable containers, valid while their thread is
suspended and released when it resumes. A frame keeps its id for the whole stop
(handle_for), so that a client that asks for the stack again sees the same frames."""

import threading


class Handles:
    def __init__(self):
        self._lock = threading.Lock()
        self._next = 1
        self._objects = {}
        self._by_thread = {}
        self._lasting = {}  # (thread_id, id(obj)) -> handle, for handle_for

    def add(self, thread_id, obj):
        with self._lock:
            return self._add(thread_id, obj)

    def _add(self, thread_id, obj):
        handle = self._next
        self._next += 1
        self._objects[handle] = (thread_id, obj)
        self._by_thread.setdefault(thread_id, []).append(handle)
        return handle

    def handle_for(self, thread_id, obj):
        """The handle of obj in thread_id's stop: the same one each time it is asked
        for (the handle holds obj, so its id() names nothing else meanwhile)."""
        key = (thread_id, id(obj))
        with self._lock:
            handle = self._lasting.get(key)
            if handle is None or self._objects.get(handle, (None, None))[1] is not obj:
                handle = self._lasting[key] = self._add(thread_id, obj)
            return handle

    def get(self, handle):
        """(thread_id, obj) for a live handle, else None."""
        with self._lock:
            return self._objects.get(handle)

    def release(self, thread_id):
        with self._lock:
            for handle in self._by_thread.pop(thread_id, ()):
                obj = self._objects.pop(handle, (None, None))[1]
                self._lasting.pop((thread_id, id(obj)), None)
