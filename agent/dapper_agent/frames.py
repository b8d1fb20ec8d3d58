"""Stack traces, with the agent's own frames left out; and the lines code runs.

With justMyCode on, library frames are hidden too, as debugpy does, unless the stack
has no user frame at all (a thread that runs only library code): then it is shown
whole, its frames marked "subtle". With justMyCode off every frame outside user code
is shown, marked "subtle".
"""

import dis
import os

from . import sources
from .paths import is_agent_file, is_user_file

# Code object flags, as inspect spells them: the values are CPython's, fixed since
# 3.6, and importing inspect (with tokenize and the rest) costs the start of every
# debugged program milliseconds.
CO_OPTIMIZED, CO_VARARGS, CO_VARKEYWORDS = 0x1, 0x4, 0x8
CO_COROUTINE, CO_ITERABLE_COROUTINE, CO_ASYNC_GENERATOR = 0x80, 0x100, 0x200


def visible_stack(frame, just_my_code, explicit=None):
    """frame and its callers (or the explicit frames), innermost first, as the client
    sees them."""
    stack = []
    if explicit is not None:
        stack = [f for f in explicit if not is_agent_file(f.f_code.co_filename)]
    while explicit is None and frame is not None:
        if not is_agent_file(frame.f_code.co_filename):
            stack.append(frame)
        frame = frame.f_back
    if just_my_code:
        mine = [f for f in stack if is_user_file(f.f_code.co_filename)]
        if mine:
            return mine
    return stack


def frame_name(code):
    return getattr(code, "co_qualname", code.co_name)


def source_of(frame):
    filename = frame.f_code.co_filename
    if filename.startswith("<frozen "):
        # A frozen standard module (runpy, importlib, ... from 3.11 on) runs from
        # memory; its __file__ still names the source, which the client can show.
        real = frame.f_globals.get("__file__")
        if isinstance(real, str) and real.endswith(".py") and os.path.isfile(real):
            filename = real
    if filename.startswith("<"):
        reference = sources.reference_for(frame)
        return {"name": filename, "sourceReference": reference} if reference else {"name": filename}
    return {"name": os.path.basename(filename), "path": filename}


def stack_trace(agent, thread_id, top, start=0, levels=0, explicit=None, fmt=None, show=repr):
    """The stackTrace body for the thread whose innermost frame is top (whose frames
    are explicit, innermost first, when given). fmt is the request's format (see
    formatted_name); show renders a parameter's value."""
    fmt = fmt or {}
    stack = visible_stack(top, agent.debugger.just_my_code and not fmt.get("includeAll"), explicit)
    total = len(stack)
    end = total if not levels else min(total, start + levels)
    frames = []
    for frame in stack[start:end]:
        code = frame.f_code
        entry = {
            "id": agent.handles.handle_for(thread_id, frame),
            "name": formatted_name(frame, fmt, show) if fmt else frame_name(code),
            "source": source_of(frame),
            "line": frame.f_lineno or 0,
            "column": 1,
        }
        if not is_user_file(code.co_filename):
            entry["presentationHint"] = "subtle"
        frames.append(entry)
    return {"stackFrames": frames, "totalFrames": total}


def formatted_name(frame, fmt, show):
    """A frame's name as a stackTrace format asks: "module.name(a=1, b: str='x') line
    12" with module, parameters (their names and values unless parameterNames or
    parameterValues is false, their types if parameterTypes) and line."""
    code = frame.f_code
    name = frame_name(code)
    module = frame.f_globals.get("__name__")
    if fmt.get("module") and isinstance(module, str):
        name = module + "." + name
    if fmt.get("parameters"):
        parts = []
        for param in _parameters(code):
            value = frame.f_locals.get(param)
            part = param if fmt.get("parameterNames", True) else ""
            if fmt.get("parameterTypes"):
                part += (": " if part else "") + type(value).__name__
            if fmt.get("parameterValues", True):
                part += ("=" if part else "") + show(value)
            parts.append(part)
        name += "(" + ", ".join(parts) + ")"
    if fmt.get("line"):
        name += " line %d" % (frame.f_lineno or 0)
    return name


def _parameters(code):
    """code's parameter names in the order of its signature: positional, *args,
    keyword-only, **kwargs (co_varnames holds the keyword-only ones before *args)."""
    names = code.co_varnames
    positional, keyword_only = code.co_argcount, code.co_kwonlyargcount
    params = list(names[:positional])
    at = positional + keyword_only
    if code.co_flags & CO_VARARGS:
        params.append(names[at])
        at += 1
    params += names[positional:positional + keyword_only]
    if code.co_flags & CO_VARKEYWORDS:
        params.append(names[at])
    return params


def code_lines(code):
    """Every line number at which code (and the code nested in it) starts a statement."""
    lines = set()
    stack = [code]
    while stack:
        co = stack.pop()
        if hasattr(co, "co_lines"):
            lines.update(line for _, _, line in co.co_lines() if line)
        else:
            lines.update(line for _, line in dis.findlinestarts(co))
        stack.extend(c for c in co.co_consts if hasattr(c, "co_code"))
    return lines


def own_lines(code):
    """The lines at which code itself (not the code nested in it) starts a statement:
    the lines a frame of code has line events at."""
    if hasattr(code, "co_lines"):
        return {line for _, _, line in code.co_lines() if line}
    return {line for _, line in dis.findlinestarts(code)}
