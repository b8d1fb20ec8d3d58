"""The debugger's side of the checks that code copies hold: what it plans for each
breakpoint, which checks stay live as breakpoints change, and the hit counts the
checks call."""

import os
import shutil
import tempfile
import unittest

from dapper_agent.checked_lines import NEVER
from dapper_agent.debugger import Debugger
from dapper_agent.handles import Handles
from dapper_agent.paths import canonical
from support import RecordingChannel

PROGRAM = """\
def work(x):
    y = x + 1
    return y
"""


class PlanTests(unittest.TestCase):
    def setUp(self):
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        self.path = os.path.join(directory, "program.py")
        with open(self.path, "w") as f:
            f.write(PROGRAM)
        self.debugger = Debugger(RecordingChannel(), Handles())
        self.debugger.configure({"program": self.path, "cwd": directory})
        self.counts = self.debugger.checked._counts

    def set(self, *specs):
        bps = self.debugger.set_breakpoints(self.path, list(specs), {"path": self.path})
        self.assertTrue(all(bp.verified for bp in bps), [bp.message for bp in bps])
        return self.debugger.breakpoint_plans()[canonical(self.path)]

    def test_each_breakpoint_gets_a_key_and_its_condition(self):
        plan = self.set({"line": 2, "condition": " x > 1 "}, {"line": 3})
        (key2, condition2), (key3, condition3) = plan[2], plan[3]
        self.assertNotEqual(key2, key3)
        self.assertEqual((condition2, condition3), ("x > 1", None))

    def test_the_hit_count_a_check_calls_is_its_breakpoints(self):
        plan = self.set({"line": 2, "hitCondition": "%3"})
        count = self.counts[plan[2][0]]
        self.assertEqual([count() for _ in range(6)], [False, False, True, False, False, True])

    def test_a_changed_condition_makes_a_new_key_and_the_old_one_answers_never(self):
        old = self.set({"line": 2, "condition": "x > 1"})[2][0]
        new = self.set({"line": 2, "condition": "x > 2"})[2][0]
        self.assertNotEqual(old, new)
        self.assertIs(self.counts[old], NEVER)
        self.assertIsNot(self.counts[new], NEVER)

    def test_the_same_breakpoint_sent_again_keeps_its_key_and_count(self):
        first = self.set({"line": 2, "hitCondition": ">1"})[2][0]
        count = self.counts[first]
        count()
        again = self.set({"line": 2, "hitCondition": ">1"}, {"line": 3})[2][0]
        self.assertEqual(first, again)
        self.assertTrue(self.counts[again]())  # the second hit: > 1

    def test_a_removed_breakpoint_answers_never(self):
        key = self.set({"line": 2})[2][0]
        self.debugger.set_breakpoints(self.path, [], {"path": self.path})
        self.assertEqual(self.debugger.breakpoint_plans(), {})
        self.assertIs(self.counts[key], NEVER)


if __name__ == "__main__":
    unittest.main()
