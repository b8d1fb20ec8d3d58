"""The one interface between the tracing backends and the Debugger: the Debugger has
every member of tracing.protocol.DebuggerProtocol, and the backends use nothing else of
it, and import nothing of the agent but the core's helpers (paths, threads, frames,
errors)."""

import ast
import os
import unittest

import dapper_agent
from dapper_agent.debugger import Debugger
from dapper_agent.tracing.protocol import Backend, DebuggerProtocol

TRACING = os.path.join(os.path.dirname(dapper_agent.__file__), "tracing")
BACKENDS = (os.path.join(TRACING, "monitoring.py"), os.path.join(TRACING, "settrace", "backend.py"))


def members(cls):
    return {name: value for name, value in vars(cls).items() if not name.startswith("_")}


def tree_of(path):
    with open(path) as f:
        return ast.parse(f.read(), path)


def debugger_uses(tree):
    """The attributes read of `debugger` or `self._debugger` in a backend's code."""
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id == "debugger" \
                    or isinstance(owner, ast.Attribute) and owner.attr == "_debugger":
                used.add(node.attr)
    return used


class ProtocolTests(unittest.TestCase):
    def test_the_debugger_offers_every_member_of_the_protocol(self):
        for name, value in members(DebuggerProtocol).items():
            with self.subTest(member=name):
                offered = next((vars(c)[name] for c in Debugger.__mro__ if name in vars(c)), None)
                self.assertIsNotNone(offered, "Debugger has no %s" % name)
                self.assertIs(isinstance(offered, property), isinstance(value, property))

    def test_the_backends_use_only_the_protocol(self):
        protocol = set(members(DebuggerProtocol))
        for path in BACKENDS:
            with self.subTest(backend=os.path.relpath(path, TRACING)):
                used = debugger_uses(tree_of(path))
                self.assertTrue(used, "no use of the debugger found")
                self.assertEqual(used - protocol, set())

    def test_the_backends_offer_the_backend_interface(self):
        wanted = set(members(Backend))
        for path in BACKENDS:
            classes = [node for node in tree_of(path).body if isinstance(node, ast.ClassDef)
                       and node.name.endswith("Backend")]
            with self.subTest(backend=os.path.relpath(path, TRACING)):
                [backend] = classes
                offered = {n.name for n in backend.body if isinstance(n, ast.FunctionDef)}
                offered |= {t.id for n in backend.body if isinstance(n, ast.Assign) for t in n.targets
                            if isinstance(t, ast.Name)}
                self.assertEqual(wanted - offered, set())

    def test_tracing_imports_only_the_core_helpers(self):
        allowed = {"paths", "threads", "frames", "errors"}
        for directory, _, names in os.walk(TRACING):
            depth = os.path.relpath(directory, TRACING).count(os.sep) + (directory != TRACING) + 1
            for name in names:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(directory, name)
                for node in ast.walk(tree_of(path)):
                    if isinstance(node, ast.ImportFrom) and node.level > depth:
                        with self.subTest(module=os.path.relpath(path, TRACING), imports=node.module):
                            self.assertIn(node.module, allowed)


if __name__ == "__main__":
    unittest.main()
