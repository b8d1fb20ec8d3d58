"""Running the user's expressions and statements in a frame of a suspended thread, or
in __main__ when there is no frame: the debug console, watches, and the values of
setVariable and setExpression. Assignments to the frame's variables stick.

The program's exceptions, SystemExit and KeyboardInterrupt included, come back as
RequestError with the exception's text: evaluating never ends or breaks the program.

Text may use `await` (see awaiting) and pdb's $ convenience variables (see
conveniences).
"""

import ast
import sys

from ..transport.requests import RequestError
from . import awaiting, conveniences, framelocals
from .saferepr import exception_text
from .timebox import Abandoned

NOTHING = object()  # statements ran and left no value to show

_FILENAME = "<debug console>"


def _parse(text, mode):
    try:
        return ast.parse(text, _FILENAME, mode)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise RequestError(exception_text(exc))


def _compile(tree, mode):
    try:
        return compile(tree, _FILENAME, mode, flags=awaiting.FLAGS, dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        raise RequestError(exception_text(exc))


def run(frame, text, statements=False, box=None, names=None):
    """The value of the expression text in frame; with statements=True, text may also
    be statements, whose last expression (if any) gives the value, else NOTHING. box:
    a TimeBox bounding the run (None: unbounded, as the user asked for it). names: the
    convenience variables ($name) of the stop."""
    source = text.strip()
    if not source:
        raise RequestError("nothing to evaluate")
    replaced = conveniences.substitute(source)
    if replaced is not None:
        source, names = replaced, names if names is not None else conveniences.for_stop(frame)
    else:
        names = None
    if not statements:
        tree = _parse(source, "eval")
        return _execute(frame, None, _compile(tree, "eval"), box, _has_nested_scope(tree), names)
    module = _parse(source, "exec")
    nested = _has_nested_scope(module)
    last = module.body[-1] if module.body else None
    if isinstance(last, ast.Expr):
        head = ast.Module(body=module.body[:-1], type_ignores=[])
        tail = ast.Expression(body=last.value)
        return _execute(frame, _compile(head, "exec"), _compile(tail, "eval"), box, nested, names)
    _execute(frame, _compile(module, "exec"), None, box, nested, names)
    return NOTHING


def _has_nested_scope(tree):
    """Does the code compile to nested code (a lambda, a generator expression...)
    that reads the frame's locals as globals? Only then are they merged into the
    globals (framelocals.lookup_globals): it would hide the real ones from globals()
    and `global` statements."""
    return any(isinstance(node, _NESTED_SCOPES) for node in ast.walk(tree))


_NESTED_SCOPES = (ast.Lambda, ast.GeneratorExp, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
if sys.version_info < (3, 12):  # comprehensions are inlined from 3.12 on (PEP 709)
    _NESTED_SCOPES += (ast.ListComp, ast.SetComp, ast.DictComp)


def _execute(frame, statements, expression, box, nested, names=None):
    global_ns, local_ns = framelocals.namespaces(frame)
    run_globals = framelocals.lookup_globals(frame, local_ns) if nested else global_ns
    value = NOTHING
    if names is not None:
        run_globals[conveniences.NAME] = names
    try:
        if statements is not None:
            _call(box, awaiting.run_code, statements, run_globals, local_ns, True)
        if expression is not None:
            value = _call(box, awaiting.run_code, expression, run_globals, local_ns, False)
    except Abandoned as exc:
        raise RequestError("evaluation %s" % exc)
    except BaseException as exc:  # the program's error, whatever it is, is the answer
        raise RequestError(exception_text(exc))
    finally:
        if names is not None:
            run_globals.pop(conveniences.NAME, None)
        framelocals.commit(frame)
        _flush_output()
    return value


def _call(box, func, *args):
    return func(*args) if box is None else box.call(func, *args)


def _flush_output():
    """Printed text goes out before the response (a print without a newline too)."""
    stream = sys.stdout
    try:
        if stream is not None:
            stream.flush()
    except Exception:
        pass


def assign(frame, target, value_text):
    """Run `target = value_text` in frame; the new value of target."""
    value = run(frame, value_text)
    target_tree = _parse(target.strip(), "eval").body
    if not _assignable(target_tree):
        raise RequestError("%r cannot be assigned to" % target)
    if isinstance(target_tree, ast.Name) and not framelocals.is_local(frame, target_tree.id):
        global_ns, _ = framelocals.namespaces(frame)
        if target_tree.id in global_ns:
            global_ns[target_tree.id] = value
            return value
    statement = ast.Module(body=[ast.Assign(targets=[_as_store(target_tree)], value=ast.Name("__dapper_value", ast.Load()))],
                           type_ignores=[])
    ast.fix_missing_locations(statement)
    global_ns, local_ns = framelocals.namespaces(frame)
    run_globals = dict(framelocals.lookup_globals(frame, local_ns))
    run_globals["__dapper_value"] = value
    try:
        exec(_compile(statement, "exec"), run_globals, local_ns)
    except BaseException as exc:
        raise RequestError(exception_text(exc))
    finally:
        framelocals.commit(frame)
    return value


def _assignable(node):
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_assignable(element) for element in node.elts)
    return isinstance(node, (ast.Name, ast.Attribute, ast.Subscript))


def _as_store(node):
    node.ctx = ast.Store()
    if isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            _as_store(element)
    return node
