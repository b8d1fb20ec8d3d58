"""Modules run by exec() (imports, runpy), seen through an audit hook (CPython up to
3.11, where nothing else sees code start before its frame runs untraced).

An audit hook cannot be removed, and it is called for every audited event, reading a
frame's f_code among them: so it is added only once a breakpoint waits for a file to
load, and it forwards to the installed backend, if any.
"""

import sys
import types

from ...errors import warn

_backend = None  # the installed backend: its _on_exec(code) is called
_added = False


def forward_to(backend):
    """Send exec events to backend from now on (None: to nobody)."""
    global _backend
    _backend = backend


def add():
    """Add the hook, once per process."""
    global _added
    if _added:
        return
    _added = True

    def on_audit(event, args):
        backend = _backend
        if event == "exec" and backend is not None and isinstance(args[0], types.CodeType):
            try:
                backend._on_exec(args[0])
            except Exception as exc:
                warn("tracing error", exc)

    sys.addaudithook(on_audit)
