"""The attributes of an object as they can be found without running the program's
code: the instance __dict__, __slots__ and what the classes define. Never __getattr__,
never __getattribute__, never a property's getter: a property is reported as lazy, to
be evaluated only when the user asks for it.

Builtin (C) types contribute their members and getset descriptors (an exception's
args, a datetime's year); their methods are left out as noise.
"""

import types

from .saferepr import find_in_mro

_HEAPTYPE = 1 << 9
_MRO = type.__dict__["__mro__"].__get__
_NAMESPACE = type.__dict__["__dict__"].__get__
_FLAGS = type.__dict__["__flags__"].__get__

_MEMBER = type(types.FunctionType.__dict__["__globals__"])
_GETSET = type(types.FunctionType.__dict__["__code__"])
# Getsets that must not be read: they create an empty dict when missing (3.10+), raise,
# or are shown on their own.
_NOT_READ = frozenset(("__dict__", "__weakref__", "__annotations__", "__abstractmethods__"))

FUNCTION_TYPES = (
    types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.MethodWrapperType,
    types.WrapperDescriptorType, types.MethodDescriptorType, types.ClassMethodDescriptorType,
    staticmethod, classmethod,
)

# Descriptors whose __get__ is builtin: a function becomes a bound method, and so on.
_BOUND_BY_C = (types.FunctionType, classmethod, staticmethod)

# Attribute kinds.
DATA, LAZY, FAILED = "data", "lazy", "failed"


class Attribute:
    """One attribute: its value (DATA), the descriptor that would compute it (LAZY), or
    the exception reading it raised (FAILED). read_only: it cannot be assigned."""

    __slots__ = ("name", "kind", "value", "read_only")

    def __init__(self, name, kind, value, read_only=False):
        self.name = name
        self.kind = kind
        self.value = value
        self.read_only = read_only


def is_special(name):
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def is_function(value):
    return issubclass(type(value), FUNCTION_TYPES)


def is_heap_type(cls):
    return bool(_FLAGS(cls) & _HEAPTYPE)


def instance_dict(obj):
    """obj.__dict__ read through the type's own slot, or None."""
    slot = find_in_mro(type(obj), "__dict__")
    if type(slot) in (_GETSET, _MEMBER):
        try:
            namespace = slot.__get__(obj, type(obj))
        except Exception:
            return None
        if issubclass(type(namespace), (dict, types.MappingProxyType)):
            return namespace
    return None


def _is_data_descriptor(value):
    cls = type(value)
    return find_in_mro(cls, "__set__") is not None or find_in_mro(cls, "__delete__") is not None


def _class_attribute(obj, cls, name, value, read=True):
    """How obj shows an attribute its class defines, or None to leave it out. With
    read=False, slots and getsets are not read (their value is None)."""
    kind = type(value)
    if kind is _MEMBER or kind is _GETSET:
        if name in _NOT_READ:
            return None
        if not read:
            return Attribute(name, DATA, None)
        try:
            return Attribute(name, DATA, value.__get__(obj, cls))
        except AttributeError:
            return None  # an empty slot
        except Exception as exc:
            return Attribute(name, FAILED, exc)
    if kind in _BOUND_BY_C:  # bind as the attribute access would; runs no program code
        return Attribute(name, DATA, value.__get__(obj, type(obj)))
    if issubclass(kind, property):
        return Attribute(name, LAZY, value, read_only=value.fset is None)
    if _is_data_descriptor(value) or find_in_mro(kind, "__get__") is not None and not is_function(value):
        return Attribute(name, LAZY, value)
    return Attribute(name, DATA, value)


def listing(obj, class_cache=None, read=True):
    """Every attribute of obj that can be shown, by name, unordered. read=False: only
    to count them, without reading slots and getsets (C code, possibly costly)."""
    cls = type(obj)
    found = {"__class__": Attribute("__class__", DATA, cls)}
    namespace = instance_dict(obj)
    shadowing = _shadowing_descriptors(cls, class_cache)
    for name, attribute in shadowing.items():
        found[name] = attribute
    if namespace is not None:
        found["__dict__"] = Attribute("__dict__", DATA, namespace, read_only=True)
        for name, value in namespace.items():
            if type(name) is str and name not in shadowing:
                found[name] = Attribute(name, DATA, value)
    for base in _MRO(cls):
        if base is object:
            continue
        builtin = not is_heap_type(base)
        for name, value in _NAMESPACE(base).items():
            if name in found or name in _NOT_READ or builtin and type(value) not in (_MEMBER, _GETSET):
                continue
            attribute = _class_attribute(obj, base, name, value, read)
            if attribute is not None:
                found[name] = attribute
    return found


def _shadowing_descriptors(cls, class_cache):
    """Data descriptors of the classes (properties, slots, getsets), which win over the
    instance __dict__; cached per class for one request."""
    if class_cache is not None and cls in class_cache:
        return class_cache[cls]
    result = {}
    seen = set()
    for base in _MRO(cls):
        for name, value in _NAMESPACE(base).items():
            if name in seen:
                continue
            seen.add(name)
            if issubclass(type(value), property):
                result[name] = Attribute(name, LAZY, value, read_only=value.fset is None)
    if class_cache is not None:
        class_cache[cls] = result
    return result


class NotEvaluated(Exception):
    """The attribute exists but reading it would run the program's code."""


def lookup(obj, name):
    """obj.<name> found statically. Raises AttributeError if there is none, and
    NotEvaluated for a property or another computed attribute."""
    cls = type(obj)
    if name == "__class__":
        return cls
    defined = find_in_mro(cls, name, _MISSING)
    if defined is not _MISSING and _is_data_descriptor(defined):
        attribute = _class_attribute(obj, cls, name, defined)
        return _value_of(attribute, obj, name)
    namespace = instance_dict(obj)
    if namespace is not None and name in namespace:
        return namespace[name]
    if issubclass(cls, type):
        value = find_in_mro(obj, name, _MISSING)
        if value is not _MISSING:
            return value
    if defined is not _MISSING:
        return _value_of(_class_attribute(obj, cls, name, defined), obj, name)
    raise AttributeError("%r has no attribute %r that can be read without running its code"
                         % (type.__dict__["__name__"].__get__(cls), name))


def _value_of(attribute, obj, name):
    if attribute is None:
        raise AttributeError(name)
    if attribute.kind == LAZY:
        raise NotEvaluated("%s is computed by a %s" % (name, type(attribute.value).__name__))
    if attribute.kind == FAILED:
        raise attribute.value
    return attribute.value


_MISSING = object()
