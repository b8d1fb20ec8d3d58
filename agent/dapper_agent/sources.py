"""Source text of code that has no file: the -c program, and strings run by exec,
eval or compile ("<string>" frames). The client gets such a source by reference (DAP
sourceReference, then the source request).

Where the text comes from, first found wins: what an audit hook saw compiled for that
code object ("compile" gives the text and its pseudo file name, the "exec" that
follows gives the code object), linecache (which holds -c code from 3.13 on, and
sources that frameworks register), and the launch's own -c code for __main__'s
"<string>". Code compiled but never run through exec or eval (compile() then
FunctionType) is not seen.

The audit hook cannot be removed once added: it is added when the program starts to
run, does nothing after the agent ends, and costs two string comparisons per audited
event.
"""

import linecache
import sys
import threading
import types
import weakref

_texts = weakref.WeakKeyDictionary()  # code object -> the source text it came from
_compiling = {}  # thread ident -> (pseudo file name, text) of its last compile
_state = {"active": False, "main_code": None}
_hooked = []

_references = {}  # (name, text) -> sourceReference
_by_reference = {}  # sourceReference -> (name, text)
_lock = threading.Lock()


def start(main_code=None):
    """Watch code being compiled from now on; main_code is the launch's -c code (a
    string, or a list of lines)."""
    if isinstance(main_code, list):
        main_code = "\n".join(str(line) for line in main_code)
    _state["main_code"] = main_code if isinstance(main_code, str) else None
    _state["active"] = True
    if not _hooked:
        _hooked.append(True)
        sys.addaudithook(_on_audit)


def stop():
    _state["active"] = False
    _compiling.clear()


def _on_audit(event, args):
    if event == "compile":
        if _state["active"] and len(args) == 2:
            source, filename = args
            if isinstance(filename, str) and filename.startswith("<") and isinstance(source, (str, bytes)):
                _compiling[threading.get_ident()] = (filename, source)
    elif event == "exec":
        if _compiling:
            seen = _compiling.pop(threading.get_ident(), None)
            code = args[0] if args else None
            if seen is not None and isinstance(code, types.CodeType) and code.co_filename == seen[0]:
                _remember(code, seen[1])


def _remember(code, source):
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    stack = [code]
    while stack:
        co = stack.pop()
        try:
            _texts[co] = source
        except TypeError:
            continue
        stack.extend(c for c in co.co_consts if isinstance(c, types.CodeType))


def text_of(frame):
    """The source text frame's code came from, or None."""
    code = frame.f_code
    text = _texts.get(code)
    if text is not None:
        return text
    filename = code.co_filename
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
