"""The text of a value, made safely: bounded in length (an ellipsis and the true length),
bounded in time (the program's own __repr__ runs in a TimeBox), never raising, never
recursing forever.

Builtin containers are rendered here, item by item, so that the cost follows the text
shown and not the container's size: a 10,000,000-item list costs what its first few
hundred items cost. Which rendering a value gets is decided by the __repr__ its type
really has (found in the type's MRO), so a subclass with its own __repr__ gets it.
"""

import array
import collections
import types

from .timebox import Abandoned

LIMIT = 1000  # characters of a value's text in the Variables pane, a hover, a watch
MAX_DEPTH = 4  # nested containers deeper than this show as [...]
_HUGE_INT_BITS = 3000  # decimal conversion is quadratic and capped on 3.11+: use hex


def type_name(cls):
    return type.__dict__["__qualname__"].__get__(cls)


def find_in_mro(cls, name, default=None):
    """The attribute `name` as the class defines or inherits it, without running any
    descriptor or __getattr__."""
    for base in type.__dict__["__mro__"].__get__(cls):
        namespace = type.__dict__["__dict__"].__get__(base)
        if name in namespace:
            return namespace[name]
    return default


def default_repr(value):
    """object.__repr__: '<module.Type object at 0x...>', which runs no program code."""
    return object.__repr__(value)


class SafeRepr:
    """Texts of values for one request. slow_types remembers, across requests, the types
    whose __repr__ had to be abandoned, so that they are not waited for again."""

    def __init__(self, box, limit=LIMIT, hex=False, slow_types=None):
        self._box = box
        self.limit = limit
        self.hex = hex
        self._slow_types = {} if slow_types is None else slow_types
        self._impl_cache = {}

    def __call__(self, value, limit=None):
        limit = self.limit if limit is None else limit
        try:
            text, cut = self._render(value, limit, 0, ())
        except Exception as exc:  # a bug of ours must not lose the whole response
            return "<dapper could not show this value: %s: %s>" % (type(exc).__name__, exc)
        if cut:
            text += _true_length(value)
        return text

    # -- dispatch ---------------------------------------------------------------------

    def _impl(self, cls):
        impl = self._impl_cache.get(cls)
        if impl is None:
            impl = self._impl_cache[cls] = find_in_mro(cls, "__repr__")
        return impl

    def _render(self, value, room, depth, path):
        """(text, cut): the text of value in about `room` characters; cut tells that
        it was shortened."""
        cls = type(value)
        impl = self._impl(cls)
        container = _CONTAINERS.get(impl)
        if container is not None:
            return container(self, value, room, depth, path)
        if impl is _METHOD_REPR:
            return _cut(_bound_method(value), room)
        if impl is int.__repr__:
            return _cut(self._int(value), room)
        if impl in _TEXT_REPRS:
            return _text(value, impl, room)
        if impl in _SAFE_REPRS:
            return _cut(impl(value), room)
        text = self._program_repr(value)
        if len(text) <= room:
            return text, False
        return text[:max(room, 0)] + "... (%d characters)" % len(text), False

    def _int(self, value):
        number = int.__index__(value)
        if self.hex or int.bit_length(number) > _HUGE_INT_BITS:
            return hex(number)
        return int.__repr__(number)

    def _program_repr(self, value):
        """The program's own __repr__, in the time box, its failures shown as text."""
        cls = type(value)
        reason = self._slow_types.get(cls)
        if reason is None and self._box.spent():
            reason = "the time for this request ran out"
        if reason is not None:
            return _annotated(value, "__repr__ not called: %s" % reason)
        try:
            return self._box.call(repr, value)
        except Abandoned as exc:
            self._slow_types[cls] = "it took longer than %.1f s before" % self._box.per_call
            return _annotated(value, "__repr__ %s" % exc)
        except BaseException as exc:  # whatever the program's __repr__ raises
            return _annotated(value, "__repr__ raised %s" % exception_text(exc))

    # -- containers -------------------------------------------------------------------

    def _items(self, items, room, depth, path, render):
        """Join rendered items while they fit; (text, cut)."""
        parts = []
        for item in items:
            if room <= 0:
                parts.append("...")
                return ", ".join(parts), True
            text = render(item, room, depth, path)
            parts.append(text)
            room -= len(text) + 2
        return ", ".join(parts), False

    def _item(self, item, room, depth, path):
        return self._render(item, room, depth, path)[0]

    def _pair(self, pair, room, depth, path):
        key = self._render(pair[0], room, depth, path)[0]
        return key + ": " + self._render(pair[1], room - len(key) - 2, depth, path)[0]

    def _sequence(self, value, items, room, depth, path, open_, close, pair=False):
        if id(value) in path:
            return open_ + "..." + close, False
        if depth >= MAX_DEPTH:
            return open_ + "..." + close, True
        render = self._pair if pair else self._item
        body, cut = self._items(items, room - len(open_) - len(close), depth + 1, path + (id(value),), render)
        return open_ + body + close, cut


def _list(r, value, room, depth, path):
    return r._sequence(value, list.__iter__(value), room, depth, path, "[", "]")


def _tuple(r, value, room, depth, path):
    close = ",)" if tuple.__len__(value) == 1 else ")"
    return r._sequence(value, tuple.__iter__(value), room, depth, path, "(", close)


def _dict(r, value, room, depth, path):
    cls = type(value)
    items = (collections.OrderedDict.items if issubclass(cls, collections.OrderedDict) else dict.items)(value)
    if cls is dict:
        return r._sequence(value, iter(items), room, depth, path, "{", "}", pair=True)
    prefix = type_name(cls) + "("
    if issubclass(cls, collections.defaultdict):
        prefix += r._render(collections.defaultdict.default_factory.__get__(value), 100, depth, path)[0] + ", "
    return r._sequence(value, iter(items), room, depth, path, prefix + "{", "})", pair=True)


def _set(r, value, room, depth, path):
    cls = type(value)
    size = _size_of(value)
    if cls is set:
        if not size:
            return "set()", False
        return r._sequence(value, set.__iter__(value), room, depth, path, "{", "}")
    name = type_name(cls)
    if not size:
        return name + "()", False
    iterate = set.__iter__ if issubclass(cls, set) else frozenset.__iter__
    return r._sequence(value, iterate(value), room, depth, path, name + "({", "})")


def _deque(r, value, room, depth, path):
    maxlen = collections.deque.maxlen.__get__(value)
    close = "])" if maxlen is None else "], maxlen=%d)" % maxlen
    return r._sequence(value, collections.deque.__iter__(value), room, depth, path, type_name(type(value)) + "([", close)


def _array(r, value, room, depth, path):
    typecode = array.array.typecode.__get__(value)
    if not array.array.__len__(value):
        return "array(%r)" % typecode, False
    return r._sequence(value, array.array.__iter__(value), room, depth, path, "array(%r, [" % typecode, "])")


def _bound_method(method):
    """Like the method's own repr, but the object it is bound to is shown without its
    __repr__: a method's text should not cost what its object's text costs."""
    func = types.MethodType.__func__.__get__(method)
    qualname = find_in_mro(type(func), "__qualname__")
    name = qualname.__get__(func) if type(qualname) is _GETSET else type_name(type(func))
    return "<bound method %s of %s>" % (name, default_repr(types.MethodType.__self__.__get__(method)))


def _text(value, impl, room):
    """str, bytes, bytearray: only the shown part is converted."""
    base = _TEXT_REPRS[impl]
    size = base.__len__(value)
    if size <= room:
        return impl(value), False
    head = base.__getitem__(value, slice(0, room))
    text = impl(head)
    closing = text[-2:] if impl is bytearray.__repr__ else text[-1:]
    return text[:-len(closing)] + "..." + closing, True


def _cut(text, room):
    if len(text) <= room:
        return text, False
    return text[:max(room, 0)] + "...", True


def _annotated(value, note):
    return default_repr(value)[:-1] + "; " + note + ">"


def exception_text(exc):
    try:
        message = str(exc)
    except BaseException:
        message = "(its message cannot be shown)"
    name = type_name(type(exc))
    return "%s: %s" % (name, message) if message else name


def _size_of(value):
    cls = type(value)
    for base in _SIZED:
        if issubclass(cls, base):
            return base.__len__(value)
    return None


def _true_length(value):
    cls = type(value)
    if issubclass(cls, int):
        return " (%d bits)" % int.bit_length(value)
    size = _size_of(value)
    if size is None:
        return ""
    return " (%d %s)" % (size, "characters" if issubclass(cls, (str, bytes, bytearray)) else "items")


_SIZED = (str, bytes, bytearray, list, tuple, dict, set, frozenset, collections.deque, array.array)

_CONTAINERS = {
    list.__repr__: _list,
    tuple.__repr__: _tuple,
    dict.__repr__: _dict,
    collections.OrderedDict.__repr__: _dict,
    collections.defaultdict.__repr__: _dict,
    collections.Counter.__repr__: _dict,
    set.__repr__: _set,
    frozenset.__repr__: _set,
    collections.deque.__repr__: _deque,
    array.array.__repr__: _array,
}

_METHOD_REPR = types.MethodType.__repr__
_GETSET = type(types.FunctionType.__dict__["__code__"])

_TEXT_REPRS = {str.__repr__: str, bytes.__repr__: bytes, bytearray.__repr__: bytearray}

# Builtin reprs that run no program code and stay short.
_SAFE_REPRS = frozenset(
    find_in_mro(cls, "__repr__") for cls in (
        object, bool, float, complex, type(None), type(Ellipsis), type(NotImplemented), range,
        type, types.FunctionType, types.BuiltinFunctionType, types.CodeType, types.FrameType,
        types.GeneratorType, types.CoroutineType, types.CellType, memoryview,
    )
)
