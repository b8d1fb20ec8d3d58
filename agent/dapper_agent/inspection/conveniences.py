"""pdb's convenience variables in what the user evaluates: $_frame (the frame
evaluated in), $_exception (the exception the thread is stopped for), $_retval (the
value a return stop shows), and any $name the user assigns, kept for the session.

A $name outside string literals becomes a lookup in a mapping that the evaluation's
globals hold under a reserved name while it runs (every other thread is stopped
meanwhile, so the program cannot see it).
"""

import collections
import io
import tokenize

NAME = "__dapper_conveniences__"
_user = {}  # $name = value, as the user set them


class Conveniences(collections.ChainMap):
    """The user's variables first (where assignments go), then the stop's own."""

    def __missing__(self, key):
        raise NameError("$%s is not set here" % key)


def for_stop(frame, exception=None, returned=None):
    """The convenience variables at a stop in frame."""
    specials = {"_frame": frame}
    if exception is not None:
        specials["_exception"] = exception
    if returned:
        specials["_retval"] = returned[-1][1]
    return Conveniences(_user, specials)


def substitute(text):
    """text with each $name replaced by its lookup; None when it names none."""
    if "$" not in text:
        return None
    pieces, last, found = [], 0, False
    offsets = _line_offsets(text)
    dollar = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            start = offsets[tok.start[0] - 1] + tok.start[1]
            if tok.string == "$":
                dollar = start
            elif dollar is not None and tok.type == tokenize.NAME and start == dollar + 1:
                end = offsets[tok.end[0] - 1] + tok.end[1]
                pieces.append(text[last:dollar] + "%s[%r]" % (NAME, tok.string))
                last, found, dollar = end, True, None
            else:
                dollar = None
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    if not found:
        return None
    return "".join(pieces) + text[last:]


def _line_offsets(text):
    offsets, at = [], 0
    for line in io.StringIO(text):
        offsets.append(at)
        at += len(line)
    offsets.append(at)
    return offsets
