"""Stack traces of suspended threads, with the agent's own frames left out."""

import os

from .paths import is_agent_file, is_user_file


def user_visible_stack(frame):
    """frame and its callers, innermost first, without agent frames."""
    stack = []
    while frame is not None:
        if not is_agent_file(frame.f_code.co_filename):
            stack.append(frame)
        frame = frame.f_back
    return stack


def frame_name(code):
    return getattr(code, "co_qualname", code.co_name)


def source_of(filename):
    if filename.startswith("<"):
        return {"name": filename}
    return {"name": os.path.basename(filename), "path": filename}


def stack_trace(agent, st, start=0, levels=0):
    stack = user_visible_stack(st.frame)
    total = len(stack)
    end = total if not levels else min(total, start + levels)
    frames = []
    for frame in stack[start:end]:
        code = frame.f_code
        entry = {
            "id": agent.handles.add(st.id, frame),
            "name": frame_name(code),
            "source": source_of(code.co_filename),
            "line": frame.f_lineno or 0,
            "column": 1,
        }
        if not is_user_file(code.co_filename):
            entry["presentationHint"] = "subtle"
        frames.append(entry)
    return {"stackFrames": frames, "totalFrames": total}
