"""Logpoint messages: text with {expression} fields, parsed and compiled once when the
breakpoint is set, rendered in the frame that reached it. A logpoint never stops.

Fields follow f-string rules: {expr}, {expr!r}, {expr:spec}; {{ and }} are literal
braces. A field that fails at run time shows the error in place of its value, so the
rest of the message still arrives."""

from ..frames import source_of
from .conditions import InvalidSetting, compile_expression, describe_exception

_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {")", "]", "}"}
_CONVERSIONS = {"r": repr, "s": str, "a": ascii}
# A field's text is cut here: a logpoint is a line of log, not a dump of a container.
MAX_FIELD_CHARS = 4096


class Field:
    __slots__ = ("expression", "code", "convert", "spec")

    def __init__(self, text, column):
        expression, convert, spec = _split_field(text)
        self.expression = expression
        self.code = compile_expression(expression, "logMessage field {%s} at column %d" % (text, column))
        self.convert = _CONVERSIONS[convert] if convert else None
        self.spec = spec

    def render(self, frame):
        try:
            value = eval(self.code, frame.f_globals, frame.f_locals)
            if self.convert is not None:
                value = self.convert(value)
            text = format(value, self.spec)
        except Exception as exc:
            return "<%s>" % describe_exception(exc)
        if len(text) > MAX_FIELD_CHARS:
            text = text[:MAX_FIELD_CHARS] + "…"
        return text


class LogMessage:
    """A logpoint's message: literal text and compiled fields, in order."""

    __slots__ = ("template", "_parts")

    def __init__(self, template):
        self.template = template
        self._parts = parse(template)

    def render(self, frame):
        return "".join(part if isinstance(part, str) else part.render(frame) for part in self._parts)

    def output_event(self, frame):
        """The body of the output event for one hit at frame."""
        return {
            "category": "console",
            "output": self.render(frame) + "\n",
            "source": source_of(frame),
            "line": frame.f_lineno,
        }


def parse(template):
    """The literal strings and Fields of template; raises InvalidSetting on a field
    that is never closed, empty, or does not compile."""
    parts, literal, i, n = [], [], 0, len(template)
    while i < n:
        ch = template[i]
        if ch in "{}" and template.startswith(ch * 2, i):
            literal.append(ch)
            i += 2
        elif ch == "{":
            end = _field_end(template, i + 1)
            if end is None:
                raise InvalidSetting("logMessage: the '{' at column %d is never closed (write {{ for a brace)" % (i + 1))
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Field(template[i + 1:end], i + 1))
            i = end + 1
        else:  # a lone '}' is taken literally
            literal.append(ch)
            i += 1
    if literal:
        parts.append("".join(literal))
    return parts


def _field_end(text, start):
    """Index of the '}' closing the field that starts at start; None if there is none."""
    for i, ch in _top_level(text, start):
        if ch in _CLOSERS:
            return i if ch == "}" else None
    return None


def _top_level(text, start):
    """(index, character) of text from start on, for the characters outside string
    literals and brackets (a closing bracket with no opener among them)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "'\"":
            i = _string_end(text, i)
            continue
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif depth == 0:
            yield i, ch
        i += 1


def _string_end(text, i):
    """Index just past the string literal starting at text[i] (or len(text))."""
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    i += len(quote)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(quote, i):
            return i + len(quote)
        else:
            i += 1
    return len(text)


def _split_field(text):
    """expression, conversion and format spec of a field's text: the first '!' or ':'
    outside brackets and strings starts them, as in an f-string ('!=' is an operator)."""
    for i, ch in _top_level(text, 0):
        if ch == "!" and not text.startswith("!=", i):
            convert, _, spec = text[i + 1:].partition(":")
            if convert not in _CONVERSIONS:
                raise InvalidSetting("logMessage field {%s}: the conversion must be !r, !s or !a" % text)
            return text[:i], convert, spec
        if ch == ":":
            return text[:i], None, text[i + 1:]
    return text, None, ""
