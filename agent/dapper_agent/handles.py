"""Integer ids for frames and variable containers, valid while their thread is
suspended and released when it resumes."""

import threading


class Handles:
    def __init__(self):
        self._lock = threading.Lock()
        self._next = 1
        self._objects = {}
        self._by_thread = {}

    def add(self, thread_id, obj):
        with self._lock:
            handle = self._next
            self._next += 1
            self._objects[handle] = (thread_id, obj)
            self._by_thread.setdefault(thread_id, []).append(handle)
            return handle

    def get(self, handle):
        """(thread_id, obj) for a live handle, else None."""
        with self._lock:
            return self._objects.get(handle)

    def release(self, thread_id):
        with self._lock:
            for handle in self._by_thread.pop(thread_id, ()):
                self._objects.pop(handle, None)
