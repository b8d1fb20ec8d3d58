"""Breakpoint conditions and hit conditions, compiled once when a breakpoint is set and
checked in the frame that reached it, on the thread that reached it.

A Trigger answers "does reaching this breakpoint count?": its condition must hold, and
then the hit count (hits where the condition held) must satisfy the hitCondition.
A condition that cannot compile, or a hitCondition outside the grammar, is refused when
the breakpoint is set (InvalidSetting); a condition that raises when evaluated raises
ConditionFailed, so that the caller stops there and says why instead of skipping it."""

import itertools
import operator
import re


class InvalidSetting(ValueError):
    """A condition, hitCondition or logMessage that cannot be used; its text is for the
    user (the breakpoint is then unverified with this message)."""


class ConditionFailed(Exception):
    """A condition raised when evaluated; its text is for the user."""


def describe_exception(exc):
    """Type and message, e.g. "NameError: name 'x' is not defined"; never raises."""
    try:
        text = str(exc)
    except Exception:
        text = "<unprintable %s>" % type(exc).__name__
    name = type(exc).__name__
    return "%s: %s" % (name, text) if text else name


def compile_expression(text, what):
    """Compile text as an expression (eval mode), or raise InvalidSetting saying
    which expression (what) is wrong and where."""
    if not isinstance(text, str):
        raise InvalidSetting("%s must be a string, not %r" % (what, text))
    source = text.strip()
    if not source:
        raise InvalidSetting("%s is empty" % what)
    try:
        return compile(source, "<%s>" % what, "eval", dont_inherit=True)
    except SyntaxError as exc:
        where = " at column %d" % exc.offset if exc.offset else ""
        raise InvalidSetting("%s %r does not compile: %s%s" % (what, source, exc.msg, where)) from None
    except (ValueError, OverflowError) as exc:  # e.g. a null byte, a huge literal
        raise InvalidSetting("%s %r does not compile: %s" % (what, source, exc)) from None


def _blank(text):
    return text is None or (isinstance(text, str) and not text.strip())


class Condition:
    """A condition expression, compiled once, evaluated in the breakpoint's frame."""

    __slots__ = ("text", "code")

    def __init__(self, text):
        self.text = text
        self.code = compile_expression(text, "condition")

    @classmethod
    def parse(cls, text):
        """A Condition, or None when text is blank."""
        return None if _blank(text) else cls(text)

    def holds(self, frame):
        try:
            return bool(eval(self.code, frame.f_globals, frame.f_locals))
        except Exception as exc:
            raise self.failure(exc) from None

    def failure(self, exc):
        """The ConditionFailed saying that evaluating this condition raised exc."""
        return ConditionFailed("condition %r raised %s" % (self.text.strip(), describe_exception(exc)))


_HIT_GRAMMAR = re.compile(r"\s*(==|>=|<=|>|<|%)?\s*(\d+)\s*\Z")

# Up to this N, %N counts with a cycle of N booleans; beyond, with arithmetic.
_CYCLE_LIMIT = 4096
ALWAYS = itertools.repeat(True).__next__  # the hit count of a breakpoint without a hitCondition


def _hit_answers(op, n):
    """An iterator of booleans: whether the 1st, 2nd, ... hit fires. Built of C iterators
    only, so that taking the next answer is one atomic step under the GIL (threads that
    hit at once each get their own hit) and costs no Python call."""
    no, yes = itertools.repeat(False), itertools.repeat(True)
    if op == "==":
        return itertools.chain(itertools.repeat(False, n - 1), (True,), no) if n >= 1 else no
    if op in (">", ">="):
        return itertools.chain(itertools.repeat(False, n if op == ">" else max(n - 1, 0)), yes)
    if op in ("<", "<="):
        return itertools.chain(itertools.repeat(True, n - 1 if op == "<" else n), no)
    if n <= _CYCLE_LIMIT:
        return itertools.cycle([False] * (n - 1) + [True])
    return map(operator.not_, map(n.__rmod__, itertools.count(1)))


class HitCondition:
    """N (the same as ==N), ==N, >N, >=N, <N, <=N or %N (every Nth hit)."""

    __slots__ = ("text", "_op", "_n")

    def __init__(self, text):
        self.text = text
        match = _HIT_GRAMMAR.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidSetting(
                "hitCondition %r is not one of N, ==N, >N, >=N, <N, <=N, %%N (N a whole number)" % text)
        op, n = match.group(1) or "==", int(match.group(2))
        if op == "%" and n == 0:
            raise InvalidSetting("hitCondition %r: %%0 would never break; use %%N with N >= 1" % text)
        self._op, self._n = op, n

    def counter(self):
        """A new hit count: a callable that counts one hit and tells whether it fires."""
        return _hit_answers(self._op, self._n).__next__


class Trigger:
    """The condition and hitCondition of one breakpoint, with its hit count."""

    __slots__ = ("condition", "hit_condition", "_hits")

    def __init__(self, condition=None, hit_condition=None):
        self.condition = Condition.parse(condition)
        self.hit_condition = None if _blank(hit_condition) else HitCondition(hit_condition)
        self._hits = ALWAYS if self.hit_condition is None else self.hit_condition.counter()

    @classmethod
    def parse(cls, condition=None, hit_condition=None):
        """A Trigger, or None when neither is given (the breakpoint always fires)."""
        trigger = cls(condition, hit_condition)
        if trigger.condition is None and trigger.hit_condition is None:
            return None
        return trigger

    def inherit(self, previous):
        """Carry on previous's hit count if it had the same condition and hitCondition:
        clients re-send every breakpoint of a file when any one of them changes."""
        if previous is not None and _text(self.condition) == _text(previous.condition) \
                and _text(self.hit_condition) == _text(previous.hit_condition):
            self._hits = previous._hits

    @property
    def count_hit(self):
        """The hit count: called once per hit (a pass where the condition held), it
        tells whether that hit fires. Code copies call it inline (tracing.rewrite)."""
        return self._hits

    def fires(self, frame):
        """True when this hit counts; raises ConditionFailed when the condition raises
        (such a hit is not counted)."""
        condition = self.condition
        if condition is not None and not condition.holds(frame):
            return False
        return self._hits()


def _text(part):
    return None if part is None else part.text.strip()
