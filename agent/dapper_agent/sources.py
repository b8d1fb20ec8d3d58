"""Source text of code that has no file: the -c program, and code whose text was
registered with linecache (as Python 3.13 does for -c, as IPython and code generators
such as attrs do for what they compile). The client gets such a source by reference
(DAP sourceReference, then the source request).

A string run by exec, eval or compile and registered nowhere has no text to show (pdb
has none either): seeing every compile would take an audit hook, which Python calls
for every audited event, sys._getframe among them, and the 3.12+ tracing callbacks call
sys._getframe for every line event they deliver: it doubled what a conditional
breakpoint in a hot loop costs.
"""

import linecache
import sys
import threading

_state = {"main_code": None}
_references = {}  # (name, text) -> sourceReference
_by_reference = {}  # sourceReference -> (name, text)
_lock = threading.Lock()


def set_main_code(main_code):
    """main_code is the launch's -c code (a string, or a list of lines)."""
    if isinstance(main_code, list):
        main_code = "\n".join(str(line) for line in main_code)
    _state["main_code"] = main_code if isinstance(main_code, str) else None


def text_of(frame):
    """The source text frame's code came from, or None."""
    filename = frame.f_code.co_filename
    main = sys.modules.get("__main__")
    if filename == "<string>" and _state["main_code"] and main is not None and frame.f_globals is main.__dict__:
        return _state["main_code"]
    lines = linecache.getlines(filename, frame.f_globals)
    return "".join(lines) or None


def reference_for(frame):
    """A sourceReference for the text of frame's code (0 when it is not known)."""
    text = text_of(frame)
    if not text:
        return 0
    key = (frame.f_code.co_filename, text)
    with _lock:
        reference = _references.get(key)
        if reference is None:
            reference = _references[key] = len(_references) + 1
            _by_reference[reference] = key
        return reference


def by_reference(reference):
    """(name, text) of a sourceReference, or None."""
    with _lock:
        return _by_reference.get(reference)


def known():
    """Every (name, sourceReference) handed out so far."""
    with _lock:
        return [(name, reference) for reference, (name, _) in _by_reference.items()]
