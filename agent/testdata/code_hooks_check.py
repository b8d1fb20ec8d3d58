"""Checks the hooks of code copies and thread_tracing on the running Python: run as
`python code_hooks_check.py` with the agent directory on PYTHONPATH; prints "ok" or
fails with an assertion."""

import importlib.util
import os
import sys
import threading
import time

import builtins

from dapper_agent.tracing import code_copies, rewrite, source_code
from dapper_agent.tracing.settrace import thread_tracing
from dapper_agent.frames import own_lines

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "hooks_sample.py")


def load():
    spec = importlib.util.spec_from_file_location("hooks_sample", SAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def line_events(module):
    events = []

    def trace(frame, event, arg):
        if frame.f_code.co_filename == SAMPLE:
            events.append((frame.f_code.co_name, event, frame.f_lineno))
            return trace
        return None

    sys.settrace(trace)
    try:
        result = module.run()
    finally:
        sys.settrace(None)
    return result, events


def copy_for(source, code, lines):
    return source.variant((), True).copy_for(source.twin(code), frozenset(lines), True, {})


def hook_everything(module, hook):
    setattr(builtins, rewrite.HOOK, hook)
    with open(SAMPLE, "rb") as f:
        source = source_code.SourceCode(f.read(), SAMPLE)
    every_line = set(range(1, 200))
    for value in list(vars(module).values()) + list(vars(module.Shape).values()):
        function = getattr(value, "__wrapped__", None) or getattr(value, "fget", None) or value
        if hasattr(function, "__code__") and function.__code__.co_filename == SAMPLE:
            assert source.twin(function.__code__) is not None, function
            try:
                function.__code__ = copy_for(source, function.__code__, every_line)
            except source_code.Unhookable:
                assert function.__name__ == "only_docstring", function  # no place for a hook
    return source


def check_line_events_unchanged():
    plain_result, plain_events = line_events(load())
    module = load()
    hook_everything(module, lambda *_: None)
    result, events = line_events(module)
    assert result == plain_result, (result, plain_result)
    assert events == plain_events, "\n".join("%s %s" % pair for pair in zip(plain_events, events) if pair[0] != pair[1])


def check_hook_runs_in_scopes_with_lines_only():
    module = load()
    with open(SAMPLE, "rb") as f:
        source = source_code.SourceCode(f.read(), SAMPLE)
    starts = []

    def hook(*_):
        frame = sys._getframe(1)
        starts.append((frame.f_code.co_name, frame.f_lineno))

    setattr(builtins, rewrite.HOOK, hook)
    inner_line = max(own_lines(module.outer(0).__code__))  # `return a - n`
    module.outer.__code__ = copy_for(source, module.outer.__code__, {inner_line})
    assert module.outer(1)(5) == 4
    module.run()
    assert starts == [("inner", inner_line)] * 2, starts  # here, and in run()


def check_other_source_is_not_taken_for_the_file():
    with open(SAMPLE, "rb") as f:
        source = source_code.SourceCode(f.read(), SAMPLE)
    with open(SAMPLE) as f:
        changed = f.read().replace("return x + 1", "return x + 2")
    other = compile(changed, SAMPLE, "exec")
    plain_fn = [c for c in other.co_consts if getattr(c, "co_name", "") == "plain"][0]
    assert source.twin(plain_fn) is None
    assert source.twin(compile(open(SAMPLE).read(), SAMPLE, "exec")) is not None


def check_running_code_makes_hooked_functions():
    source_text = "def make():\n    return 1\nfirst = make\n"
    code = compile(source_text, "<check>", "exec")
    setattr(builtins, rewrite.HOOK, lambda *_: None)
    copy = copy_for(source_code.SourceCode(source_text, "<check>"), code, {2})
    before = {}
    exec(code, before)
    code_copies.patch_consts(code, copy)
    after = {}
    exec(code, after)
    assert before["make"].__code__ is not after["make"].__code__
    assert source_code.SourceCode(source_text, "<check>").twin(before["make"].__code__) is not None
    assert after["make"]() == 1


def check_tracing_switched_on_in_another_thread():
    if not thread_tracing.available:
        assert sys.version_info >= (3, 12), "thread_tracing unavailable on %s" % (sys.version,)
        return
    stop = threading.Event()
    lines = []

    def spin():
        while not stop.is_set():
            time.sleep(0.001)

    def local(frame, event, arg):
        if event == "line":
            lines.append(frame.f_lineno)
        return local

    def global_trace(frame, event, arg):
        return None

    t = threading.Thread(target=spin)
    t.start()
    while t.ident not in sys._current_frames():
        time.sleep(0.001)
    frame = sys._current_frames()[t.ident]
    while frame.f_code.co_name != "spin":
        frame = frame.f_back
    frame.f_trace = local
    thread_tracing.set_trace([t.ident], global_trace)
    deadline = time.monotonic() + 10
    while not lines and time.monotonic() < deadline:
        time.sleep(0.001)
    thread_tracing.set_trace([t.ident], None)
    stop.set()
    t.join()
    assert lines, "no line event from the other thread"
    assert sys.gettrace() is None


check_line_events_unchanged()
check_hook_runs_in_scopes_with_lines_only()
check_other_source_is_not_taken_for_the_file()
check_running_code_makes_hooked_functions()
check_tracing_switched_on_in_another_thread()
print("ok")
