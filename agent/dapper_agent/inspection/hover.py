"""Evaluating an expression without running any of the program's code, for hovers and
completions: names, attributes found statically (attributes.lookup), and subscripts of
builtin containers by literal keys. Anything else (a call, an operator, a property) is
refused with a RequestError saying why.
"""

import ast
import builtins
import collections

from ..transport.requests import RequestError
from . import attributes
from .attributes import NotEvaluated
from .saferepr import exception_text

# Containers whose __getitem__ is the builtin one: reading an item runs no program code.
_SUBSCRIPTABLE = (list, tuple, dict, str, bytes, bytearray, range, collections.deque)
_KEYS = (int, str, bytes, bool, float, type(None))


def namespaces_of(frame, global_ns):
    """Where names are looked up, in order."""
    builtin_ns = global_ns.get("__builtins__", builtins)
    if not isinstance(builtin_ns, dict):
        builtin_ns = vars(builtin_ns)
    if frame is None:
        return (global_ns, builtin_ns)
    return (frame.f_locals, global_ns, builtin_ns)


def static_value(text, lookup_order):
    """The value of text, a hover-safe expression, in the namespaces lookup_order."""
    try:
        tree = ast.parse(text.strip(), "<hover>", "eval")
    except (SyntaxError, ValueError) as exc:
        raise RequestError(exception_text(exc))
    return _value(tree.body, lookup_order, text)


def _value(node, lookup_order, text):
    if isinstance(node, ast.Name):
        for namespace in lookup_order:
            if node.id in namespace:
                return namespace[node.id]
        raise RequestError("NameError: name %r is not defined" % node.id)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _value(node.operand, lookup_order, text)
        if type(operand) in (int, float):
            return -operand if isinstance(node.op, ast.USub) else operand
    elif isinstance(node, ast.Attribute):
        owner = _value(node.value, lookup_order, text)
        try:
            return attributes.lookup(owner, node.attr)
        except NotEvaluated as exc:
            raise RequestError("%s: not evaluated on hover, as that would run the program's code" % exc)
        except AttributeError as exc:
            raise RequestError("AttributeError: %s" % exc)
    elif isinstance(node, ast.Subscript):
        return _item(node, lookup_order, text)
    elif isinstance(node, ast.Tuple):
        return tuple(_value(element, lookup_order, text) for element in node.elts)
    raise RequestError("%r is not evaluated on hover: only names, attributes and items are, "
                       "so that no code of the program runs" % text)


def _item(node, lookup_order, text):
    container = _value(node.value, lookup_order, text)
    base = next((b for b in _SUBSCRIPTABLE if issubclass(type(container), b)), None)
    index = node.slice
    if isinstance(index, ast.Index):  # Python 3.8 style trees, on 3.9 only
        index = index.value
    if isinstance(index, ast.Slice):
        key = slice(*(None if part is None else _value(part, lookup_order, text)
                      for part in (index.lower, index.upper, index.step)))
        if base is collections.deque:
            base = None
    else:
        key = _value(index, lookup_order, text)
    if base is None or not _is_plain_key(key):
        raise RequestError("%r is not evaluated on hover: only items of builtin containers are" % text)
    try:
        return base.__getitem__(container, key)
    except Exception as exc:
        raise RequestError("%s: %s" % (type(exc).__name__, exc))


def _is_plain_key(key):
    if type(key) is tuple:
        return all(_is_plain_key(part) for part in key)
    if type(key) is slice:
        return all(part is None or type(part) is int for part in (key.start, key.stop, key.step))
    return type(key) in _KEYS
