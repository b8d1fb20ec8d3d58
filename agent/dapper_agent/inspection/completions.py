"""Completions for the debug console: the names visible in a frame, or the attributes
of `expression.` when the expression can be evaluated without running the program's
code (hover.static_value)."""

import keyword
import re
import types

from . import attributes
from ..transport.requests import RequestError
from .hover import static_value
from .saferepr import find_in_mro

# The dotted expression being completed, at the end of the text before the cursor.
_TAIL = re.compile(r"((?:[A-Za-z_]\w*\s*\.\s*)*)([A-Za-z_]\w*)?$")
_MAX_TARGETS = 500
_KEYWORD = object()


def complete(lookup_order, text, column, columns_start_at_1=True):
    """DAP completion targets for text with the cursor at column."""
    cursor = column - 1 if columns_start_at_1 else column
    before = text[:max(cursor, 0)]
    match = _TAIL.search(before)
    owner_text = match.group(1).rstrip().rstrip(".").rstrip()
    word = match.group(2) or ""
    if owner_text:
        try:
            owner = static_value(owner_text, lookup_order)
        except RequestError:
            return []
        candidates = _attributes_of(owner)
    else:
        candidates = {}
        for namespace in reversed(lookup_order):
            for name, value in list(namespace.items()):
                if type(name) is str:
                    candidates[name] = value
        for name in keyword.kwlist:
            candidates.setdefault(name, _KEYWORD)
    names = sorted((n for n in candidates if n.startswith(word)),
                   key=lambda n: (n.startswith("_") and not word.startswith("_"), n))
    start = len(before) - len(word) + (1 if columns_start_at_1 else 0)
    return [{"label": name, "type": _type_of(candidates[name]), "start": start, "length": len(word)}
            for name in names[:_MAX_TARGETS]]


def _attributes_of(owner):
    names = {name: attribute.value for name, attribute in attributes.listing(owner).items()}
    classes = [owner] if issubclass(type(owner), type) else []
    classes.append(type(owner))
    for cls in classes:  # inherited methods, which listing leaves to the class
        for base in type.__dict__["__mro__"].__get__(cls):
            for name in type.__dict__["__dict__"].__get__(base):
                if name not in names:
                    names[name] = find_in_mro(cls, name)
    return names


def _type_of(value):
    if value is _KEYWORD:
        return "keyword"
    cls = type(value)
    if issubclass(cls, type):
        return "class"
    if issubclass(cls, types.ModuleType):
        return "module"
    if issubclass(cls, property):
        return "property"
    if attributes.is_function(value):
        return "function"
    return "variable"
