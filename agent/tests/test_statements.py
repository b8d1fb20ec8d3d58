"""Continuation lines of multi-line statements: where a breakpoint on one binds."""

import ast
import unittest

from dapper_agent.breakpoints.statements import analyse
from dapper_agent.frames import code_lines

SOURCE = b'''\
names = [
    "ann",
]
def f(a,
      b):
    return a
for item in (
        names):
    pass
text = ("a"
        "b")
'''


class ContinuationTests(unittest.TestCase):
    def setUp(self):
        tree = ast.parse(SOURCE)
        self.starts = code_lines(compile(tree, "<test>", "exec"))
        self.continued, self.spans = analyse(tree, SOURCE.splitlines(), self.starts)

    def test_a_codeless_continuation_binds_to_its_statement(self):
        self.assertEqual(self.continued.get(3), 1)  # the closing bracket
        self.assertEqual(self.continued.get(11), 10)  # a string joined across lines

    def test_lines_with_code_of_their_own_are_not_remapped(self):
        for line in self.starts:
            self.assertNotIn(line, self.continued)

    def test_a_loop_header_is_no_span(self):
        self.assertNotIn(7, self.spans)
        self.assertEqual(self.spans.get(1), (1, 3))


if __name__ == "__main__":
    unittest.main()
