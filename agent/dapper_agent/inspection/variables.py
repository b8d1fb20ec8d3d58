"""DAP scopes and variables of a suspended thread: what a variablesReference names
(a Node), and how a value becomes a DAP variable (View).

A frame has the scopes Locals and Globals, and "Return value" when a step stopped
after functions returned (see return_values_of) and the client did not turn
showReturnValue off. Children come from children.page, their text from SafeRepr;
a property is shown lazy and only evaluated when its own reference is expanded.
"""

from . import children, framelocals, tasks
from .attributes import DATA, FAILED, LAZY
from .children import GROUP, Child
from .saferepr import SafeRepr, exception_text, type_name
from .timebox import Abandoned

UNPAGED_LIMIT = 1000  # children returned when the client asks for all of a huge value

RETURN_VALUE = "Return value"


class Node:
    """What a variablesReference names. frame: where assigned values are evaluated."""

    __slots__ = ("frame",)

    def owner_of_children(self):
        """What the node's groups and properties belong to."""
        return getattr(self, "owner", self)


class ValueNode(Node):
    __slots__ = ("value", "evaluate_name")

    def __init__(self, frame, value, evaluate_name):
        self.frame = frame
        self.value = value
        self.evaluate_name = evaluate_name

    def owner_of_children(self):
        return self.value


class ScopeNode(Node):
    """Locals, Globals (a namespace) or Return value (a list of (name, value))."""

    __slots__ = ("name", "content")

    def __init__(self, frame, name, content):
        self.frame = frame
        self.name = name
        self.content = content

    def entries(self):
        if self.name == RETURN_VALUE:
            return [Child(name, DATA, value, read_only=True) for name, value in self.content]
        if self.name == tasks.SCOPE:
            return tasks.entries(self.content)
        if self.name == "Locals":
            return children.grouped(((str(k), DATA, v, False) for k, v in self.frame.f_locals.items()), None,
                                    attribute_access=False)
        found = children.grouped(((str(k), DATA, v, False) for k, v in self.content.items()), None,
                                 attribute_access=False)
        if framelocals.is_function_frame(self.frame):
            shadowed = self.frame.f_locals
            for child in _leaves(found):
                if child.name in shadowed:  # the bare name would show the local
                    child.evaluate_name = "globals()[%r]" % child.name
        return found


class GroupNode(Node):
    """'special variables' or 'function variables' of owner."""

    __slots__ = ("owner", "members")

    def __init__(self, frame, owner, members):
        self.frame = frame
        self.owner = owner
        self.members = members


class LazyNode(Node):
    """A property of owner, evaluated when this node is expanded."""

    __slots__ = ("owner", "child")

    def __init__(self, frame, owner, child):
        self.frame = frame
        self.owner = owner
        self.child = child


def _leaves(found):
    for child in found:
        if child.kind == GROUP:
            yield from child.value
        else:
            yield child


def return_values_of(st, frame, options):
    """The return values to show in frame's scopes, or ().

    The debugger records on the SuspendedThread (st.return_values) the functions that
    a step saw return on its way to this stop, as (name, value) pairs: the function a
    stepOut left, or the one a step went over the return of. They show as the "Return
    value" scope of the top frame only, unless the launch configuration sets
    showReturnValue to false."""
    if options.get("showReturnValue", True) is False or frame is not st.frame:
        return ()
    return st.return_values


class View:
    """Renders the values of one request. thread_id None: values cannot be expanded
    later (no suspended thread owns them)."""

    def __init__(self, agent, thread_id, box, slow_types, fmt=None, limit=None):
        self._agent = agent
        self._thread_id = thread_id
        self.box = box
        self.text = SafeRepr(box, hex=bool((fmt or {}).get("hex")), slow_types=slow_types)
        if limit is not None:
            self.text.limit = limit
        self._show_type = bool(agent.client.get("supportsVariableType"))
        self._class_cache = {}

    def _reference(self, node):
        if self._thread_id is None:
            return 0
        return self._agent.handles.add(self._thread_id, node)

    # -- scopes ----------------------------------------------------------------------

    def scopes(self, st, frame):
        result = []
        content = {"Locals": None, "Globals": frame.f_globals}
        returns = return_values_of(st, frame, self._agent.options)
        if returns:
            content[RETURN_VALUE] = list(returns)
        loop = tasks.loop_here()
        if loop is not None:
            content[tasks.SCOPE] = loop
        for name, value in content.items():
            node = ScopeNode(frame, name, value)
            result.append({
                "name": name,
                "presentationHint": {"Locals": "locals", "Globals": "globals", tasks.SCOPE: "tasks"}.get(
                    name, "returnValue"),
                "variablesReference": self._reference(node),
                "namedVariables": len(node.entries()),
                "expensive": False,
            })
        return result

    # -- children --------------------------------------------------------------------

    def children(self, node, start=0, count=None, filter=None):
        """The children of node, as Child objects, and how many were left out because
        the client asked for all of a huge value."""
        limit = count or UNPAGED_LIMIT + 1
        if isinstance(node, ValueNode):
            found = children.page(node.value, node.evaluate_name, start, limit, filter, self._key_text, self._class_cache)
        elif filter == "indexed":
            found = []
        elif isinstance(node, ScopeNode):
            found = node.entries()[start:start + limit]
        elif isinstance(node, GroupNode):
            found = node.members[start:start + limit]
        else:
            found = [self._resolve(node)]
        if count or len(found) <= UNPAGED_LIMIT:
            return found, 0
        total = sum(children.shape(node.value)) if isinstance(node, ValueNode) else len(found)
        return found[:UNPAGED_LIMIT], total - start - UNPAGED_LIMIT

    def _key_text(self, key):
        return self.text(key, limit=200)

    def _resolve(self, node):
        """A lazy property's value, computed now, as the one child of its node."""
        child = node.child
        try:
            value = self.box.call(child.value.__get__, node.owner, type(node.owner))
        except Abandoned as exc:
            return Child(child.name, FAILED, RuntimeError("getter %s" % exc), child.evaluate_name)
        except BaseException as exc:
            return Child(child.name, FAILED, exc, child.evaluate_name)
        return Child(child.name, DATA, value, child.evaluate_name, child.read_only)

    # -- variables -------------------------------------------------------------------

    def variable(self, child, frame, owner=None):
        """The DAP variable for child (of owner, for groups and properties)."""
        result = {"name": child.name}
        if child.kind == GROUP:
            result.update(value="", variablesReference=self._reference(GroupNode(frame, owner, child.value)),
                          namedVariables=len(child.value),
                          presentationHint={"kind": "virtual", "attributes": ["readOnly"]})
            return result
        if child.kind == LAZY:
            result.update(value="(...)", variablesReference=self._reference(LazyNode(frame, owner, child)),
                          presentationHint=_hint("property", child.read_only, lazy=True))
            if self._show_type:
                result["type"] = type_name(type(child.value))
        elif child.kind == FAILED:
            result.update(value="<%s>" % exception_text(child.value), variablesReference=0,
                          presentationHint=_hint("data", True))
        else:
            result.update(self.describe(child.value, child.evaluate_name, frame, child.read_only))
        if child.evaluate_name:
            result["evaluateName"] = child.evaluate_name
        return result

    def describe(self, value, evaluate_name, frame, read_only=False, key="value"):
        """value's text, type, reference and hint, as a variable (key "value") or an
        evaluate result (key "result") shows them."""
        indexed, named = children.shape(value, self._class_cache)
        result = {key: self.text(value), "variablesReference": 0}
        if indexed or named:
            result["variablesReference"] = self._reference(ValueNode(frame, value, evaluate_name))
            if result["variablesReference"]:
                if indexed:
                    result["indexedVariables"] = indexed
                if named:
                    result["namedVariables"] = named
        if self._show_type:
            result["type"] = type_name(type(value))
        result["presentationHint"] = _hint(_kind_of(value), read_only)
        return result

    def placeholder(self, child, reason):
        """A child whose value was not computed in time."""
        return {"name": child.name, "value": "<not shown: %s>" % reason, "variablesReference": 0}


def _kind_of(value):
    from .attributes import is_function

    cls = type(value)
    if issubclass(cls, type):
        return "class"
    if is_function(value):
        return "method"
    if issubclass(cls, property):
        return "property"
    return "data"


def _hint(kind, read_only, lazy=False):
    hint = {"kind": kind}
    if read_only:
        hint["attributes"] = ["readOnly"]
    if lazy:
        hint["lazy"] = True
    return hint


def assign_child(node, name, value):
    """Set the child `name` of node to value, as the program would."""
    if isinstance(node, ScopeNode):
        if node.name == RETURN_VALUE:
            raise TypeError("return values cannot be changed")
        if node.name == "Globals" or not framelocals.is_local(node.frame, name) and name in node.frame.f_globals:
            node.frame.f_globals[name] = value
            return
        namespace = node.frame.f_locals
        namespace[name] = value
        framelocals.commit(node.frame)
        return
    if isinstance(node, (GroupNode, LazyNode)):
        if isinstance(node.owner, ScopeNode):
            assign_child(node.owner, name, value)
        else:
            setattr(node.owner, name, value)
        return
    children.assign(node.value, name, value)
