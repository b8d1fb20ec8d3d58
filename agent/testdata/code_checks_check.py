"""Checks the checks of code copies (tracing.rewrite, source_code, linetable) on the
running Python: run as `python code_checks_check.py` with the agent directory on
PYTHONPATH; prints "ok" or fails with an assertion.

For every line of checks_sample.py, with checks of every outcome: the copies' line
events, results, names and flags are those of the plain code; their constants are
plain values only, so they marshal and pickle by value; they run where the agent's
names are missing; and the check calls the agent exactly when it should."""

import builtins
import copyreg
import itertools
import marshal
import os
import pickle
import sys
import types

from dapper_agent.frames import code_lines, own_lines
from dapper_agent.tracing import rewrite, source_code

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "checks_sample.py")
KEY = 7
PLAIN_TYPES = (type(None), bool, int, float, complex, str, bytes, type(...))

with open(SAMPLE, "rb") as f:
    TEXT = f.read()
SOURCE = source_code.SourceCode(TEXT, SAMPLE)
MARKS = {n: line.split("# ", 1)[1].split(":")[0] for n, line in enumerate(TEXT.decode().splitlines(), 1)
         if "# checked" in line or "# traced" in line}


class Calls:
    """The agent's names in builtins, recording what checks call."""

    def __init__(self, fires=True):
        self.calls = []
        self.fires = fires

    def __enter__(self):
        fires = itertools.repeat(self.fires).__next__
        setattr(builtins, rewrite.HITS, {KEY: fires})
        setattr(builtins, rewrite.STOP, self.stop)
        return self

    def __exit__(self, *exc):
        delattr(builtins, rewrite.HITS)
        delattr(builtins, rewrite.STOP)

    def stop(self, held):
        frame = sys._getframe(1)
        self.calls.append((frame.f_lineno, held, type(sys.exc_info()[1]).__name__ if not held else None))
        return False


def traced_run(code, registry=None):
    """Run the module code and its run(), returning (result, line events in the sample).
    An exception a condition raises has its handler start a line of its own: the events
    inside a check (registry: the sites of the copies) are left out."""
    events = []
    namespace = {"__name__": "checks_sample", "__file__": SAMPLE}

    def record(frame):
        sites = (registry or {}).get(id(frame.f_code), (None, {}))[1]
        if not any(site.holds(frame.f_lasti) and frame.f_lasti not in site.starts for site in sites.values()):
            events.append((frame.f_code.co_name, frame.f_lineno))

    if sys.version_info >= (3, 12):
        mon = sys.monitoring
        mon.use_tool_id(3, "check")
        mon.register_callback(3, mon.events.LINE, lambda c, line: record(sys._getframe(1))
                              if c.co_filename == SAMPLE else None)
        mon.set_events(3, mon.events.LINE)
        try:
            exec(code, namespace)
            result = namespace["run"]()
        finally:
            mon.set_events(3, 0)
            mon.free_tool_id(3)
        return result, events

    def trace(frame, event, arg):
        if frame.f_code.co_filename != SAMPLE:
            return None
        if event == "line":
            record(frame)
        return trace

    sys.settrace(trace)
    try:
        exec(code, namespace)
        result = namespace["run"]()
    finally:
        sys.settrace(None)
    return result, events


def copy_of(checks, lines, hooks=False, registry=None):
    variant = SOURCE.variant(checks, hooks)
    return variant.copy_for(SOURCE.plain, frozenset(lines), hooks, {} if registry is None else registry)


def pairs(plain, copy):
    yield plain, copy
    for p, c in zip(rewrite.inner_code(plain), rewrite.inner_code(copy)):
        yield from pairs(p, c)


def assert_ordinary(copy):
    """Names and flags as plain code has them; constants plain values only."""
    for plain, scope in pairs(SOURCE.plain, copy):
        for name in rewrite.SAME_ATTRIBUTES:
            assert getattr(plain, name) == getattr(scope, name), (scope.co_name, name)
        assert own_lines(plain) == own_lines(scope), scope.co_name
        for const in scope.co_consts:
            stack = [const]
            while stack:
                value = stack.pop()
                if isinstance(value, (tuple, frozenset)):
                    stack.extend(value)
                else:
                    assert isinstance(value, PLAIN_TYPES + (types.CodeType,)), (scope.co_name, value)
    marshal.dumps(copy)


PLAIN_RESULT, PLAIN_EVENTS = traced_run(SOURCE.plain)


def check_every_line_keeps_events_results_and_names():
    for line in sorted(code_lines(SOURCE.plain)):
        for condition, fires in ((None, True), ("True", False), ("False", True), ("undefined_name_x", True)):
            registry = {}
            copy = copy_of([rewrite.Check(line, KEY, condition)], {line}, registry=registry)
            assert_ordinary(copy)
            with Calls(fires) as recorded:
                result, events = traced_run(copy, registry)
            where = "line %d, condition %r" % (line, condition)
            assert result == PLAIN_RESULT, (where, result)
            assert events == PLAIN_EVENTS, where
            placed = any(line in sites for _, sites in registry.values())
            mark = MARKS.get(line)
            assert mark is None or placed == (mark == "checked"), (where, mark, placed)
            reached = sum(1 for _, at in PLAIN_EVENTS if at == line)
            calls = recorded.calls
            assert all(at == line for at, _, _ in calls), (where, calls)
            if not placed or condition in ("True", "False"):
                assert calls == [], (where, calls)  # no check, or its hit never fires
            elif condition == "undefined_name_x":
                assert calls and all(held == 0 and exc == "NameError" for _, held, exc in calls), (where, calls)
            else:
                assert 1 <= len(calls) <= reached and all(held for _, held, _ in calls), (where, calls, reached)


def check_hooks_and_checks_together_keep_events():
    if sys.version_info >= (3, 12):
        return  # hooks serve sys.settrace only
    starts = []
    setattr(builtins, rewrite.HOOK, lambda *_: starts.append(sys._getframe(1).f_code.co_name))
    checked = [line for line, mark in MARKS.items() if mark == "checked"]
    copy = copy_of([rewrite.Check(line, KEY) for line in checked], code_lines(SOURCE.plain), hooks=True)
    assert_ordinary(copy)
    with Calls() as recorded:
        result, events = traced_run(copy)
    assert (result, events) == (PLAIN_RESULT, PLAIN_EVENTS)
    assert "simple" in starts and "<lambda>" in starts, starts
    assert {line for line, _, _ in recorded.calls} == set(checked), recorded.calls


def check_conditions_read_names_as_eval_in_the_frame():
    lines = {text: n for n, text in enumerate(TEXT.decode().splitlines(), 1)}
    at_inner = lines["        return x + offset + base  # checked"]
    at_class = lines["    doubled = sides * 2  # checked"]
    at_total = lines["    TOTAL += 1  # checked"]
    cases = [  # (line, condition, given a check, stops)
        (at_inner, "offset > 6 and base == 3 and x == 1", True, True),  # a free variable, a cell, a local
        (at_inner, "len(str(TOTAL)) > 0", True, True),  # builtins and globals
        (at_class, "sides == 3", True, True),  # a class body's namespace
        (at_inner, "inner is not None", False, False),  # a local of the enclosing function: eval cannot see it
        (at_inner, "[x for _ in 'a']", False, False),  # a scope of its own
        (at_inner, "(other := 1)", False, False),  # would make a new local
        (at_total, "(TOTAL := 5)", False, False),  # would assign a global
        (at_inner, "self.__private", False, False),  # a private name, mangled in a class
        (at_inner, "(x := x + 10) > 100", True, False),  # assigns the local, as eval in the frame would
    ]
    for line, condition, placed, stops in cases:
        registry = {}
        copy = copy_of([rewrite.Check(line, KEY, condition)], {line}, registry=registry)
        assert_ordinary(copy)
        assert any(line in sites for _, sites in registry.values()) == placed, condition
        with Calls() as recorded:
            result, _ = traced_run(copy)
        assert bool(recorded.calls) == stops, (condition, recorded.calls)
        assert all(call[:2] == (line, 1) for call in recorded.calls), (condition, recorded.calls)
        if ":= x" in condition:
            assert result[3] == PLAIN_RESULT[3] + 20, result


def check_copies_travel_to_a_process_without_the_agent():
    checked = [line for line, mark in MARKS.items() if mark == "checked"]
    copy = copy_of([rewrite.Check(line, KEY, "True") for line in checked], checked)
    data = pickle.dumps(copy)  # with the copyreg reduction below, as cloudpickle pickles code
    travelled = pickle.loads(data)
    assert travelled == copy
    for name in (rewrite.HITS, rewrite.STOP):
        assert not hasattr(builtins, name)
    result, _ = traced_run(travelled)
    assert result == PLAIN_RESULT, result


copyreg.pickle(types.CodeType, lambda code: (marshal.loads, (marshal.dumps(code),)))
check_every_line_keeps_events_results_and_names()
check_hooks_and_checks_together_keep_events()
check_conditions_read_names_as_eval_in_the_frame()
check_copies_travel_to_a_process_without_the_agent()
print("ok")
