"""Scopes and variables of a suspended frame (a flat view: name, value, type)."""

_LIMIT = 1000


def safe_repr(value):
    try:
        text = repr(value)
    except BaseException as exc:  # a user __repr__ must never break the debugger
        text = "<repr raised %s: %s>" % (type(exc).__name__, exc)
    if len(text) > _LIMIT:
        text = text[:_LIMIT] + "... (%d characters)" % len(text)
    return text


class Scope:
    __slots__ = ("name", "mapping")

    def __init__(self, name, mapping):
        self.name = name
        self.mapping = mapping


def scopes(agent, thread_id, frame):
    result = []
    for name, mapping in (("Locals", frame.f_locals), ("Globals", frame.f_globals)):
        result.append({
            "name": name,
            "presentationHint": "locals" if name == "Locals" else "globals",
            "variablesReference": agent.handles.add(thread_id, Scope(name, mapping)),
            "expensive": False,
        })
    return {"scopes": result}


def variables(agent, thread_id, container):
    items = []
    if isinstance(container, Scope):
        for name, value in list(container.mapping.items()):
            items.append({
                "name": str(name),
                "value": safe_repr(value),
                "type": type(value).__name__,
                "variablesReference": 0,
            })
    return {"variables": items}
