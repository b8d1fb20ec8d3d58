"""A frame's variables as namespaces to read and assign.

Up to 3.12, frame.f_locals is a snapshot dict: an assignment to it is lost unless it
is copied back into the frame with PyFrame_LocalsToFast. On 3.13, f_locals is a
write-through proxy (PEP 667) and nothing needs copying.
"""

import sys

_WRITE_THROUGH = sys.version_info >= (3, 13)
_CO_OPTIMIZED = 0x1


def namespaces(frame):
    """(globals, locals) to run the user's code in: the __main__ module with no frame."""
    if frame is None:
        main = sys.modules["__main__"].__dict__
        return main, main
    return frame.f_globals, frame.f_locals


def lookup_globals(frame, local_ns):
    """The globals for code run in a function frame, with its locals merged in: code
    compiled separately (a lambda, a generator expression, a comprehension before 3.12)
    reads names from globals only, so the frame's locals must be seen there too."""
    if frame is None or local_ns is frame.f_globals:
        return local_ns
    merged = dict(frame.f_globals)
    merged.update(local_ns)
    return merged


def is_function_frame(frame):
    return frame is not None and bool(frame.f_code.co_flags & _CO_OPTIMIZED)


def is_local(frame, name):
    """Does the name belong to the frame's local scope (rather than to its globals)?"""
    if frame is None:
        return False
    if not is_function_frame(frame):  # module or class body: locals are a plain dict
        return True
    code = frame.f_code
    return name in code.co_varnames or name in code.co_cellvars or name in code.co_freevars


def commit(frame):
    """Make assignments to frame.f_locals stick."""
    if frame is None or _WRITE_THROUGH:
        return
    import ctypes

    ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
