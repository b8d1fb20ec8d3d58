"""What a value contains, one page at a time.

list, tuple, range, bytes, bytearray, array and deque have indexed children; dict and
set have named ones, as do objects (their attributes, with dunders and functions in
"special variables" / "function variables" groups; the launch's variablePresentation
groups, inlines or hides each kind: special, function, class, protected). A page costs what the page holds:
sequences are sliced, dicts and sets are walked with islice from their first item and
never copied or sorted whole. Containers are read through their base type's own
methods, so a subclass's __getitem__ or __iter__ never runs.
"""

import array
import ast
import collections
import itertools
import types

from . import attributes
from .attributes import DATA

GROUP = "group"
SPECIAL, FUNCTIONS = "special variables", "function variables"
_LABELS = {"special": SPECIAL, "function": FUNCTIONS, "class": "class variables", "protected": "protected variables"}
_DEFAULT_PRESENTATION = {"special": "group", "function": "group", "class": "inline", "protected": "inline"}
_presentation = dict(_DEFAULT_PRESENTATION)


def set_presentation(modes):
    """Take the launch's variablePresentation: kind -> "group", "inline" or "hide"."""
    _presentation.clear()
    _presentation.update(_DEFAULT_PRESENTATION)
    _presentation.update(modes or {})

_INDEXED = (list, tuple, range, bytes, bytearray, array.array, collections.deque)
_SLICEABLE = (list, tuple, range, bytes, bytearray, array.array)
_MAPPINGS = (collections.OrderedDict, dict, types.MappingProxyType)
_SETS = (set, frozenset)
_LEAVES = (type(None), bool, int, float, complex, str, type(Ellipsis), type(NotImplemented))
_IMMUTABLE = (tuple, range, bytes, frozenset, types.MappingProxyType)
_LITERALS = (str, int, float, bytes, bool, type(None))


class Child:
    """One child of a value. kind: DATA (value is the child), LAZY (value is the
    descriptor computing it), FAILED (value is the exception reading it raised), GROUP
    (value is a list of Child)."""

    __slots__ = ("name", "kind", "value", "evaluate_name", "read_only")

    def __init__(self, name, kind, value, evaluate_name=None, read_only=False):
        self.name = name
        self.kind = kind
        self.value = value
        self.evaluate_name = evaluate_name
        self.read_only = read_only


def _base(value, bases):
    cls = type(value)
    for base in bases:
        if issubclass(cls, base):
            return base
    return None


def shape(value, class_cache=None):
    """(indexed, named): how many children value has of each sort."""
    cls = type(value)
    if issubclass(cls, _LEAVES):
        return 0, 0
    base = _base(value, _INDEXED)
    if base is not None:
        try:
            return base.__len__(value), 0
        except OverflowError:  # a range too long for len()
            return 0, 0
    base = _base(value, _MAPPINGS + _SETS)
    if base is not None:
        return 0, base.__len__(value)
    return 0, len(object_children(value, None, class_cache, read=False))


def page(value, evaluate_name, start, count, filter=None, key_text=repr, class_cache=None):
    """The children of value in [start, start+count) (count None: to the end)."""
    stop = None if count is None else start + count
    base = _base(value, _INDEXED)
    if base is not None:
        return [] if filter == "named" else _indexed(value, base, evaluate_name, start, stop)
    if filter == "indexed":
        return []
    base = _base(value, _MAPPINGS)
    if base is not None:
        return _mapping(value, base, evaluate_name, start, stop, key_text)
    base = _base(value, _SETS)
    if base is not None:
        items = itertools.islice(base.__iter__(value), start, stop)
        return [Child(str(i), DATA, item, read_only=True) for i, item in enumerate(items, start)]
    return object_children(value, evaluate_name, class_cache)[start:stop]


def _indexed(value, base, parent, start, stop):
    if base in _SLICEABLE:
        items = base.__getitem__(value, slice(start, stop))
    else:
        items = itertools.islice(base.__iter__(value), start, stop)
    read_only = base in _IMMUTABLE
    return [Child(str(i), DATA, item, _join(parent, "[%d]" % i), read_only)
            for i, item in enumerate(items, start)]


def _mapping(value, base, parent, start, stop, key_text):
    items = _walk(base.items(value), base.__len__(value), start, stop)
    read_only = base in _IMMUTABLE
    children = []
    for key, item in items:
        literal = key_literal(key)
        name = literal if literal is not None else key_text(key)
        children.append(Child(name, DATA, item, _join(parent, "[%s]" % literal if literal else None), read_only))
    return children


def _walk(view, size, start, stop):
    """The items of a dict view in [start, stop), walked from the nearer end: a page
    at the end of a huge dict costs what a page at its start does."""
    if stop is None or start <= size - stop:
        return itertools.islice(view, start, stop)
    stop = min(stop, size)
    tail = list(itertools.islice(reversed(view), size - stop, size - start))
    tail.reverse()
    return tail


def key_literal(key):
    """Python source that evaluates to key, for keys of builtin literal types."""
    cls = type(key)
    if cls is tuple:
        parts = [key_literal(part) for part in key]
        if None in parts:
            return None
        return "(%s)" % (parts[0] + "," if len(parts) == 1 else ", ".join(parts))
    if cls not in _LITERALS or cls is float and (key != key or key in (float("inf"), float("-inf"))):
        return None
    if cls in (str, bytes) and len(key) > 200:
        return None
    return repr(key)


def object_children(value, evaluate_name, class_cache=None, read=True):
    """The attributes of an object, groups first, then by name."""
    entries = attributes.listing(value, class_cache, read).values()
    return grouped(((a.name, a.kind, a.value, a.read_only) for a in entries), evaluate_name)


def grouped(entries, evaluate_name, attribute_access=True):
    """Children from (name, kind, value, read_only) entries: each kind of child
    (dunders, functions, classes, protected names) grouped, inline or hidden as
    variablePresentation says, the rest sorted by name. attribute_access: children are
    reached as parent.name (else by their bare name, as in a scope)."""
    groups = {kind: [] for kind in _LABELS}
    data = []
    for name, kind, item, read_only in entries:
        if attribute_access:
            child_name = _join(evaluate_name, "." + name) if name.isidentifier() else None
        else:
            child_name = name if name.isidentifier() else None
        presented = _kind_of(name, kind, item)
        mode = _presentation.get(presented, "inline") if presented else "inline"
        if mode == "hide":
            continue
        child = Child(name, kind, item, child_name, read_only)
        (groups[presented] if mode == "group" else data).append(child)
    result = []
    for kind, members in groups.items():
        if members:
            members.sort(key=_by_name)
            result.append(Child(_LABELS[kind], GROUP, members, read_only=True))
    data.sort(key=_by_name)
    return result + data


def _kind_of(name, kind, item):
    """Which kind of variablePresentation a child is, or None."""
    if attributes.is_special(name):
        return "special"
    if kind == DATA and attributes.is_function(item):
        return "function"
    if kind == DATA and issubclass(type(item), type):  # isinstance would ask a __class__ property
        return "class"
    if name.startswith("_"):
        return "protected"
    return None


def _by_name(child):
    return child.name


def _join(parent, suffix):
    if parent is None or suffix is None:
        return None
    return parent + suffix


def assign(container, name, value, key_text=repr):
    """container's child `name` = value, through the container's own methods (the
    user asked for the change, so the program's __setitem__/__setattr__ may run)."""
    cls = type(container)
    base = _base(container, _INDEXED + _MAPPINGS + _SETS)
    if base in _IMMUTABLE or base in _SETS:
        raise TypeError("the items of a %s cannot be changed" % cls.__name__)
    if base is None:
        setattr(container, name, value)
    elif base in _INDEXED:
        container[int(name)] = value
    else:
        container[_key_named(container, base, name, key_text)] = value


def _key_named(mapping, base, name, key_text):
    """The key of mapping that is shown as name."""
    try:
        key = ast.literal_eval(name)
        if base.__contains__(mapping, key):
            return key
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    for key in base.__iter__(mapping):
        if key_text(key) == name:
            return key
    raise KeyError(name)

