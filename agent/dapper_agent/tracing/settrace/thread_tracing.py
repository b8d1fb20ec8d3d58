"""Switching sys.settrace-style tracing on and off in any thread (CPython up to 3.11).

sys.settrace only reaches the calling thread, and threading.settrace only threads not
started yet; a debugger that leaves threads untraced until they need it must reach a
running thread too (to pause it, or when a breakpoint lands in a frame it is running).
The interpreter's own _PyEval_SetTrace does that for a given thread state; the C
function it needs is the one sys.settrace installs, read back from the calling
thread's state. Where any of this is unavailable, `available` is False and callers
keep every thread traced instead.
"""

import contextlib
import sys
import threading

try:
    import ctypes

    _api = ctypes.pythonapi
except ImportError:  # a Python built without ctypes
    ctypes = _api = None


def _declare():
    _api.PyThreadState_Get.restype = ctypes.c_void_p
    _api.PyInterpreterState_Get.restype = ctypes.c_void_p
    _api.PyInterpreterState_ThreadHead.restype = ctypes.c_void_p
    _api.PyInterpreterState_ThreadHead.argtypes = [ctypes.c_void_p]
    _api.PyThreadState_Next.restype = ctypes.c_void_p
    _api.PyThreadState_Next.argtypes = [ctypes.c_void_p]
    _api.PyThreadState_GetFrame.restype = ctypes.c_void_p
    _api.PyThreadState_GetFrame.argtypes = [ctypes.c_void_p]
    _api.Py_DecRef.argtypes = [ctypes.c_void_p]
    _api._PyEval_SetTrace.restype = ctypes.c_int
    _api._PyEval_SetTrace.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]


def _find_trampoline():
    """The C trace function sys.settrace installs: the word two before the trace
    object in the thread state (c_tracefunc, c_profileobj, c_traceobj, in that order
    in every version this module serves)."""

    def probe(frame, event, arg):
        return None

    old_trace, old_profile = sys.gettrace(), sys.getprofile()
    sys.setprofile(None)
    sys.settrace(probe)
    try:
        words = (ctypes.c_void_p * 64).from_address(_api.PyThreadState_Get())
        for k in range(2, 64):
            if words[k] == id(probe) and words[k - 1] is None and words[k - 2]:
                return words[k - 2]
    finally:
        sys.settrace(old_trace)
        sys.setprofile(old_profile)
    return None


try:
    _declare()
    _trampoline = _find_trampoline() if sys.version_info < (3, 12) else None
except (AttributeError, ValueError, OSError):  # also: no ctypes (_api is None)
    _trampoline = None

available = _trampoline is not None


def _thread_states():
    ts = _api.PyInterpreterState_ThreadHead(_api.PyInterpreterState_Get())
    while ts:
        yield ts
        ts = _api.PyThreadState_Next(ts)


def set_trace(idents, tracer):
    """Make tracer (None: nothing) the trace function of the threads with these idents,
    as if each had called sys.settrace(tracer). The caller holds the GIL, so those
    threads are not running Python meanwhile. Threads without a Python frame are left
    alone."""
    idents = set(idents)
    if threading.get_ident() in idents:
        idents.discard(threading.get_ident())
        sys.settrace(tracer)
    if not idents:
        return
    top = {id(frame): ident for ident, frame in sys._current_frames().items() if ident in idents}
    for ts in _thread_states():
        frame = _api.PyThreadState_GetFrame(ts)
        if not frame:
            continue
        _api.Py_DecRef(frame)  # a new reference; the frame stays alive in its thread
        if frame in top:
            # _PyEval_SetTrace holds its own reference to tracer.
            if tracer is None:
                _api._PyEval_SetTrace(ts, None, None)
            else:
                _api._PyEval_SetTrace(ts, _trampoline, id(tracer))


class Switch:
    """set_trace, for threads some of which may be kept quiet: a thread that is
    suspended runs untraced (quiet()), and a tracer set for it meanwhile is what it gets
    when it resumes."""

    def __init__(self):
        self._quiet = {}  # thread ident -> the trace function it gets back when it resumes
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def quiet(self):
        """The calling thread untraced inside the block."""
        ident = threading.get_ident()
        with self._lock:
            self._quiet[ident] = sys.gettrace()
            sys.settrace(None)
        try:
            yield
        finally:
            with self._lock:
                sys.settrace(self._quiet.pop(ident))

    def set_trace(self, idents, tracer):
        """set_trace(idents, tracer), a quiet thread getting tracer when it resumes."""
        with self._lock:
            idents = set(idents)
            for ident in idents & set(self._quiet):
                self._quiet[ident] = tracer
            set_trace(idents - set(self._quiet), tracer)
